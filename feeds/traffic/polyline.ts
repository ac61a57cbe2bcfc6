import { haversineM } from './haversine.js';

/** A lon/lat point, as in GeoJSON. */
export type Position = [number, number];

/** Cumulative distance in metres at each vertex (first is 0, last is the path's length). */
export function cumulativeLengthsM(path: readonly Position[]): number[] {
  const out: number[] = [0];
  let total = 0;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]!;
    const b = path[i]!;
    total += haversineM(a[0], a[1], b[0], b[1]);
    out.push(total);
  }
  return out;
}

export function pathLengthM(path: readonly Position[]): number {
  return cumulativeLengthsM(path).at(-1) ?? 0;
}

/**
 * The point `distanceM` along the path (clamped to its ends), linearly interpolated between vertices — lon/lat
 * interpolation is exact enough over the few hundred metres between OSM vertices.
 */
export function pointAlongPath(path: readonly Position[], distanceM: number, cumulative = cumulativeLengthsM(path)): Position {
  const first = path[0];
  if (first === undefined) throw new Error('pointAlongPath on an empty path');
  if (distanceM <= 0) return [first[0], first[1]];
  for (let i = 1; i < path.length; i++) {
    const end = cumulative[i]!;
    if (distanceM <= end) {
      const start = cumulative[i - 1]!;
      const a = path[i - 1]!;
      const b = path[i]!;
      const t = end > start ? (distanceM - start) / (end - start) : 0;
      return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    }
  }
  const last = path[path.length - 1]!;
  return [last[0], last[1]];
}

/**
 * Approximate distance in metres from a point to a path, in a local equirectangular projection around the point
 * (accurate to well under a metre at the tens-of-metres scale where it is used).
 */
export function distanceToPathM(point: Position, path: readonly Position[]): number {
  const mPerDegLat = 111_195;
  const mPerDegLon = mPerDegLat * Math.cos((point[1] * Math.PI) / 180);
  let best = Infinity;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]!;
    const b = path[i]!;
    const ax = (a[0] - point[0]) * mPerDegLon;
    const ay = (a[1] - point[1]) * mPerDegLat;
    const bx = (b[0] - point[0]) * mPerDegLon;
    const by = (b[1] - point[1]) * mPerDegLat;
    const dx = bx - ax;
    const dy = by - ay;
    const lengthSq = dx * dx + dy * dy;
    const t = lengthSq > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSq)) : 0;
    const px = ax + dx * t;
    const py = ay + dy * t;
    const d = Math.sqrt(px * px + py * py);
    if (d < best) best = d;
  }
  if (path.length === 1) {
    const only = path[0]!;
    best = haversineM(point[0], point[1], only[0], only[1]);
  }
  return best;
}

/** Points every `stepM` metres along the path, plus its last vertex. */
export function resamplePath(path: readonly Position[], stepM: number): Position[] {
  const cumulative = cumulativeLengthsM(path);
  const total = cumulative.at(-1) ?? 0;
  const out: Position[] = [];
  for (let d = 0; d < total; d += stepM) out.push(pointAlongPath(path, d, cumulative));
  const last = path[path.length - 1];
  if (last !== undefined) out.push([last[0], last[1]]);
  return out;
}

/**
 * The part of the path between `fromM` and `toM` metres along it (clamped), with interpolated end points and the
 * original vertices in between.
 */
export function subPath(path: readonly Position[], fromM: number, toM: number, cumulative = cumulativeLengthsM(path)): Position[] {
  const out: Position[] = [pointAlongPath(path, fromM, cumulative)];
  for (let i = 0; i < path.length; i++) {
    const d = cumulative[i]!;
    if (d > fromM && d < toM) {
      const p = path[i]!;
      out.push([p[0], p[1]]);
    }
  }
  out.push(pointAlongPath(path, toM, cumulative));
  return out;
}
