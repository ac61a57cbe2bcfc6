import assert from 'node:assert/strict';
import { test } from 'node:test';
import { map } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { decodeVehicleFrame, encodeVehicleFrame, type VehicleFrame } from '../protocol/vehicle-frame.js';
import { vehiclePositions$ } from './vehicle-positions.js';

const EPOCH = '0123456789abcdef';

function vehicleFrame(seq: number): VehicleFrame {
  const batch = {
    ids: new Uint32Array([1, 2]),
    positions: new Float32Array([106.3, 20.9 + seq / 1000, 106.4, 20.95]),
    headings: new Uint16Array([0, 90]),
    speeds: new Uint8Array([30, 50]),
    kinds: new Uint8Array([0, 1]),
  };
  return decodeVehicleFrame(encodeVehicleFrame({ seq, ts: 1_763_800_000_000 + seq * 1000, epoch: EPOCH, keyframe: true }, batch));
}

test('latest frame wins, at most once per animation frame (animationFrameScheduler)', () => {
  new TestScheduler((actual, expected) => assert.deepEqual(actual, expected)).run(({ hot, animate, expectObservable }) => {
    animate('   ---x---x---x--');
    const frames = { a: vehicleFrame(1), b: vehicleFrame(2), c: vehicleFrame(3), d: vehicleFrame(4) };
    const vehicles$ = hot('-ab-----cd----', frames);
    const seqs$ = vehiclePositions$({ vehicles$ }).pipe(map((frame) => frame.seq));
    expectObservable(seqs$).toBe('---b-------d----', { b: 2, d: 4 });
  });
});

test('the frame is passed through untouched: typed arrays ready to be binary attributes', () => {
  const scheduler = new TestScheduler((actual, expected) => assert.deepEqual(actual, expected));
  const frame = vehicleFrame(7);
  const seen: VehicleFrame[] = [];
  scheduler.run(({ cold }) => {
    vehiclePositions$({ vehicles$: cold('a', { a: frame }) }, scheduler).subscribe((value) => seen.push(value));
  });
  assert.equal(seen[0], frame);
  assert.ok(seen[0]?.positions instanceof Float32Array);
  assert.equal(seen[0]?.positions.length, 4);
});
