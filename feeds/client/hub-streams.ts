import type { Observable } from 'rxjs';
import type { LoggedFeed } from '../protocol/feed-names.js';
import type { HeartbeatFrame, Item, ResultFrame, SnapshotFrame, WelcomeFrame } from '../protocol/frames.js';
import type { VehicleFrame } from '../protocol/vehicle-frame.js';

/**
 * The observable surface of a hub connection: what pipelines (feeds/pipelines) consume. `HubConnection` implements
 * it; pipeline tests drive a small double of it with marbles.
 */
export type ConnectionStatus =
  /** First connection attempt, before the hub's welcome. */
  | 'connecting'
  /** Welcomed and subscribed: frames flow. */
  | 'open'
  /** Lost (or never reached) the hub; a reconnect is scheduled or in progress. */
  | 'reconnecting'
  /** The hub refused the token (close 4401): final, no retry with the same token. */
  | 'unauthorized'
  /** `close()` was called: final. */
  | 'closed';

/** A snapshot the connection applied: the feed's complete state at `seq` (its position is now `{epoch, seq}`). */
export interface FeedSnapshot {
  readonly feed: LoggedFeed;
  readonly epoch: string;
  readonly seq: number;
  readonly reason: SnapshotFrame['reason'];
  /** Plain JSON as received. Shared by every subscriber: clone before mutating (feedState$ does). */
  readonly state: unknown;
}

/** Items the connection applied: their seqs continue the feed's position with no gap and no repeat. */
export interface FeedEvents {
  readonly feed: LoggedFeed;
  readonly epoch: string;
  readonly items: readonly Item[];
  /** True while the hub replays missed items after a resume. */
  readonly replay: boolean;
}

export interface HubStreams {
  /** The current status on subscribe, then every change. */
  readonly status$: Observable<ConnectionStatus>;
  readonly welcome$: Observable<WelcomeFrame>;
  readonly snapshots$: Observable<FeedSnapshot>;
  readonly events$: Observable<FeedEvents>;
  /** Decoded binary frames (views over the received ArrayBuffer, no per-vehicle objects). */
  readonly vehicles$: Observable<VehicleFrame>;
  readonly heartbeats$: Observable<HeartbeatFrame>;
  /** Every `result` frame, including those of operations sent by an earlier page load. */
  readonly results$: Observable<ResultFrame>;
}
