import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { decodeVehicleFrame, encodeVehicleFrame, type VehicleFrame } from '../../../feeds/protocol/vehicle-frame.js';
import { accessorValue } from '../../../layers/common/accessor-value.js';
import { STALE_ALPHA_FACTOR } from '../../../layers/common/stale-style.js';
import {
  VehicleColorBuffer,
  formatVehicleBinaryData,
  vehicleColor,
  vehicleObjectsFromFrame,
  vehiclePickAt,
  type VehicleBinaryData,
  type VehicleObject,
  type VehiclePick,
} from '../../../layers/vehicles/format-vehicles-data.js';
import { VEHICLE_LAYER_IDS, renderVehicleLayers, renderVehicleLayersFromObjects, type VehicleLayerInput } from '../../../layers/vehicles/vehicles-layers.js';
import { VEHICLES_LEGEND } from '../../../layers/vehicles/vehicles-legend.js';
import { VEHICLE_KIND_COLORS } from '../../../layers/vehicles/vehicle-style.js';

/** A real frame: encoded and decoded as it arrives over the WebSocket. Kinds 0…4 then an unknown code 9. */
function frame(seq = 1, count = 6): VehicleFrame {
  const ids = new Uint32Array(count).map((_, i) => 100 + i);
  const positions = new Float32Array(count * 2).map((_, i) => (i % 2 === 0 ? 106.3 + i * 0.001 : 20.9 + i * 0.001));
  const headings = new Uint16Array(count).map((_, i) => (i * 45) % 360);
  const speeds = new Uint8Array(count).map((_, i) => 20 + i);
  const kinds = new Uint8Array(count).map((_, i) => (i < 5 ? i : 9));
  const buffer = encodeVehicleFrame({ seq, ts: 1_700_000_000_000 + seq, epoch: '0123456789abcdef', keyframe: true }, { ids, positions, headings, speeds, kinds });
  return decodeVehicleFrame(buffer);
}

function input(overrides: Partial<VehicleLayerInput> = {}): VehicleLayerInput {
  return { state: frame(), visible: true, stale: false, highlight: null, time: 0, ...overrides };
}

function points(layers: Layer[]): ScatterplotLayer<unknown> {
  const layer = layers.find((l) => l.id === VEHICLE_LAYER_IDS.points);
  assert.ok(layer);
  return layer as ScatterplotLayer<unknown>;
}

test('positions are the frame Float32Array by reference (no copy), size 2', () => {
  const f = frame();
  const data = points(renderVehicleLayers(input({ state: f }))).props.data as VehicleBinaryData;
  assert.equal(data.length, f.count);
  assert.equal(data.attributes.getPosition.value, f.positions);
  assert.equal(data.attributes.getPosition.size, 2);
  assert.ok(!(Symbol.iterator in data), 'binary data: no per-vehicle objects to iterate');
});

test('colours: RGBA bytes by kind, normalized, unknown kind grey', () => {
  const f = frame();
  const color = (points(renderVehicleLayers(input({ state: f }))).props.data as VehicleBinaryData).attributes.getFillColor;
  assert.equal(color.size, 4);
  assert.equal(color.normalized, true);
  assert.equal(color.value.length, f.count * 4);
  assert.deepEqual([...color.value.subarray(0, 3)], [...VEHICLE_KIND_COLORS.car]);
  assert.deepEqual([...color.value.subarray(16, 19)], [...VEHICLE_KIND_COLORS.emergency]);
  assert.deepEqual([...color.value.subarray(20, 24)], [...vehicleColor(9, false)]);
  for (let i = 0; i < f.count; i++) {
    assert.deepEqual([...color.value.subarray(i * 4, i * 4 + 4)], [...vehicleColor(f.kinds[i] ?? 0, false)]);
  }
});

test('the colour buffer is reused between frames and grows when the fleet grows', () => {
  const colors = new VehicleColorBuffer();
  const a = formatVehicleBinaryData(frame(1, 6), false, colors).attributes.getFillColor.value;
  const b = formatVehicleBinaryData(frame(2, 5), false, colors).attributes.getFillColor.value;
  assert.equal(a.buffer, b.buffer, 'same memory');
  assert.notEqual(a, b, 'a new view, so deck.gl sees a new attribute value');
  assert.equal(b.length, 20);
  const c = formatVehicleBinaryData(frame(3, 500), false, colors).attributes.getFillColor.value;
  assert.equal(c.length, 2000);
  const d = formatVehicleBinaryData(frame(4, 480), false, colors).attributes.getFillColor.value;
  assert.equal(c.buffer, d.buffer);
});

test('the same frame again returns the identical data object; a new frame a new one', () => {
  const f = frame(7);
  const a = points(renderVehicleLayers(input({ state: f, time: 1 }))).props.data;
  const b = points(renderVehicleLayers(input({ state: f, time: 2 }))).props.data;
  assert.equal(a, b);
  const c = points(renderVehicleLayers(input({ state: frame(8), time: 3 }))).props.data;
  assert.notEqual(c, a);
});

test('stale: alpha × 0.35 and greyed, in the binary buffer too', () => {
  const f = frame();
  const live = (points(renderVehicleLayers(input({ state: f }))).props.data as VehicleBinaryData).attributes.getFillColor.value.slice();
  const stale = (points(renderVehicleLayers(input({ state: f, stale: true }))).props.data as VehicleBinaryData).attributes.getFillColor.value;
  assert.equal(stale[3], Math.round((live[3] ?? 0) * STALE_ALPHA_FACTOR));
  assert.notDeepEqual([...stale.subarray(0, 3)], [...live.subarray(0, 3)]);
  const layer = points(renderVehicleLayers(input({ state: f, stale: true })));
  assert.deepEqual((layer.props.updateTriggers as Record<string, unknown[]>)['getFillColor'], ['0123456789abcdef:1', true]);
});

test('ids are stable, radius in pixels, hidden layers kept with visible: false, empty before the first frame', () => {
  const a = renderVehicleLayers(input()).map((l) => l.id);
  const hidden = renderVehicleLayers(input({ state: null, visible: false }));
  assert.deepEqual(hidden.map((l) => l.id), a);
  assert.deepEqual(a, [VEHICLE_LAYER_IDS.points, VEHICLE_LAYER_IDS.highlight]);
  for (const layer of hidden) assert.equal(layer.props.visible, false);
  assert.equal((points(hidden).props.data as VehicleBinaryData).length, 0);
  const layer = points(renderVehicleLayers(input()));
  assert.equal(layer.props.radiusUnits, 'pixels');
  assert.equal(layer.props.pickable, true);
});

test('picking: vehiclePickAt turns a picked index into a tooltip object; highlight draws a ring', () => {
  const f = frame();
  const pick = vehiclePickAt(f, 4);
  assert.ok(pick);
  assert.equal(pick.id, '104');
  assert.equal(pick.kind, 'emergency');
  assert.equal(pick.value, 24);
  assert.match(pick.name.vi, /#104/);
  assert.equal(vehiclePickAt(f, 99), null);
  const layers = renderVehicleLayers(input({ state: f, highlight: '104' }));
  const ring = layers.find((l) => l.id === VEHICLE_LAYER_IDS.highlight) as ScatterplotLayer<VehiclePick>;
  const [datum] = ring.props.data as VehiclePick[];
  assert.equal(datum?.id, '104');
  assert.deepEqual(datum?.position, [f.positions[8], f.positions[9]]);
});

test('the accessor baseline draws the same colours from one object per vehicle', () => {
  const f = frame();
  const objects = vehicleObjectsFromFrame(f);
  assert.equal(objects.length, f.count);
  const [layer] = renderVehicleLayersFromObjects(objects);
  const scatter = layer as ScatterplotLayer<VehicleObject>;
  assert.equal(scatter.id, VEHICLE_LAYER_IDS.pointsFromObjects);
  const binary = (points(renderVehicleLayers(input({ state: f }))).props.data as VehicleBinaryData).attributes.getFillColor.value;
  objects.forEach((object, i) => {
    assert.deepEqual(accessorValue(scatter.props.getFillColor, object), [...binary.subarray(i * 4, i * 4 + 4)]);
    assert.deepEqual(accessorValue(scatter.props.getPosition, object), [f.positions[i * 2], f.positions[i * 2 + 1]]);
  });
});

test('legend: one swatch per vehicle kind, bilingual', () => {
  assert.equal(VEHICLES_LEGEND.items.length, 5);
  for (const item of VEHICLES_LEGEND.items) assert.ok(item.label.vi && item.label.en);
});
