import { z } from 'zod';
import { LocalizedText } from './localized-text.js';

/**
 * The incident object (docs/architecture.md §4, docs/PROTOCOL.md): what `incidents` events, snapshots and operation results carry. The hub's
 * incident engine (feeds/incidents) is the only writer; consoles and walls read it.
 */
export const INCIDENT_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];
/** How serious, as a number that grows with severity (low 0 … critical 3): for comparing and sorting. */
export const SEVERITY_RANK: Readonly<Record<IncidentSeverity, number>> = { low: 0, medium: 1, high: 2, critical: 3 };
export const INCIDENT_STATES = ['open', 'acknowledged', 'assigned', 'resolved'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];
/** The kinds the hub's rules raise from feed items (feeds/incidents/rules). */
export const DETECTED_KINDS = [
  'air-quality',
  'station-silent',
  'traffic-congestion',
  'traffic-accident',
  'soc-high-severity',
  'soc-burst',
  'soc-wazuh',
  'portal-overdue',
] as const;
export type DetectedKind = (typeof DETECTED_KINDS)[number];
/** Every kind: the detected ones and `manual`, an incident an operator logs by hand (a phone call, a patrol). */
export const INCIDENT_KINDS = [...DETECTED_KINDS, 'manual'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const IncidentGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(z.tuple([z.number(), z.number()])).min(2) }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.tuple([z.number(), z.number()])).min(4)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.tuple([z.number(), z.number()])).min(4))) }),
]);
export type IncidentGeometry = z.infer<typeof IncidentGeometry>;

/** One entry of the incident's timeline (every transition, escalation and repeat is one). */
export const IncidentEvent = z.object({
  at: z.number().int(),
  action: z.enum(['opened', 'repeated', 'escalated', 'acknowledged', 'assigned', 'resolved', 'snoozed', 'woken', 'commented', 'reopened']),
  /** Token name of who did it; "hub" for the engine itself. */
  by: z.string(),
  note: z.string().optional(),
  to: z.string().optional(),
  level: z.number().int().optional(),
  /** `snoozed`: until when. */
  until: z.number().int().optional(),
});
export type IncidentEvent = z.infer<typeof IncidentEvent>;

export const Incident = z.object({
  id: z.string().min(1),
  kind: z.enum(INCIDENT_KINDS),
  severity: z.enum(INCIDENT_SEVERITIES),
  state: z.enum(INCIDENT_STATES),
  title: LocalizedText,
  geometry: IncidentGeometry,
  /** District GSO code where the incident is, when known (queue filter). */
  district: z.string().nullable(),
  /** Repeats of the same condition (same dedupeKey) while open raise count and lastSeenAt. */
  dedupeKey: z.string().min(1),
  count: z.number().int().min(1),
  openedAt: z.number().int(),
  lastSeenAt: z.number().int(),
  /** Escalation level: 0 until the first unacknowledged timeout, then +1 per timeout. */
  escalation: z.number().int().min(0),
  /** When the next escalation is due (null once acknowledged or resolved). */
  escalationDueAt: z.number().int().nullable(),
  /** References to the feed items that raised it: `{feed, seq}` and/or source ids. */
  sources: z.array(z.object({ feed: z.string(), seq: z.number().int().optional(), ref: z.string().optional() })).max(50),
  /**
   * The figure the condition is about, where it has one (VN_AQI for air quality): the last detected and the highest
   * while this incident lived. Its title carries the last one too (docs/incidents.md).
   */
  measure: z.object({ last: z.number(), peak: z.number() }).optional(),
  /** The resolved incident this one follows, when the condition recurred after resolution. */
  previousId: z.string().nullable(),
  ackedBy: z.string().optional(),
  ackedAt: z.number().int().optional(),
  note: z.string().optional(),
  assignee: z.string().optional(),
  assignedBy: z.string().optional(),
  assignedAt: z.number().int().optional(),
  resolvedBy: z.string().optional(),
  resolvedAt: z.number().int().optional(),
  resolution: z.string().optional(),
  /** Snoozed by a person until then: no escalation, no critical banner; the queue still shows it (marked). */
  snoozedUntil: z.number().int().optional(),
  snoozedBy: z.string().optional(),
  history: z.array(IncidentEvent),
});
export type Incident = z.infer<typeof Incident>;
