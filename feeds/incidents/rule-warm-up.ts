import type { RuleFeed } from './detection.js';
import type { IncidentConfig } from './incident-config.js';

/**
 * How far back each rule must re-read the log after a restart to know what it knew before: the longest window it
 * judges plus a margin (one more hour for the hourly air-quality rule, whose readings arrive once an hour). Portal
 * counters are cumulative per day, so the last hour of items restores whether a unit is above its threshold.
 */
export function warmUpWindowMs(config: IncidentConfig): Record<RuleFeed, number> {
  const minute = 60_000;
  const hour = 60 * minute;
  return {
    environment: Math.max(config.environment.highHours * hour, config.environment.silentMinutes * minute) + hour,
    traffic: 2 * config.traffic.congestedMinutes * minute,
    soc: 2 * config.soc.burstMinutes * minute,
    portal: hour,
  };
}
