import type { Incident, IncidentEvent, IncidentSeverity } from '../protocol/incident.js';
import { SEVERITY_RANK, type Detection } from './detection.js';
import type { EscalationPolicy } from './incident-config.js';

/**
 * The incident lifecycle as pure functions (docs/incidents.md):
 *
 *   open ──ack──▶ acknowledged ──assign──▶ assigned ──resolve──▶ resolved
 *     └──────────────assign──────────────▶   ▲  └─assign (reassign)─┘
 *                  acknowledged ──resolve────┼──────────────────▶ resolved
 *
 * Legal: ack from open; assign from open (the assigner acknowledges at the same time), acknowledged or assigned
 * (reassign); resolve from acknowledged or assigned. Refused with `illegal-transition`: ack of anything not open,
 * resolve of an open incident (someone must acknowledge first, for accountability), anything on a resolved one but
 * a comment or a reopen. Reopen takes a resolved incident back to open (its clock for escalation starts again);
 * a comment is a timeline note in any state. An operator logs an incident by hand with createManualIncident.
 */
export type IncidentOp =
  | { readonly op: 'ack'; readonly note?: string }
  | { readonly op: 'assign'; readonly to: string; readonly note?: string }
  | { readonly op: 'resolve'; readonly note?: string }
  | { readonly op: 'snooze'; readonly minutes: number; readonly note?: string }
  | { readonly op: 'comment'; readonly note: string }
  | { readonly op: 'reopen'; readonly note: string };

export type TransitionResult =
  | { readonly ok: true; readonly incident: Incident }
  | { readonly ok: false; readonly code: 'illegal-transition'; readonly message: string };

/** History entries kept per incident; the oldest repeats go first (transitions are also in the audit table). */
const MAX_HISTORY = 100;
const MAX_SOURCES = 50;

/**
 * How long an open incident at escalation `level` waits before the next one: the schedule's entry for that level, its
 * last entry beyond the list, null for low severity or once the cap is reached.
 */
export function escalationTimeoutMs(severity: IncidentSeverity, policy: EscalationPolicy, level = 0): number | null {
  if (severity === 'low' || level >= policy.maxEscalations) return null;
  const schedule = policy.escalationMinutes[severity];
  const minutes = schedule[Math.min(level, schedule.length - 1)];
  // Whole milliseconds: the config allows fractions of a minute, the protocol's escalationDueAt is an integer.
  return minutes === undefined ? null : Math.round(minutes * 60_000);
}

/** `at`: when the engine opens it (hub clock); the detection's own time may be data time (an hour's end). */
export function openIncident(
  detection: Detection,
  id: string,
  previousId: string | null,
  policy: EscalationPolicy,
  at: number = detection.at,
): Incident {
  const timeout = escalationTimeoutMs(detection.severity, policy);
  return {
    id,
    kind: detection.kind,
    severity: detection.severity,
    state: 'open',
    title: { ...detection.title },
    geometry: detection.geometry,
    district: detection.district,
    dedupeKey: detection.dedupeKey,
    count: 1,
    openedAt: at,
    lastSeenAt: at,
    escalation: 0,
    escalationDueAt: timeout === null ? null : at + timeout,
    sources: detection.sources.slice(-MAX_SOURCES).map((s) => ({ ...s })),
    previousId,
    ...(detection.value !== undefined ? { measure: { last: detection.value, peak: detection.value } } : {}),
    history: [{ at, action: 'opened', by: 'hub' }],
  };
}

export interface ManualIncidentInput {
  readonly id: string;
  readonly severity: IncidentSeverity;
  readonly title: { readonly vi: string; readonly en: string };
  readonly position: readonly [number, number];
  /** The unit holding the point, when the region pack knows one. */
  readonly district: string | null;
  readonly by: string;
  readonly note?: string;
  readonly at: number;
}

/**
 * An incident logged by a person (kind `manual`): open, at a point, escalating like any other of its severity. Its
 * dedupe key is its own id, so no detection ever folds into it.
 */
export function createManualIncident(input: ManualIncidentInput, policy: EscalationPolicy): Incident {
  const timeout = escalationTimeoutMs(input.severity, policy);
  const note = input.note !== undefined && input.note !== '' ? { note: input.note } : {};
  return {
    id: input.id,
    kind: 'manual',
    severity: input.severity,
    state: 'open',
    title: { vi: input.title.vi, en: input.title.en },
    geometry: { type: 'Point', coordinates: [input.position[0], input.position[1]] },
    district: input.district,
    dedupeKey: `manual:${input.id}`,
    count: 1,
    openedAt: input.at,
    lastSeenAt: input.at,
    escalation: 0,
    escalationDueAt: timeout === null ? null : input.at + timeout,
    sources: [],
    previousId: null,
    history: [{ at: input.at, action: 'opened', by: input.by, ...note }],
  };
}

/**
 * The same condition again while the incident is not resolved: count + 1, lastSeenAt, the new sources, the figure's
 * last value and peak, the title of the latest detection (it carries the figure now; a milder detection keeps the
 * worse title and severity), and a higher severity when the detection is worse (escalation due time brought forward
 * if the new severity's timeout is shorter).
 */
export function repeatIncident(
  incident: Incident,
  detection: Detection,
  policy: EscalationPolicy,
  at: number = detection.at,
): Incident {
  const next: Incident = {
    ...incident,
    count: incident.count + 1,
    lastSeenAt: Math.max(incident.lastSeenAt, at),
    sources: [...incident.sources, ...detection.sources].slice(-MAX_SOURCES).map((s) => ({ ...s })),
  };
  if (detection.value !== undefined) {
    next.measure = { last: detection.value, peak: Math.max(detection.value, incident.measure?.peak ?? detection.value) };
  }
  // A detection as serious as the incident brings its title: "VN_AQI 247" does not stay when the hour says 416.
  if (SEVERITY_RANK[detection.severity] >= SEVERITY_RANK[incident.severity]) next.title = { ...detection.title };
  if (SEVERITY_RANK[detection.severity] > SEVERITY_RANK[incident.severity]) {
    next.severity = detection.severity;
    const timeout = escalationTimeoutMs(detection.severity, policy, incident.escalation);
    if (incident.state === 'open' && timeout !== null) {
      const due = at + timeout;
      next.escalationDueAt = incident.escalationDueAt === null ? due : Math.min(incident.escalationDueAt, due);
    }
  }
  // Repeats are coalesced into one trailing entry so a chatty condition does not grow the history without bound.
  const last = incident.history[incident.history.length - 1];
  const repeated: IncidentEvent = { at, action: 'repeated', by: 'hub', level: next.count };
  next.history = last?.action === 'repeated' ? [...incident.history.slice(0, -1), repeated] : trimHistory([...incident.history, repeated]);
  return next;
}

/**
 * An open incident whose due time has passed: level + 1, the next due time from the schedule's entry for the new
 * level (none once the cap is reached).
 */
export function escalateIncident(incident: Incident, now: number, policy: EscalationPolicy): Incident | null {
  if (incident.state !== 'open' || incident.escalationDueAt === null || now < incident.escalationDueAt) return null;
  // Snoozed: the escalation waits for the end of the snooze (or a wake), then comes at once if still due.
  if (incident.snoozedUntil !== undefined && now < incident.snoozedUntil) return null;
  if (escalationTimeoutMs(incident.severity, policy, incident.escalation) === null) return { ...incident, escalationDueAt: null };
  const level = incident.escalation + 1;
  const timeout = escalationTimeoutMs(incident.severity, policy, level);
  // After a long outage the next due time is counted from now, so a restart does not fire a volley of escalations.
  const advanced = timeout === null ? null : incident.escalationDueAt + timeout;
  return {
    ...incident,
    escalation: level,
    escalationDueAt: advanced === null || timeout === null ? null : advanced > now ? advanced : now + timeout,
    history: trimHistory([...incident.history, { at: now, action: 'escalated', by: 'hub', level }]),
  };
}

/** `policy` times the escalation of a reopened incident; without it a reopened incident does not escalate. */
export function applyOp(incident: Incident, op: IncidentOp, by: string, now: number, policy?: EscalationPolicy): TransitionResult {
  const refuse = (message: string): TransitionResult => ({ ok: false, code: 'illegal-transition', message: `${incident.id}: ${message}` });
  const note = op.note !== undefined && op.note !== '' ? { note: op.note } : {};
  switch (op.op) {
    case 'ack':
      if (incident.state !== 'open') return refuse(`cannot acknowledge an incident that is ${incident.state}`);
      return {
        ok: true,
        incident: {
          ...incident,
          state: 'acknowledged',
          ackedBy: by,
          ackedAt: now,
          ...note,
          escalationDueAt: null,
          history: trimHistory([...incident.history, { at: now, action: 'acknowledged', by, ...note }]),
        },
      };
    case 'assign': {
      if (incident.state === 'resolved') return refuse('cannot assign a resolved incident');
      const acked = incident.state === 'open' ? { ackedBy: by, ackedAt: now } : {};
      return {
        ok: true,
        incident: {
          ...incident,
          ...acked,
          state: 'assigned',
          assignee: op.to,
          assignedBy: by,
          assignedAt: now,
          escalationDueAt: null,
          history: trimHistory([...incident.history, { at: now, action: 'assigned', by, to: op.to, ...note }]),
        },
      };
    }
    case 'snooze': {
      if (incident.state === 'resolved') return refuse('cannot snooze a resolved incident');
      if (op.minutes === 0) {
        if (incident.snoozedUntil === undefined || incident.snoozedUntil <= now) return refuse('the incident is not snoozed');
        const awake: Incident = { ...incident, history: trimHistory([...incident.history, { at: now, action: 'woken', by, ...note }]) };
        delete awake.snoozedUntil;
        delete awake.snoozedBy;
        return { ok: true, incident: awake };
      }
      // The escalation due time stays: escalateIncident holds it while snoozed, so an incident still open when the
      // snooze ends (or is woken) escalates then.
      const until = now + op.minutes * 60_000;
      return {
        ok: true,
        incident: {
          ...incident,
          snoozedUntil: until,
          snoozedBy: by,
          history: trimHistory([...incident.history, { at: now, action: 'snoozed', by, until, ...note }]),
        },
      };
    }
    case 'comment':
      return { ok: true, incident: { ...incident, history: trimHistory([...incident.history, { at: now, action: 'commented', by, note: op.note }]) } };
    case 'reopen': {
      if (incident.state !== 'resolved') return refuse(`only a resolved incident can be reopened; this one is ${incident.state}`);
      const timeout = policy ? escalationTimeoutMs(incident.severity, policy, incident.escalation) : null;
      const reopened: Incident = {
        ...incident,
        state: 'open',
        escalationDueAt: timeout === null ? null : now + timeout,
        history: trimHistory([...incident.history, { at: now, action: 'reopened', by, note: op.note }]),
      };
      // Who acknowledged, was assigned and resolved it is in the timeline; the open incident waits for a new ack.
      for (const key of ['ackedBy', 'ackedAt', 'note', 'assignee', 'assignedBy', 'assignedAt', 'resolvedBy', 'resolvedAt', 'resolution', 'snoozedUntil', 'snoozedBy'] as const) delete reopened[key];
      return { ok: true, incident: reopened };
    }
    case 'resolve':
      if (incident.state === 'open') return refuse('acknowledge an incident before resolving it');
      if (incident.state === 'resolved') return refuse('the incident is already resolved');
      return {
        ok: true,
        incident: {
          ...incident,
          state: 'resolved',
          resolvedBy: by,
          resolvedAt: now,
          ...(op.note !== undefined && op.note !== '' ? { resolution: op.note } : {}),
          escalationDueAt: null,
          history: trimHistory([...incident.history, { at: now, action: 'resolved', by, ...note }]),
        },
      };
  }
}

function trimHistory(history: IncidentEvent[]): IncidentEvent[] {
  if (history.length <= MAX_HISTORY) return history;
  // Keep the opening entry; drop the oldest of the rest.
  return [history[0]!, ...history.slice(history.length - MAX_HISTORY + 1)];
}
