import type { FeedDataMap, LoggedFeed } from '../protocol/feed-names.js';

/**
 * Folds a logged feed's items into its current state. The hub uses it to build snapshots (and rebuilds it from
 * the last checkpoint plus the log after a restart); the console uses the same code, so both agree on what
 * "the state after seq N" means.
 *
 * `fold` mutates `state` in place (the hub folds every item; copying would be wasteful). State must stay plain JSON
 * (objects, arrays, strings, finite numbers, booleans, null): it is sent as the `state` of a snapshot frame and
 * stored as a checkpoint.
 */
export interface FeedReducer<F extends LoggedFeed, S> {
  readonly feed: F;
  create(): S;
  fold(state: S, data: FeedDataMap[F], ts: number, seq: number): void;
  /** Drop what is too old to matter (e.g. alerts older than an hour); called before a snapshot or checkpoint. */
  trim?(state: S, nowMs: number): void;
}
