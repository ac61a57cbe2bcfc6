import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rotationAt, scheduledPlaylist, type RotationState } from './rotation.js';
import { parseWallConfig, type WallConfig } from './wall-config-schema.js';

const ZONE = 'Asia/Ho_Chi_Minh';
/** An instant from a wall-clock time in Hải Dương (UTC+7, no daylight saving). */
const ict = (iso: string): number => Date.parse(`${iso}+07:00`);

const config: WallConfig = parseWallConfig(
  {
    timeZone: ZONE,
    displays: [{ index: 0, playlist: 'day' }],
    playlists: {
      day: {
        items: [
          { layout: 'split', seconds: 60 },
          { layout: 'kpi-grid', seconds: 45 },
          { layout: 'incidents', seconds: 30 },
        ],
        schedule: { from: '07:00', to: '18:00', otherwise: 'night' },
      },
      night: { items: [{ layout: 'map-full', seconds: 120 }, { layout: 'incidents', seconds: 50 }] },
    },
  },
  'test.json',
);

/**
 * Step virtual time from one change to the next (now += msUntilNext) and record every state: this is what a wall
 * does, except that the wall re-asks every half second instead of trusting msUntilNext.
 */
function run(from: number, until: number): { at: number; state: RotationState }[] {
  const steps: { at: number; state: RotationState }[] = [];
  let now = from;
  while (now < until) {
    const state = rotationAt(config, { playlist: 'day' }, now);
    steps.push({ at: now, state });
    assert.ok(state.msUntilNext > 0 && Number.isFinite(state.msUntilNext), `msUntilNext ${state.msUntilNext} at ${new Date(now).toISOString()}`);
    now += state.msUntilNext;
  }
  return steps;
}

test('over two days (thousands of rotations) each item lasts its seconds, items advance in order, schedules switch at 07:00 and 18:00', () => {
  const start = ict('2026-03-10T05:00:00');
  const steps = run(start, start + 2 * 86_400_000);
  assert.ok(steps.length >= 1000, `${steps.length} rotations`);
  const switches: string[] = [];
  for (let i = 1; i < steps.length; i++) {
    const previous = steps[i - 1]!;
    const current = steps[i]!;
    const duration = current.at - previous.at;
    if (current.state.playlist !== previous.state.playlist) {
      // A schedule switch: exactly on the boundary, starting the new playlist at its first item.
      const local = new Date(current.at + 7 * 3600_000).toISOString().slice(11, 19);
      switches.push(`${current.state.playlist}@${local}`);
      assert.equal(current.state.index, 0, 'a switched-in playlist starts with its first item');
      assert.ok(duration <= config.playlists[previous.state.playlist!]!.items[previous.state.index]!.seconds * 1000);
    } else {
      const items = config.playlists[current.state.playlist!]!.items;
      assert.equal(current.state.index, (previous.state.index + 1) % items.length, `advances by one at step ${i}`);
      // The first step starts wherever the clock is, part-way through an item.
      if (i === 1) assert.ok(duration <= items[previous.state.index]!.seconds * 1000);
      else assert.equal(duration, items[previous.state.index]!.seconds * 1000, `item ${previous.state.index} lasted its seconds`);
      assert.equal(current.state.since, current.at, 'since is when the item started');
    }
  }
  assert.deepEqual(switches, ['day@07:00:00', 'night@18:00:00', 'day@07:00:00', 'night@18:00:00']);
});

test('the answer depends only on the clock: any instant inside a step gives the same item and the same end', () => {
  const start = ict('2026-03-10T17:40:00');
  const steps = run(start, start + 8 * 3600_000);
  let checked = 0;
  for (let i = 0; i < steps.length - 1; i++) {
    const { at, state } = steps[i]!;
    const end = steps[i + 1]!.at;
    for (const fraction of [0.01, 0.5, 0.99]) {
      const probe = Math.floor(at + (end - at) * fraction);
      const again = rotationAt(config, { playlist: 'day' }, probe);
      assert.equal(again.layout, state.layout);
      assert.equal(again.index, state.index);
      assert.equal(probe + again.msUntilNext, end);
      checked++;
    }
  }
  assert.ok(checked > 300);
});

test('midnight is not a boundary: the night playlist rotates straight through it', () => {
  const before = rotationAt(config, { playlist: 'day' }, ict('2026-03-10T23:59:59'));
  const after = rotationAt(config, { playlist: 'day' }, ict('2026-03-11T00:00:01'));
  assert.equal(before.playlist, 'night');
  assert.equal(after.playlist, 'night');
  // The night period is 170 s, anchored at 18:00: at 23:59:59, 21599 s in → item position 21599 mod 170 = 9 s of item 0.
  assert.equal(before.index, 0);
  assert.equal(before.since, ict('2026-03-10T23:59:50'));
  assert.equal(after.since, before.since, 'the same item continues across midnight');
  const steps = run(ict('2026-03-10T23:50:00'), ict('2026-03-11T00:10:00'));
  assert.ok(steps.every((step) => step.state.playlist === 'night'));
  assert.ok(steps.some((step) => step.at > ict('2026-03-11T00:00:00') && step.at < ict('2026-03-11T00:03:00')));
});

test('the schedule follows the region zone, not the machine zone', () => {
  // 06:59:59 and 07:00:00 in Hải Dương are 23:59:59 and 00:00:00 UTC.
  assert.equal(scheduledPlaylist(config.playlists, ZONE, 'day', Date.parse('2026-03-10T23:59:59Z')), 'night');
  assert.equal(scheduledPlaylist(config.playlists, ZONE, 'day', Date.parse('2026-03-11T00:00:00Z')), 'day');
  const atSeven = rotationAt(config, { playlist: 'day' }, Date.parse('2026-03-11T00:00:00Z'));
  assert.deepEqual([atSeven.layout, atSeven.since, atSeven.msUntilNext], ['split', Date.parse('2026-03-11T00:00:00Z'), 60_000]);
  const justBefore = rotationAt(config, { playlist: 'day' }, Date.parse('2026-03-10T23:59:58Z'));
  assert.equal(justBefore.msUntilNext, 2000, 'the night item is cut at the boundary');
});

test('a window across midnight (22:00–06:00) and a chain of two schedules', () => {
  const chained = parseWallConfig(
    {
      displays: [{ index: 0, playlist: 'late' }],
      playlists: {
        late: { items: [{ layout: 'map-full', seconds: 30 }], schedule: { from: '22:00', to: '06:00', otherwise: 'office' } },
        office: { items: [{ layout: 'kpi-grid', seconds: 30 }], schedule: { from: '08:00', to: '17:00', otherwise: 'rest' } },
        rest: { items: [{ layout: 'incidents', seconds: 20 }, { layout: 'split', seconds: 20 }] },
      },
    },
    'chain.json',
  );
  const at = (iso: string): string => rotationAt(chained, { playlist: 'late' }, ict(iso)).playlist ?? '';
  assert.equal(at('2026-03-10T23:00:00'), 'late');
  assert.equal(at('2026-03-11T05:59:59'), 'late');
  assert.equal(at('2026-03-11T06:00:00'), 'rest');
  assert.equal(at('2026-03-11T08:00:00'), 'office');
  assert.equal(at('2026-03-11T17:00:00'), 'rest');
  assert.equal(at('2026-03-11T22:00:00'), 'late');
  const rest = rotationAt(chained, { playlist: 'late' }, ict('2026-03-11T06:00:25'));
  assert.deepEqual([rest.layout, rest.since, rest.msUntilNext], ['split', ict('2026-03-11T06:00:20'), 15_000]);
});

test('a fixed layout never changes; an unscheduled playlist is anchored at the epoch (every display in step)', () => {
  assert.deepEqual(rotationAt(config, { layout: 'map-full' }, 12345), {
    playlist: null,
    index: 0,
    layout: 'map-full',
    since: Number.NEGATIVE_INFINITY,
    msUntilNext: Number.POSITIVE_INFINITY,
  });
  const night = rotationAt(config, { playlist: 'night' }, 170_000 * 1000 + 130_000);
  assert.deepEqual([night.index, night.since, night.msUntilNext], [1, 170_000 * 1000 + 120_000, 40_000]);
  assert.throws(() => rotationAt(config, { playlist: 'nope' }, 0), /no playlist "nope"/);
});

test('playlist names are looked up as own keys: "constructor" is unknown unless the config defines it', () => {
  const now = ict('2026-11-23T08:00:00');
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    assert.throws(() => rotationAt(config, { playlist: name }, now), new RegExp(`no playlist "${name}"`));
  }
  // "constructor" is a valid playlist name (lower-case letters): defined, it rotates like any other, and a schedule
  // may fall back to it.
  const own = parseWallConfig(
    {
      timeZone: ZONE,
      displays: [{ index: 0, playlist: 'day' }],
      playlists: {
        day: { items: [{ layout: 'split', seconds: 60 }], schedule: { from: '07:00', to: '18:00', otherwise: 'constructor' } },
        constructor: { items: [{ layout: 'map-full', seconds: 30 }] },
      },
    },
    'test.json',
  );
  assert.equal(rotationAt(own, { playlist: 'constructor' }, now).layout, 'map-full');
  assert.equal(scheduledPlaylist(own.playlists, ZONE, 'day', ict('2026-11-23T20:00:00')), 'constructor');
  assert.equal(rotationAt(own, { playlist: 'day' }, ict('2026-11-23T20:00:00')).layout, 'map-full');
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});
