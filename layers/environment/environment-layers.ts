import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { bandForAqi } from '../../feeds/environment/bands.js';
import type { EnvironmentState } from '../../feeds/environment/environment-reducer.js';
import { outlineFor, rgba, THEME_GROUNDS, type Rgba } from '../common/colors.js';
import { layerId, type LayerInput } from '../common/layer-input.js';
import { shownSubset } from '../common/shown-subset.js';
import { staleColor } from '../common/stale-style.js';
import { LABEL_CHARACTER_SET, LABEL_FONT_FAMILY } from '../common/text-style.js';
import {
  LABEL_OUTLINE_COLOR,
  LABEL_TEXT_COLOR,
  NO_AQI_COLOR,
  OFFLINE_COLOR,
  STATION_LABEL_GAP_PX,
  STATION_LABEL_HIGHLIGHT_PX,
  STATION_LABEL_LINE_HEIGHT,
  STATION_LABEL_PX,
  STATION_OUTLINE,
} from './environment-style.js';
import { formatEnvironmentDataCached, type StationDatum, type StationPlace } from './format-environment-data.js';

export interface EnvironmentLayerInput extends LayerInput<EnvironmentState> {
  /** Station places from the region pack. Pass the same array on every call (it is part of the memo key). */
  stations: readonly StationPlace[];
  /**
   * Stations whose label is drawn, and on which side of the circle (the renderer keeps labels from overlapping);
   * null or absent: every label, below its circle.
   */
  labels?: ReadonlyMap<string, StationLabelPlacement> | null;
}

/** Which side of its circle a station's label sits on. */
export type StationLabelPlacement = 'below' | 'above' | 'right' | 'left';

export const ENVIRONMENT_LAYER_IDS = {
  stations: layerId('environment', 'stations'),
  labels: layerId('environment', 'labels'),
} as const;

/** The label's offset from the station's centre, `distance` px out on its side. */
function labelOffset(side: StationLabelPlacement, distance: number): [number, number] {
  if (side === 'above') return [0, -distance];
  if (side === 'right') return [distance, 0];
  if (side === 'left') return [-distance, 0];
  return [0, distance];
}

/** Fill: the official band RGB of the AQI; offline/unknown hollow (alpha 0); no AQI light grey. */
export function stationFillColor(d: StationDatum, stale: boolean): Rgba {
  if (d.status === 'offline' || d.status === 'unknown') return [0, 0, 0, 0];
  if (d.aqi === null) return staleColor(rgba(NO_AQI_COLOR, 220), stale);
  return staleColor(rgba(bandForAqi(d.aqi).rgb, 235), stale);
}

/**
 * Outline: grey ring when hollow; otherwise dark, or light where the band colour alone does not stand 3:1 off the
 * dark basemap (VN_AQI purple and maroon: the worst air must not be the hardest circle to see).
 */
export function stationLineColor(d: StationDatum, stale: boolean): Rgba {
  const hollow = d.status === 'offline' || d.status === 'unknown';
  if (hollow) return staleColor(rgba(OFFLINE_COLOR, 255), stale);
  const fill = d.aqi === null ? NO_AQI_COLOR : bandForAqi(d.aqi).rgb;
  const light = outlineFor(fill, THEME_GROUNDS.province);
  return staleColor(rgba(light ?? STATION_OUTLINE, light ? 255 : 200), stale);
}

/**
 * AQI stations: circles in the official VN_AQI band colour sized by the AQI, with a two-line label (AQI, short
 * name) in the bundled Vietnamese font. Offline stations are hollow grey rings labelled "–".
 */
export function renderEnvironmentLayers(input: EnvironmentLayerInput): Layer[] {
  const { visible, stale } = input;
  const highlight = input.highlight ?? null;
  const data = formatEnvironmentDataCached(input.state, input.version, input.stations);
  const placements = input.labels ?? null;
  const side = (d: StationDatum): StationLabelPlacement => placements?.get(d.id) ?? 'below';
  /** The labels not below their circle, as a value deck.gl can compare between renders. */
  const sides = placements ? [...placements].filter(([, where]) => where !== 'below').map(([id, where]) => `${id}:${where}`).join(',') : '';

  const stations = new ScatterplotLayer<StationDatum>({
    id: ENVIRONMENT_LAYER_IDS.stations,
    data,
    visible,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 80],
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    stroked: true,
    filled: true,
    getPosition: (d) => d.position,
    getRadius: (d) => d.radius,
    getFillColor: (d) => stationFillColor(d, stale),
    getLineColor: (d) => stationLineColor(d, stale),
    getLineWidth: (d) => (d.id === highlight ? 4 : d.status === 'offline' || d.status === 'unknown' ? 2.5 : 2),
    updateTriggers: { getFillColor: [stale], getLineColor: [stale], getLineWidth: [highlight] },
  });

  const labels = new TextLayer<StationDatum>({
    id: ENVIRONMENT_LAYER_IDS.labels,
    data: shownSubset(data, placements ? new Set(placements.keys()) : null),
    visible,
    pickable: true,
    getPosition: (d) => d.position,
    getText: (d) => d.label,
    // Below the circle: offset by its radius.
    getPixelOffset: (d) => labelOffset(side(d), d.radius + STATION_LABEL_GAP_PX),
    getTextAnchor: (d) => (side(d) === 'right' ? 'start' : side(d) === 'left' ? 'end' : 'middle'),
    getAlignmentBaseline: (d) => (side(d) === 'below' ? 'top' : side(d) === 'above' ? 'bottom' : 'center'),
    getSize: (d) => (d.id === highlight ? STATION_LABEL_HIGHLIGHT_PX : STATION_LABEL_PX),
    sizeUnits: 'pixels',
    lineHeight: STATION_LABEL_LINE_HEIGHT,
    fontFamily: LABEL_FONT_FAMILY,
    fontWeight: 600,
    characterSet: LABEL_CHARACTER_SET,
    fontSettings: { sdf: true },
    outlineWidth: 3,
    outlineColor: staleColor(rgba(LABEL_OUTLINE_COLOR, 230), stale),
    getColor: (d) => staleColor(rgba(d.status === 'live' ? LABEL_TEXT_COLOR : OFFLINE_COLOR), stale),
    updateTriggers: { getColor: [stale], getSize: [highlight], getPixelOffset: [sides], getTextAnchor: [sides], getAlignmentBaseline: [sides] },
  });

  return [stations, labels];
}
