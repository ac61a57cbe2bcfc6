import { z } from 'zod';

/**
 * The hub config's `incidents` section: rule thresholds and escalation timeouts (defaults from issue 4).
 * Durations are in minutes (config files are read by people); the rules take milliseconds.
 */
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
    /** An unacknowledged incident escalates after this many minutes (again each time); low never escalates. */
    escalationMinutes: z
      .strictObject({
        critical: z.number().positive().default(2),
        high: z.number().positive().default(10),
        medium: z.number().positive().default(30),
      })
      .prefault({}),
  })
  .prefault({});
export type IncidentConfig = z.infer<typeof IncidentConfigSchema>;

/** Defaults, for tests and code that runs without a hub config. */
export function defaultIncidentConfig(): IncidentConfig {
  return IncidentConfigSchema.parse({});
}
