import type { LoggedFeed } from '../../protocol/feed-names.js';
import { FEED_DATA_SCHEMAS, type FeedDataMap } from '../../protocol/feed-data.js';
import { parseJson } from '../../protocol/parse-json.js';
import type { FeedReducer } from '../../state/feed-reducer.js';
import type { LogStore } from '../../store/log-store.js';
import type { ReplayHistoryStore } from '../../store/replay-history.js';

/** The state of a feed at a moment: what replay-snapshot carries. */
export interface StateAtMoment {
  /** The last item folded (its ts ≤ at); 0 when none. */
  readonly seq: number;
  readonly stateJson: string;
}

export class NotRetainedError extends Error {
  override readonly name = 'NotRetainedError';
  /** The oldest moment this feed can be replayed from (ms), or null when it has no history. */
  readonly oldest: number | null;
  constructor(message: string, oldest: number | null) {
    super(message);
    this.oldest = oldest;
  }
}

const PAGE = 2000;

/**
 * The feed's state as of `at`: the history checkpoint at or before `at`, plus the log after it up to and including
 * the last item with ts ≤ at (docs/PROTOCOL.md §11) — never a fold of 24 h from the start. The log is read in seq
 * order and the fold stops at the first item past `at` (live items' ts grow with their seq; the simulator's
 * back-dated demo history at a start is the one exception, documented). Trimmed at `at` as a live snapshot is at
 * its time.
 */
export async function stateAt<F extends LoggedFeed, S>(feed: F, at: number, log: LogStore, history: ReplayHistoryStore, reducer: FeedReducer<F, S>): Promise<StateAtMoment> {
  const head = log.head(feed);
  const checkpoint = await history.checkpointAtOrBefore(feed, at);
  let state: S;
  let seq: number;
  if (checkpoint && checkpoint.seq >= head.firstSeq - 1) {
    const parsed = parseJson(checkpoint.stateJson, Number.POSITIVE_INFINITY);
    if (!parsed.ok) throw new Error(`${feed}: the history checkpoint at seq ${checkpoint.seq} is not JSON`);
    state = parsed.value as S;
    seq = checkpoint.seq;
  } else if (head.firstSeq <= 1) {
    // The whole log is there: fold from the empty state.
    state = reducer.create();
    seq = 0;
  } else {
    const oldest = await oldestAvailable(feed, log, history);
    throw new NotRetainedError(`${feed}: ${new Date(at).toISOString()} is before the retained window; the oldest available time is ${oldest === null ? 'none' : new Date(oldest).toISOString()}`, oldest);
  }
  const schema = FEED_DATA_SCHEMAS[feed];
  for (let done = false; !done; ) {
    const page = await log.read(feed, seq, PAGE);
    if (page.length === 0) break;
    for (const item of page) {
      if (item.ts > at) {
        done = true;
        break;
      }
      const json = parseJson(item.json);
      const data = json.ok ? schema.safeParse(json.value) : null;
      if (data?.success) reducer.fold(state, data.data as FeedDataMap[F], item.ts, item.seq);
      seq = item.seq;
    }
  }
  if (seq === 0 && head.firstSeq <= 1) {
    const first = (await log.read(feed, 0, 1))[0];
    if (first && first.ts > at) {
      throw new NotRetainedError(`${feed}: ${new Date(at).toISOString()} is before the log begins; the oldest available time is ${new Date(first.ts).toISOString()}`, first.ts);
    }
  }
  reducer.trim?.(state, at);
  return { seq, stateJson: JSON.stringify(state) };
}

/** The oldest moment `feed` can be rebuilt at: the log's first item when it starts at seq 1, else the oldest usable checkpoint. */
export async function oldestAvailable(feed: LoggedFeed, log: LogStore, history: ReplayHistoryStore): Promise<number | null> {
  const head = log.head(feed);
  if (head.firstSeq <= 1) return (await log.read(feed, 0, 1))[0]?.ts ?? null;
  return history.oldestCheckpointTs(feed);
}
