import { z } from 'zod';

/**
 * The hub config's `incidents` section: rule thresholds and escalation timeouts (defaults from issue 4).
 * Durations are in minutes (config files are read by people); the rules take milliseconds.
 */
/** A number (every N minutes) or a non-empty list of growing intervals, normalised to a list. */
function escalationSchedule(defaults: readonly number[]) {
  return z
    .union([z.number().positive(), z.array(z.number().positive()).min(1).max(20)])
    .default([...defaults])
    .transform((value): readonly number[] => (typeof value === 'number' ? [value] : value));
}

/**
 * The centre's teams an incident is assigned to: assign names one of them by id (free text that silently became a
 * default team was worse than a list). These defaults are the usual partners of a provincial IOC; a centre lists its own.
 */
export const TeamSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'a team id is lowercase letters, digits and -, at most 48'),
  name: z.strictObject({ vi: z.string().min(1).max(120), en: z.string().min(1).max(120) }),
});
export type Team = z.infer<typeof TeamSchema>;
const DEFAULT_TEAMS: Team[] = [
  { id: 'ioc-response', name: { vi: 'Tổ phản ứng nhanh IOC', en: 'IOC rapid response' } },
  { id: 'traffic-police', name: { vi: 'Cảnh sát giao thông', en: 'Traffic police' } },
  { id: 'fire-rescue', name: { vi: 'Cảnh sát PCCC và CNCH', en: 'Fire and rescue' } },
  { id: 'health', name: { vi: 'Trung tâm cấp cứu 115', en: 'Emergency medical (115)' } },
  { id: 'environment', name: { vi: 'Sở Nông nghiệp và Môi trường', en: 'Department of Agriculture and Environment' } },
  { id: 'cyber-response', name: { vi: 'Đội ứng cứu sự cố ATTT', en: 'Cyber incident response' } },
  { id: 'public-service', name: { vi: 'Trung tâm Phục vụ hành chính công', en: 'Public service centre' } },
];

export const IncidentConfigSchema = z
  .strictObject({
    environment: z
      .strictObject({
        /** Hourly VN_AQI at or above this for `highHours` consecutive hours → high. */
        highAqi: z.number().int().positive().default(151),
        // The rule keeps 48 hours of hourly values per station (environment-rule.ts KEEP_HOURS).
        highHours: z.number().int().positive().max(48).default(2),
        /** Hourly VN_AQI at or above this once → critical. */
        criticalAqi: z.number().int().positive().default(201),
        /** A station with no reading for longer than this → station-silent. */
        silentMinutes: z.number().positive().default(120),
      })
      // A critical threshold below the high one would make every "high" streak critical at once: a typo, not a policy.
      .refine((environment) => environment.criticalAqi >= environment.highAqi, {
        message: 'criticalAqi must be at least highAqi',
        path: ['criticalAqi'],
      })
      .prefault({}),
    traffic: z
      .strictObject({
        /** A segment below this fraction of its free-flow speed … */
        congestedRatio: z.number().positive().max(1).default(0.3),
        /** … continuously for this long → traffic-congestion. */
        congestedMinutes: z.number().positive().default(10),
      })
      .prefault({}),
    soc: z
      .strictObject({
        /** Alerts from one source to one target within `burstMinutes` → soc-burst. */
        burstCount: z.number().int().min(2).default(20),
        burstMinutes: z.number().positive().default(5),
        /** Wazuh rule level at or above this → soc-wazuh. */
        wazuhLevel: z.number().int().min(0).max(16).default(12),
      })
      .prefault({}),
    portal: z
      .strictObject({
        /** A unit with more pending-overdue dossiers than this → portal-overdue. */
        overdueAbove: z.number().int().min(0).default(15),
      })
      .prefault({}),
    /**
     * Minutes an unacknowledged incident waits before each escalation: the first entry before level 1, the second
     * before level 2, …; the last entry repeats until `maxEscalations`. A single number is the old "every N minutes"
     * form. Growing intervals and the cap are what keep a long-open critical from re-alarming every 2 minutes (issue 15).
     * Low never escalates.
     */
    escalationMinutes: z
      .strictObject({
        critical: escalationSchedule([2, 5, 15, 30, 60]),
        high: escalationSchedule([10, 30, 60]),
        medium: escalationSchedule([30, 60]),
      })
      .prefault({}),
    /** Escalation stops at this level; the incident stays open, escalated, in the queue. */
    maxEscalations: z.number().int().min(0).max(100).default(6),
    /** Who an incident can be assigned to (op assign's `to` is a team id); sent to every console in the welcome. */
    teams: z
      .array(TeamSchema)
      .min(1)
      .max(100)
      .refine((teams) => new Set(teams.map((team) => team.id)).size === teams.length, 'a team id is listed more than once')
      .default(DEFAULT_TEAMS),
  })
  .prefault({});
export type IncidentConfig = z.infer<typeof IncidentConfigSchema>;
/** What the lifecycle needs to time escalations. */
export type EscalationPolicy = Pick<IncidentConfig, 'escalationMinutes' | 'maxEscalations'>;

/** Defaults, for tests and code that runs without a hub config. */
export function defaultIncidentConfig(): IncidentConfig {
  return IncidentConfigSchema.parse({});
}
