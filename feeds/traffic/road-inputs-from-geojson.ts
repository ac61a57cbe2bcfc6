import type { RoadInput } from './road-network.js';

/**
 * Free-flow speed by the Vietnamese road class in the ref: CT = expressway (cao tốc), QL = national road (quốc lộ),
 * ĐT = provincial road. Mean speeds of a free road, below the legal limits (120 / 80 / 60) because of towns,
 * junctions and mixed traffic.
 */
export function defaultFreeFlowKmh(ref: string): number {
  if (/^CT\b/i.test(ref)) return 100;
  if (/^QL\b/i.test(ref)) return 70;
  return 50;
}

/**
 * Roads of a GeoJSON FeatureCollection of LineStrings / MultiLineStrings with a `ref` property (railways and other
 * features without `ref` are ignored). Parts of the same ref are merged into one road. Throws on a collection that
 * is not GeoJSON, naming what is wrong.
 */
export function roadInputsFromGeoJson(collection: unknown, freeFlowKmh: (ref: string) => number = defaultFreeFlowKmh): RoadInput[] {
  if (!isRecord(collection) || collection['type'] !== 'FeatureCollection' || !Array.isArray(collection['features'])) {
    throw new Error('roads: expected a GeoJSON FeatureCollection');
  }
  const byRef = new Map<string, RoadInput>();
  collection['features'].forEach((feature: unknown, index: number) => {
    if (!isRecord(feature) || !isRecord(feature['geometry'])) throw new Error(`roads: feature ${index} has no geometry`);
    const properties = isRecord(feature['properties']) ? feature['properties'] : {};
    const ref = properties['ref'];
    if (typeof ref !== 'string' || ref.trim() === '') return;
    const geometry = feature['geometry'];
    const lines = geometry['type'] === 'LineString' ? [geometry['coordinates']]
      : geometry['type'] === 'MultiLineString' ? geometry['coordinates'] : null;
    if (!Array.isArray(lines)) throw new Error(`roads: feature ${index} (${ref}) is not a LineString or MultiLineString`);
    const name = typeof properties['name'] === 'string' ? properties['name'] : ref;
    const nameEn = typeof properties['name_en'] === 'string' ? properties['name_en'] : name;
    let road = byRef.get(ref);
    if (!road) {
      road = { ref, name: { vi: name, en: nameEn }, lines: [], freeFlowKmh: freeFlowKmh(ref) };
      byRef.set(ref, road);
    }
    road.lines = [...road.lines, ...lines.map((line: unknown) => toLine(line, index, ref))];
  });
  return [...byRef.values()];
}

function toLine(line: unknown, index: number, ref: string): [number, number][] {
  if (!Array.isArray(line)) throw new Error(`roads: feature ${index} (${ref}) has a line that is not an array`);
  return line.map((point: unknown) => {
    if (!Array.isArray(point) || typeof point[0] !== 'number' || typeof point[1] !== 'number') {
      throw new Error(`roads: feature ${index} (${ref}) has a coordinate that is not [lon, lat]`);
    }
    return [point[0], point[1]];
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
