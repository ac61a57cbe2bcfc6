import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colorRamp, hexToRgb, rampLegendStops } from '../../../layers/common/colors.js';
import { memoizeFormat } from '../../../layers/common/format-memo.js';
import { STALE_ALPHA_FACTOR, staleColor, writeStaleColor } from '../../../layers/common/stale-style.js';

test('staleColor: alpha × 0.35, channels 60 % of the way to their luminance grey; identity when live', () => {
  assert.deepEqual(staleColor([255, 0, 0, 200], false), [255, 0, 0, 200]);
  const [r, g, b, a] = staleColor([255, 0, 0, 200], true);
  const grey = 0.299 * 255;
  assert.equal(a, Math.round(200 * STALE_ALPHA_FACTOR));
  assert.equal(r, Math.round(255 + (grey - 255) * 0.6));
  assert.equal(g, Math.round(grey * 0.6));
  assert.equal(b, g);
  assert.deepEqual(staleColor([128, 128, 128, 255], true).slice(0, 3), [128, 128, 128], 'a grey stays that grey');
  const bytes = new Uint8Array(8);
  writeStaleColor(bytes, 4, [255, 0, 0, 200], true);
  assert.deepEqual([...bytes.subarray(4)], [r, g, b, a]);
});

test('colorRamp: exact at stops, clamped outside, interpolated between', () => {
  const ramp = colorRamp([0, 1], [[0, 0, 0], [200, 100, 50]]);
  assert.deepEqual(ramp(-1), [0, 0, 0]);
  assert.deepEqual(ramp(2), [200, 100, 50]);
  assert.deepEqual(ramp(0.5), [100, 50, 25]);
  assert.deepEqual(hexToRgb('#00E400'), [0, 228, 0]);
  assert.throws(() => hexToRgb('not-a-colour'));
  assert.deepEqual(rampLegendStops([10, 20, 30], [[0, 0, 0], [1, 1, 1], [2, 2, 2]]).map((s) => s.offset), [0, 0.5, 1]);
});

test('memoizeFormat: cached by (state, version, extras); never without a version', () => {
  let calls = 0;
  const format = memoizeFormat((state: { n: number }, extra: string) => {
    calls++;
    return { n: state.n, extra };
  });
  const state = { n: 1 };
  const a = format(state, 1, 'x');
  assert.equal(format(state, 1, 'x'), a);
  assert.equal(calls, 1);
  assert.notEqual(format(state, 2, 'x'), a);
  assert.notEqual(format(state, 2, 'y'), a);
  assert.notEqual(format({ n: 1 }, 2, 'y'), a);
  assert.equal(calls, 4);
  format(state, undefined, 'x');
  format(state, undefined, 'x');
  assert.equal(calls, 6);
});
