import type { Rgb } from '../common/colors.js';

/**
 * Station colours are the OFFICIAL VN_AQI band RGB (QĐ 1459/QĐ-TCMT Bảng 1), taken from feeds/environment/bands.ts
 * — never restated here. Only the non-band states have colours of their own:
 */
/** Offline station: hollow ring in this grey (no fill), label "–". */
export const OFFLINE_COLOR: Rgb = [150, 150, 150];
/** Online but no hourly AQI computable yet (too few valid hours): filled light grey. */
export const NO_AQI_COLOR: Rgb = [200, 200, 200];
/** Outline of a live station, so yellow (band 2) reads on light basemaps. */
export const STATION_OUTLINE: Rgb = [40, 40, 40];
export const LABEL_TEXT_COLOR: Rgb = [25, 25, 25];
export const LABEL_OUTLINE_COLOR: Rgb = [255, 255, 255];

/** Radius in pixels: 7 px at AQI 0 growing linearly to 20 px at AQI 300 ("very bad") and above. */
export const STATION_RADIUS_MIN_PX = 7;
export const STATION_RADIUS_MAX_PX = 20;
export const STATION_RADIUS_AQI_CAP = 300;

export function stationRadiusPx(aqi: number | null): number {
  if (aqi === null) return STATION_RADIUS_MIN_PX;
  const t = Math.min(Math.max(aqi, 0), STATION_RADIUS_AQI_CAP) / STATION_RADIUS_AQI_CAP;
  return STATION_RADIUS_MIN_PX + t * (STATION_RADIUS_MAX_PX - STATION_RADIUS_MIN_PX);
}

/** Station label type (px) and placement: below the circle by its radius plus a gap; the renderer sizes its boxes
 *  from these when it keeps labels from overlapping (renderer/map/map-labels.ts). */
export const STATION_LABEL_PX = 12;
export const STATION_LABEL_HIGHLIGHT_PX = 14;
export const STATION_LABEL_LINE_HEIGHT = 1.15;
export const STATION_LABEL_GAP_PX = 3;
