import type { LoggedFeed } from '../protocol/feed-names.js';

/** One stored item of a feed's log. `data` is kept as JSON text so a replay can send it without re-encoding. */
export interface StoredItem {
  readonly seq: number;
  readonly ts: number;
  readonly json: string;
}

export interface FeedHead {
  readonly epoch: string;
  /** Last committed seq; 0 before the first item. */
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

/**
 * The hub's per-feed append log. The SQLite implementation is the single-machine backend; a NATS JetStream (or
 * similar) backend implements the same interface when the log moves off one machine (docs/decisions/002).
 *
 * Contract: `append` assigns the next seqs synchronously (in call order) and resolves only after the items are
 * durable; items are never visible to `read` before that. Seqs of a feed are contiguous within an epoch.
 */
export interface LogStore {
  /** Heads of every logged feed, as of the last commit. */
  head(feed: LoggedFeed): FeedHead;
  append(feed: LoggedFeed, entries: readonly { ts: number; json: string }[]): Promise<StoredItem[]>;
  /** Items with seq > afterSeq, ascending, at most `limit`. */
  read(feed: LoggedFeed, afterSeq: number, limit: number): Promise<StoredItem[]>;
  /** The smallest committed seq whose item ts ≥ `fromTs`, or null when none (replays "the last N minutes"). */
  firstSeqSince(feed: LoggedFeed, fromTs: number): Promise<number | null>;
  saveCheckpoint(feed: LoggedFeed, checkpoint: Checkpoint): Promise<void>;
  latestCheckpoint(feed: LoggedFeed): Promise<Checkpoint | null>;
  /** Delete items older than `beforeTs` that a checkpoint covers. Returns how many were deleted. */
  prune(feed: LoggedFeed, beforeTs: number): Promise<number>;
  /** Start a new epoch for a feed: its log is emptied and seqs restart at 1. */
  reset(feed: LoggedFeed): Promise<FeedHead>;
  close(): Promise<void>;
}
