import type { FeedDataMap, LoggedFeed } from '../protocol/feed-names.js';
import type { VehicleBatch } from '../protocol/vehicle-frame.js';

/**
 * A simulator for one logged feed. Pure with respect to time: the driver passes simulated time in, so tests run
 * a day in milliseconds and `--speed` only changes how fast the driver advances the clock.
 */
export interface FeedSimulator<F extends LoggedFeed> {
  readonly feed: F;
  /** Items to publish when the hub starts (e.g. the road network, the catalogue). */
  start(simNowMs: number): FeedDataMap[F][];
  /** Items for the time since the previous call. Called about once a second of real time. */
  tick(simNowMs: number): FeedDataMap[F][];
}

/** Vehicle positions are latest-wins: the simulator fills the same arrays each tick. */
export interface VehicleSimulator {
  readonly count: number;
  tick(simNowMs: number): VehicleBatch;
}
