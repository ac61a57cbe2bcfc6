import { test } from 'node:test';
import assert from 'node:assert/strict';
import { environmentReducer } from '../../feeds/environment/environment-reducer.js';
import { incidentsReducer } from '../../feeds/incidents/incidents-reducer.js';
import { portalReducer } from '../../feeds/portal/portal-reducer.js';
import { socReducer } from '../../feeds/soc/soc-reducer.js';
import { trafficReducer } from '../../feeds/traffic/traffic-reducer.js';
import { ALL_LEGENDS, DRAW_ORDER, LAYER_ORDER, renderAllLayers, type AllLayersInput } from '../../layers/index.js';
import { isLegendGradient } from '../../layers/common/legend-spec.js';

function input(visible: boolean, stale: boolean, time: number): AllLayersInput {
  const common = { visible, stale, time, highlight: null };
  return {
    portal: { ...common, state: portalReducer.create(), districts: null },
    traffic: { ...common, state: trafficReducer.create() },
    vehicles: { ...common, state: null },
    environment: { ...common, state: environmentReducer.create(), stations: [] },
    soc: { ...common, state: socReducer.create(), agencies: [], region: { bbox: [106.12, 20.68, 106.61, 21.24], center: [106.37, 20.96] } },
    incidents: { ...common, state: incidentsReducer.create() },
  };
}

test('all layers in the fixed draw order: SOC arcs under every symbol, stations and incidents on top; the same ids every call', () => {
  const ids = renderAllLayers(input(true, false, 0)).map((l) => l.id);
  assert.deepEqual(ids, [
    'portal-districts',
    'soc-arcs',
    'traffic-segments',
    'vehicles-points', 'vehicles-highlight',
    'soc-agencies', 'soc-bursts',
    'environment-stations',
    'traffic-accidents', 'traffic-accident-marks',
    'environment-labels',
    'incidents-unacknowledged-halos', 'incidents-markers',
  ]);
  assert.deepEqual(ids, DRAW_ORDER.filter((id) => id !== 'basemap-district-labels'));
  assert.equal(new Set(ids).size, ids.length, 'unique ids');
  const below = (a: string, b: string): boolean => ids.indexOf(a) < ids.indexOf(b);
  for (const symbol of ['environment-stations', 'environment-labels', 'incidents-markers', 'traffic-accidents', 'soc-agencies']) assert.ok(below('soc-arcs', symbol), `arcs under ${symbol}`);
  assert.equal(ids.at(-1), 'incidents-markers', 'incidents on top of everything');
  assert.ok(DRAW_ORDER.indexOf('basemap-district-labels') > DRAW_ORDER.indexOf('portal-districts'), 'district names over the choropleth');
  assert.deepEqual(renderAllLayers(input(false, true, 12_345)).map((l) => l.id), ids);
});

test('hidden feeds keep their layers with visible: false; every layer pickable', () => {
  for (const layer of renderAllLayers(input(false, false, 0))) {
    assert.equal(layer.props.visible, false, layer.id);
    assert.equal(layer.props.pickable, true, layer.id);
  }
});

test('ALL_LEGENDS: one per feed in the panel\'s order, every title and label in Vietnamese and English', () => {
  assert.deepEqual(ALL_LEGENDS.map((legend) => legend.id), [...LAYER_ORDER]);
  for (const legend of ALL_LEGENDS) {
    assert.ok(legend.title.vi.trim() && legend.title.en.trim(), legend.id);
    assert.ok(legend.items.length > 0, legend.id);
    for (const item of legend.items) {
      assert.ok(item.label.vi.trim() && item.label.en.trim(), `${legend.id}: ${JSON.stringify(item.label)}`);
      if (isLegendGradient(item)) {
        assert.ok(item.gradient.startLabel.vi && item.gradient.startLabel.en && item.gradient.endLabel.vi && item.gradient.endLabel.en);
        for (const stop of item.gradient.stops) assert.equal(stop.color.length, 3);
      } else {
        assert.equal(item.color.length, 3);
        for (const channel of item.color) assert.ok(Number.isInteger(channel) && channel >= 0 && channel <= 255);
      }
    }
  }
});
