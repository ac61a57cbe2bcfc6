import { bearingDeg, bearingDifferenceDeg, haversineM } from './haversine.js';
import { pathLengthM, type Position } from './polyline.js';

/** A junction that turns more than this is not the same road going on (e.g. the opposite carriageway). */
const MAX_TURN_DEG = 100;
/** Headings are measured over this distance: OSM splits roads into pieces a few metres long. */
const HEADING_BASE_M = 40;

/**
 * Join the pieces of one road (an OSM route relation comes as dozens of ways, in any order and orientation) into
 * as few chains as possible: a chain grows at either end by the unused piece whose end lies within `toleranceM`
 * and that carries on in roughly the same direction. Where a road splits into two carriageways, one of them is
 * followed and the other becomes a chain of its own (see collapseParallelChains).
 */
export function stitchLines(lines: readonly (readonly (readonly [number, number])[])[], toleranceM = 30): Position[][] {
  const pieces = lines.map(cleanLine).filter((line) => line.length >= 2);
  const lengths = pieces.map(pathLengthM);
  const unused = new Set(pieces.map((_, i) => i));
  const chains: Position[][] = [];
  while (unused.size > 0) {
    // Longest first, ties by input order, so the result does not depend on anything but the input.
    let seed = -1;
    for (const i of unused) if (seed < 0 || lengths[i]! > lengths[seed]!) seed = i;
    unused.delete(seed);
    let chain = pieces[seed]!.slice();
    chain = extendTail(chain, pieces, unused, toleranceM).reverse();
    chain = extendTail(chain, pieces, unused, toleranceM);
    chains.push(chain);
  }
  return chains;
}

function extendTail(chain: Position[], pieces: readonly Position[][], unused: Set<number>, toleranceM: number): Position[] {
  for (;;) {
    const tail = chain[chain.length - 1]!;
    const heading = headingInto(chain);
    let best: { index: number; reversed: boolean; score: number; gap: number } | null = null;
    for (const i of unused) {
      const piece = pieces[i]!;
      for (const reversed of [false, true]) {
        const start = reversed ? piece[piece.length - 1]! : piece[0]!;
        const gap = haversineM(tail[0], tail[1], start[0], start[1]);
        if (gap > toleranceM) continue;
        const onward = reversed ? piece.slice().reverse() : piece;
        const turn = bearingDifferenceDeg(heading, headingOutOf(onward));
        if (turn > MAX_TURN_DEG) continue;
        // A metre of gap weighs like a degree of turn: both are small for the true continuation.
        const score = gap + turn;
        if (best === null || score < best.score) best = { index: i, reversed, score, gap };
      }
    }
    if (best === null) return chain;
    unused.delete(best.index);
    const piece = pieces[best.index]!;
    const onward = best.reversed ? piece.slice().reverse() : piece;
    chain.push(...(best.gap < 0.5 ? onward.slice(1) : onward));
  }
}

/** Direction of travel arriving at the last vertex, measured from a vertex about HEADING_BASE_M back. */
function headingInto(chain: readonly Position[]): number {
  const tail = chain[chain.length - 1]!;
  let from = chain[0]!;
  for (let i = chain.length - 2; i >= 0; i--) {
    const p = chain[i]!;
    from = p;
    if (haversineM(p[0], p[1], tail[0], tail[1]) >= HEADING_BASE_M) break;
  }
  return bearingDeg(from[0], from[1], tail[0], tail[1]);
}

/** Direction of travel leaving the first vertex. */
function headingOutOf(line: readonly Position[]): number {
  const head = line[0]!;
  let to = line[line.length - 1]!;
  for (let i = 1; i < line.length; i++) {
    const p = line[i]!;
    to = p;
    if (haversineM(head[0], head[1], p[0], p[1]) >= HEADING_BASE_M) break;
  }
  return bearingDeg(head[0], head[1], to[0], to[1]);
}

/** Copy without repeated vertices. */
function cleanLine(line: readonly (readonly [number, number])[]): Position[] {
  const out: Position[] = [];
  for (const p of line) {
    const last = out[out.length - 1];
    if (last === undefined || last[0] !== p[0] || last[1] !== p[1]) out.push([p[0], p[1]]);
  }
  return out;
}
