import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pruneCrashTimes, RELOAD_BACKOFF_MS, reloadDelayMs, UNRESPONSIVE_GRACE_MS } from './recovery-policy.js';

test('a crash reloads within a second; a crash loop backs off to 5 s, never longer', () => {
  assert.equal(reloadDelayMs([1000], 1000), 1000);
  assert.equal(reloadDelayMs([0, 30_000], 30_000), 1000);
  assert.equal(reloadDelayMs([0, 20_000, 40_000], 40_000), RELOAD_BACKOFF_MS);
  assert.equal(reloadDelayMs([0, 20_000, 100_000], 100_000), 1000, 'old crashes are forgiven');
  // The policy's own delays: a crash reloads within 5 s, a detected hang is crashed after the grace and then reloads
  // within 5 s too. (Detection itself — Chromium's hang monitor, the frame watchdog's timeout — comes on top.)
  assert.ok(RELOAD_BACKOFF_MS <= 5000, 'a crash, even in a loop, reloads within 5 s');
  assert.ok(UNRESPONSIVE_GRACE_MS + 1000 <= 5000, 'a detected hang is restarted within 5 s');
  assert.deepEqual(pruneCrashTimes([0, 50_000, 90_000], 100_000), [50_000, 90_000]);
});
