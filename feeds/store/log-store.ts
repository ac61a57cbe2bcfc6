import type { LoggedFeed } from '../protocol/feed-names.js';

/** One entry to append. `key` is the item's idempotency key (a source alert's id, a content hash…) when it has one. */
export interface AppendEntry {
  readonly ts: number;
  readonly json: string;
  readonly key?: string | null;
}

/** One stored item of a feed's log. `data` is kept as JSON text so a replay can send it without re-encoding. */
export interface StoredItem {
  readonly seq: number;
  readonly ts: number;
  readonly json: string;
  readonly key: string | null;
}

export interface AppendOutcome {
  /** The entries stored by this append, ascending seq (the non-duplicate entries, in the order given). */
  readonly items: StoredItem[];
  /** Entries whose key the log already held within the dedupe window, with the seq that holds it; ascending index. */
  readonly duplicates: { readonly index: number; readonly seq: number }[];
}

export type FollowListener = (items: readonly StoredItem[]) => void;

export interface FeedHead {
  readonly epoch: string;
  /** Last committed seq known to this store instance; 0 before the first item. */
  readonly seq: number;
  /** Smallest seq still retained (head + 1 when nothing is retained). */
  readonly firstSeq: number;
  readonly lastTs: number;
}

export interface Checkpoint {
  readonly seq: number;
  readonly ts: number;
  readonly stateJson: string;
}

/** Keys are matched within this window (from the time the first copy was stored) unless a store is told otherwise. */
export const DEFAULT_DEDUPE_WINDOW_MS = 60 * 60 * 1000;

/**
 * The hub's per-feed append log. `SqliteLogStore` is the single-machine backend; `JetStreamLogStore` keeps the log in
 * NATS JetStream so several hubs can serve the same feeds with the same seqs and epochs (docs/decisions/002).
 *
 * Contract (both backends):
 * - `append` resolves only after every stored entry is durable; items are never visible to `read` or `follow` before.
 *   Seqs of a feed are contiguous within an epoch. Appends of one store instance keep their call order in seqs.
 * - Dedupe: an entry whose key was appended within the last `dedupeWindowMs` (store option, default 1 h, counted from
 *   the time the first copy was stored) is not stored again; it is reported in `duplicates` with the seq holding it.
 *   Entries without a key are never deduped. Keys are 1–256 printable ASCII characters other than space, `"` and `\`.
 * - `follow` hands every item committed to the feed's log by anyone, exactly once, in seq order, from afterSeq + 1.
 */
export interface LogStore {
  /** True when other processes may append to the same log (JetStream); false for a store owned by this process. */
  readonly shared: boolean;
  /**
   * Set when the store can no longer take appends (SQLite after a failed commit: seqs were assigned and not written).
   * The hub then exits — crash-only — and a restart resumes from what was committed (docs/decisions/002).
   */
  readonly failure?: Error | null;
  /** The feed's head as far as this instance knows it (its own commits, followed items; see each backend). */
  head(feed: LoggedFeed): FeedHead;
  append(feed: LoggedFeed, entries: readonly AppendEntry[]): Promise<AppendOutcome>;
  /** Committed items with seq > afterSeq, ascending, at most `limit`. */
  read(feed: LoggedFeed, afterSeq: number, limit: number): Promise<StoredItem[]>;
  /**
   * Every item committed to the feed's log from afterSeq + 1 on, by this process or another one sharing the log,
   * exactly once and in seq order, until the returned function is called. A `reset` of the feed ends its followers.
   */
  follow(feed: LoggedFeed, afterSeq: number, listener: FollowListener): () => void;
  /**
   * A seq s such that every retained item with ts ≥ `fromTs` has seq ≥ s, or null when no item has ts ≥ `fromTs`
   * (replays "the last N minutes"). Exact on SQLite (the smallest such item's seq); on JetStream found from the server's
   * receive times, so it may include some earlier items (see JetStreamLogStore).
   */
  firstSeqSince(feed: LoggedFeed, fromTs: number): Promise<number | null>;
  saveCheckpoint(feed: LoggedFeed, checkpoint: Checkpoint): Promise<void>;
  latestCheckpoint(feed: LoggedFeed): Promise<Checkpoint | null>;
  /** Delete items older than `beforeTs` that the latest checkpoint covers. Returns how many were deleted. */
  prune(feed: LoggedFeed, beforeTs: number): Promise<number>;
  /** Start a new epoch for a feed: its log and checkpoint are emptied and seqs restart at 1. */
  reset(feed: LoggedFeed): Promise<FeedHead>;
  close(): Promise<void>;
}
