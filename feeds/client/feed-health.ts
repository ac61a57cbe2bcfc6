import { asyncScheduler, merge, Observable, type SchedulerLike, type Subscription } from 'rxjs';
import { FEED_NAMES, type FeedName } from '../protocol/feed-names.js';
import { LIMITS } from '../protocol/limits.js';
import type { ConnectionStatus, HubStreams } from './hub-streams.js';

export type FeedHealthState =
  /** Data arrives as expected. */
  | 'live'
  /** Connected, but nothing arrived for this feed within 2× its interval, or no frame at all within 2× heartbeat. */
  | 'stale'
  /** Not connected; the connection is retrying. */
  | 'reconnecting'
  /** The connection gave up (unauthorized) or was closed. */
  | 'down';

export interface FeedHealth {
  readonly state: FeedHealthState;
  /** scheduler.now() when the last snapshot, events or vehicle frame of this feed arrived; null before any. */
  readonly lastUpdate: number | null;
}

export type FeedHealthMap = Readonly<Record<FeedName, FeedHealth>>;

/** How often each feed is expected to deliver: every simulated feed at least every 5 s, vehicles every second. */
export const DEFAULT_EXPECTED_INTERVAL_MS: Readonly<Record<FeedName, number>> = {
  traffic: 5000,
  vehicles: 1000,
  environment: 5000,
  soc: 5000,
  portal: 5000,
  incidents: 5000,
};

export interface FeedHealthOptions {
  /** Per feed; missing feeds use DEFAULT_EXPECTED_INTERVAL_MS. `Infinity` means the feed never goes stale by itself. */
  readonly expectedIntervalMs?: Partial<Record<FeedName, number>>;
  /** The hub's heartbeat period (PROTOCOL §5): 2000 ms. */
  readonly heartbeatMs?: number;
  readonly scheduler?: SchedulerLike;
}

/** The streams feedHealth$ watches: any HubStreams (HubConnection, or a test double). */
export type FeedHealthSource = Pick<
  HubStreams,
  'status$' | 'welcome$' | 'snapshots$' | 'events$' | 'vehicles$' | 'heartbeats$' | 'results$'
>;

/**
 * The health of every feed, emitted once status$ gives the connection's status (at once for HubConnection), then whenever a state or a lastUpdate changes (so at most once per
 * arriving item, plus once per deadline that passes). Completes when `status$` completes (connection closed).
 *
 * - 'down' when the connection gave up (unauthorized) or was closed; 'reconnecting' while it is not open but retrying.
 * - While open, a feed is 'stale' when nothing arrived for it within 2× its expected interval, or when no frame at all
 *   (heartbeat or anything else) arrived within 2× the heartbeat period: a frozen hub makes every feed stale. The
 *   clocks restart when the connection opens, so a resume that has nothing to replay is not stale at once.
 *
 * Deadlines are evaluated exactly: one scheduler action waits for the nearest one, so with `heartbeatMs` 2000 a silent
 * hub marks every feed stale 4000 ms after its last frame, not at some polling tick after that.
 */
export function feedHealth$(connection: FeedHealthSource, options: FeedHealthOptions = {}): Observable<FeedHealthMap> {
  const scheduler = options.scheduler ?? asyncScheduler;
  const heartbeatMs = options.heartbeatMs ?? LIMITS.heartbeatMs;
  const intervals: Record<FeedName, number> = { ...DEFAULT_EXPECTED_INTERVAL_MS, ...options.expectedIntervalMs };

  return new Observable<FeedHealthMap>((subscriber) => {
    /** Nothing is emitted before status$ says where the connection stands (HubConnection's does so at once). */
    let status: ConnectionStatus | null = null;
    let openedAt = Number.NEGATIVE_INFINITY;
    let lastFrameAt = Number.NEGATIVE_INFINITY;
    const lastUpdate = Object.fromEntries(FEED_NAMES.map((feed) => [feed, null])) as Record<FeedName, number | null>;
    let previous: FeedHealthMap | null = null;
    let timer: Subscription | null = null;

    const evaluate = (): void => {
      if (status === null) return;
      const now = scheduler.now();
      let nextDeadline = Number.POSITIVE_INFINITY;
      const open = status === 'open';
      const hubDeadline = Math.max(lastFrameAt, openedAt) + 2 * heartbeatMs;
      if (open && hubDeadline > now) nextDeadline = hubDeadline;
      const next = {} as Record<FeedName, FeedHealth>;
      for (const feed of FEED_NAMES) {
        const updated = lastUpdate[feed];
        let state: FeedHealthState;
        if (status === 'unauthorized' || status === 'closed') state = 'down';
        else if (!open) state = 'reconnecting';
        else {
          const feedDeadline = Math.max(updated ?? Number.NEGATIVE_INFINITY, openedAt) + 2 * intervals[feed];
          if (feedDeadline > now) nextDeadline = Math.min(nextDeadline, feedDeadline);
          state = now < hubDeadline && now < feedDeadline ? 'live' : 'stale';
        }
        next[feed] = { state, lastUpdate: updated };
      }
      timer?.unsubscribe();
      timer = Number.isFinite(nextDeadline) ? scheduler.schedule(onDeadline, nextDeadline - now) : null;
      if (previous === null || !sameHealth(previous, next)) {
        previous = next;
        subscriber.next(next);
      }
    };

    const onDeadline = (): void => {
      timer = null;
      evaluate();
    };
    const frame = (): void => {
      lastFrameAt = scheduler.now();
    };
    const item = (feed: FeedName): void => {
      const now = scheduler.now();
      lastFrameAt = now;
      lastUpdate[feed] = now;
    };

    const activity = merge(
      connection.welcome$,
      connection.heartbeats$,
      connection.results$,
    ).subscribe({ next: () => (frame(), evaluate()), error: (error: unknown) => subscriber.error(error) });
    const items = merge(connection.snapshots$, connection.events$).subscribe({
      next: (input) => (item(input.feed), evaluate()),
      error: (error: unknown) => subscriber.error(error),
    });
    const vehicles = connection.vehicles$.subscribe({
      next: () => (item('vehicles'), evaluate()),
      error: (error: unknown) => subscriber.error(error),
    });
    const statuses = connection.status$.subscribe({
      next: (next) => {
        if (next === 'open' && status !== 'open') openedAt = scheduler.now();
        status = next;
        evaluate();
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    });

    return () => {
      timer?.unsubscribe();
      activity.unsubscribe();
      items.unsubscribe();
      vehicles.unsubscribe();
      statuses.unsubscribe();
    };
  });
}

function sameHealth(a: FeedHealthMap, b: FeedHealthMap): boolean {
  return FEED_NAMES.every((feed) => a[feed].state === b[feed].state && a[feed].lastUpdate === b[feed].lastUpdate);
}
