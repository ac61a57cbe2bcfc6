import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { TrafficData } from '../../../feeds/protocol/feed-data.js';
import { trafficReducer, type TrafficState } from '../../../feeds/traffic/traffic-reducer.js';
import { accessorValue } from '../../../layers/common/accessor-value.js';
import { STALE_ALPHA_FACTOR } from '../../../layers/common/stale-style.js';
import { isLegendGradient } from '../../../layers/common/legend-spec.js';
import { formatTrafficData, type TrafficAccidentDatum, type TrafficSegmentDatum } from '../../../layers/traffic/format-traffic-data.js';
import { renderTrafficLayers, TRAFFIC_LAYER_IDS, trafficSegmentColor, type TrafficLayerInput } from '../../../layers/traffic/traffic-layers.js';
import { TRAFFIC_LEGEND } from '../../../layers/traffic/traffic-legend.js';
import { ROAD_WIDTH_PX, roadClassOf, speedRatioColor } from '../../../layers/traffic/traffic-style.js';
import { assertPrototypeClean, PROTOTYPE_IDS, throughJson } from '../../support/prototype-ids.js';

function trafficState(): TrafficState {
  const state = trafficReducer.create();
  const items: TrafficData[] = [
    {
      kind: 'network',
      segments: [
        { id: 'QL.5-001', road: 'QL.5', name: { vi: 'QL5 Cẩm Giàng', en: 'NH5 Cẩm Giàng' }, path: [[106.2, 20.95], [106.25, 20.94]], lengthM: 2140, freeFlowKmh: 70 },
        { id: 'CT.04-001', road: 'CT.04', name: { vi: 'Cao tốc HN–HP', en: 'HN–HP expressway' }, path: [[106.3, 20.9], [106.35, 20.89]], lengthM: 3000, freeFlowKmh: 100 },
        { id: 'QL.10-001', road: 'QL.10', name: { vi: 'QL10', en: 'NH10' }, path: [[106.5, 20.8], [106.55, 20.79]], lengthM: 1500, freeFlowKmh: 60 },
      ],
    },
    { kind: 'speeds', speeds: [{ id: 'QL.5-001', kmh: 70 }, { id: 'CT.04-001', kmh: 20 }] },
    {
      kind: 'accident', id: 'acc-1', segmentId: 'QL.5-001', position: [106.22, 20.945], severity: 'serious', lanesBlocked: 1,
      description: { vi: 'Va chạm xe tải', en: 'Truck collision' },
    },
  ];
  items.forEach((item, i) => trafficReducer.fold(state, item, 1_000 + i, i + 1));
  return state;
}

function input(overrides: Partial<TrafficLayerInput> = {}): TrafficLayerInput {
  return { state: trafficState(), visible: true, stale: false, highlight: null, time: 0, ...overrides };
}

/** PathLayer accessors may return per-vertex values; ours return one colour / width per segment. */
function segmentColor(layer: PathLayer<TrafficSegmentDatum>, d: TrafficSegmentDatum): readonly number[] {
  const value = accessorValue(layer.props.getColor, d);
  assert.ok(value !== undefined && typeof value[0] === 'number', 'one RGBA per segment');
  return value as readonly number[];
}

function segmentWidth(layer: PathLayer<TrafficSegmentDatum>, d: TrafficSegmentDatum): number {
  const value = accessorValue(layer.props.getWidth, d);
  assert.ok(typeof value === 'number', 'one width per segment');
  return value;
}

function byId<L extends Layer>(layers: Layer[], id: string): L {
  const layer = layers.find((l) => l.id === id);
  assert.ok(layer, `layer ${id}`);
  return layer as L;
}

test('layer ids are fixed and in the same order across calls', () => {
  const first = renderTrafficLayers(input()).map((l) => l.id);
  const second = renderTrafficLayers(input({ time: 5_000, highlight: 'QL.5-001', stale: true })).map((l) => l.id);
  assert.deepEqual(first, [TRAFFIC_LAYER_IDS.segments, TRAFFIC_LAYER_IDS.accidents, TRAFFIC_LAYER_IDS.accidentMarks]);
  assert.deepEqual(second, first);
});

test('speed-ratio ramp: free flow is green, 0.2 is red-ish, jam is dark red', () => {
  assert.deepEqual(speedRatioColor(1.0), [26, 152, 80]);
  assert.deepEqual(speedRatioColor(1.4), [26, 152, 80], 'faster than free flow stays green');
  const [r, g, b] = speedRatioColor(0.2);
  assert.ok(r > 150 && g < 60 && b < 60, `0.2 → ${[r, g, b].join(',')}`);
  assert.deepEqual(speedRatioColor(0.05), [120, 0, 16]);
});

test('segments are coloured by kmh / freeFlowKmh through the layer accessor', () => {
  const segments = byId<PathLayer<TrafficSegmentDatum>>(renderTrafficLayers(input()), TRAFFIC_LAYER_IDS.segments);
  const data = segments.props.data as TrafficSegmentDatum[];
  const free = data.find((d) => d.id === 'QL.5-001');
  const slow = data.find((d) => d.id === 'CT.04-001');
  const unknown = data.find((d) => d.id === 'QL.10-001');
  assert.ok(free && slow && unknown);
  assert.equal(free.ratio, 1);
  assert.equal(slow.ratio, 0.2);
  assert.deepEqual(segmentColor(segments, free).slice(0, 3), [26, 152, 80]);
  const slowColor = segmentColor(segments, slow);
  assert.ok((slowColor[0] ?? 0) > 150 && (slowColor[1] ?? 255) < 60, 'ratio 0.2 is red-ish');
  assert.deepEqual(segmentColor(segments, unknown).slice(0, 3), [150, 150, 150], 'no speed: grey');
});

test('width follows the road class; the highlighted segment is wider', () => {
  assert.equal(roadClassOf('CT.04'), 'expressway');
  assert.equal(roadClassOf('QL.5'), 'national');
  assert.equal(roadClassOf('ĐT.391'), 'provincial');
  const layers = renderTrafficLayers(input({ highlight: 'QL.10-001' }));
  const segments = byId<PathLayer<TrafficSegmentDatum>>(layers, TRAFFIC_LAYER_IDS.segments);
  const data = segments.props.data as TrafficSegmentDatum[];
  const width = (id: string): number => {
    const d = data.find((s) => s.id === id);
    assert.ok(d);
    return segmentWidth(segments, d);
  };
  assert.equal(width('CT.04-001'), ROAD_WIDTH_PX.expressway);
  assert.equal(width('QL.5-001'), ROAD_WIDTH_PX.national);
  assert.ok(width('QL.10-001') > ROAD_WIDTH_PX.national, 'highlighted');
  assert.equal(segments.props.widthUnits, 'pixels');
  assert.deepEqual(segments.props.updateTriggers, { getColor: [false], getWidth: ['QL.10-001'] });
});

test('stale input dims alpha by 0.35 and greys the colour; updateTriggers carry stale', () => {
  const state = trafficState();
  const live = byId<PathLayer<TrafficSegmentDatum>>(renderTrafficLayers(input({ state })), TRAFFIC_LAYER_IDS.segments);
  const stale = byId<PathLayer<TrafficSegmentDatum>>(renderTrafficLayers(input({ state, stale: true })), TRAFFIC_LAYER_IDS.segments);
  const sample = (live.props.data as TrafficSegmentDatum[])[0];
  assert.ok(sample);
  const a = segmentColor(live, sample);
  const b = segmentColor(stale, sample);
  assert.ok(a.length === 4 && b.length === 4);
  assert.equal(b[3], Math.round((a[3] ?? 0) * STALE_ALPHA_FACTOR));
  const spread = (c: readonly number[]): number => Math.max(c[0] ?? 0, c[1] ?? 0, c[2] ?? 0) - Math.min(c[0] ?? 0, c[1] ?? 0, c[2] ?? 0);
  assert.ok(spread(b) < spread(a), 'greyer');
  assert.deepEqual((stale.props.updateTriggers as Record<string, unknown>)['getColor'], [true]);
  assert.deepEqual(trafficSegmentColor(sample, true), b);
});

test('hidden layers are still returned, with visible: false', () => {
  const layers = renderTrafficLayers(input({ visible: false }));
  assert.equal(layers.length, 3);
  for (const layer of layers) assert.equal(layer.props.visible, false);
});

test('accident markers: strong outline, "!" mark, tooltip fields, all pickable', () => {
  const layers = renderTrafficLayers(input());
  for (const layer of layers) assert.equal(layer.props.pickable, true, layer.id);
  const markers = byId<ScatterplotLayer<TrafficAccidentDatum>>(layers, TRAFFIC_LAYER_IDS.accidents);
  const marks = byId<TextLayer<TrafficAccidentDatum>>(layers, TRAFFIC_LAYER_IDS.accidentMarks);
  const [accident] = markers.props.data as TrafficAccidentDatum[];
  assert.ok(accident);
  assert.equal(markers.props.stroked, true);
  assert.ok((accessorValue(markers.props.getLineWidth, accident) ?? 0) >= 2);
  assert.deepEqual(accessorValue(markers.props.getLineColor, accident), [255, 255, 255, 255]);
  assert.equal(accessorValue(marks.props.getText, accident), '!');
  assert.equal(accident.id, 'acc-1');
  assert.match(accident.name.vi, /Va chạm/);
  assert.match(accident.name.en, /Truck collision/);
  assert.equal(accident.value, 1);
  assert.deepEqual(accessorValue(markers.props.getPosition, accident), [106.22, 20.945]);
});

test('formatted data is reused while (state, version) are unchanged, recomputed when the version moves', () => {
  const state = trafficState();
  const a = renderTrafficLayers(input({ state, version: 3 }))[0]?.props.data;
  const b = renderTrafficLayers(input({ state, version: 3, time: 999 }))[0]?.props.data;
  assert.equal(a, b, 'same data object: deck.gl recomputes nothing');
  trafficReducer.fold(state, { kind: 'speeds', speeds: [{ id: 'QL.10-001', kmh: 30 }] }, 2_000, 4);
  const c = renderTrafficLayers(input({ state, version: 4 }))[0]?.props.data as TrafficSegmentDatum[];
  assert.notEqual(c, a);
  assert.equal(c.find((d) => d.id === 'QL.10-001')?.kmh, 30);
  const noVersion1 = renderTrafficLayers(input({ state }))[0]?.props.data;
  const noVersion2 = renderTrafficLayers(input({ state }))[0]?.props.data;
  assert.notEqual(noVersion1, noVersion2, 'without a version nothing is cached');
});

test('formatTrafficData keeps the state path by reference and sorts by id', () => {
  const state = trafficState();
  const data = formatTrafficData(state);
  assert.deepEqual(data.segments.map((d) => d.id), ['CT.04-001', 'QL.10-001', 'QL.5-001']);
  assert.equal(data.segments[2]?.path, state.segments['QL.5-001']?.path);
});

test('legend: bilingual labels, a gradient for the speed ramp', () => {
  assert.ok(TRAFFIC_LEGEND.title.vi && TRAFFIC_LEGEND.title.en);
  for (const item of TRAFFIC_LEGEND.items) assert.ok(item.label.vi.length > 0 && item.label.en.length > 0);
  const gradient = TRAFFIC_LEGEND.items.find(isLegendGradient);
  assert.ok(gradient);
  assert.deepEqual(gradient.gradient.stops.at(-1)?.color, [26, 152, 80]);
  assert.equal(gradient.gradient.stops[0]?.offset, 0);
  assert.equal(gradient.gradient.stops.at(-1)?.offset, 1);
});

test('segments named like Object.prototype members: speeds and accidents from a parsed state, none made up', () => {
  const state = trafficReducer.create();
  const segment = (id: string, n: number) => ({ id, road: 'QL.5', name: { vi: id, en: id }, path: [[106.2 + n / 100, 20.95], [106.25, 20.94]] as [number, number][], lengthM: 1000, freeFlowKmh: 50 });
  trafficReducer.fold(state, { kind: 'network', segments: PROTOTYPE_IDS.map(segment) }, 1, 1);
  trafficReducer.fold(state, { kind: 'speeds', speeds: [{ id: '__proto__', kmh: 25 }, { id: 'valueOf', kmh: 40 }] }, 2, 2);
  trafficReducer.fold(state, {
    kind: 'accident', id: 'constructor', segmentId: '__proto__', position: [106.22, 20.945], severity: 'minor', lanesBlocked: 1,
    description: { vi: 'Va chạm', en: 'Collision' },
  }, 3, 3);
  // As the console holds it: a snapshot through JSON (ordinary prototypes, own "__proto__").
  const data = formatTrafficData(throughJson(state));
  assert.deepEqual(data.segments.map((d) => [d.id, d.kmh, d.ratio]), [
    ['__proto__', 25, 0.5],
    ['constructor', null, null],
    ['hasOwnProperty', null, null],
    ['toString', null, null],
    ['valueOf', 40, 0.8],
  ]);
  assert.deepEqual(data.accidents.map((d) => [d.id, d.segmentId]), [['constructor', '__proto__']]);
  assertPrototypeClean();
});
