import type { IncidentsState } from '../../feeds/incidents/incidents-reducer.js';
import type { LocalizedText } from '../../feeds/protocol/feed-data.js';
import { SEVERITY_RANK } from '../../feeds/protocol/incident.js';
import { memoizeFormat } from '../common/format-memo.js';
import type { MapPick } from '../common/layer-input.js';
import { geometryPoint } from './incident-position.js';
import {
  INCIDENT_SEVERITIES,
  INCIDENT_STATES,
  type IncidentLifecycle,
  type IncidentSeverity,
} from './incident-style.js';

export interface IncidentDatum extends MapPick {
  feed: 'incidents';
  kind: string;
  severity: IncidentSeverity;
  state: IncidentLifecycle;
  /** Nobody has acknowledged it yet (state `open`). */
  unacknowledged: boolean;
  position: [number, number];
  /** Repeats folded into it (also `value`). */
  count: number;
  escalation: number;
  openedAt: number | null;
  assignee: string | null;
}

function isSeverity(value: unknown): value is IncidentSeverity {
  return typeof value === 'string' && (INCIDENT_SEVERITIES as readonly string[]).includes(value);
}
function isLifecycle(value: unknown): value is IncidentLifecycle {
  return typeof value === 'string' && (INCIDENT_STATES as readonly string[]).includes(value);
}
function localized(value: unknown, fallback: string): LocalizedText {
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const vi = typeof record['vi'] === 'string' ? record['vi'] : null;
    const en = typeof record['en'] === 'string' ? record['en'] : null;
    if (vi !== null || en !== null) return { vi: vi ?? en ?? fallback, en: en ?? vi ?? fallback };
  }
  if (typeof value === 'string') return { vi: value, en: value };
  return { vi: fallback, en: fallback };
}
function finite(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}


/**
 * Pure: incidents state → markers. Resolved incidents are left off the map (they stay in the incident board for
 * 24 h); an incident with an unknown severity/state or no usable geometry is skipped rather than guessed. Sorted so
 * deck.gl draws the most important last (on top): severity, then unacknowledged over acknowledged, then id.
 */
export function formatIncidentsData(state: IncidentsState): IncidentDatum[] {
  const data: IncidentDatum[] = [];
  for (const [key, incident] of Object.entries(state.incidents)) {
    const severity = incident['severity'];
    const lifecycle = incident['state'];
    if (!isSeverity(severity) || !isLifecycle(lifecycle) || lifecycle === 'resolved') continue;
    const position = geometryPoint(incident['geometry']);
    if (!position) continue;
    const id = typeof incident['id'] === 'string' ? incident['id'] : key;
    const count = finite(incident['count'], 1);
    const openedAt = incident['openedAt'];
    const assignee = incident['assignee'];
    data.push({
      feed: 'incidents',
      id,
      name: localized(incident['title'], id),
      value: count,
      unit: '',
      kind: typeof incident['kind'] === 'string' ? incident['kind'] : 'unknown',
      severity,
      state: lifecycle,
      unacknowledged: lifecycle === 'open',
      position,
      count,
      escalation: finite(incident['escalation'], 0),
      openedAt: typeof openedAt === 'number' ? openedAt : null,
      assignee: typeof assignee === 'string' ? assignee : null,
    });
  }
  return data.sort((a, b) =>
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
    || Number(a.unacknowledged) - Number(b.unacknowledged)
    || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** formatIncidentsData memoised by (state, version): see common/format-memo.ts. */
export const formatIncidentsDataCached = memoizeFormat(formatIncidentsData);

/** The unacknowledged subset (pulsing halo layer), memoised on the formatted array. */
let lastUnacked: { from: IncidentDatum[]; result: IncidentDatum[] } | null = null;
export function unacknowledgedIncidents(data: IncidentDatum[]): IncidentDatum[] {
  if (lastUnacked?.from === data) return lastUnacked.result;
  const result = data.filter((d) => d.unacknowledged);
  lastUnacked = { from: data, result };
  return result;
}
