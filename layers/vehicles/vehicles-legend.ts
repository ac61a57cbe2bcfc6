import { VEHICLE_KINDS } from '../../feeds/protocol/vehicle-frame.js';
import { STALE_LEGEND_NOTE, type LegendSpec } from '../common/legend-spec.js';
import { VEHICLE_KIND_COLORS, VEHICLE_KIND_LABELS } from './vehicle-style.js';

export const VEHICLES_LEGEND: LegendSpec = {
  id: 'vehicles',
  title: { vi: 'Phương tiện', en: 'Vehicles' },
  items: VEHICLE_KINDS.map((kind) => ({ label: VEHICLE_KIND_LABELS[kind], color: VEHICLE_KIND_COLORS[kind] })),
  note: STALE_LEGEND_NOTE,
};
