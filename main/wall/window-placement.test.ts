import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WallConfigError } from '../../feeds/wall/config-error.js';
import { parseWallConfig } from '../../feeds/wall/wall-config-schema.js';
import { planWallWindows, type DisplayFacts } from './window-placement.js';

// Three 1920×1080 screens side by side, the middle one primary at the origin (as Electron reports a typical wall).
const DISPLAYS: DisplayFacts[] = [
  { id: 101, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
  { id: 202, bounds: { x: 1920, y: 0, width: 1920, height: 1080 } },
  { id: 303, bounds: { x: -1920, y: 0, width: 1920, height: 1080 } },
];
const wall = (displays: unknown[], extra: Record<string, unknown> = {}) =>
  parseWallConfig({ displays, playlists: { day: { items: [{ layout: 'split', seconds: 10 }] } }, ...extra }, 'wall.json');

test('each configured display gets a window at exactly its bounds, by index or by id', () => {
  const plan = planWallWindows(DISPLAYS, wall([{ index: 0, playlist: 'day' }, { id: 303, layout: 'map-full' }, { index: 1, layout: 'incidents' }]), 'wall.json');
  assert.deepEqual(plan.warnings, []);
  assert.deepEqual(
    plan.windows.map((w) => [w.entry, w.displayId, w.displayIndex, w.bounds.x, w.bounds.y, w.bounds.width, w.bounds.height, w.source]),
    [
      [0, 101, 0, 0, 0, 1920, 1080, { playlist: 'day' }],
      [1, 303, 2, -1920, 0, 1920, 1080, { layout: 'map-full' }],
      [2, 202, 1, 1920, 0, 1920, 1080, { layout: 'incidents' }],
    ],
  );
});

test('a display that is not connected is skipped with a warning naming the file, the entry and what is connected', () => {
  const plan = planWallWindows(DISPLAYS.slice(0, 1), wall([{ index: 0, layout: 'split' }, { index: 1, layout: 'map-full' }, { id: 999, layout: 'incidents' }]), 'config/wall.json');
  assert.equal(plan.windows.length, 1);
  assert.equal(plan.warnings.length, 2);
  assert.match(plan.warnings[0] ?? '', /^config\/wall\.json: displays\.1: no display with index 1 \(connected: #0 id 101 1920×1080\); skipped$/);
  assert.match(plan.warnings[1] ?? '', /^config\/wall\.json: displays\.2: no display with id 999 /);
});

test('"missingDisplay": "error" refuses to start instead', () => {
  assert.throws(
    () => planWallWindows(DISPLAYS.slice(0, 1), wall([{ index: 0, layout: 'split' }, { id: 999, layout: 'incidents' }], { missingDisplay: 'error' }), 'wall.json'),
    (error: unknown) => error instanceof WallConfigError && /^wall\.json: displays\.1: no display with id 999/.test(error.message),
  );
});

test('no window at all is an error; two entries on one display keep the first', () => {
  assert.throws(() => planWallWindows([], wall([{ index: 0, layout: 'split' }]), 'wall.json'), /wall\.json: displays: none of the configured displays is connected \(connected: none\)/);
  const plan = planWallWindows(DISPLAYS, wall([{ index: 1, layout: 'split' }, { id: 202, layout: 'map-full' }]), 'wall.json');
  assert.equal(plan.windows.length, 1);
  assert.deepEqual(plan.windows[0]?.source, { layout: 'split' });
  assert.match(plan.warnings[0] ?? '', /displays\.1: display id 202 already shows displays\.0; skipped/);
});
