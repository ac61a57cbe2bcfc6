import assert from 'node:assert/strict';
import test from 'node:test';
import { decodeVehicleFrame, type VehicleBatch } from '../protocol/vehicle-frame.js';
import { VEHICLE_SOURCE_TTL_MS, VehicleChannel } from './vehicle-channel.js';

function batch(ids: number[], lon: number): VehicleBatch {
  return {
    ids: Uint32Array.from(ids),
    positions: Float32Array.from(ids.flatMap(() => [lon, 20.9])),
    headings: new Uint16Array(ids.length),
    speeds: new Uint8Array(ids.length).fill(30),
    kinds: new Uint8Array(ids.length).fill(1),
  };
}

test('each source replaces only its own vehicles; a frame carries every live source', () => {
  const channel = new VehicleChannel();
  channel.encode(batch([1, 2, 3], 106.1), 1000);
  channel.encode(batch([0x8000_0000, 0x8000_0001], 106.3), 1500, 'ingest:buses');
  let frame = decodeVehicleFrame(channel.encode(batch([1, 2, 3, 4], 106.2), 2000));
  assert.deepEqual([...frame.ids], [1, 2, 3, 4, 0x8000_0000, 0x8000_0001]);
  assert.equal(frame.positions[0], Math.fround(106.2), 'the simulator moved');
  assert.equal(frame.positions[8], Math.fround(106.3), 'the buses are where the feed put them');
  assert.deepEqual(channel.sources, ['simulator', 'ingest:buses']);
  assert.equal(frame.seq, 3);

  // The bus feed stops: after the TTL its vehicles leave the frame instead of standing still as if live.
  frame = decodeVehicleFrame(channel.encode(batch([1, 2], 106.2), 1500 + VEHICLE_SOURCE_TTL_MS + 1));
  assert.deepEqual([...frame.ids], [1, 2]);
  assert.deepEqual(channel.sources, ['simulator']);
});

test('a lone source that stops leaves the frame on the hub clock, without another publish', () => {
  const channel = new VehicleChannel();
  channel.encode(batch([0x8000_0000], 106.3), 1000, 'ingest:buses');
  assert.equal(channel.expire(1000 + VEHICLE_SOURCE_TTL_MS), null, 'not yet silent long enough');
  const frame = channel.expire(1001 + VEHICLE_SOURCE_TTL_MS);
  assert.ok(frame, 'a new keyframe is made');
  assert.equal(decodeVehicleFrame(frame).count, 0);
  assert.equal(decodeVehicleFrame(channel.latest ?? new ArrayBuffer(0)).count, 0, 'new subscribers get the empty frame too');
  assert.equal(channel.expire(1002 + VEHICLE_SOURCE_TTL_MS), null);
});

test('one source: its vehicles are the frame', () => {
  const channel = new VehicleChannel();
  const only = batch([5, 6], 106.0);
  const frame = decodeVehicleFrame(channel.encode(only, 10, 'ingest:x'));
  assert.deepEqual([...frame.ids], [5, 6]);
  assert.equal(frame.count, 2);
});
