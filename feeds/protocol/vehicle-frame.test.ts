import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeVehicleFrame, encodeVehicleFrame, VehicleFrameError, vehicleFrameSize } from './vehicle-frame.js';

function batch(count: number) {
  const ids = new Uint32Array(count);
  const positions = new Float32Array(count * 2);
  const headings = new Uint16Array(count);
  const speeds = new Uint8Array(count);
  const kinds = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    ids[i] = 1000 + i;
    positions[i * 2] = 106.3 + i * 0.001;
    positions[i * 2 + 1] = 20.9 + i * 0.001;
    headings[i] = (i * 7) % 360;
    speeds[i] = i % 120;
    kinds[i] = i % 5;
  }
  return { ids, positions, headings, speeds, kinds };
}

const header = { seq: 42, ts: 1_763_800_000_123, epoch: '0123456789abcdef', keyframe: true };

test('a frame round-trips and has the documented size and header bytes', () => {
  const input = batch(3);
  const buffer = encodeVehicleFrame(header, input);
  assert.equal(buffer.byteLength, vehicleFrameSize(3));
  assert.equal(buffer.byteLength, 48 + 16 * 3);
  const bytes = new Uint8Array(buffer);
  assert.equal(String.fromCharCode(...bytes.slice(0, 4)), 'IOCV');
  assert.equal(bytes[4], 1);
  assert.equal(bytes[5], 1);
  assert.equal(bytes[6], 1);
  const view = new DataView(buffer);
  assert.equal(view.getFloat64(8, true), 42);
  assert.equal(view.getUint32(40, true), 3);
  assert.equal(view.getUint32(48, true), 1000, 'first id at offset 48');
  assert.ok(Math.abs(view.getFloat32(48 + 12, true) - 106.3) < 1e-5, 'first lon at 48 + 4N');
  const frame = decodeVehicleFrame(buffer);
  assert.equal(frame.seq, 42);
  assert.equal(frame.ts, header.ts);
  assert.equal(frame.epoch, header.epoch);
  assert.equal(frame.keyframe, true);
  assert.deepEqual([...frame.ids], [...input.ids]);
  assert.deepEqual([...frame.positions], [...input.positions]);
  assert.deepEqual([...frame.headings], [...input.headings]);
  assert.deepEqual([...frame.speeds], [...input.speeds]);
  assert.deepEqual([...frame.kinds], [...input.kinds]);
});

test('decoding an aligned buffer makes views, not copies', () => {
  const buffer = encodeVehicleFrame(header, batch(10));
  const frame = decodeVehicleFrame(buffer);
  assert.equal(frame.positions.buffer, buffer);
});

test('a misaligned Node buffer is decoded correctly (copied)', () => {
  const buffer = encodeVehicleFrame(header, batch(5));
  const padded = new Uint8Array(buffer.byteLength + 1);
  padded.set(new Uint8Array(buffer), 1);
  const frame = decodeVehicleFrame(padded.subarray(1));
  assert.deepEqual([...frame.ids], [...batch(5).ids]);
});

test('bad frames are refused with a reason', () => {
  assert.throws(() => decodeVehicleFrame(new Uint8Array(10)), VehicleFrameError);
  const buffer = encodeVehicleFrame(header, batch(2));
  const wrongMagic = new Uint8Array(buffer.slice(0));
  wrongMagic[0] = 0;
  assert.throws(() => decodeVehicleFrame(wrongMagic), /bad magic/);
  assert.throws(() => decodeVehicleFrame(buffer.slice(0, buffer.byteLength - 1)), /does not match count/);
  assert.throws(() => encodeVehicleFrame({ ...header, epoch: 'nope' }, batch(1)), /bad epoch/);
});

test('a frame at an unaligned offset of a Node Buffer (as a message arrives from a socket) decodes', () => {
  const frame = new Uint8Array(encodeVehicleFrame({ seq: 3, ts: 1, epoch: '0123456789abcdef', keyframe: true }, {
    ids: new Uint32Array([7, 8]),
    positions: new Float32Array([106.3, 20.9, 106.4, 21]),
    headings: new Uint16Array([90, 180]),
    speeds: new Uint8Array([40, 50]),
    kinds: new Uint8Array([0, 1]),
  }));
  const carrier = Buffer.alloc(frame.length + 3);
  carrier.set(frame, 3);
  const decoded = decodeVehicleFrame(carrier.subarray(3));
  assert.deepEqual([...decoded.ids], [7, 8]);
  assert.equal(decoded.seq, 3);
});
