import { colorRamp, type Rgb } from '../common/colors.js';
import type { AccidentData } from '../../feeds/traffic/traffic-reducer.js';

/**
 * Speed ratio = measured km/h ÷ the segment's free-flow km/h. The ramp follows the convention of traffic maps
 * (green flowing … dark red jammed). Stops:
 *   ≥ 0.90 free flow  green     #1A9850
 *     0.70 slowing    yellow    #FEE000
 *     0.50 slow       orange    #FF8C00
 *     0.30 congested  red       #E02020
 *   ≤ 0.10 jam        dark red  #780010
 * interpolated in RGB between stops and clamped (faster than free flow is still green).
 */
export const SPEED_RATIO_DOMAIN = [0.1, 0.3, 0.5, 0.7, 0.9] as const;
export const SPEED_RATIO_COLORS: readonly Rgb[] = [
  [120, 0, 16],
  [224, 32, 32],
  [255, 140, 0],
  [254, 224, 0],
  [26, 152, 80],
];
export const speedRatioColor = colorRamp(SPEED_RATIO_DOMAIN, SPEED_RATIO_COLORS);

/** A segment with no speed measured yet. */
export const NO_SPEED_COLOR: Rgb = [150, 150, 150];

export type RoadClass = 'expressway' | 'national' | 'provincial' | 'other';

/**
 * Road class from the road reference (region pack ids): `CT.*` cao tốc (expressway), `QL.*` quốc lộ (national),
 * `ĐT.*`/`DT.*`/`TL.*` đường tỉnh (provincial).
 */
export function roadClassOf(road: string): RoadClass {
  const prefix = road.trim().toUpperCase();
  if (prefix.startsWith('CT')) return 'expressway';
  if (prefix.startsWith('QL')) return 'national';
  if (prefix.startsWith('ĐT') || prefix.startsWith('DT') || prefix.startsWith('TL')) return 'provincial';
  return 'other';
}

/** Line width in screen pixels by road class; the highlighted segment gets HIGHLIGHT_EXTRA_WIDTH more. */
export const ROAD_WIDTH_PX: Readonly<Record<RoadClass, number>> = { expressway: 7, national: 5, provincial: 3.5, other: 2.5 };
export const HIGHLIGHT_EXTRA_WIDTH_PX = 4;

export type AccidentSeverity = AccidentData['severity'];

/** Accident markers: filled by severity, always with a white outline and a "!" so they read over any jam colour. */
export const ACCIDENT_COLORS: Readonly<Record<AccidentSeverity, Rgb>> = {
  minor: [255, 179, 0],
  serious: [229, 57, 53],
  fatal: [33, 33, 33],
};
export const ACCIDENT_MARK_COLORS: Readonly<Record<AccidentSeverity, Rgb>> = {
  minor: [33, 33, 33],
  serious: [255, 255, 255],
  fatal: [255, 255, 255],
};
export const ACCIDENT_OUTLINE: Rgb = [255, 255, 255];
export const ACCIDENT_RADIUS_PX: Readonly<Record<AccidentSeverity, number>> = { minor: 9, serious: 10, fatal: 11 };
