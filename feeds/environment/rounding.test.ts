import { test } from 'node:test';
import assert from 'node:assert/strict';
import { roundAqi } from './rounding.js';
import { subIndex } from './sub-index.js';

test('half up', () => {
  assert.equal(roundAqi(112.5), 113);
  assert.equal(roundAqi(0.5), 1);
  assert.equal(roundAqi(112.49), 112);
  assert.equal(roundAqi(42), 42);
  assert.equal(roundAqi(0), 0);
});

test('only noise below 1e-9 is snapped: 0.4999999 still rounds down', () => {
  assert.equal(roundAqi(0.4999999), 0);
  assert.equal(roundAqi(59.499999), 59);
});

test('a decimal x.5 that binary arithmetic leaves at x.4999… rounds up, as by hand', () => {
  // O3 1-h 36.8 µg/m³: 50 × 36.8 / 160 = 11.5 exactly; in doubles 11.499999999999998.
  const raw = subIndex('o3_1h', 36.8);
  assert.ok(raw !== null && raw < 11.5);
  assert.equal(roundAqi(raw), 12);
});
