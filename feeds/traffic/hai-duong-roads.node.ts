import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TrafficSegment } from '../protocol/feed-data.js';
import { roadInputsFromGeoJson } from './road-inputs-from-geojson.js';
import { buildSegments, type RoadInput } from './road-network.js';

/** Free-flow speeds of the Hải Dương region pack's manifest (regions/hai-duong/region.json). */
export const HAI_DUONG_FREE_FLOW_KMH: ReadonlyMap<string, number> = new Map([['QL.5', 70], ['QL.10', 60], ['CT.04', 100]]);

/** Test fixture: the real Hải Dương roads, from the region pack in the repository. */
export function haiDuongRoads(): RoadInput[] {
  const file = fileURLToPath(new URL('../../regions/hai-duong/routes-osm-2021.geojson', import.meta.url));
  if (!existsSync(file)) throw new Error(`Hải Dương roads not found at ${file}`);
  return roadInputsFromGeoJson(JSON.parse(readFileSync(file, 'utf8')), (ref) => HAI_DUONG_FREE_FLOW_KMH.get(ref) ?? 50);
}

let cached: TrafficSegment[] | null = null;

/** The segments of the real roads (built once per test process; callers must not mutate them). */
export function haiDuongSegments(): TrafficSegment[] {
  cached ??= buildSegments(haiDuongRoads());
  return cached;
}
