import type { EnvironmentState } from '../../feeds/environment/environment-reducer.js';
import type { PortalState } from '../../feeds/portal/portal-reducer.js';
import { ownValue } from '../../feeds/protocol/own-record.js';
import type { Incident } from '../../feeds/protocol/incident.js';
import { CONGESTED_BELOW, speedRatio } from '../../feeds/traffic/traffic-kpis.js';
import type { TrafficState } from '../../feeds/traffic/traffic-reducer.js';

/** The feed states the desk shows (live or replayed): the same ones the KPI cards count from. */
export interface ConditionStates {
  readonly traffic: TrafficState | null;
  readonly environment: EnvironmentState | null;
  readonly portal: PortalState | null;
}

/**
 * Where an incident's condition stands now, read from the feed states the KPI cards read, so a queue row and a
 * card never disagree (issue 15): a congestion row says "congested now" exactly when the traffic card counts that
 * segment's km, an accident row "on the road" exactly when the card counts the accident, an air-quality row the
 * station's VN_AQI that the environment card lists.
 */
export type IncidentNow =
  | { readonly kind: 'aqi'; readonly aqi: number | null; readonly peak: number | null; readonly online: boolean }
  | { readonly kind: 'congestion'; readonly percent: number; readonly congested: boolean }
  | { readonly kind: 'accident'; readonly onRoad: boolean }
  | { readonly kind: 'overdue'; readonly overdue: number };

/** The subject of an incident: its dedupe key after the kind ("air-quality:HD-AQ-01" → "HD-AQ-01"). */
export function incidentSubject(incident: Incident): string | null {
  const prefix = `${incident.kind}:`;
  return incident.dedupeKey.startsWith(prefix) ? incident.dedupeKey.slice(prefix.length) : null;
}

/** Null when the incident's kind has no figure on the desk, or its feed's state has not arrived. */
export function incidentNow(incident: Incident, states: ConditionStates): IncidentNow | null {
  const id = incidentSubject(incident);
  if (id === null) return null;
  switch (incident.kind) {
    case 'air-quality': {
      const station = states.environment ? ownValue(states.environment.stations, id) : undefined;
      if (!station) return null;
      return { kind: 'aqi', aqi: station.hourly?.aqi ?? null, peak: incident.measure?.peak ?? null, online: station.online };
    }
    case 'traffic-congestion': {
      const segment = states.traffic ? ownValue(states.traffic.segments, id) : undefined;
      const speed = states.traffic ? ownValue(states.traffic.speeds, id) : undefined;
      if (!segment || !speed) return null;
      const ratio = speedRatio(segment, speed.kmh);
      return { kind: 'congestion', percent: Math.round(ratio * 100), congested: ratio < CONGESTED_BELOW };
    }
    case 'traffic-accident':
      return states.traffic ? { kind: 'accident', onRoad: ownValue(states.traffic.accidents, id) !== undefined } : null;
    case 'portal-overdue': {
      const unit = states.portal ? ownValue(states.portal.units, id) : undefined;
      return unit ? { kind: 'overdue', overdue: unit.pendingOverdue } : null;
    }
    default:
      return null;
  }
}
