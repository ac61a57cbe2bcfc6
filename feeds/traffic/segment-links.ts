import type { TrafficSegment } from '../protocol/feed-data.js';
import { distanceToPathM } from './polyline.js';

export interface SegmentLinks {
  /** Index of the segment that continues the road after segment i's last point, or -1. */
  readonly next: Int32Array;
  /** Index of the segment that leads into segment i's first point, or -1. */
  readonly prev: Int32Array;
  /** Segment indices of each chain (a run of segments of one road joined end to start), in order. */
  readonly chains: readonly (readonly number[])[];
  /** Segments touching segment i: its chain neighbours and other segments passing near its ends (junctions). */
  readonly neighbours: readonly (readonly number[])[];
}

/**
 * Recover the road topology from segments alone (so it works for any network item, not only buildSegments'):
 * segment b follows a when both are on the same road and b starts exactly where a ends; a junction is another
 * segment passing within `junctionRadiusM` of an end.
 */
export function linkSegments(segments: readonly TrafficSegment[], junctionRadiusM = 250): SegmentLinks {
  const n = segments.length;
  const next = new Int32Array(n).fill(-1);
  const prev = new Int32Array(n).fill(-1);
  const startsAt = new Map<string, number[]>();
  segments.forEach((segment, i) => {
    const key = pointKey(segment.road, segment.path[0]!);
    const list = startsAt.get(key);
    if (list) list.push(i);
    else startsAt.set(key, [i]);
  });
  segments.forEach((segment, i) => {
    const candidates = (startsAt.get(pointKey(segment.road, segment.path[segment.path.length - 1]!)) ?? []).filter((j) => j !== i);
    // Only an unambiguous continuation counts; a fork leaves the chain to end here.
    const j = candidates.length === 1 ? candidates[0]! : -1;
    if (j >= 0 && prev[j] === -1) {
      next[i] = j;
      prev[j] = i;
    }
  });
  const chains: number[][] = [];
  const visited = new Uint8Array(n);
  const walk = (first: number): void => {
    const chain: number[] = [];
    for (let i = first; i >= 0 && visited[i] === 0; i = next[i]!) {
      visited[i] = 1;
      chain.push(i);
    }
    chains.push(chain);
  };
  for (let i = 0; i < n; i++) if (prev[i] === -1) walk(i);
  // What is left are rings (a ring road): cut each at its lowest index.
  for (let i = 0; i < n; i++) if (visited[i] === 0) walk(i);

  const neighbours: number[][] = segments.map(() => []);
  segments.forEach((segment, i) => {
    const ends = [segment.path[0]!, segment.path[segment.path.length - 1]!];
    segments.forEach((other, j) => {
      if (i === j) return;
      const touches = next[i] === j || prev[i] === j || ends.some((end) => distanceToPathM(end, other.path) <= junctionRadiusM);
      if (touches) {
        if (!neighbours[i]!.includes(j)) neighbours[i]!.push(j);
        if (!neighbours[j]!.includes(i)) neighbours[j]!.push(i);
      }
    });
  });
  for (const list of neighbours) list.sort((a, b) => a - b);
  return { next, prev, chains, neighbours };
}

function pointKey(road: string, point: readonly [number, number]): string {
  return `${road}|${point[0]}|${point[1]}`;
}
