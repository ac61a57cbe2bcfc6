import { animationFrameScheduler, auditTime, defer, filter, map, merge, type Observable, type SchedulerLike } from 'rxjs';
import type { FeedEvents, FeedSnapshot, HubStreams } from '../client/hub-streams.js';
import type { FeedDataMap, LoggedFeed } from '../protocol/feed-names.js';
import type { FeedReducer } from '../state/feed-reducer.js';

/**
 * A feed's state as of one animation frame. `state` is the same object from one emission to the next (the reducer
 * mutates it in place, like the hub's); the wrapper is new every time and `version` increases, so change detection
 * (`!==`, `updateTriggers: {data: version}`) sees every update. Read `state` during the frame; do not keep it.
 */
export interface FeedStateFrame<S> {
  readonly state: S;
  readonly epoch: string;
  /** Seq of the last item folded in (or of the snapshot). */
  readonly seq: number;
  /** scheduler.now() when the last snapshot or item was applied. */
  readonly updatedAt: number;
  /** 1 for the first emission of this subscription, then +1 per emission. */
  readonly version: number;
}

export interface FeedStateOptions {
  /** Run `reducer.trim(state, now)` at most this often, when items arrive (expiry of old alerts, incidents, …). */
  readonly trimEveryMs?: number;
}

const DEFAULT_TRIM_EVERY_MS = 60_000;

/**
 * Fold one logged feed into its state, as the hub does (docs/PROTOCOL.md §6): a snapshot replaces the state with a
 * JSON clone of the frame's (the frame is shared by every subscriber of the connection), each events frame is folded
 * with the feed's reducer, and the output collapses to at most one emission per animation frame
 * (`auditTime(0, animationFrameScheduler)` runs just before the next repaint). Events before the first snapshot
 * cannot be applied and are ignored — HubConnection never sends any, but it means a pipeline must be subscribed
 * before the connection's first snapshot: create it once per feed and share it (`shareReplay({bufferSize: 1,
 * refCount: false})`) rather than per view.
 *
 * The connection guarantees seqs continue with no gap and no repeat; items at or below the current seq of the same
 * epoch are skipped anyway, so a duplicate can never be folded twice.
 */
export function feedState$<F extends LoggedFeed, S>(
  connection: Pick<HubStreams, 'snapshots$' | 'events$'>,
  feed: F,
  reducer: FeedReducer<F, S>,
  scheduler: SchedulerLike = animationFrameScheduler,
  options: FeedStateOptions = {},
): Observable<FeedStateFrame<S>> {
  const trimEveryMs = options.trimEveryMs ?? DEFAULT_TRIM_EVERY_MS;
  return defer(() => {
    let current: { state: S; epoch: string; seq: number; updatedAt: number } | null = null;
    let version = 0;
    let lastTrim = Number.NEGATIVE_INFINITY;

    const applySnapshot = (snapshot: FeedSnapshot): boolean => {
      const now = scheduler.now();
      current = {
        state: JSON.parse(JSON.stringify(snapshot.state)) as S,
        epoch: snapshot.epoch,
        seq: snapshot.seq,
        updatedAt: now,
      };
      lastTrim = now;
      return true;
    };

    const applyEvents = (events: FeedEvents): boolean => {
      if (!current || events.epoch !== current.epoch) return false;
      let changed = false;
      for (const item of events.items) {
        if (item.seq <= current.seq) continue;
        // The hub validated `data` against the feed's schema before logging it (feeds/protocol/feed-data.ts).
        reducer.fold(current.state, item.data as FeedDataMap[F], item.ts, item.seq);
        current.seq = item.seq;
        changed = true;
      }
      if (!changed) return false;
      const now = scheduler.now();
      current.updatedAt = now;
      if (reducer.trim && now - lastTrim >= trimEveryMs) {
        reducer.trim(current.state, now);
        lastTrim = now;
      }
      return true;
    };

    return merge(
      connection.snapshots$.pipe(
        filter((snapshot) => snapshot.feed === feed),
        filter(applySnapshot),
      ),
      connection.events$.pipe(
        filter((events) => events.feed === feed),
        filter(applyEvents),
      ),
    ).pipe(
      auditTime(0, scheduler),
      map(() => current),
      filter((value): value is NonNullable<typeof value> => value !== null),
      map(({ state, epoch, seq, updatedAt }) => ({ state, epoch, seq, updatedAt, version: ++version })),
    );
  });
}
