import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { WallConfigError } from './config-error.js';
import { parseWallConfig, referencedLayouts } from './wall-config-schema.js';

const CONFIG = new URL('../../config/', import.meta.url).pathname;

const valid = {
  displays: [
    { index: 0, playlist: 'day' },
    { id: 2528732444, layout: 'map-full' },
  ],
  playlists: {
    day: { items: [{ layout: 'split', seconds: 60 }], schedule: { from: '07:00', to: '18:00', otherwise: 'night' } },
    night: { items: [{ layout: 'map-full', seconds: 120 }] },
  },
};
type Valid = typeof valid & Record<string, unknown>;
const broken = (patch: (config: Valid) => void): unknown => {
  const copy = structuredClone(valid) as Valid;
  patch(copy);
  return copy;
};
const rejects = (input: unknown, message: RegExp): void => {
  assert.throws(() => parseWallConfig(input, 'config/wall.json'), (error: unknown) => {
    assert.ok(error instanceof WallConfigError, String(error));
    assert.match(error.message, message);
    return true;
  });
};

test('the shipped config/wall.json validates and every layout it names is shipped', () => {
  const config = parseWallConfig(readFileSync(`${CONFIG}wall.json`, 'utf8'), 'config/wall.json');
  assert.equal(config.timeZone, 'Asia/Ho_Chi_Minh');
  assert.ok(config.playlists['day']?.schedule, 'a day playlist with a schedule');
  assert.ok(config.playlists['night'], 'a night playlist');
  for (const layout of referencedLayouts(config)) assert.ok(existsSync(`${CONFIG}layouts/${layout}.json`), `layouts/${layout}.json exists`);
});

test('defaults: region zone, skip missing displays, 15 s watchdog', () => {
  const config = parseWallConfig(valid, 'x.json');
  assert.equal(config.timeZone, 'Asia/Ho_Chi_Minh');
  assert.equal(config.missingDisplay, 'skip');
  assert.equal(config.watchdog.frameTimeoutSeconds, 15);
  assert.deepEqual(referencedLayouts(config), ['map-full', 'split']);
});

test('errors name the file and the field path', () => {
  rejects('[', /^config\/wall\.json: not valid JSON/);
  rejects(broken((c) => { c.displays = []; }), /^config\/wall\.json: displays: /);
  rejects(broken((c) => { c.displays[0] = { index: 0 } as never; }), /: displays\.0: give exactly one of "layout" or "playlist"/);
  rejects(broken((c) => { c.displays[0] = { index: 0, id: 3, layout: 'split' } as never; }), /: displays\.0: give exactly one of "index" or "id"/);
  rejects(broken((c) => { c.displays[0] = { index: -1, layout: 'split' } as never; }), /: displays\.0\.index: /);
  rejects(broken((c) => { c.displays[1] = { index: 0, layout: 'split' } as never; }), /: displays\.1: display index 0 is already assigned by displays\.0/);
  rejects(broken((c) => { c.displays[0]!.playlist = 'weekend'; }), /: displays\.0\.playlist: no playlist "weekend"/);
  rejects(broken((c) => { c.displays[1]!.layout = '../etc/passwd'; }), /: displays\.1\.layout: expected a name/);
  rejects(broken((c) => { c.playlists.day.items[0]!.seconds = 1; }), /: playlists\.day\.items\.0\.seconds: /);
  rejects(broken((c) => { c.playlists.day.items = []; }), /: playlists\.day\.items: /);
  rejects(broken((c) => { c.playlists.day.schedule.from = '7:00'; }), /: playlists\.day\.schedule\.from: expected a time of day/);
  rejects(broken((c) => { c.playlists.day.schedule.to = '07:00'; }), /: playlists\.day\.schedule\.to: from and to are the same time/);
  rejects(broken((c) => { c.playlists.day.schedule.otherwise = 'evening'; }), /: playlists\.day\.schedule\.otherwise: no playlist "evening"/);
  rejects(broken((c) => { (c.playlists.night as Record<string, unknown>)['schedule'] = { from: '18:00', to: '07:00', otherwise: 'day' }; }), /: playlists\.(day|night)\.schedule\.otherwise: schedule loop: /);
  rejects(broken((c) => { c['timeZone'] = 'Asia/Hanoi-ish'; }), /: timeZone: unknown time zone/);
  rejects(broken((c) => { c['missingDisplay'] = 'ignore'; }), /: missingDisplay: /);
  rejects(broken((c) => { c['watchdog'] = { frameTimeoutSeconds: 1 }; }), /: watchdog\.frameTimeoutSeconds: /);
  rejects(broken((c) => { c['kiosk'] = true; }), /: \(root\): .*kiosk/);
});
