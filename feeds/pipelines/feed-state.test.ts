import assert from 'node:assert/strict';
import { test } from 'node:test';
import { map, NEVER, Subject, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { assertPrototypeClean } from '../../test/support/prototype-ids.js';
import type { FeedEvents, FeedSnapshot, HubStreams } from '../client/hub-streams.js';
import { incidentsReducer, type IncidentsState } from '../incidents/incidents-reducer.js';
import type { FeedReducer } from '../state/feed-reducer.js';
import { feedState$, type FeedStateFrame } from './feed-state.js';

const EPOCH = '0123456789abcdef';
const OTHER_EPOCH = 'fedcba9876543210';

function newTestScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => assert.deepEqual(actual, expected));
}

/** A double of the connection's observable surface, as far as feedState$ reads it. */
function streams(snapshots$: Observable<FeedSnapshot>, events$: Observable<FeedEvents>): Pick<HubStreams, 'snapshots$' | 'events$'> {
  return { snapshots$, events$ };
}

function snapshot(seq: number, ids: string[], epoch = EPOCH): FeedSnapshot {
  const incidents = Object.fromEntries(ids.map((id) => [id, { id, state: 'open' }]));
  return { feed: 'incidents', epoch, seq, reason: 'initial', state: { incidents } };
}

function incidentEvents(items: [seq: number, id: string][], epoch = EPOCH): FeedEvents {
  return {
    feed: 'incidents',
    epoch,
    replay: false,
    items: items.map(([seq, id]) => ({ seq, ts: 1_763_800_000_000 + seq, data: { kind: 'incident', incident: { id, state: 'open' } } })),
  };
}

/**
 * The reducer mutates one state object, so a recorded emission must be read when it is emitted (as a renderer does
 * during its frame): this projects it to plain values.
 */
function view(frame: FeedStateFrame<IncidentsState>) {
  return { ids: Object.keys(frame.state.incidents).sort().join(','), seq: frame.seq, version: frame.version };
}

test('collapses to animation frames: everything folded before a frame is one emission (animationFrameScheduler)', () => {
  newTestScheduler().run(({ hot, animate, expectObservable }) => {
    animate('      -----x----x----x');
    const snapshots = hot('-s------------------', { s: snapshot(10, ['A']) });
    const events = hot('   --a-b------(cd)----', {
      a: incidentEvents([[11, 'B']]),
      b: incidentEvents([[12, 'C'], [13, 'D']]),
      c: incidentEvents([[14, 'E']]),
      d: incidentEvents([[15, 'F']]),
    });
    // Default scheduler: animationFrameScheduler, driven here by animate().
    const state$ = feedState$(streams(snapshots, events), 'incidents', incidentsReducer).pipe(map(view));
    expectObservable(state$).toBe('-----x---------y----', {
      x: { ids: 'A,B,C,D', seq: 13, version: 1 },
      y: { ids: 'A,B,C,D,E,F', seq: 15, version: 2 },
    });
  });
});

test('several events in one frame give one emission (auditTime on the given scheduler)', () => {
  const scheduler = newTestScheduler();
  scheduler.run(({ hot, expectObservable }) => {
    const snapshots = hot('s------', { s: snapshot(0, []) });
    const events = hot('   --(abc)-', {
      a: incidentEvents([[1, 'A']]),
      b: incidentEvents([[2, 'B']]),
      c: incidentEvents([[3, 'C']]),
    });
    const state$ = feedState$(streams(snapshots, events), 'incidents', incidentsReducer, scheduler).pipe(map(view));
    expectObservable(state$).toBe('x-y----', {
      x: { ids: '', seq: 0, version: 1 },
      y: { ids: 'A,B,C', seq: 3, version: 2 },
    });
  });
});

test('a snapshot replaces the state; its epoch and seq become current', () => {
  const scheduler = newTestScheduler();
  scheduler.run(({ hot, expectObservable }) => {
    const snapshots = hot('s---t----', { s: snapshot(5, ['A']), t: snapshot(2, ['Z'], OTHER_EPOCH) });
    const events = hot('   --a---b--', { a: incidentEvents([[6, 'B']]), b: incidentEvents([[3, 'Y']], OTHER_EPOCH) });
    const state$ = feedState$(streams(snapshots, events), 'incidents', incidentsReducer, scheduler).pipe(
      map((frame) => ({ ...view(frame), epoch: frame.epoch })),
    );
    expectObservable(state$).toBe('x-y-z-w--', {
      x: { ids: 'A', seq: 5, version: 1, epoch: EPOCH },
      y: { ids: 'A,B', seq: 6, version: 2, epoch: EPOCH },
      z: { ids: 'Z', seq: 2, version: 3, epoch: OTHER_EPOCH },
      w: { ids: 'Y,Z', seq: 3, version: 4, epoch: OTHER_EPOCH },
    });
  });
});

test('only this feed; nothing before the first snapshot; items already folded are skipped', () => {
  const scheduler = newTestScheduler();
  scheduler.run(({ hot, expectObservable }) => {
    const snapshots = hot('--s-----------', {
      s: snapshot(5, ['A']),
    });
    const soc: FeedEvents = { feed: 'soc', epoch: EPOCH, replay: false, items: [{ seq: 6, ts: 0, data: {} }] };
    const events = hot('   a---b-c-d-e---', {
      a: incidentEvents([[1, 'EARLY']]),
      b: incidentEvents([[5, 'OLD'], [6, 'B']]),
      c: incidentEvents([[6, 'AGAIN']]),
      d: { ...soc },
      e: incidentEvents([[7, 'C']], OTHER_EPOCH),
    });
    const state$ = feedState$(streams(snapshots, events), 'incidents', incidentsReducer, scheduler).pipe(map(view));
    expectObservable(state$).toBe('--x-y---------', {
      x: { ids: 'A', seq: 5, version: 1 },
      y: { ids: 'A,B', seq: 6, version: 2 },
    });
  });
});

test('every emission is a fresh wrapper around the same, mutated state; the frame\'s state is cloned', () => {
  const scheduler = newTestScheduler();
  const emitted: FeedStateFrame<IncidentsState>[] = [];
  const frame = snapshot(1, ['A']);
  scheduler.run(({ hot }) => {
    const snapshots = hot('s---', { s: frame });
    const events = hot('   --a-', { a: incidentEvents([[2, 'B']]) });
    feedState$(streams(snapshots, events), 'incidents', incidentsReducer, scheduler).subscribe((value) => emitted.push(value));
  });
  assert.equal(emitted.length, 2);
  const [first, second] = emitted;
  assert.notEqual(first, second, 'a new wrapper each frame, for change detection');
  assert.equal(first?.state, second?.state, 'the state object itself is folded in place');
  assert.deepEqual([first?.version, second?.version], [1, 2]);
  assert.equal(first?.updatedAt, 0);
  assert.equal(second?.updatedAt, 2);
  assert.notEqual(first?.state, frame.state, 'cloned from the frame');
  assert.deepEqual(Object.keys((frame.state as IncidentsState).incidents), ['A'], 'the frame was not mutated');
});

test('two subscriptions fold independently (each has its own clone)', () => {
  const snapshots = new Subject<FeedSnapshot>();
  const events = new Subject<FeedEvents>();
  const scheduler = newTestScheduler();
  const connection = streams(snapshots, events);
  const seen: string[][] = [[], []];
  for (const index of [0, 1]) {
    feedState$(connection, 'incidents', incidentsReducer, scheduler).subscribe((frame) => seen[index]?.push(view(frame).ids));
  }
  snapshots.next(snapshot(1, ['A']));
  events.next(incidentEvents([[2, 'B']]));
  scheduler.flush();
  assert.deepEqual(seen, [['A,B'], ['A,B']]);
});

test('reducer.trim runs with the scheduler clock, at most once per trimEveryMs, when items arrive', () => {
  const trims: number[] = [];
  const reducer: FeedReducer<'incidents', IncidentsState> = {
    ...incidentsReducer,
    trim: (_state, nowMs) => trims.push(nowMs),
  };
  const scheduler = newTestScheduler();
  scheduler.run(({ hot }) => {
    const snapshots = hot('s', { s: snapshot(0, []) });
    const events = hot('   -a 499ms b 499ms c 9ms d', {
      a: incidentEvents([[1, 'A']]),
      b: incidentEvents([[2, 'B']]),
      c: incidentEvents([[3, 'C']]),
      d: incidentEvents([[4, 'D']]),
    });
    feedState$(streams(snapshots, events), 'incidents', reducer, scheduler, { trimEveryMs: 1000 }).subscribe();
  });
  // snapshot at 0 counts as trimmed (the hub trims before a snapshot); a 1, b 501, c 1001, d 1011.
  assert.deepEqual(trims, [1001]);
});

test('an unsubscribed pipeline stops folding', () => {
  const snapshots = new Subject<FeedSnapshot>();
  const scheduler = newTestScheduler();
  const subscription = feedState$(streams(snapshots, NEVER), 'incidents', incidentsReducer, scheduler).subscribe();
  subscription.unsubscribe();
  assert.equal(snapshots.observed, false);
});

test('ids named like Object.prototype members survive the snapshot clone and fold like any other', () => {
  const scheduler = newTestScheduler();
  const emitted: string[] = [];
  // The snapshot as it comes off the wire (JSON.parse: own "constructor" and "toString" keys).
  const wire = JSON.parse(JSON.stringify(snapshot(1, ['constructor', 'toString']))) as FeedSnapshot;
  scheduler.run(({ hot }) => {
    const snapshots = hot('s---', { s: wire });
    const events = hot('   --a-', { a: incidentEvents([[2, '__proto__'], [3, 'hasOwnProperty'], [4, 'valueOf']]) });
    feedState$(streams(snapshots, events), 'incidents', incidentsReducer, scheduler).subscribe((frame) => {
      emitted.push(view(frame).ids);
      assert.equal(Object.getPrototypeOf(frame.state), Object.prototype, 'the clone is JSON, not re-shaped');
    });
  });
  assert.deepEqual(emitted, ['constructor,toString', '__proto__,constructor,hasOwnProperty,toString,valueOf']);
  assertPrototypeClean();
});
