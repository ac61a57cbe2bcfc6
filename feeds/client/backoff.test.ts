import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffCeilingMs, backoffDelayMs, DEFAULT_BACKOFF } from './backoff.js';

test('the ceiling doubles from 500 ms and stops at 30 s', () => {
  const ceilings = Array.from({ length: 10 }, (_, attempt) => backoffCeilingMs(attempt));
  assert.deepEqual(ceilings, [500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  assert.equal(backoffCeilingMs(5000), DEFAULT_BACKOFF.capMs, 'no overflow for absurd attempt numbers');
  assert.equal(backoffCeilingMs(-3), 500, 'negative attempts count as the first');
});

test('full jitter: the delay is random() scaled to the ceiling', () => {
  assert.equal(backoffDelayMs(0, () => 0), 0);
  assert.equal(backoffDelayMs(0, () => 0.5), 250);
  assert.equal(backoffDelayMs(3, () => 0.25), 1000);
  assert.equal(backoffDelayMs(20, () => 0.5), 15_000);
  assert.equal(backoffDelayMs(1, () => 0.5, { baseMs: 100, capMs: 1000 }), 100);
});

test('the delay stays in [0, ceiling) even for a misbehaving random source', () => {
  assert.equal(backoffDelayMs(0, () => 1), 499);
  assert.equal(backoffDelayMs(0, () => 7), 499);
  assert.equal(backoffDelayMs(0, () => -1), 0);
  assert.equal(backoffDelayMs(0, () => Number.NaN), 0);
  for (let attempt = 0; attempt < 12; attempt++) {
    for (const draw of [0, 0.1, 0.5, 0.999_999]) {
      const delay = backoffDelayMs(attempt, () => draw);
      assert.ok(delay >= 0 && delay < backoffCeilingMs(attempt), `attempt ${attempt}, draw ${draw}: ${delay}`);
      assert.ok(Number.isInteger(delay));
    }
  }
});
