import { z } from 'zod';
import { Incident } from './incident.js';
import { LocalizedText } from './localized-text.js';

/**
 * The `data` of one item in each logged feed, as stored in the log and sent in `events` frames.
 * Every item is self-describing by `kind` so a feed can grow new kinds without a protocol version bump.
 */

export const LonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export type LonLat = z.infer<typeof LonLat>;

export { LocalizedText } from './localized-text.js';

// ── traffic ─────────────────────────────────────────────────────────────────────────────────────────────────────
export const TrafficSegment = z.object({
  id: z.string().min(1),
  road: z.string().min(1),
  name: LocalizedText,
  path: z.array(LonLat).min(2),
  lengthM: z.number().positive(),
  freeFlowKmh: z.number().positive(),
});
export type TrafficSegment = z.infer<typeof TrafficSegment>;

export const TrafficData = z.discriminatedUnion('kind', [
  /** The road network as segments; replaces any earlier network. */
  z.object({ kind: z.literal('network'), segments: z.array(TrafficSegment) }),
  /** Current measured speeds for some or all segments. */
  z.object({
    kind: z.literal('speeds'),
    speeds: z.array(z.object({ id: z.string().min(1), kmh: z.number().min(0).max(250) })),
  }),
  z.object({
    kind: z.literal('accident'),
    id: z.string().min(1),
    segmentId: z.string().min(1),
    position: LonLat,
    severity: z.enum(['minor', 'serious', 'fatal']),
    lanesBlocked: z.number().int().min(0).max(8),
    description: LocalizedText,
  }),
  z.object({ kind: z.literal('accident-cleared'), id: z.string().min(1) }),
]);
export type TrafficData = z.infer<typeof TrafficData>;

// ── environment ─────────────────────────────────────────────────────────────────────────────────────────────────
export const POLLUTANT_KEYS = ['pm25', 'pm10', 'no2', 'so2', 'co', 'o3'] as const;
export const PollutantValues = z.object({
  pm25: z.number().min(0).nullable(),
  pm10: z.number().min(0).nullable(),
  no2: z.number().min(0).nullable(),
  so2: z.number().min(0).nullable(),
  co: z.number().min(0).nullable(),
  o3: z.number().min(0).nullable(),
});
export type PollutantValues = z.infer<typeof PollutantValues>;

export const AqiSummary = z.object({
  aqi: z.number().int().min(0),
  dominant: z.enum(POLLUTANT_KEYS),
  band: z.number().int().min(1).max(6),
  // Partial: a station that does not measure a pollutant has no sub-index for it.
  sub: z.partialRecord(z.enum(POLLUTANT_KEYS), z.number().int().min(0)),
});
export type AqiSummary = z.infer<typeof AqiSummary>;

export const EnvironmentData = z.discriminatedUnion('kind', [
  /**
   * One station report: the latest short-interval concentrations (µg/m³), the hourly VN_AQI (NowCast for PM)
   * for the hour ending at `hourEnd`, and the daily VN_AQI of the last complete day.
   */
  z.object({
    kind: z.literal('reading'),
    station: z.string().min(1),
    values: PollutantValues,
    hourEnd: z.number().int(),
    hourly: AqiSummary.nullable(),
    daily: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), aqi: AqiSummary }).nullable(),
  }),
  z.object({ kind: z.literal('outage'), station: z.string().min(1), reason: LocalizedText }),
  z.object({ kind: z.literal('restored'), station: z.string().min(1) }),
]);
export type EnvironmentData = z.infer<typeof EnvironmentData>;

// ── soc ─────────────────────────────────────────────────────────────────────────────────────────────────────────
export const SocAlert = z.object({
  kind: z.literal('alert'),
  id: z.string().min(1),
  sensor: z.enum(['suricata', 'wazuh']),
  /** When the sensor saw it (ms since epoch). */
  observedAt: z.number().int(),
  srcIp: z.string().min(1),
  srcPort: z.number().int().min(0).max(65535).nullable(),
  destIp: z.string().min(1),
  destPort: z.number().int().min(0).max(65535).nullable(),
  proto: z.string(),
  signature: z.string(),
  signatureId: z.number().int(),
  category: z.string(),
  /** Suricata convention: 1 = high, 2 = medium, 3 = low. Wazuh levels are mapped onto it (docs/PROTOCOL.md). */
  severity: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** Agency whose IP range holds destIp (region pack), or null when none does. */
  agency: z.string().nullable(),
  /** Wazuh rule level (0–16) when sensor is wazuh; the incident rule "level ≥ 12" reads it. */
  level: z.number().int().min(0).max(16).optional(),
});
export type SocAlert = z.infer<typeof SocAlert>;
export const SocData = z.discriminatedUnion('kind', [SocAlert]);
export type SocData = z.infer<typeof SocData>;

// ── portal ──────────────────────────────────────────────────────────────────────────────────────────────────────
export const PortalUnitStats = z.object({
  unit: z.string().min(1),
  received: z.number().int().min(0),
  resolvedOnTime: z.number().int().min(0),
  resolvedLate: z.number().int().min(0),
  pendingInTime: z.number().int().min(0),
  pendingOverdue: z.number().int().min(0),
  receivedOnline: z.number().int().min(0),
});
export type PortalUnitStats = z.infer<typeof PortalUnitStats>;

export const PortalCatalogue = z.object({
  total: z.number().int().min(0),
  fullyOnline: z.number().int().min(0),
  partlyOnline: z.number().int().min(0),
  informationOnly: z.number().int().min(0),
  onNationalPortal: z.number().int().min(0),
});
export type PortalCatalogue = z.infer<typeof PortalCatalogue>;

export const PortalData = z.discriminatedUnion('kind', [
  /** Cumulative counters of the local day `date` for the listed units (latest wins per unit and day). */
  z.object({
    kind: z.literal('stats'),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    units: z.array(PortalUnitStats).min(1),
  }),
  z.object({ kind: z.literal('catalogue'), catalogue: PortalCatalogue }),
]);
export type PortalData = z.infer<typeof PortalData>;

// ── incidents (written only by the hub's incident engine) ──────────────────────────────────────────────────────
/** The full incident after a change (opened, repeated, escalated, acknowledged, assigned, resolved). */
export const IncidentData = z.object({ kind: z.literal('incident'), incident: Incident });
export type IncidentData = z.infer<typeof IncidentData>;

export const FEED_DATA_SCHEMAS = {
  traffic: TrafficData,
  environment: EnvironmentData,
  soc: SocData,
  portal: PortalData,
  incidents: IncidentData,
} as const;

export interface FeedDataMap {
  traffic: TrafficData;
  environment: EnvironmentData;
  soc: SocData;
  portal: PortalData;
  incidents: IncidentData;
}
