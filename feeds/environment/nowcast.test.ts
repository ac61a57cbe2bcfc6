import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nowcast } from './nowcast.js';

function assertClose(actual: number | null, expected: number, tolerance = 1e-9): void {
  assert.ok(actual !== null && Math.abs(actual - expected) <= tolerance, `expected ${expected}, got ${actual}`);
}

test('12 equal hours give that value (w* = 1)', () => {
  assertClose(nowcast(Array<number>(12).fill(42.7)), 42.7);
});

test('a rise in the latest hour, w above ½', () => {
  // c1 = 20, c2…c12 = 16: w* = 16/20 = 0.8.
  // NowCast = (20 + 16 Σ_{k=1..11} 0.8^k) / Σ_{k=0..11} 0.8^k = 16 + 4 / S, S = (1 − 0.8^12)/0.2 = 4.65640261632
  //         = 16.859032246…
  const series = [20, ...Array<number>(11).fill(16)];
  assertClose(nowcast(series), 16 + 4 / ((1 - 0.8 ** 12) / 0.2));
  assertClose(nowcast(series), 16.859032246, 1e-8);
});

test('a sharp rise forces the ½ floor; the normalised form is within 0.05 % of the printed Σ (½)^i c_i', () => {
  // c1 = 100, c2…c12 = 10: w* = 0.1 → w = ½.
  // Normalised: (100 + 10 Σ_{k=1..11} ½^k) / Σ_{k=0..11} ½^k = 109.9951171875 / 1.99951171875 = 55.010989…
  // Printed:    ½·100 + 10 Σ_{i=2..12} ½^i = 50 + 10 (½ − ½^12) = 54.99755859375
  const series = [100, ...Array<number>(11).fill(10)];
  const value = nowcast(series);
  assertClose(value, 109.9951171875 / 1.99951171875);
  const printed = 54.99755859375;
  assert.ok(value !== null && Math.abs(value - printed) / printed < 0.0005);
});

test('missing c2 only: still computed, c2 weighs nothing', () => {
  // c1 = 30, c3…c12 = 20 (present ages 0, 2…11): w* = 20/30 = ⅔.
  // NowCast = (30 + 20 s) / (1 + s), s = Σ_{k=2..11} (⅔)^k = ((⅔)^2 − (⅔)^12) / (1 − ⅔) = 1.31021…  → 24.3286…
  const w = 2 / 3;
  const s = (w ** 2 - w ** 12) / (1 - w);
  assertClose(nowcast([30, null, ...Array<number>(10).fill(20)]), (30 + 20 * s) / (1 + s));
  assertClose(nowcast([30, null, ...Array<number>(10).fill(20)]), 24.3286084, 1e-6);
});

test('2 of c1, c2, c3 are required', () => {
  const rest = Array<number>(9).fill(20);
  assert.equal(nowcast([null, null, 20, ...rest]), null);
  assert.equal(nowcast([20, null, null, ...rest]), null);
  assert.equal(nowcast([null, 20, null, ...rest]), null);
  assert.notEqual(nowcast([null, 20, 20, ...rest]), null);
  assert.equal(nowcast([]), null);
  assert.equal(nowcast([20]), null);
});

test('missing c4…c12 get weight 0 (as nulls or a short array)', () => {
  // c1 = 10, c2 = 20, c3 = 40: w* = 10/40 → w = ½.
  // NowCast = (10 + ½·20 + ¼·40) / (1 + ½ + ¼) = 30 / 1.75 = 17.142857…
  assertClose(nowcast([10, 20, 40, ...Array<null>(9).fill(null)]), 30 / 1.75);
  assertClose(nowcast([10, 20, 40]), 30 / 1.75);
});

test('only the 12 most recent hours count', () => {
  // The 13th value would lower w* (and the result) if it were used.
  assertClose(nowcast([...Array<number>(12).fill(25), 0]), 25);
});

test('invalid values count as missing', () => {
  assertClose(nowcast([10, -3, 20, 40]), nowcast([10, null, 20, 40]) ?? Number.NaN);
  assert.equal(nowcast([Number.NaN, 10, -1]), null);
});

test('all zeros give 0 (Cmax = 0)', () => {
  assert.equal(nowcast(Array<number>(12).fill(0)), 0);
  assert.equal(nowcast([0, 0]), 0);
});

test('a zero among positives: w* = 0 → w = ½', () => {
  // c1 = 0, c2 = 8: (0 + ½·8) / (1 + ½) = 8/3
  assertClose(nowcast([0, 8]), 8 / 3);
});
