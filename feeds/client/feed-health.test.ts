import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distinctUntilChanged, interval, map, NEVER, Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { FEED_NAMES, type FeedName } from '../protocol/feed-names.js';
import type { HeartbeatFrame } from '../protocol/frames.js';
import type { VehicleFrame } from '../protocol/vehicle-frame.js';
import { feedHealth$, type FeedHealthMap, type FeedHealthSource, type FeedHealthState } from './feed-health.js';
import type { ConnectionStatus, FeedEvents } from './hub-streams.js';

const EPOCH = '0123456789abcdef';
const STATUS: Record<string, ConnectionStatus> = { c: 'connecting', o: 'open', r: 'reconnecting', u: 'unauthorized', x: 'closed' };
const HEARTBEAT: HeartbeatFrame = { type: 'heartbeat', ts: 0, feeds: {} };
const SOC_EVENTS: FeedEvents = { feed: 'soc', epoch: EPOCH, items: [{ seq: 1, ts: 0, data: {} }], replay: false };
/** The health pipeline only looks at when a vehicle frame arrives, not at its content. */
const VEHICLE_FRAME = { seq: 1 } as unknown as VehicleFrame;
const LETTER: Record<FeedHealthState, string> = { live: 'l', stale: 's', reconnecting: 'r', down: 'd' };

function newTestScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => assert.deepEqual(actual, expected));
}

/** A double of the connection's observable surface: silent streams unless a test gives one. */
function streams(overrides: Partial<FeedHealthSource>): FeedHealthSource {
  return {
    status$: NEVER,
    welcome$: NEVER,
    snapshots$: NEVER,
    events$: NEVER,
    vehicles$: NEVER,
    heartbeats$: NEVER,
    results$: NEVER,
    ...overrides,
  };
}

/** One letter per feed, in FEED_NAMES order; only changes of state are kept. */
function states(health$: Observable<FeedHealthMap>, feeds: readonly FeedName[] = FEED_NAMES): Observable<string> {
  return health$.pipe(
    map((health) => feeds.map((feed) => LETTER[health[feed].state]).join('')),
    distinctUntilChanged(),
  );
}

const QUIET: Partial<Record<FeedName, number>> = Object.fromEntries(FEED_NAMES.map((feed) => [feed, 60_000]));

test('a feed goes stale exactly 2× its interval after its last item, and live again with the next item', () => {
  newTestScheduler().run(({ hot, expectObservable }) => {
    const connection = streams({
      status$: hot<ConnectionStatus>('o', STATUS),
      // The hub is healthy throughout: a heartbeat every second.
      heartbeats$: interval(1000).pipe(map(() => HEARTBEAT)),
      events$: hot<FeedEvents>('100ms e 11899ms e', { e: SOC_EVENTS }),
    });
    const health$ = feedHealth$(connection, { expectedIntervalMs: { ...QUIET, soc: 5000 }, heartbeatMs: 2000 });
    // item at 100 → stale at 100 + 10 000; item at 12 000 → live; stale again at 22 000.
    expectObservable(states(health$, ['soc']), '^ 29999ms !').toBe('l 10099ms s 1899ms l 9999ms s');
  });
});

test('lastUpdate is when the feed\'s last item arrived, kept while stale', () => {
  newTestScheduler().run(({ hot, expectObservable }) => {
    const connection = streams({
      status$: hot<ConnectionStatus>('o', STATUS),
      heartbeats$: interval(1000).pipe(map(() => HEARTBEAT)),
      vehicles$: hot<VehicleFrame>('500ms v', { v: VEHICLE_FRAME }),
    });
    const vehicles$ = feedHealth$(connection, { expectedIntervalMs: QUIET, heartbeatMs: 2000 }).pipe(
      map((health) => health.vehicles),
    );
    expectObservable(vehicles$, '^ 3999ms !').toBe('a 499ms b', {
      a: { state: 'live', lastUpdate: null },
      b: { state: 'live', lastUpdate: 500 },
    });
  });
});

test('heartbeat silence marks every feed stale 4 s after the last frame (frozen hub); any frame revives them', () => {
  newTestScheduler().run(({ hot, expectObservable }) => {
    const connection = streams({
      status$: hot<ConnectionStatus>('o', STATUS),
      heartbeats$: hot<HeartbeatFrame>('h 999ms h 999ms h 999ms h 5999ms h', { h: HEARTBEAT }),
    });
    const health$ = feedHealth$(connection, { expectedIntervalMs: QUIET, heartbeatMs: 2000 });
    // Last heartbeat at 3000 → all stale at 7000; the heartbeat at 9000 brings them back.
    expectObservable(states(health$), '^ 9999ms !').toBe('a 6999ms b 1999ms a', { a: 'llllll', b: 'ssssss' });
  });
});

test('default intervals: vehicles stale after 2 s, the other feeds after 10 s', () => {
  newTestScheduler().run(({ hot, expectObservable }) => {
    const connection = streams({
      status$: hot<ConnectionStatus>('o', STATUS),
      heartbeats$: interval(1000).pipe(map(() => HEARTBEAT)),
    });
    expectObservable(states(feedHealth$(connection, { heartbeatMs: 2000 })), '^ 11999ms !').toBe(
      'a 1999ms b 7999ms c',
      { a: 'llllll', b: 'lsllll', c: 'ssssss' },
    );
  });
});

test('connection status: reconnecting while retrying, down when it gave up or closed, and completion with status$', () => {
  newTestScheduler().run(({ hot, expectObservable }) => {
    const connection = streams({
      status$: hot<ConnectionStatus>('c 99ms o 99ms r 99ms o 99ms u 99ms x 99ms |', STATUS),
    });
    const health$ = feedHealth$(connection, { expectedIntervalMs: QUIET, heartbeatMs: 2000 });
    // Opened at 100 and 300 with no frame yet: live for a grace of 2× heartbeat.
    expectObservable(states(health$, ['soc'])).toBe('r 99ms l 99ms r 99ms l 99ms d 199ms |');
  });
});

test('reopening gives each feed a fresh grace period instead of reporting it stale at once', () => {
  newTestScheduler().run(({ hot, expectObservable }) => {
    const connection = streams({
      status$: hot<ConnectionStatus>('o 199ms r 19799ms o', STATUS),
      heartbeats$: interval(1000).pipe(map(() => HEARTBEAT)),
      events$: hot<FeedEvents>('100ms e', { e: SOC_EVENTS }),
    });
    const health$ = feedHealth$(connection, { expectedIntervalMs: { ...QUIET, soc: 5000 }, heartbeatMs: 2000 });
    // open at 0, reconnecting at 200, open at 20 000 (last soc item at 100 is long past): live until 30 000.
    expectObservable(states(health$, ['soc']), '^ 34999ms !').toBe('l 199ms r 19799ms l 9999ms s');
  });
});

test('the current status of a BehaviorSubject-like status$ gives an immediate first emission', () => {
  const emitted: string[] = [];
  const scheduler = newTestScheduler();
  const connection = streams({ status$: new Observable<ConnectionStatus>((subscriber) => subscriber.next('reconnecting')) });
  const subscription = feedHealth$(connection, { scheduler }).subscribe((health) => emitted.push(health.traffic.state));
  subscription.unsubscribe();
  assert.deepEqual(emitted, ['reconnecting']);
});
