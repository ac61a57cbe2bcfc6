import type { LonLat, TrafficSegment } from '../protocol/feed-data.js';
import { haversineM } from './haversine.js';
import { pointAlongPath } from './polyline.js';

/** Distance at which a segment counts as about one-third urban (Gaussian fall-off). */
const URBAN_SCALE_M = 12_000;

/**
 * How "near the city" each segment is, 0–1, from the data alone: roads converge on a province's capital, so the
 * length-weighted centre of the network stands in for it unless the region gives a `centre`. Rush hours and jams
 * are worse where this is high.
 */
export function urbanFactors(segments: readonly TrafficSegment[], centre?: LonLat): Float64Array {
  const mids = segments.map((segment) => pointAlongPath(segment.path, segment.lengthM / 2));
  const [cLon, cLat] = centre ?? networkCentre(segments, mids);
  const out = new Float64Array(segments.length);
  mids.forEach((mid, i) => {
    const d = haversineM(mid[0], mid[1], cLon, cLat) / URBAN_SCALE_M;
    out[i] = Math.exp(-d * d);
  });
  return out;
}

function networkCentre(segments: readonly TrafficSegment[], mids: readonly [number, number][]): LonLat {
  let lon = 0;
  let lat = 0;
  let weight = 0;
  segments.forEach((segment, i) => {
    lon += mids[i]![0] * segment.lengthM;
    lat += mids[i]![1] * segment.lengthM;
    weight += segment.lengthM;
  });
  return weight > 0 ? [lon / weight, lat / weight] : [0, 0];
}
