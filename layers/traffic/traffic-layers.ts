import type { Layer } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { TrafficState } from '../../feeds/traffic/traffic-reducer.js';
import { rgba } from '../common/colors.js';
import { layerId, type LayerInput } from '../common/layer-input.js';
import { staleColor } from '../common/stale-style.js';
import { LABEL_FONT_FAMILY } from '../common/text-style.js';
import { formatTrafficDataCached, type TrafficAccidentDatum, type TrafficSegmentDatum } from './format-traffic-data.js';
import {
  ACCIDENT_COLORS,
  ACCIDENT_MARK_COLORS,
  ACCIDENT_OUTLINE,
  ACCIDENT_RADIUS_PX,
  HIGHLIGHT_EXTRA_WIDTH_PX,
  NO_SPEED_COLOR,
  ROAD_WIDTH_PX,
  speedRatioColor,
} from './traffic-style.js';

export type TrafficLayerInput = LayerInput<TrafficState>;

export const TRAFFIC_LAYER_IDS = {
  segments: layerId('traffic', 'segments'),
  accidents: layerId('traffic', 'accidents'),
  accidentMarks: layerId('traffic', 'accident-marks'),
} as const;

/** Segment colour: the speed-ratio ramp, grey when no speed is known; stale-styled. */
export function trafficSegmentColor(segment: TrafficSegmentDatum, stale: boolean): readonly [number, number, number, number] {
  const rgb = segment.ratio === null ? NO_SPEED_COLOR : speedRatioColor(segment.ratio);
  return staleColor(rgba(rgb, segment.ratio === null ? 160 : 235), stale);
}

/**
 * Road segments (PathLayer, coloured by speed ratio, width by road class) with accident markers on top
 * (ScatterplotLayer with a white outline + TextLayer "!"). Ids are fixed; hidden layers are returned with
 * `visible: false`.
 */
export function renderTrafficLayers(input: TrafficLayerInput): Layer[] {
  const { visible, stale } = input;
  const highlight = input.highlight ?? null;
  const data = formatTrafficDataCached(input.state, input.version);

  const segments = new PathLayer<TrafficSegmentDatum>({
    id: TRAFFIC_LAYER_IDS.segments,
    data: data.segments,
    visible,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90],
    widthUnits: 'pixels',
    widthMinPixels: 1,
    capRounded: true,
    jointRounded: true,
    getPath: (d) => d.path,
    getColor: (d) => trafficSegmentColor(d, stale),
    getWidth: (d) => ROAD_WIDTH_PX[d.roadClass] + (d.id === highlight ? HIGHLIGHT_EXTRA_WIDTH_PX : 0),
    updateTriggers: { getColor: [stale], getWidth: [highlight] },
  });

  const accidents = new ScatterplotLayer<TrafficAccidentDatum>({
    id: TRAFFIC_LAYER_IDS.accidents,
    data: data.accidents,
    visible,
    pickable: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    stroked: true,
    filled: true,
    getPosition: (d) => d.position,
    getRadius: (d) => ACCIDENT_RADIUS_PX[d.severity] * (d.id === highlight ? 1.4 : 1),
    getFillColor: (d) => staleColor(rgba(ACCIDENT_COLORS[d.severity]), stale),
    getLineColor: () => staleColor(rgba(ACCIDENT_OUTLINE), stale),
    getLineWidth: 2.5,
    updateTriggers: { getFillColor: [stale], getLineColor: [stale], getRadius: [highlight] },
  });

  const accidentMarks = new TextLayer<TrafficAccidentDatum>({
    id: TRAFFIC_LAYER_IDS.accidentMarks,
    data: data.accidents,
    visible,
    pickable: true,
    getPosition: (d) => d.position,
    getText: () => '!',
    getSize: (d) => (d.id === highlight ? 18 : 14),
    sizeUnits: 'pixels',
    fontFamily: LABEL_FONT_FAMILY,
    fontWeight: 800,
    characterSet: ['!'],
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    getColor: (d) => staleColor(rgba(ACCIDENT_MARK_COLORS[d.severity]), stale),
    updateTriggers: { getColor: [stale], getSize: [highlight] },
  });

  return [segments, accidents, accidentMarks];
}
