import { z } from 'zod';
import { POLLUTANT_KEYS, PortalCatalogue } from '../protocol/feed-data.js';
import { ownRecordSchema } from '../protocol/own-record-schema.js';

/**
 * The files of a region pack (`regions/<id>/`) and the shapes the loader turns them into. A pack is data only:
 * `region.json` names its files; a new province is a new folder, not a change here.
 *
 * Copied source files (boundaries, OSM routes and waterways) are checked for what the program reads and may carry
 * any other property (`looseObject`). Curated files (stations, agencies, seats, region.json) are strict, so a typo
 * in a field name is an error rather than a silently missing value.
 *
 * Coordinates are WGS84 `[lon, lat]`, two-dimensional.
 */

// ── building blocks ─────────────────────────────────────────────────────────────────────────────────────────────
const Lon = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);
export const LonLat = z.tuple([Lon, Lat]);
export type LonLat = z.infer<typeof LonLat>;

export const LocalizedText = z.strictObject({ vi: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** GSO administrative code, e.g. "288" for TP Hải Dương. */
const AdminCode = z.string().regex(/^\d+$/, 'expected a numeric administrative code as a string, e.g. "288"');
const Slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected lower-case letters, digits and "-"');
const Name = z.string().trim().min(1);

const LinearRing = z
  .array(LonLat)
  .min(4)
  .refine((ring) => {
    const first = ring[0];
    const last = ring[ring.length - 1];
    return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
  }, 'a polygon ring must end where it starts');
const PolygonCoordinates = z.array(LinearRing).min(1);
const LineCoordinates = z.array(LonLat).min(2);

export const AreaGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: PolygonCoordinates }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoordinates).min(1) }),
]);
export type AreaGeometry = z.infer<typeof AreaGeometry>;

export const LineGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('LineString'), coordinates: LineCoordinates }),
  z.object({ type: z.literal('MultiLineString'), coordinates: z.array(LineCoordinates).min(1) }),
]);
export type LineGeometry = z.infer<typeof LineGeometry>;

export const PointGeometry = z.object({ type: z.literal('Point'), coordinates: LonLat });

function feature<G extends z.ZodType, P extends z.ZodType>(geometry: G, properties: P) {
  return z.object({
    type: z.literal('Feature'),
    id: z.union([z.string(), z.number()]).optional(),
    geometry,
    properties,
  });
}

function featureCollection<G extends z.ZodType, P extends z.ZodType>(geometry: G, properties: P) {
  return z.object({ type: z.literal('FeatureCollection'), features: z.array(feature(geometry, properties)) });
}

// ── region.json ─────────────────────────────────────────────────────────────────────────────────────────────────
/** A file inside the pack folder: no sub-folders, no "..", not hidden. */
const PackFileName = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/, 'expected a file name inside the pack folder (no "/", no leading ".")');

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

export const REGION_FILE_KINDS = ['province', 'districts', 'roads', 'waterways', 'stations', 'agencies', 'seats'] as const;
export type RegionFileKind = (typeof REGION_FILE_KINDS)[number];

/**
 * The pack's administrative tiers, coarsest first (e.g. province, then district; or city, then commune after the
 * 2025 merger). `groupBy` names the tier the portal and the incident filters group by: the tier of the units in
 * the pack's units file. Optional while packs migrate: a pack without it is read as one district tier.
 */
export const AdminTiers = z
  .strictObject({
    tiers: z.array(z.strictObject({ id: Slug, name: LocalizedText })).min(1),
    groupBy: Slug,
  })
  .refine((t) => new Set(t.tiers.map((tier) => tier.id)).size === t.tiers.length, {
    message: 'a tier id is listed twice',
    path: ['tiers'],
  })
  .refine((t) => t.tiers.some((tier) => tier.id === t.groupBy), {
    message: 'groupBy must name one of the declared tiers',
    path: ['groupBy'],
  });
export type AdminTiers = z.infer<typeof AdminTiers>;

export const RegionManifest = z.strictObject({
  /** Folder-style id, e.g. "hai-duong"; the hub's `--simulate ID` must match it. */
  id: Slug,
  name: LocalizedText,
  /** BCP 47 tag used for number and date formatting, e.g. "vi-VN". */
  locale: z.string().refine(isLocale, 'expected a BCP 47 language tag, e.g. "vi-VN"'),
  /** IANA zone in which the region's days begin (daily AQI, portal day counters). */
  timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone, e.g. "Asia/Ho_Chi_Minh"'),
  /** [minLon, minLat, maxLon, maxLat]; must contain the province geometry. */
  bbox: z
    .tuple([Lon, Lat, Lon, Lat])
    .refine(([minLon, minLat, maxLon, maxLat]) => minLon < maxLon && minLat < maxLat, 'expected [minLon, minLat, maxLon, maxLat]'),
  /** Initial map view. */
  center: LonLat,
  zoom: z.number().min(0).max(22),
  files: z.strictObject({
    province: PackFileName,
    districts: PackFileName,
    roads: PackFileName,
    waterways: PackFileName,
    stations: PackFileName,
    agencies: PackFileName,
    seats: PackFileName,
  }),
  /** The roads the traffic simulator drives, by the `ref` of their feature in the roads file, and their speeds. */
  roads: z.strictObject({
    ids: z.array(z.string().min(1)).min(1),
    // Keyed by road refs from the pack's roads file: every key kept, "__proto__" included.
    freeFlowKmh: ownRecordSchema(z.number().positive().max(200)),
  }),
  /** The administrative tiers the pack's units belong to (AdminTiers). */
  admin: AdminTiers.optional(),
  /** One line for the map's attribution control; the full list is the pack's SOURCES.md. */
  attribution: z.string().min(1),
  /** The province's public-service procedure catalogue, announced by the portal feed. */
  portal: z.strictObject({ catalogue: PortalCatalogue }).optional(),
  /**
   * The SOC's own site: the agency (of agencies.json) that hosts the security operations center and the address of
   * its sensors' manager. An alert raised on the manager itself carries no target address (a Wazuh alert of agent
   * 000): it is an attack on this site and is placed here (docs/sources.md).
   */
  soc: z.strictObject({ home: z.strictObject({ agency: z.string().min(1), ip: z.ipv4() }) }).optional(),
});
export type RegionManifest = z.infer<typeof RegionManifest>;

// ── boundaries ──────────────────────────────────────────────────────────────────────────────────────────────────
export const ProvinceFile = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(feature(AreaGeometry, z.looseObject({ code: AdminCode, name: Name })))
    .length(1, 'expected exactly one feature, the province'),
});

export const DistrictsFile = featureCollection(
  AreaGeometry,
  z.looseObject({ code: AdminCode, name: Name, short_name: Name.optional(), type: Name.optional() }),
);

// ── lines ───────────────────────────────────────────────────────────────────────────────────────────────────────
/** OSM-style tags: `ref` (e.g. "QL.5") or `full_id` (e.g. "r7388560") identifies a route; `route`/`railway` say rail. */
export const RoadsFile = featureCollection(
  LineGeometry,
  z
    .looseObject({
      name: Name,
      name_en: Name.optional(),
      ref: Name.optional(),
      full_id: Name.optional(),
      route: z.string().optional(),
      railway: z.string().optional(),
    })
    .refine((p) => p.ref !== undefined || p.full_id !== undefined, 'a road needs a "ref" or a "full_id"'),
);

export const WaterwaysFile = featureCollection(
  LineGeometry,
  z.looseObject({ full_id: Name.optional(), name: Name.optional(), waterway: Name.optional() }),
);

// ── stations ────────────────────────────────────────────────────────────────────────────────────────────────────
export const STATION_SITES = ['urban', 'industrial', 'traffic', 'background', 'cement', 'power-plant'] as const;
export type StationSite = (typeof STATION_SITES)[number];
/** What a station can measure: exactly the pollutants the environment feed carries. */
export const STATION_PARAMETERS = POLLUTANT_KEYS;
export type StationParameter = (typeof STATION_PARAMETERS)[number];

export const StationsFile = featureCollection(
  PointGeometry,
  z.strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected letters, digits, ".", "_" or "-", e.g. "HD-AQ-01"'),
    name: Name,
    name_en: Name,
    district: AdminCode,
    site: z.enum(STATION_SITES),
    parameters: z
      .array(z.enum(STATION_PARAMETERS))
      .min(1)
      .refine((list) => new Set(list).size === list.length, 'a parameter is listed twice')
      .refine((list) => list.includes('pm25') || list.includes('pm10'), 'a station measures at least one of pm25, pm10'),
  }),
);

// ── agencies ────────────────────────────────────────────────────────────────────────────────────────────────────
export const AGENCY_KINDS = ['province-department', 'district-committee', 'data-center', 'public-service'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const AgencySystem = z.strictObject({
  name: Name,
  /** An IPv4 address inside the agency's `ipRanges` (checked by the loader), or a host name. */
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
});
export type AgencySystem = z.infer<typeof AgencySystem>;

/** An agency whose systems the SOC watches. Structurally an `AgencyTarget` (feeds/soc) plus kind and place. */
export const Agency = z.strictObject({
  id: Slug,
  name: LocalizedText,
  kind: z.enum(AGENCY_KINDS),
  district: AdminCode,
  position: LonLat,
  /** IPv4 CIDR blocks, canonical (no host bits), not overlapping any other agency's (checked by the loader). */
  ipRanges: z.array(z.cidrv4()).min(1),
  systems: z.array(AgencySystem),
});
export type Agency = z.infer<typeof Agency>;

export const AgenciesFile = z.strictObject({ agencies: z.array(Agency).min(1) });

// ── district seats ──────────────────────────────────────────────────────────────────────────────────────────────
export const SeatsFile = featureCollection(
  PointGeometry,
  z.strictObject({ district: AdminCode, name: Name, name_en: Name }),
);

// ── the loaded region ───────────────────────────────────────────────────────────────────────────────────────────
export interface Province {
  readonly code: string;
  readonly name: string;
  readonly geometry: AreaGeometry;
}

export interface District {
  /** GSO code, e.g. "288". */
  readonly code: string;
  /** Full name, e.g. "Huyện Thanh Miện". */
  readonly name: string;
  /** Short name, e.g. "Thanh Miện" (the full name when the file has none). */
  readonly shortName: string;
  /** The unit's kind as its source names it, e.g. "Thành phố", "Huyện", "Phường", "Xã"; null when the file has none. */
  readonly type: string | null;
  readonly geometry: AreaGeometry;
}

export interface Road {
  /** `ref` when the feature has one (e.g. "QL.5"), else its `full_id`. Unique in the pack. */
  readonly id: string;
  readonly ref: string | null;
  readonly name: string;
  readonly nameEn: string | null;
  /** Railways stay in the roads file and are drawn as rail; the simulator uses only roads. */
  readonly kind: 'road' | 'rail';
  /** Set for the roads the traffic simulator uses (manifest `roads`), null for the others. */
  readonly freeFlowKmh: number | null;
  /** One or more polylines (a MultiLineString's parts, or a single LineString). */
  readonly lines: LonLat[][];
}

export interface Waterway {
  /** `full_id` when present, else "waterway-<index in the file>". */
  readonly id: string;
  readonly name: string | null;
  /** OSM `waterway` tag: river, canal, stream, ditch, drain… ("river" when the file has none). */
  readonly kind: string;
  readonly lines: LonLat[][];
}

export interface Station {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly district: string;
  readonly site: StationSite;
  readonly parameters: StationParameter[];
  readonly position: LonLat;
}

export interface DistrictSeat {
  readonly district: string;
  readonly name: string;
  readonly nameEn: string;
  readonly position: LonLat;
}

export interface Region {
  /** Absolute path of the pack folder. */
  readonly dir: string;
  readonly manifest: RegionManifest;
  readonly province: Province;
  readonly districts: District[];
  /** Roads and railways, in file order. */
  readonly roads: Road[];
  readonly waterways: Waterway[];
  readonly stations: Station[];
  readonly agencies: Agency[];
  readonly seats: DistrictSeat[];
}
