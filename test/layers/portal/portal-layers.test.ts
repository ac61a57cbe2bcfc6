import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { GeoJsonLayer } from '@deck.gl/layers';
import type { PortalUnitStats } from '../../../feeds/protocol/feed-data.js';
import { portalReducer } from '../../../feeds/portal/portal-reducer.js';
import type { PortalState } from '../../../feeds/portal/portal-reducer.js';
import { accessorValue } from '../../../layers/common/accessor-value.js';
import { isLegendGradient } from '../../../layers/common/legend-spec.js';
import { STALE_ALPHA_FACTOR } from '../../../layers/common/stale-style.js';
import { formatPortalData, onTimeRate, type DistrictCollection, type DistrictFeature } from '../../../layers/portal/format-portal-data.js';
import { PORTAL_LAYER_IDS, portalFillColor, renderPortalLayers, type PortalLayerInput } from '../../../layers/portal/portal-layers.js';
import { PORTAL_LEGEND } from '../../../layers/portal/portal-legend.js';
import { NO_DATA_COLOR } from '../../../layers/portal/portal-style.js';
import { assertPrototypeClean, PROTOTYPE_IDS, throughJson } from '../../support/prototype-ids.js';

function square(x: number, y: number): [number, number][][] {
  return [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]];
}

function districts(): DistrictCollection {
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { code: '288', name: 'Thành phố Hải Dương', short_name: 'Hải Dương', type: 'Thành phố' }, geometry: { type: 'Polygon', coordinates: square(106.3, 20.9) } },
      { type: 'Feature', properties: { code: '291', name: 'Huyện Nam Sách', short_name: 'Nam Sách', type: 'Huyện' }, geometry: { type: 'Polygon', coordinates: square(106.3, 21.0) } },
      { type: 'Feature', properties: { code: '300', name: 'Huyện Thanh Miện', short_name: 'Thanh Miện', type: 'Huyện' }, geometry: { type: 'Polygon', coordinates: square(106.2, 20.7) } },
    ],
  };
}

function stats(unit: string, resolvedOnTime: number, resolvedLate: number): PortalUnitStats {
  return { unit, received: resolvedOnTime + resolvedLate + 5, resolvedOnTime, resolvedLate, pendingInTime: 4, pendingOverdue: 1, receivedOnline: 3 };
}

/** 288: 95 % on time; 291: 60 %; 300: nothing resolved yet; plus a provincial agency unit (not on this map). */
function state(): PortalState {
  const s = portalReducer.create();
  portalReducer.fold(s, { kind: 'stats', date: '2025-03-10', units: [stats('288', 95, 5), stats('291', 30, 20), stats('300', 0, 0), stats('so-tttt', 10, 0)] }, 1, 1);
  return s;
}

function input(overrides: Partial<PortalLayerInput> = {}): PortalLayerInput {
  return { state: state(), districts: districts(), visible: true, stale: false, highlight: null, time: 0, ...overrides };
}

function choropleth(overrides: Partial<PortalLayerInput> = {}): GeoJsonLayer<DistrictFeature['properties']> {
  const [layer] = renderPortalLayers(input(overrides));
  assert.ok(layer);
  assert.equal(layer.id, PORTAL_LAYER_IDS.districts);
  return layer as GeoJsonLayer<DistrictFeature['properties']>;
}

test('on-time rate = resolvedOnTime / (resolvedOnTime + resolvedLate), null when nothing resolved', () => {
  assert.equal(onTimeRate(stats('x', 3, 1)), 0.75);
  assert.equal(onTimeRate(stats('x', 0, 0)), null);
  assert.equal(onTimeRate(undefined), null);
});

test('choropleth colour is monotonic in the on-time rate: red low, green high, clamped', () => {
  let previous = -Infinity;
  for (let percent = 0; percent <= 100; percent++) {
    const [r, g] = portalFillColor(percent / 100, false);
    assert.ok(g - r >= previous, `${percent} %: not monotonic`);
    if (percent > 60) assert.ok(g - r > previous, `${percent} %: strictly greener inside the domain`);
    previous = g - r;
  }
  assert.deepEqual(portalFillColor(0.2, false).slice(0, 3), [215, 48, 39]);
  assert.deepEqual(portalFillColor(1, false).slice(0, 3), [26, 152, 80]);
});

test('districts are filled by their rate through the layer accessor; grey where no data', () => {
  const layer = choropleth();
  const data = layer.props.data as DistrictFeature[];
  const byCode = (code: string): DistrictFeature => {
    const f = data.find((d) => d.properties.id === code);
    assert.ok(f, code);
    return f;
  };
  const good = accessorValue(layer.props.getFillColor, byCode('288'));
  const bad = accessorValue(layer.props.getFillColor, byCode('291'));
  const none = accessorValue(layer.props.getFillColor, byCode('300'));
  assert.ok(good && bad && none);
  assert.ok((good[1] ?? 0) - (good[0] ?? 0) > (bad[1] ?? 0) - (bad[0] ?? 0));
  assert.deepEqual(bad.slice(0, 3), [215, 48, 39]);
  assert.deepEqual(none.slice(0, 3), [...NO_DATA_COLOR]);
  assert.equal(layer.props.stroked, true, 'line outlines');
  assert.equal(layer.props.filled, true);
  assert.equal(data.length, 3, 'agency units are not districts');
});

test('picked feature carries id, bilingual name, value (%) and the stats; geometry by reference', () => {
  const d = districts();
  const data = formatPortalData(state(), d);
  const feature = data.find((f) => f.properties.id === '288');
  assert.ok(feature);
  assert.deepEqual(feature.properties.name, { vi: 'Thành phố Hải Dương', en: 'Hải Dương City' });
  assert.equal(feature.properties.value, 95);
  assert.equal(feature.properties.unit, '%');
  assert.equal(feature.properties.stats?.pendingOverdue, 1);
  assert.equal(feature.geometry, d.features[0]?.geometry);
  assert.deepEqual(formatPortalData(state(), null), []);
});

test('stale dims alpha × 0.35; hidden layer kept; highlight thickens the outline; ids stable', () => {
  const live = choropleth();
  const stale = choropleth({ stale: true, highlight: '291', visible: false });
  const sample = (live.props.data as DistrictFeature[])[0];
  assert.ok(sample);
  assert.equal(accessorValue(stale.props.getFillColor, sample)?.[3], Math.round((accessorValue(live.props.getFillColor, sample)?.[3] ?? 0) * STALE_ALPHA_FACTOR));
  assert.equal(stale.props.visible, false);
  assert.equal(stale.id, live.id);
  assert.equal(live.props.pickable, true);
  const highlighted = (stale.props.data as DistrictFeature[]).find((f) => f.properties.id === '291');
  assert.ok(highlighted);
  assert.ok((accessorValue(stale.props.getLineWidth, highlighted) ?? 0) > (accessorValue(live.props.getLineWidth, highlighted) ?? 0));
});

test('the region pack districts.geojson works as input: 12 districts, GSO codes as ids', () => {
  const collection = JSON.parse(readFileSync(new URL('../../../regions/hai-duong/districts.geojson', import.meta.url), 'utf8')) as DistrictCollection;
  const data = formatPortalData(state(), collection);
  assert.equal(data.length, 12);
  assert.equal(data.find((f) => f.properties.id === '288')?.properties.rate, 0.95);
  for (const f of data) assert.ok(f.properties.name.vi && f.properties.name.en);
});

test('legend: gradient red → green and a no-data swatch, bilingual', () => {
  const gradient = PORTAL_LEGEND.items.find(isLegendGradient);
  assert.ok(gradient);
  assert.deepEqual(gradient.gradient.stops[0]?.color, [215, 48, 39]);
  assert.deepEqual(gradient.gradient.stops.at(-1)?.color, [26, 152, 80]);
  for (const item of PORTAL_LEGEND.items) assert.ok(item.label.vi && item.label.en);
});

test('district codes and types named like Object.prototype members: figures only for units the state holds', () => {
  const collection: DistrictCollection = {
    type: 'FeatureCollection',
    features: PROTOTYPE_IDS.map((code, n) => ({
      type: 'Feature',
      properties: { code, name: `Huyện ${code}`, short_name: code, type: code },
      geometry: { type: 'Polygon', coordinates: square(106 + n / 10, 20.9) },
    })),
  };
  const s = portalReducer.create();
  portalReducer.fold(s, { kind: 'stats', date: '2025-03-10', units: [stats('__proto__', 9, 1), stats('constructor', 1, 1)] }, 1, 1);
  // As the console holds it: a snapshot through JSON (ordinary prototypes, own "__proto__").
  const features = formatPortalData(throughJson(s), collection);
  assert.deepEqual(features.map((f) => [f.properties.id, f.properties.rate, f.properties.stats?.unit ?? null]), [
    ['__proto__', 0.9, '__proto__'],
    ['constructor', 0.5, 'constructor'],
    ['toString', null, null],
    ['hasOwnProperty', null, null],
    ['valueOf', null, null],
  ]);
  // A district type the table does not know leaves the Vietnamese name, not an Object.prototype member's text.
  assert.deepEqual(features.map((f) => f.properties.name.en), PROTOTYPE_IDS.map((code) => `Huyện ${code}`));
  assertPrototypeClean();
});
