import type { TrafficSegment } from '../protocol/feed-data.js';
import { collapseParallelChains } from './collapse-parallel-chains.js';
import { cumulativeLengthsM, pathLengthM, pointAlongPath, subPath, type Position } from './polyline.js';
import { stitchLines } from './stitch-lines.js';

/** One road of a region pack, structurally: what buildSegments needs and nothing of the region loader. */
export interface RoadInput {
  /** Road number as signed, e.g. 'QL.5', 'CT.04'; becomes the segment ids' prefix. */
  ref: string;
  name: { vi: string; en: string };
  /** The road's line parts (lon/lat), in any order and orientation. */
  lines: readonly (readonly (readonly [number, number])[])[];
  freeFlowKmh: number;
}

/** Pieces whose ends are closer than this are one road (OSM ways meet exactly; 30 m forgives clipping). */
const JOIN_TOLERANCE_M = 30;
/** Chains shorter than this are slivers (a bridge approach, a clipped end) and not worth a segment. */
const MIN_CHAIN_M = 300;

/**
 * Cut each road into segments of about `targetLengthM` (between 0.75× and 1.5× of it; only a chain shorter than
 * 0.75× is a single shorter segment). Deterministic: the same roads give the same ids, in the same order.
 *
 * Ids are `<ref>-<nnn>` counted along the road from its west end (north end for a road running mostly north–south);
 * names carry the kilometres counted the same way inside the region — not the official kilometre posts (lý trình),
 * which the data does not have. Consecutive segments of a chain share their end point exactly, which is how
 * linkSegments finds the next segment along a road.
 */
export function buildSegments(roads: readonly RoadInput[], targetLengthM = 2000): TrafficSegment[] {
  const segments: TrafficSegment[] = [];
  for (const road of roads) {
    const chains = collapseParallelChains(stitchLines(road.lines, JOIN_TOLERANCE_M))
      .map((chain) => chain.map(roundPosition))
      .filter((chain) => pathLengthM(chain) >= MIN_CHAIN_M);
    const key = axisKey(chains);
    const oriented = chains
      .map((chain) => (key(chain[0]!) <= key(chain[chain.length - 1]!) ? chain : chain.slice().reverse()))
      .sort((a, b) => key(a[0]!) - key(b[0]!));
    let kmOffset = 0;
    let number = 0;
    for (const chain of oriented) {
      const cumulative = cumulativeLengthsM(chain);
      const total = cumulative.at(-1) ?? 0;
      const count = Math.max(1, Math.round(total / targetLengthM));
      // Cut points computed once, so neighbouring segments share the identical end point.
      const cuts: Position[] = [];
      for (let k = 0; k <= count; k++) {
        cuts.push(k === 0 ? chain[0]! : k === count ? chain[chain.length - 1]! : roundPosition(pointAlongPath(chain, (total * k) / count, cumulative)));
      }
      for (let k = 0; k < count; k++) {
        const fromM = (total * k) / count;
        const toM = (total * (k + 1)) / count;
        const inner = subPath(chain, fromM, toM, cumulative).slice(1, -1);
        const path = [cuts[k]!, ...inner, cuts[k + 1]!];
        number += 1;
        const startKm = Math.round((kmOffset + fromM) / 1000);
        const endKm = Math.max(startKm + 1, Math.round((kmOffset + toM) / 1000));
        const label = `${road.ref} — km ${startKm}–${endKm}`;
        segments.push({
          id: `${road.ref}-${String(number).padStart(3, '0')}`,
          road: road.ref,
          name: { vi: label, en: label },
          path,
          lengthM: Math.round(pathLengthM(path) * 10) / 10,
          freeFlowKmh: road.freeFlowKmh,
        });
      }
      kmOffset += total;
    }
  }
  return segments;
}

/** Orders points along the road's main axis: west→east, or north→south when the road spans more latitude. */
function axisKey(chains: readonly Position[][]): (p: Position) => number {
  let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity;
  for (const chain of chains) {
    for (const [lon, lat] of chain) {
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
  }
  const lonSpanM = (maxLon - minLon) * Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  return lonSpanM >= maxLat - minLat ? (p) => p[0] : (p) => -p[1];
}

/** Six decimals (~0.1 m): what the source data has, and it keeps the network item small. */
function roundPosition(p: Position): Position {
  return [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
}
