import type { Rgb } from '../common/colors.js';
import { VEHICLE_KINDS, type VehicleKind } from '../../feeds/protocol/vehicle-frame.js';
import type { LocalizedText } from '../../feeds/protocol/feed-data.js';

/**
 * Vehicle dots by kind (frame `kinds` code = VEHICLE_KINDS index). Cool hues, so they never read as a traffic-ramp
 * or AQI colour; emergency vehicles magenta, the one that must stand out.
 */
export const VEHICLE_KIND_COLORS: Readonly<Record<VehicleKind, Rgb>> = {
  car: [66, 165, 245],
  bus: [0, 191, 165],
  truck: [149, 117, 205],
  motorbike: [224, 224, 224],
  emergency: [255, 0, 170],
};
/** A kind code outside VEHICLE_KINDS (a newer hub). */
export const UNKNOWN_VEHICLE_COLOR: Rgb = [120, 120, 120];
export const VEHICLE_ALPHA = 230;
export const VEHICLE_RADIUS_PX = 3.5;

export const VEHICLE_KIND_LABELS: Readonly<Record<VehicleKind, LocalizedText>> = {
  car: { vi: 'Ô tô con', en: 'Car' },
  bus: { vi: 'Xe buýt', en: 'Bus' },
  truck: { vi: 'Xe tải', en: 'Truck' },
  motorbike: { vi: 'Xe máy', en: 'Motorbike' },
  emergency: { vi: 'Xe ưu tiên (cứu thương, cứu hỏa, công an)', en: 'Emergency vehicle' },
};

export function vehicleKindOf(code: number): VehicleKind | null {
  return VEHICLE_KINDS[code] ?? null;
}
