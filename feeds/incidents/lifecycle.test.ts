import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Incident, type IncidentState } from '../protocol/incident.js';
import type { Detection } from './detection.js';
import { defaultIncidentConfig, IncidentConfigSchema } from './incident-config.js';
import { applyOp, escalateIncident, openIncident, repeatIncident, type IncidentOp } from './lifecycle.js';

const T0 = 1_800_000_000_000;
const ESC = defaultIncidentConfig();

function detection(overrides: Partial<Detection> = {}): Detection {
  return {
    kind: 'traffic-accident',
    severity: 'high',
    dedupeKey: 'traffic-accident:a1',
    title: { vi: 'Tai nạn', en: 'Accident' },
    geometry: { type: 'Point', coordinates: [106.3, 20.9] },
    district: '288',
    sources: [{ feed: 'traffic', seq: 1, ref: 'a1' }],
    at: T0,
    ...overrides,
  };
}

function inState(state: IncidentState): Incident {
  let incident = openIncident(detection(), 'INC-1', null, ESC);
  if (state === 'open') return incident;
  const step = (op: IncidentOp): void => {
    const result = applyOp(incident, op, 'Operator One', T0 + 1000);
    assert.ok(result.ok, `setup ${op.op}`);
    incident = result.incident;
  };
  step({ op: 'ack' });
  if (state === 'assigned' || state === 'resolved') step({ op: 'assign', to: 'Team A' });
  if (state === 'resolved') step({ op: 'resolve', note: 'cleared' });
  return incident;
}

test('open: a valid incident, escalation due after its severity timeout, low never escalates', () => {
  const incident = openIncident(detection(), 'INC-1', 'INC-0', ESC);
  Incident.parse(incident);
  assert.equal(incident.state, 'open');
  assert.equal(incident.escalationDueAt, T0 + 10 * 60_000);
  assert.equal(incident.previousId, 'INC-0');
  assert.equal(openIncident(detection({ severity: 'critical' }), 'x', null, ESC).escalationDueAt, T0 + 2 * 60_000);
  assert.equal(openIncident(detection({ severity: 'medium' }), 'x', null, ESC).escalationDueAt, T0 + 30 * 60_000);
  assert.equal(openIncident(detection({ severity: 'low' }), 'x', null, ESC).escalationDueAt, null);
});

// The full table: every op from every state, legal or refused.
const TABLE: { from: IncidentState; op: IncidentOp; to: IncidentState | 'illegal-transition' }[] = [
  { from: 'open', op: { op: 'ack', note: 'on it' }, to: 'acknowledged' },
  { from: 'open', op: { op: 'assign', to: 'Team A' }, to: 'assigned' },
  { from: 'open', op: { op: 'resolve' }, to: 'illegal-transition' },
  { from: 'acknowledged', op: { op: 'ack' }, to: 'illegal-transition' },
  { from: 'acknowledged', op: { op: 'assign', to: 'Team A' }, to: 'assigned' },
  { from: 'acknowledged', op: { op: 'resolve', note: 'false alarm' }, to: 'resolved' },
  { from: 'assigned', op: { op: 'ack' }, to: 'illegal-transition' },
  { from: 'assigned', op: { op: 'assign', to: 'Team B' }, to: 'assigned' },
  { from: 'assigned', op: { op: 'resolve', note: 'done' }, to: 'resolved' },
  { from: 'resolved', op: { op: 'ack' }, to: 'illegal-transition' },
  { from: 'resolved', op: { op: 'assign', to: 'Team A' }, to: 'illegal-transition' },
  { from: 'resolved', op: { op: 'resolve' }, to: 'illegal-transition' },
];

for (const row of TABLE) {
  test(`${row.op.op} from ${row.from} → ${row.to}`, () => {
    const before = inState(row.from);
    const at = T0 + 5000;
    const result = applyOp(before, row.op, 'Duty Officer', at);
    if (row.to === 'illegal-transition') {
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.equal(result.code, 'illegal-transition');
        assert.match(result.message, /INC-1/);
      }
      return;
    }
    assert.ok(result.ok);
    const after = result.incident;
    Incident.parse(after);
    assert.equal(after.state, row.to);
    assert.equal(after.escalationDueAt, null, 'any human transition stops escalation');
    const last = after.history[after.history.length - 1];
    assert.equal(last?.by, 'Duty Officer');
    assert.equal(last?.at, at);
    if (row.op.op === 'ack') {
      assert.equal(after.ackedBy, 'Duty Officer');
      assert.equal(after.ackedAt, at);
      assert.equal(after.note, 'on it');
    }
    if (row.op.op === 'assign') {
      assert.equal(after.assignee, row.op.to);
      assert.equal(after.assignedBy, 'Duty Officer');
      // Assigning an open incident acknowledges it in the same step.
      if (row.from === 'open') assert.equal(after.ackedBy, 'Duty Officer');
      else assert.equal(after.ackedBy, 'Operator One');
    }
    if (row.op.op === 'resolve') {
      assert.equal(after.resolvedBy, 'Duty Officer');
      assert.equal(after.resolution, row.op.note);
    }
    assert.equal(before.state, row.from, 'the input incident is not mutated');
  });
}

test('escalation: due → level + 1 and the next interval from the schedule; not before due; ack stops it', () => {
  const incident = openIncident(detection({ severity: 'critical' }), 'INC-1', null, ESC);
  assert.equal(escalateIncident(incident, T0 + 119_999, ESC), null);
  const once = escalateIncident(incident, T0 + 120_000, ESC);
  assert.ok(once);
  assert.equal(once.escalation, 1);
  // Critical's default schedule is 2, 5, 15, 30, 60 minutes: level 1 waits 5 minutes for level 2.
  assert.equal(once.escalationDueAt, T0 + 120_000 + 5 * 60_000);
  assert.equal(once.history.at(-1)?.action, 'escalated');
  assert.equal(escalateIncident(once, T0 + 419_999, ESC), null);
  const twice = escalateIncident(once, T0 + 420_000, ESC);
  assert.equal(twice?.escalation, 2);
  // A hub that was down for an hour escalates once, then counts the next timeout from now.
  const late = escalateIncident(once, T0 + 3_600_000, ESC);
  assert.equal(late?.escalation, 2);
  assert.equal(late?.escalationDueAt, T0 + 3_600_000 + 15 * 60_000);
  const acked = applyOp(once, { op: 'ack' }, 'Operator One', T0 + 130_000);
  assert.ok(acked.ok);
  assert.equal(escalateIncident(acked.incident, T0 + 10_000_000, ESC), null);
});

test('escalation: growing intervals, the last one repeats, and it stops at the cap (no alarm storm)', () => {
  const policy = IncidentConfigSchema.parse({ escalationMinutes: { critical: [1, 3] }, maxEscalations: 4 });
  let incident = openIncident(detection({ severity: 'critical' }), 'INC-CAP', null, policy);
  const levels: Array<{ level: number; due: number | null }> = [];
  // Step the clock a minute at a time for three hours, escalating whenever due.
  for (let minute = 0; minute <= 180; minute += 1) {
    const next = escalateIncident(incident, T0 + minute * 60_000, policy);
    if (next) {
      incident = next;
      levels.push({ level: next.escalation, due: next.escalationDueAt === null ? null : (next.escalationDueAt - T0) / 60_000 });
    }
  }
  assert.deepEqual(levels, [
    { level: 1, due: 4 },
    { level: 2, due: 7 },
    { level: 3, due: 10 },
    { level: 4, due: null },
  ]);
  assert.equal(incident.state, 'open', 'a capped incident stays open and escalated');
  assert.equal(incident.history.filter((e) => e.action === 'escalated').length, 4);
  // The old single-number form still means "every N minutes", now up to the cap.
  const every = IncidentConfigSchema.parse({ escalationMinutes: { high: 10 }, maxEscalations: 2 });
  const high = openIncident(detection({ severity: 'high' }), 'INC-H', null, every);
  const h1 = escalateIncident(high, T0 + 10 * 60_000, every);
  assert.equal(h1?.escalationDueAt, T0 + 20 * 60_000);
  assert.equal(escalateIncident(h1!, T0 + 20 * 60_000, every)?.escalationDueAt, null);
  assert.throws(() => IncidentConfigSchema.parse({ escalationMinutes: { critical: [] } }), /critical/);
  assert.throws(() => IncidentConfigSchema.parse({ escalationMinutes: { critical: [2, -1] } }), /critical/);
  assert.equal(openIncident(detection({ severity: 'critical' }), 'x', null, { ...policy, maxEscalations: 0 }).escalationDueAt, null);
});

test('repeat: count + 1, lastSeenAt, sources appended, severity only raised, repeats coalesced in history', () => {
  const incident = openIncident(detection(), 'INC-1', null, ESC);
  const again = repeatIncident(incident, detection({ at: T0 + 60_000, sources: [{ feed: 'traffic', seq: 9 }] }), ESC);
  assert.equal(again.count, 2);
  assert.equal(again.lastSeenAt, T0 + 60_000);
  assert.deepEqual(again.sources.map((s) => s.seq), [1, 9]);
  const third = repeatIncident(again, detection({ at: T0 + 120_000, severity: 'critical', title: { vi: 'Nặng', en: 'Worse' } }), ESC);
  assert.equal(third.severity, 'critical');
  assert.equal(third.title.en, 'Worse');
  assert.equal(third.escalationDueAt, T0 + 120_000 + 2 * 60_000);
  assert.equal(third.history.filter((e) => e.action === 'repeated').length, 1);
  const milder = repeatIncident(third, detection({ at: T0 + 130_000, severity: 'medium' }), ESC);
  assert.equal(milder.severity, 'critical');
  assert.equal(milder.title.en, 'Worse', 'a milder detection keeps the worse title');
  Incident.parse(milder);
});

test('the figure of a condition: the title follows the latest detection, the incident keeps the last value and the peak', () => {
  const aqi = (value: number, severity: Detection['severity'], at: number): Detection =>
    detection({ kind: 'air-quality', dedupeKey: 'air-quality:S1', severity, value, at, title: { vi: `VN_AQI ${value}`, en: `VN_AQI ${value}` } });
  const opened = openIncident(aqi(247, 'high', T0), 'INC-A', null, ESC);
  assert.deepEqual(opened.measure, { last: 247, peak: 247 });
  const worse = repeatIncident(opened, aqi(416, 'high', T0 + 3_600_000), ESC);
  assert.equal(worse.title.vi, 'VN_AQI 416', 'not frozen at the value it opened with');
  assert.deepEqual(worse.measure, { last: 416, peak: 416 });
  const better = repeatIncident(worse, aqi(205, 'high', T0 + 7_200_000), ESC);
  assert.equal(better.title.vi, 'VN_AQI 205');
  assert.deepEqual(better.measure, { last: 205, peak: 416 });
  Incident.parse(better);
  assert.equal(openIncident(detection(), 'INC-T', null, ESC).measure, undefined, 'no figure: no measure');
});

test('snooze: marks who and until when, holds escalation until then, keeps the state; wake removes it; refusals', () => {
  const open = openIncident(detection({ severity: 'critical' }), 'INC-S', null, ESC);
  const result = applyOp(open, { op: 'snooze', minutes: 30, note: 'xác minh' }, 'Operator One', T0 + 1000);
  assert.ok(result.ok);
  const snoozed = result.incident;
  assert.equal(snoozed.state, 'open');
  assert.equal(snoozed.snoozedUntil, T0 + 1000 + 30 * 60_000);
  assert.equal(snoozed.snoozedBy, 'Operator One');
  assert.deepEqual(snoozed.history.at(-1), { at: T0 + 1000, action: 'snoozed', by: 'Operator One', until: T0 + 1000 + 30 * 60_000, note: 'xác minh' });
  assert.equal(escalateIncident(snoozed, T0 + 10 * 60_000, ESC), null, 'no escalation while snoozed');
  const after = escalateIncident(snoozed, T0 + 1000 + 30 * 60_000, ESC);
  assert.equal(after?.escalation, 1, 'the due escalation comes when the snooze ends');
  const woken = applyOp(snoozed, { op: 'snooze', minutes: 0 }, 'Duty Officer', T0 + 5 * 60_000);
  assert.ok(woken.ok);
  assert.equal(woken.incident.snoozedUntil, undefined);
  assert.equal(woken.incident.history.at(-1)?.action, 'woken');
  assert.equal(escalateIncident(woken.incident, T0 + 5 * 60_000, ESC)?.escalation, 1);
  Incident.parse(woken.incident);
  assert.equal(applyOp(woken.incident, { op: 'snooze', minutes: 0 }, 'x', T0 + 6 * 60_000).ok, false, 'waking what is not snoozed');
  const resolved = { ...open, state: 'resolved' as const };
  assert.equal(applyOp(resolved, { op: 'snooze', minutes: 15 }, 'x', T0).ok, false);
});
