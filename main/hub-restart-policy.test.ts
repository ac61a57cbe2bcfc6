import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HubRestartPolicy } from './hub-restart-policy.js';

const limits = { maxRestarts: 3, windowMs: 60_000, baseDelayMs: 500, maxDelayMs: 1_500 };

test('delays double and are capped; the budget runs out inside the window', () => {
  const policy = new HubRestartPolicy(limits);
  assert.equal(policy.nextDelay(0), 500);
  assert.equal(policy.nextDelay(1_000), 1_000);
  assert.equal(policy.nextDelay(2_000), 1_500);
  assert.equal(policy.nextDelay(3_000), null);
});

test('restarts older than the window are forgotten', () => {
  const policy = new HubRestartPolicy(limits);
  policy.nextDelay(0);
  policy.nextDelay(1_000);
  policy.nextDelay(2_000);
  assert.equal(policy.nextDelay(61_000), 1_000, 'only the restart at 2 s is still recent');
  assert.equal(policy.nextDelay(200_000), 500);
});
