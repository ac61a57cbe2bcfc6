import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { AQI_BANDS } from '../../../feeds/environment/bands.js';
import { environmentReducer, type EnvironmentState } from '../../../feeds/environment/environment-reducer.js';
import type { AqiSummary } from '../../../feeds/protocol/feed-data.js';
import { accessorValue } from '../../../layers/common/accessor-value.js';
import { STALE_ALPHA_FACTOR } from '../../../layers/common/stale-style.js';
import { ENVIRONMENT_LAYER_IDS, renderEnvironmentLayers, type EnvironmentLayerInput } from '../../../layers/environment/environment-layers.js';
import { ENVIRONMENT_LEGEND } from '../../../layers/environment/environment-legend.js';
import { OFFLINE_COLOR } from '../../../layers/environment/environment-style.js';
import { formatEnvironmentData, stationLabelName, stationShortName, type StationDatum, type StationPlace } from '../../../layers/environment/format-environment-data.js';
import { assertPrototypeClean, PROTOTYPE_IDS, throughJson } from '../../support/prototype-ids.js';

const VALUES = { pm25: 60, pm10: 90, no2: 30, so2: 10, co: 900, o3: 40 };

function summary(aqi: number, band: number): AqiSummary {
  return { aqi, dominant: 'pm25', band, sub: { pm25: aqi } };
}

function places(): StationPlace[] {
  return [
    { id: 'HD-AQ-01', name: { vi: 'Trạm Quang Trung (trung tâm TP Hải Dương)', en: 'Quang Trung (Hải Dương city centre)' }, position: [106.3306, 20.9398] },
    { id: 'HD-AQ-02', name: 'Trạm Thanh Bình', position: [106.315, 20.93] },
    { id: 'HD-AQ-03', name: 'Trạm giao thông QL5 – Việt Hòa', position: [106.305, 20.9455] },
    { id: 'HD-AQ-04', name: 'KCN Đại An', shortName: 'Đại An', position: [106.29, 20.932] },
  ];
}

/** 01: AQI 160 (band 4, red); 02: AQI 45 (band 1, green); 03: offline after a reading; 04: never heard of. */
function state(): EnvironmentState {
  const s = environmentReducer.create();
  environmentReducer.fold(s, { kind: 'reading', station: 'HD-AQ-01', values: VALUES, hourEnd: 3_600_000, hourly: summary(160, 4), daily: null }, 1, 1);
  environmentReducer.fold(s, { kind: 'reading', station: 'HD-AQ-02', values: VALUES, hourEnd: 3_600_000, hourly: summary(45, 1), daily: null }, 2, 2);
  environmentReducer.fold(s, { kind: 'reading', station: 'HD-AQ-03', values: VALUES, hourEnd: 3_600_000, hourly: summary(120, 3), daily: null }, 3, 3);
  environmentReducer.fold(s, { kind: 'outage', station: 'HD-AQ-03', reason: { vi: 'Mất điện', en: 'Power cut' } }, 4, 4);
  return s;
}

function input(overrides: Partial<EnvironmentLayerInput> = {}): EnvironmentLayerInput {
  return { state: state(), stations: places(), visible: true, stale: false, highlight: null, time: 0, ...overrides };
}

function layer<L extends Layer>(layers: Layer[], id: string): L {
  const found = layers.find((l) => l.id === id);
  assert.ok(found, id);
  return found as L;
}

function datum(layers: Layer[], id: string): StationDatum {
  const stations = layer<ScatterplotLayer<StationDatum>>(layers, ENVIRONMENT_LAYER_IDS.stations);
  const found = (stations.props.data as StationDatum[]).find((d) => d.id === id);
  assert.ok(found, id);
  return found;
}

test('AQI 160 is filled exactly [255, 0, 0] and AQI 45 exactly [0, 228, 0] (official VN_AQI RGB)', () => {
  const layers = renderEnvironmentLayers(input());
  const stations = layer<ScatterplotLayer<StationDatum>>(layers, ENVIRONMENT_LAYER_IDS.stations);
  assert.deepEqual(accessorValue(stations.props.getFillColor, datum(layers, 'HD-AQ-01'))?.slice(0, 3), [255, 0, 0]);
  assert.deepEqual(accessorValue(stations.props.getFillColor, datum(layers, 'HD-AQ-02'))?.slice(0, 3), [0, 228, 0]);
});

test('sized by AQI: a worse station is bigger', () => {
  const layers = renderEnvironmentLayers(input());
  const stations = layer<ScatterplotLayer<StationDatum>>(layers, ENVIRONMENT_LAYER_IDS.stations);
  const r160 = accessorValue(stations.props.getRadius, datum(layers, 'HD-AQ-01')) ?? 0;
  const r45 = accessorValue(stations.props.getRadius, datum(layers, 'HD-AQ-02')) ?? 0;
  assert.ok(r160 > r45, `${r160} > ${r45}`);
  assert.equal(stations.props.radiusUnits, 'pixels');
});

test('offline and unknown stations are hollow grey rings labelled "–"', () => {
  const layers = renderEnvironmentLayers(input());
  const stations = layer<ScatterplotLayer<StationDatum>>(layers, ENVIRONMENT_LAYER_IDS.stations);
  for (const id of ['HD-AQ-03', 'HD-AQ-04']) {
    const d = datum(layers, id);
    assert.equal(accessorValue(stations.props.getFillColor, d)?.[3], 0, `${id} has no fill`);
    assert.deepEqual(accessorValue(stations.props.getLineColor, d)?.slice(0, 3), [...OFFLINE_COLOR]);
    assert.equal(d.aqi, null, 'an offline station shows no (old) number');
    assert.match(d.label, /^–\n/);
  }
  assert.equal(datum(layers, 'HD-AQ-03').status, 'offline');
  assert.deepEqual(datum(layers, 'HD-AQ-03').outageReason, { vi: 'Mất điện', en: 'Power cut' });
  assert.equal(datum(layers, 'HD-AQ-04').status, 'unknown');
  assert.equal(stations.props.stroked, true);
});

test('labels: AQI number and short name, Vietnamese-ready font settings', () => {
  const layers = renderEnvironmentLayers(input());
  const labels = layer<TextLayer<StationDatum>>(layers, ENVIRONMENT_LAYER_IDS.labels);
  assert.equal(labels.props.characterSet, 'auto');
  assert.equal(labels.props.fontFamily, 'Be Vietnam Pro, sans-serif');
  assert.equal(accessorValue(labels.props.getText, datum(layers, 'HD-AQ-01')), '160\nQuang Trung');
  assert.equal(accessorValue(labels.props.getText, datum(layers, 'HD-AQ-02')), '45\nThanh Bình');
  assert.equal(accessorValue(labels.props.getText, datum(layers, 'HD-AQ-04')), '–\nĐại An');
});

test('stationShortName drops notes in parentheses and "Trạm" before a proper name; type words, capitals and length stay', () => {
  assert.equal(stationShortName('Trạm Quang Trung (trung tâm TP Hải Dương)'), 'Quang Trung');
  assert.equal(stationShortName('KCN Đại An'), 'KCN Đại An');
  assert.equal(stationShortName('Thị trấn Kẻ Sặt (QL38)'), 'Thị trấn Kẻ Sặt');
  assert.equal(stationShortName('Trạm giao thông QL5 – Việt Hòa'), 'Trạm giao thông QL5 – Việt Hòa');
  assert.equal(stationShortName('Trạm nền nông thôn Thanh Miện'), 'Trạm nền nông thôn Thanh Miện');
  const long = stationShortName('Trạm giao thông QL5 – Việt Hòa phía tây thành phố');
  assert.equal(long, 'Trạm giao thông QL5 – Việt Hòa phía tây thành phố', 'never cut with "…"');
  assert.equal(stationLabelName(long), 'Trạm giao thông QL5 – Việt\nHòa phía tây thành phố', 'wrapped on the map');
  assert.equal(stationLabelName('Quang Trung'), 'Quang Trung');
});

test('tooltip fields on the picked object; every layer pickable; ids stable', () => {
  const layers = renderEnvironmentLayers(input());
  const d = datum(layers, 'HD-AQ-01');
  assert.equal(d.id, 'HD-AQ-01');
  assert.equal(d.name.en, 'Quang Trung (Hải Dương city centre)');
  assert.equal(d.value, 160);
  assert.equal(d.band, 4);
  for (const l of layers) assert.equal(l.props.pickable, true);
  const again = renderEnvironmentLayers(input({ stale: true, visible: false, time: 42 }));
  assert.deepEqual(again.map((l) => l.id), layers.map((l) => l.id));
  assert.deepEqual(layers.map((l) => l.id), [ENVIRONMENT_LAYER_IDS.stations, ENVIRONMENT_LAYER_IDS.labels]);
  for (const l of again) assert.equal(l.props.visible, false);
});

test('stale: alpha × 0.35 on fills and labels', () => {
  const live = renderEnvironmentLayers(input());
  const stale = renderEnvironmentLayers(input({ stale: true }));
  const d = datum(live, 'HD-AQ-01');
  const fill = (layers: Layer[]) => accessorValue(layer<ScatterplotLayer<StationDatum>>(layers, ENVIRONMENT_LAYER_IDS.stations).props.getFillColor, d);
  const text = (layers: Layer[]) => accessorValue(layer<TextLayer<StationDatum>>(layers, ENVIRONMENT_LAYER_IDS.labels).props.getColor, d);
  assert.equal(fill(stale)?.[3], Math.round((fill(live)?.[3] ?? 0) * STALE_ALPHA_FACTOR));
  assert.equal(text(stale)?.[3], Math.round((text(live)?.[3] ?? 0) * STALE_ALPHA_FACTOR));
  assert.notDeepEqual(fill(stale)?.slice(0, 3), [255, 0, 0]);
});

test('memoised by (state, version, stations)', () => {
  const s = state();
  const stations = places();
  const a = renderEnvironmentLayers(input({ state: s, stations, version: 1 }))[0]?.props.data;
  assert.equal(renderEnvironmentLayers(input({ state: s, stations, version: 1, time: 5 }))[0]?.props.data, a);
  assert.notEqual(renderEnvironmentLayers(input({ state: s, stations: places(), version: 1 }))[0]?.props.data, a);
});

test('legend: the six official bands with their RGB, bilingual, plus offline', () => {
  const swatches = ENVIRONMENT_LEGEND.items.filter((item) => 'color' in item);
  assert.deepEqual(swatches.slice(0, 6).map((item) => ('color' in item ? item.color : null)), AQI_BANDS.map((band) => band.rgb));
  for (const item of ENVIRONMENT_LEGEND.items) assert.ok(item.label.vi && item.label.en);
  assert.ok(ENVIRONMENT_LEGEND.items.some((item) => 'shape' in item && item.shape === 'ring'));
});

test('stations named like Object.prototype members: a parsed state says what it holds about them, nothing more', () => {
  const stations: StationPlace[] = PROTOTYPE_IDS.map((id, n) => ({ id, name: id, position: [106.3 + n / 100, 20.94] }));
  const s = environmentReducer.create();
  environmentReducer.fold(s, { kind: 'reading', station: '__proto__', values: VALUES, hourEnd: 3_600_000, hourly: summary(160, 4), daily: null }, 1, 1);
  environmentReducer.fold(s, { kind: 'outage', station: 'constructor', reason: { vi: 'Mất điện', en: 'Power cut' } }, 2, 2);
  // As the console holds it: a snapshot through JSON (ordinary prototypes, own "__proto__").
  const data = formatEnvironmentData(throughJson(s), stations);
  assert.deepEqual(data.map((d) => [d.id, d.status, d.aqi]), [
    ['__proto__', 'live', 160],
    ['constructor', 'offline', null],
    ['toString', 'unknown', null],
    ['hasOwnProperty', 'unknown', null],
    ['valueOf', 'unknown', null],
  ]);
  assertPrototypeClean();
});
