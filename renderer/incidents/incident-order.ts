import { SEVERITY_RANK, type Incident, type IncidentSeverity } from '../../feeds/protocol/incident.js';

export interface IncidentFilter {
  readonly kind: string | null;
  /** 'active' = everything not resolved (the default view). */
  readonly state: 'active' | Incident['state'] | null;
  readonly district: string | null;
}

export const DEFAULT_FILTER: IncidentFilter = { kind: null, state: 'active', district: null };

/** The queue's order: severity first, then the oldest first (what has waited longest is handled first). */
export function sortIncidents(incidents: readonly Incident[]): Incident[] {
  return [...incidents].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.openedAt - b.openedAt || (a.id < b.id ? -1 : 1));
}

export function filterIncidents(incidents: readonly Incident[], filter: IncidentFilter): Incident[] {
  return incidents.filter(
    (incident) =>
      (filter.kind === null || incident.kind === filter.kind) &&
      (filter.state === null || (filter.state === 'active' ? incident.state !== 'resolved' : incident.state === filter.state)) &&
      (filter.district === null || incident.district === filter.district),
  );
}

/** Badge counts: not-resolved incidents by severity. */
export function openCounts(incidents: readonly Incident[]): Record<IncidentSeverity, number> {
  const counts: Record<IncidentSeverity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const incident of incidents) if (incident.state !== 'resolved') counts[incident.severity] += 1;
  return counts;
}

/** Mean time from opening to acknowledgment over incidents acknowledged, in ms; null when none. */
export function meanTimeToAcknowledge(incidents: readonly Incident[]): number | null {
  const acked = incidents.filter((incident) => incident.ackedAt !== undefined);
  if (acked.length === 0) return null;
  return acked.reduce((sum, incident) => sum + ((incident.ackedAt ?? 0) - incident.openedAt), 0) / acked.length;
}

/** The oldest incident still open (not acknowledged), or null. */
export function oldestUnacknowledged(incidents: readonly Incident[]): Incident | null {
  let oldest: Incident | null = null;
  for (const incident of incidents) if (incident.state === 'open' && (oldest === null || incident.openedAt < oldest.openedAt)) oldest = incident;
  return oldest;
}
