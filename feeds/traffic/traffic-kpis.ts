import type { TrafficSegment } from '../protocol/feed-data.js';
import { ownValue } from '../protocol/own-record.js';
import type { TrafficState } from './traffic-reducer.js';

/** Current speed as a share of free flow (1 = free, 0.5 = half speed). */
export function speedRatio(segment: TrafficSegment, kmh: number): number {
  return kmh / segment.freeFlowKmh;
}

/**
 * Mean speed over the segments that have one, weighted by segment length (a 3 km segment counts more than a 1 km
 * one); null when no segment has a speed yet.
 */
export function meanNetworkSpeedKmh(state: TrafficState): number | null {
  let weighted = 0;
  let length = 0;
  for (const segment of Object.values(state.segments)) {
    const speed = ownValue(state.speeds, segment.id);
    if (speed === undefined) continue;
    weighted += speed.kmh * segment.lengthM;
    length += segment.lengthM;
  }
  return length > 0 ? weighted / length : null;
}

/**
 * A segment counts as congested on the desk below this share of free flow: the traffic card's km and the queue's
 * "congested now" of a congestion incident both use it, so they cannot disagree.
 */
export const CONGESTED_BELOW = 0.5;

/** Kilometres of road whose speed is below `ratio` of free flow. */
export function congestedKm(state: TrafficState, ratio = CONGESTED_BELOW): number {
  let metres = 0;
  for (const segment of Object.values(state.segments)) {
    const speed = ownValue(state.speeds, segment.id);
    if (speed !== undefined && speedRatio(segment, speed.kmh) < ratio) metres += segment.lengthM;
  }
  return metres / 1000;
}
