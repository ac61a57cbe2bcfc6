import type { LoggedFeed } from '../protocol/feed-names.js';
import type { Checkpoint } from './log-store.js';
import { integerColumn, textColumn, type DbRow } from './row-values.js';

/** A sampled keyframe of every vehicle position (the binary frame of docs/PROTOCOL.md §7) at `ts`. */
export interface VehicleKeyframe {
  readonly ts: number;
  readonly frame: Uint8Array;
}

export interface ReplayHistoryStats {
  readonly checkpoints: number;
  readonly checkpointBytes: number;
  readonly keyframes: number;
  readonly keyframeBytes: number;
}

/**
 * What replay needs beyond the feed log (docs/PROTOCOL.md §11): feed states at moments of the retained window
 * (history checkpoints, every few minutes, so the state at T is a checkpoint plus at most a few minutes of log) and
 * sampled vehicle keyframes (vehicles are latest-wins and not logged). Kept with the state stores — the --db file
 * or PostgreSQL — and written by the leading hub only (feeds/hub/history-recorder.ts).
 */
export interface ReplayHistoryStore {
  /** Upsert by (feed, seq): another hub writing the same checkpoint again changes nothing. */
  saveCheckpoint(feed: LoggedFeed, checkpoint: Checkpoint): Promise<void>;
  /** The checkpoint with the largest ts ≤ `ts` (ties: the larger seq), or null. */
  checkpointAtOrBefore(feed: LoggedFeed, ts: number): Promise<Checkpoint | null>;
  /** The ts of the oldest checkpoint kept for `feed`, or null. */
  oldestCheckpointTs(feed: LoggedFeed): Promise<number | null>;
  saveVehicleKeyframe(keyframe: VehicleKeyframe): Promise<void>;
  vehicleKeyframeAtOrBefore(ts: number): Promise<VehicleKeyframe | null>;
  /** Keyframes with afterTs < ts ≤ untilTs, oldest first, at most `limit`. */
  vehicleKeyframes(afterTs: number, untilTs: number, limit: number): Promise<VehicleKeyframe[]>;
  /** A feed's head seq at `ts` (one a minute): the time bar's activity is the seq difference between marks. */
  saveSeqMark(feed: LoggedFeed, ts: number, seq: number): Promise<void>;
  /** Marks with from ≤ ts ≤ to, by feed, oldest first. */
  seqMarks(from: number, to: number): Promise<{ readonly feed: string; readonly ts: number; readonly seq: number }[]>;
  /** Delete what is older than `beforeTs` (the log's retention); the rows deleted. */
  prune(beforeTs: number): Promise<number>;
  stats(): Promise<ReplayHistoryStats>;
  close(): Promise<void>;
}

export function readCheckpointRow(row: DbRow, where: string): Checkpoint {
  return { seq: integerColumn(row, where, 'seq'), ts: integerColumn(row, where, 'ts'), stateJson: textColumn(row, where, 'state') };
}

/** A BLOB / BYTEA column as bytes (node-sqlite3 and node-postgres both return a Buffer). */
export function bytesColumn(row: DbRow, where: string, column: string): Uint8Array {
  const value = row[column];
  if (!(value instanceof Uint8Array)) throw new TypeError(`${where}.${column}: expected bytes`);
  return new Uint8Array(value);
}
