import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FrameWatchdog } from './frame-watchdog.js';

test('a window that keeps painting is never due; one that stops is due once per timeout, not before', () => {
  const watchdog = new FrameWatchdog(10_000);
  watchdog.watch(1, 0);
  watchdog.watch(2, 0);
  const reloads: [number, number][] = [];
  // Virtual time: one hour in 250 ms steps. Window 1 paints every second; window 2 paints until t = 60 s, then hangs.
  for (let now = 0; now <= 3_600_000; now += 250) {
    if (now % 1000 === 0) {
      watchdog.frame(1, now);
      if (now <= 60_000) watchdog.frame(2, now);
    }
    for (const id of watchdog.overdue(now)) reloads.push([id, now]);
  }
  assert.ok(reloads.every(([id]) => id === 2), 'the painting window is never reloaded');
  assert.deepEqual(reloads[0], [2, 70_250], 'first reload just after 10 s of silence');
  // Still silent after each reload: due again every timeout (plus one check step), never more often.
  for (let i = 1; i < reloads.length; i++) assert.equal(reloads[i]![1] - reloads[i - 1]![1], 10_250);
  assert.equal(reloads.length, Math.floor((3_600_000 - 70_250) / 10_250) + 1);
});

test('a reloaded window that paints again is healthy; a forgotten window and late frames are ignored', () => {
  const watchdog = new FrameWatchdog(5000);
  watchdog.watch(7, 0);
  assert.deepEqual(watchdog.overdue(5000), [], 'exactly the timeout is not yet overdue');
  assert.deepEqual(watchdog.overdue(5001), [7]);
  watchdog.frame(7, 6000);
  assert.deepEqual(watchdog.overdue(10_999), []);
  watchdog.frame(7, 4000); // an old report arriving late does not move the clock back
  assert.deepEqual(watchdog.overdue(11_000), []);
  watchdog.forget(7);
  watchdog.frame(7, 12_000);
  assert.deepEqual(watchdog.overdue(100_000), []);
  assert.throws(() => new FrameWatchdog(0), RangeError);
  assert.equal(new FrameWatchdog(15_000).checkEveryMs, 3750);
});
