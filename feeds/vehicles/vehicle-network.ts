import type { TrafficSegment } from '../protocol/feed-data.js';
import { bearingDeg, haversineM } from '../traffic/haversine.js';
import { linkSegments } from '../traffic/segment-links.js';

const M_PER_DEG_LAT = 111_195;

/**
 * The road network flattened for the vehicle hot path: every chain of segments (one road, joined end to start) is a
 * run of vertices in shared typed arrays, so moving a vehicle is index arithmetic with no object access.
 * An "edge" is identified by the index of its first vertex; it runs from vertex e to e + 1 of the same chain.
 */
export interface VehicleNetwork {
  readonly chainCount: number;
  /** Index of each chain's first and last vertex. */
  readonly chainFirst: Uint32Array;
  readonly chainLast: Uint32Array;
  readonly chainLengthM: Float64Array;
  /** Index of the chain's road in `roads`. */
  readonly chainRoad: Uint32Array;
  readonly roads: readonly string[];
  /** Per vertex. */
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  /** Distance of the vertex from its chain's start, metres. */
  readonly along: Float64Array;
  /** Per edge (indexed by its first vertex): the segment it belongs to, its bearing, and degrees per metre to its right. */
  readonly edgeSegment: Uint32Array;
  readonly edgeHeading: Float32Array;
  readonly edgeRightLon: Float64Array;
  readonly edgeRightLat: Float64Array;
}

export function buildVehicleNetwork(segments: readonly TrafficSegment[]): VehicleNetwork {
  const chains = linkSegments(segments).chains;
  const lon: number[] = [];
  const lat: number[] = [];
  const along: number[] = [];
  const edgeSegment: number[] = [];
  const chainFirst: number[] = [];
  const chainLast: number[] = [];
  const chainLengthM: number[] = [];
  const chainRoad: number[] = [];
  const roads: string[] = [];
  for (const chain of chains) {
    const first = lon.length;
    let distance = 0;
    for (const s of chain) {
      const path = segments[s]!.path;
      // Consecutive segments share their end point: add it once.
      for (let k = lon.length === first ? 0 : 1; k < path.length; k++) {
        const [x, y] = path[k]!;
        if (lon.length > first) {
          const px = lon[lon.length - 1]!;
          const py = lat[lat.length - 1]!;
          const step = haversineM(px, py, x, y);
          if (step === 0) continue;
          distance += step;
          // The edge that ends here belongs to this segment.
          edgeSegment[lon.length - 1] = s;
        }
        lon.push(x);
        lat.push(y);
        along.push(distance);
        edgeSegment.push(s);
      }
    }
    if (lon.length - first < 2 || distance === 0) {
      // A degenerate chain (all points equal) carries no vehicles.
      lon.length = lat.length = along.length = edgeSegment.length = first;
      continue;
    }
    const road = segments[chain[0]!]!.road;
    let roadIndex = roads.indexOf(road);
    if (roadIndex < 0) roadIndex = roads.push(road) - 1;
    chainFirst.push(first);
    chainLast.push(lon.length - 1);
    chainLengthM.push(distance);
    chainRoad.push(roadIndex);
  }
  const n = lon.length;
  const edgeHeading = new Float32Array(n);
  const edgeRightLon = new Float64Array(n);
  const edgeRightLat = new Float64Array(n);
  for (let c = 0; c < chainFirst.length; c++) {
    for (let e = chainFirst[c]!; e < chainLast[c]!; e++) {
      const heading = bearingDeg(lon[e]!, lat[e]!, lon[e + 1]!, lat[e + 1]!);
      const rad = (heading * Math.PI) / 180;
      edgeHeading[e] = heading;
      // Right of travel is (cos h, −sin h) in (east, north) metres.
      edgeRightLon[e] = Math.cos(rad) / (M_PER_DEG_LAT * Math.cos((lat[e]! * Math.PI) / 180));
      edgeRightLat[e] = -Math.sin(rad) / M_PER_DEG_LAT;
    }
    // The last vertex of a chain starts no edge; give it its predecessor's values so lookups need no branch.
    const last = chainLast[c]!;
    edgeHeading[last] = edgeHeading[last - 1]!;
    edgeRightLon[last] = edgeRightLon[last - 1]!;
    edgeRightLat[last] = edgeRightLat[last - 1]!;
  }
  return {
    chainCount: chainFirst.length,
    chainFirst: Uint32Array.from(chainFirst),
    chainLast: Uint32Array.from(chainLast),
    chainLengthM: Float64Array.from(chainLengthM),
    chainRoad: Uint32Array.from(chainRoad),
    roads,
    lon: Float64Array.from(lon),
    lat: Float64Array.from(lat),
    along: Float64Array.from(along),
    edgeSegment: Uint32Array.from(edgeSegment),
    edgeHeading,
    edgeRightLon,
    edgeRightLat,
  };
}
