import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { z } from 'zod';
import { ownValue } from '../protocol/own-record.js';
import { cidrsOverlap, cidrContains, findAgencyByIp, formatCidr, parseCidr, parseIpv4, type Ipv4Cidr } from './cidr.js';
import {
  AgenciesFile,
  DistrictsFile,
  ProvinceFile,
  RegionManifest,
  RoadsFile,
  SeatsFile,
  StationsFile,
  WaterwaysFile,
  type AreaGeometry,
  type District,
  type DistrictSeat,
  type LineGeometry,
  type LonLat,
  type Province,
  type Region,
  type RegionFileKind,
  type Road,
  type Station,
  type Waterway,
} from './region-schema.js';

/** The manifest every pack folder has; it names the other files. */
export const REGION_MANIFEST_FILE = 'region.json';

/** One thing wrong with a pack: the file, the field inside it (e.g. `features[3].properties.district`), what. */
export interface RegionProblem {
  readonly file: string;
  /** Field path inside the file; empty for the file as a whole. */
  readonly path: string;
  readonly message: string;
}

const MAX_LISTED_PROBLEMS = 20;

export function formatRegionProblem(problem: RegionProblem): string {
  return problem.path === ''
    ? `${problem.file}: ${problem.message}`
    : `${problem.file}: ${problem.path}: ${problem.message}`;
}

/**
 * A region pack that cannot be used. The message has one line per problem (the first 20), each naming the file and
 * the field, e.g. `regions/x/stations.geojson: features[3].properties.district: unknown district "999"`.
 */
export class RegionError extends Error {
  override readonly name = 'RegionError';
  readonly problems: readonly RegionProblem[];

  constructor(problems: readonly RegionProblem[]) {
    const lines = problems.slice(0, MAX_LISTED_PROBLEMS).map(formatRegionProblem);
    if (problems.length > MAX_LISTED_PROBLEMS) lines.push(`… and ${problems.length - MAX_LISTED_PROBLEMS} more`);
    super(lines.join('\n'));
    this.problems = problems;
  }
}

/** `['features', 3, 'properties', 'district']` → `features[3].properties.district`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

class Problems {
  readonly list: RegionProblem[] = [];

  add(file: string, path: string, message: string): void {
    this.list.push({ file, path, message });
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new RegionError(this.list);
  }
}

type ReadResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly missing: boolean; readonly reason: string };

async function readText(file: string): Promise<ReadResult> {
  try {
    return { ok: true, text: await readFile(file, 'utf8') };
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    return { ok: false, missing: code === 'ENOENT', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Parse and validate one file's text; problems go to `problems`, null when there were any. */
function parseJson<S extends z.ZodType>(problems: Problems, file: string, text: string, schema: S): z.output<S> | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    problems.add(file, '', `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.add(file, formatFieldPath(issue.path), issue.message);
  return null;
}

/**
 * Read a region pack folder: `region.json` and every file it names, each validated against its schema, then
 * cross-checked (district codes known, ids unique, IP ranges canonical and disjoint, every point inside the
 * province, the simulator's roads present). Throws a `RegionError` listing every problem found.
 */
export async function loadRegion(dir: string): Promise<Region> {
  const problems = new Problems();
  const manifestFile = join(dir, REGION_MANIFEST_FILE);
  const manifestText = await readText(manifestFile);
  if (!manifestText.ok) {
    const message = manifestText.missing ? 'file not found (not a region pack folder?)' : manifestText.reason;
    throw new RegionError([{ file: manifestFile, path: '', message }]);
  }
  const manifest = parseJson(problems, manifestFile, manifestText.text, RegionManifest);
  if (manifest === null) throw new RegionError(problems.list);

  const files: Record<RegionFileKind, string> = {
    province: join(dir, manifest.files.province),
    districts: join(dir, manifest.files.districts),
    roads: join(dir, manifest.files.roads),
    waterways: join(dir, manifest.files.waterways),
    stations: join(dir, manifest.files.stations),
    agencies: join(dir, manifest.files.agencies),
    seats: join(dir, manifest.files.seats),
  };

  async function readPackFile<S extends z.ZodType>(kind: RegionFileKind, schema: S): Promise<z.output<S> | null> {
    const file = files[kind];
    const read = await readText(file);
    if (!read.ok) {
      problems.add(manifestFile, `files.${kind}`, read.missing ? `file not found: ${file}` : `cannot read ${file} (${read.reason})`);
      return null;
    }
    return parseJson(problems, file, read.text, schema);
  }

  const [provinceFile, districtsFile, roadsFile, waterwaysFile, stationsFile, agenciesFile, seatsFile] = await Promise.all([
    readPackFile('province', ProvinceFile),
    readPackFile('districts', DistrictsFile),
    readPackFile('roads', RoadsFile),
    readPackFile('waterways', WaterwaysFile),
    readPackFile('stations', StationsFile),
    readPackFile('agencies', AgenciesFile),
    readPackFile('seats', SeatsFile),
  ]);
  // A file is null exactly when it added problems: report every file's problems before any cross-check.
  if (!provinceFile || !districtsFile || !roadsFile || !waterwaysFile || !stationsFile || !agenciesFile || !seatsFile) {
    throw new RegionError(problems.list);
  }

  // ── shapes ──
  const provinceFeature = provinceFile.features[0];
  if (!provinceFeature) throw new RegionError([{ file: files.province, path: 'features', message: 'no province feature' }]);
  const province: Province = {
    code: provinceFeature.properties.code,
    name: provinceFeature.properties.name,
    geometry: provinceFeature.geometry,
  };
  const districts: District[] = districtsFile.features.map((f) => ({
    code: f.properties.code,
    name: f.properties.name,
    shortName: f.properties.short_name ?? f.properties.name,
    type: f.properties.type ?? null,
    geometry: f.geometry,
  }));
  const roads: Road[] = roadsFile.features.map((f) => {
    const p = f.properties;
    const ref = p.ref ?? null;
    return {
      id: ref ?? p.full_id ?? '',
      ref,
      name: p.name,
      nameEn: p.name_en ?? null,
      kind: isRail(p.route, p.railway) ? 'rail' : 'road',
      freeFlowKmh: ref !== null && manifest.roads.ids.includes(ref) ? (ownValue(manifest.roads.freeFlowKmh, ref) ?? null) : null,
      lines: linesOf(f.geometry),
    };
  });
  const waterways: Waterway[] = waterwaysFile.features.map((f, i) => ({
    id: f.properties.full_id ?? `waterway-${i}`,
    name: f.properties.name ?? null,
    kind: f.properties.waterway ?? 'river',
    lines: linesOf(f.geometry),
  }));
  const stations: Station[] = stationsFile.features.map((f) => ({
    id: f.properties.id,
    name: f.properties.name,
    nameEn: f.properties.name_en,
    district: f.properties.district,
    site: f.properties.site,
    parameters: f.properties.parameters,
    position: f.geometry.coordinates,
  }));
  const agencies = agenciesFile.agencies;
  const seats: DistrictSeat[] = seatsFile.features.map((f) => ({
    district: f.properties.district,
    name: f.properties.name,
    nameEn: f.properties.name_en,
    position: f.geometry.coordinates,
  }));

  // ── cross-checks ──
  const insideProvince = (position: LonLat): boolean => booleanPointInPolygon(position, province.geometry);
  const outside = (position: LonLat): string => `[${position.join(', ')}] lies outside the province`;

  const [minLon, minLat, maxLon, maxLat] = manifest.bbox;
  const bounds = boundsOf(province.geometry);
  const EPS = 1e-9;
  if (bounds[0] < minLon - EPS || bounds[1] < minLat - EPS || bounds[2] > maxLon + EPS || bounds[3] > maxLat + EPS) {
    problems.add(manifestFile, 'bbox', `does not contain the province (its bounds are [${bounds.join(', ')}])`);
  }
  if (manifest.center[0] < minLon || manifest.center[0] > maxLon || manifest.center[1] < minLat || manifest.center[1] > maxLat) {
    problems.add(manifestFile, 'center', 'lies outside bbox');
  }

  const districtCodes = new Set<string>();
  districts.forEach((d, i) => {
    if (districtCodes.has(d.code)) problems.add(files.districts, `features[${i}].properties.code`, `duplicate district code "${d.code}"`);
    districtCodes.add(d.code);
  });
  const checkDistrict = (file: string, path: string, code: string): void => {
    if (!districtCodes.has(code)) problems.add(file, path, `unknown district "${code}"`);
  };

  const roadIndex = new Map<string, number>();
  roads.forEach((road, i) => {
    const first = roadIndex.get(road.id);
    const field = road.ref !== null ? 'ref' : 'full_id';
    if (first !== undefined) problems.add(files.roads, `features[${i}].properties.${field}`, `duplicate road id "${road.id}" (also features[${first}])`);
    else roadIndex.set(road.id, i);
  });
  const simulated = new Set<string>();
  manifest.roads.ids.forEach((ref, k) => {
    const path = `roads.ids[${k}]`;
    if (simulated.has(ref)) problems.add(manifestFile, path, `"${ref}" is listed twice`);
    simulated.add(ref);
    const road = roads.find((r) => r.ref === ref);
    if (!road) problems.add(manifestFile, path, `no feature with ref "${ref}" in ${files.roads}`);
    else if (road.kind === 'rail') problems.add(manifestFile, path, `"${ref}" is a railway, not a road`);
    if (ownValue(manifest.roads.freeFlowKmh, ref) === undefined) problems.add(manifestFile, 'roads.freeFlowKmh', `no speed for "${ref}"`);
  });
  for (const ref of Object.keys(manifest.roads.freeFlowKmh)) {
    if (!simulated.has(ref)) problems.add(manifestFile, formatFieldPath(['roads', 'freeFlowKmh', ref]), `"${ref}" is not in roads.ids`);
  }

  const stationIndex = new Map<string, number>();
  stations.forEach((station, i) => {
    const at = `features[${i}]`;
    const first = stationIndex.get(station.id);
    if (first !== undefined) problems.add(files.stations, `${at}.properties.id`, `duplicate station id "${station.id}" (also features[${first}])`);
    else stationIndex.set(station.id, i);
    checkDistrict(files.stations, `${at}.properties.district`, station.district);
    if (!insideProvince(station.position)) problems.add(files.stations, `${at}.geometry.coordinates`, outside(station.position));
  });

  const seatIndex = new Map<string, number>();
  seats.forEach((seat, i) => {
    const at = `features[${i}]`;
    const first = seatIndex.get(seat.district);
    if (first !== undefined) problems.add(files.seats, `${at}.properties.district`, `a second seat for district "${seat.district}" (also features[${first}])`);
    else seatIndex.set(seat.district, i);
    checkDistrict(files.seats, `${at}.properties.district`, seat.district);
    if (!insideProvince(seat.position)) problems.add(files.seats, `${at}.geometry.coordinates`, outside(seat.position));
  });

  checkAgencies(problems, files.agencies, agencies, checkDistrict, insideProvince, outside);
  const home = manifest.soc?.home;
  if (home) {
    const agency = agencies.find((candidate) => candidate.id === home.agency);
    if (!agency) problems.add(manifestFile, 'soc.home.agency', `no agency "${home.agency}" in ${files.agencies}`);
    else if (findAgencyByIp([agency], home.ip) === null) problems.add(manifestFile, 'soc.home.ip', `${home.ip} is not in the ranges of "${home.agency}"`);
  }
  problems.throwIfAny();

  return { dir: resolve(dir), manifest, province, districts, roads, waterways, stations, agencies, seats };
}

function checkAgencies(
  problems: Problems,
  file: string,
  agencies: Region['agencies'],
  checkDistrict: (file: string, path: string, code: string) => void,
  insideProvince: (position: LonLat) => boolean,
  outside: (position: LonLat) => string,
): void {
  const agencyIndex = new Map<string, number>();
  const blocks: { readonly block: Ipv4Cidr; readonly text: string; readonly agency: number; readonly path: string }[] = [];
  agencies.forEach((agency, i) => {
    const at = `agencies[${i}]`;
    const first = agencyIndex.get(agency.id);
    if (first !== undefined) problems.add(file, `${at}.id`, `duplicate agency id "${agency.id}" (also agencies[${first}])`);
    else agencyIndex.set(agency.id, i);
    checkDistrict(file, `${at}.district`, agency.district);
    if (!insideProvince(agency.position)) problems.add(file, `${at}.position`, outside(agency.position));

    const own: Ipv4Cidr[] = [];
    agency.ipRanges.forEach((text, k) => {
      const path = `${at}.ipRanges[${k}]`;
      const block = parseCidr(text);
      if (!block) {
        problems.add(file, path, `"${text}" is not an IPv4 CIDR block`);
        return;
      }
      if (formatCidr(block) !== text) {
        problems.add(file, path, `"${text}" has host bits set (the block is "${formatCidr(block)}")`);
      }
      for (const other of blocks) {
        if (cidrsOverlap(block, other.block)) {
          const whose = other.agency === i ? 'the same agency' : `"${agencies[other.agency]?.id ?? ''}"`;
          problems.add(file, path, `"${text}" overlaps "${other.text}" (${other.path}, ${whose})`);
        }
      }
      blocks.push({ block, text, agency: i, path });
      own.push(block);
    });

    agency.systems.forEach((system, k) => {
      const path = `${at}.systems[${k}].host`;
      const address = parseIpv4(system.host);
      if (address === null) {
        if (/^[\d.]+$/.test(system.host)) problems.add(file, path, `"${system.host}" is not a valid IPv4 address`);
        return; // a host name: nothing to check against the ranges
      }
      if (own.length > 0 && !own.some((block) => cidrContains(block, address))) {
        problems.add(file, path, `${system.host} is outside the agency's ipRanges`);
      }
    });
  });
}

const RAIL_ROUTES = new Set(['train', 'railway', 'light_rail', 'subway', 'tram']);

/** OSM tagging: a route relation of a rail kind, or any feature with a `railway` tag. */
function isRail(route: string | undefined, railway: string | undefined): boolean {
  return railway !== undefined || (route !== undefined && RAIL_ROUTES.has(route));
}

function linesOf(geometry: LineGeometry): LonLat[][] {
  return geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
}

/** [minLon, minLat, maxLon, maxLat] of the outer rings. */
function boundsOf(geometry: AreaGeometry): [number, number, number, number] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const bounds: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons) {
    for (const [lon, lat] of polygon[0] ?? []) {
      bounds[0] = Math.min(bounds[0], lon);
      bounds[1] = Math.min(bounds[1], lat);
      bounds[2] = Math.max(bounds[2], lon);
      bounds[3] = Math.max(bounds[3], lat);
    }
  }
  return bounds;
}
