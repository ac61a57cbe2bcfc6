import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { loadRegion, RegionError, type RegionProblem } from './load-region.js';
import type { AreaGeometry, LonLat, Region } from './region-schema.js';

/** The file every pack must carry: where each copied file came from and under which licence. */
export const SOURCES_FILE = 'SOURCES.md';

/**
 * `npm run region -- check`: everything the loader checks, plus what only a pack author needs told: each unit
 * lies inside the outline, each station inside some unit, and the pack carries its attributions. Every problem
 * names the file and the field. Returns the problems; an empty list is a pack that passes.
 */
export async function checkRegionPack(dir: string): Promise<readonly RegionProblem[]> {
  const problems: RegionProblem[] = [];
  let region: Region | null = null;
  try {
    region = await loadRegion(dir);
  } catch (error) {
    if (!(error instanceof RegionError)) throw error;
    problems.push(...error.problems);
  }
  await checkSources(dir, problems);
  if (region !== null) checkGeometry(region, problems);
  return problems;
}

async function checkSources(dir: string, problems: RegionProblem[]): Promise<void> {
  const file = join(dir, SOURCES_FILE);
  try {
    const text = await readFile(file, 'utf8');
    if (text.trim() === '') problems.push({ file, path: '', message: 'is empty: say where each file came from and its licence' });
  } catch {
    problems.push({ file, path: '', message: 'missing attribution: the pack has no SOURCES.md' });
  }
}

function vertices(geometry: AreaGeometry): LonLat[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flatMap((polygon) => polygon[0] ?? []);
}

function checkGeometry(region: Region, problems: RegionProblem[]): void {
  const unitsFile = join(region.dir, region.manifest.files.districts);
  const stationsFile = join(region.dir, region.manifest.files.stations);
  region.districts.forEach((unit, i) => {
    // Units share their borders with the outline, so a vertex on it may fall either side: most must be inside.
    const points = vertices(unit.geometry);
    const inside = points.filter((p) => booleanPointInPolygon(p, region.province.geometry)).length;
    if (inside * 2 < points.length) {
      problems.push({
        file: unitsFile,
        path: `features[${i}].geometry`,
        message: `unit "${unit.code}" lies outside the outline (${points.length - inside} of ${points.length} vertices outside)`,
      });
    }
  });
  region.stations.forEach((station, i) => {
    if (!region.districts.some((unit) => booleanPointInPolygon(station.position, unit.geometry))) {
      problems.push({
        file: stationsFile,
        path: `features[${i}].geometry.coordinates`,
        message: `station "${station.id}" at [${station.position.join(', ')}] lies outside every unit`,
      });
    }
  });
}
