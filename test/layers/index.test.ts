import { test } from 'node:test';
import assert from 'node:assert/strict';
import { environmentReducer } from '../../feeds/environment/environment-reducer.js';
import { incidentsReducer } from '../../feeds/incidents/incidents-reducer.js';
import { portalReducer } from '../../feeds/portal/portal-reducer.js';
import { socReducer } from '../../feeds/soc/soc-reducer.js';
import { trafficReducer } from '../../feeds/traffic/traffic-reducer.js';
import { ALL_LEGENDS, LAYER_ORDER, renderAllLayers, type AllLayersInput } from '../../layers/index.js';
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

test('all layers in the fixed z-order: portal bottom … incidents top; the same ids every call', () => {
  const ids = renderAllLayers(input(true, false, 0)).map((l) => l.id);
  assert.deepEqual(ids, [
    'portal-districts',
    'traffic-segments', 'traffic-accidents', 'traffic-accident-marks',
    'vehicles-points', 'vehicles-highlight',
    'environment-stations', 'environment-labels',
    'soc-arcs', 'soc-agencies', 'soc-bursts',
    'incidents-unacknowledged-halos', 'incidents-markers',
  ]);
  assert.equal(new Set(ids).size, ids.length, 'unique ids');
  const feedsInOrder = [...new Set(ids.map((id) => id.split('-')[0]))];
  assert.deepEqual(feedsInOrder, [...LAYER_ORDER]);
  assert.deepEqual(renderAllLayers(input(false, true, 12_345)).map((l) => l.id), ids);
});

test('hidden feeds keep their layers with visible: false; every layer pickable', () => {
  for (const layer of renderAllLayers(input(false, false, 0))) {
    assert.equal(layer.props.visible, false, layer.id);
    assert.equal(layer.props.pickable, true, layer.id);
  }
});

test('ALL_LEGENDS: one per feed in z-order, every title and label in Vietnamese and English', () => {
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
