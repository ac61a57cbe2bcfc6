import type { LoggedFeed } from '../protocol/feed-names.js';
import type { VehicleBatch } from '../protocol/vehicle-frame.js';
import type { StoredItem } from '../store/log-store.js';

/** What the log made of a published batch (the hub's FeedChannel answers with this shape). */
export interface PublishedBatch {
  readonly accepted: number;
  readonly rejected: readonly { readonly index: number; readonly reason: string }[];
  /** Indexes of values whose key the log already held (sent again): not stored twice. */
  readonly duplicates: readonly number[];
}

/**
 * The narrow port sources publish through (docs/architecture.md): the feed log and the vehicle channel, nothing else
 * of the hub. The hub implements it; sources never import the hub, so they can be driven by anything that logs.
 */
export interface SourcePublisher {
  /** Validate and append in one call (one group commit); resolves once durable. */
  publish(feed: LoggedFeed, values: readonly unknown[], ts?: number, keys?: readonly (string | null)[]): Promise<PublishedBatch>;
  /** Vehicles are latest-wins and not logged: they replace `source`'s earlier positions. */
  publishVehicles(batch: VehicleBatch, ts: number, source: string): void;
  /** Items after `afterSeq`, at most `limit` (a file source looks for what reached the log before a crash). */
  readLog(feed: LoggedFeed, afterSeq: number, limit: number): Promise<StoredItem[]>;
  /** The feed's last committed seq. */
  headSeq(feed: LoggedFeed): number;
}
