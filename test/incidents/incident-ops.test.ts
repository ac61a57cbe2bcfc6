import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Incident } from '../../feeds/protocol/incident.js';
import { startTestHub, streamUrl } from '../support/hub-fixture.js';
import type { StreamClient } from '../support/stream-client.js';
import { waitFor, withTempDir } from '../support/temp-dir.js';
import { BACKENDS, useFreshStore } from '../support/store-backends.js';
import { testConfig, TOKENS } from '../support/test-config.js';
import { accident, auditRows, incidentsClient, incidentVersions, latestIncidents, sendOp, startIncidentHub } from './incident-hub.js';


function openOf(c: StreamClient, ref: string): Incident | undefined {
  return [...latestIncidents(c).values()].find((i) => i.sources.some((s) => s.ref === ref));
}

test('two real clients: an ack on one reaches the other within 1 s, with who, when and the note', { timeout: 30_000 }, async () => {
  await withTempDir(async (dir) => {
    const running = await startIncidentHub(dir);
    const a = await incidentsClient(streamUrl(running.hub), TOKENS.operator);
    const b = await incidentsClient(streamUrl(running.hub), TOKENS.duty);
    try {
      await running.hub.publish('traffic', [accident('acc-1')]);
      await waitFor(() => openOf(a, 'acc-1') !== undefined && openOf(b, 'acc-1') !== undefined, 5000, 'the incident on both clients');
      const incident = openOf(a, 'acc-1')!;
      assert.equal(incident.state, 'open');
      assert.equal(incident.kind, 'traffic-accident');
      assert.equal(incident.severity, 'high');

      const result = await sendOp(a, { op: 'ack', incident: incident.id, note: 'Đã điều CSGT tới hiện trường', opId: 'op-ack-1' });
      const answeredAt = Date.now();
      assert.equal(result['ok'], true, JSON.stringify(result));
      await waitFor(() => openOf(b, 'acc-1')?.state === 'acknowledged', 1000, 'the ack on the second client within 1 s');
      assert.ok(Date.now() - answeredAt <= 1000);
      const seen = openOf(b, 'acc-1')!;
      assert.equal(seen.ackedBy, 'Operator One');
      assert.equal(seen.note, 'Đã điều CSGT tới hiện trường');
      assert.equal(typeof seen.ackedAt, 'number');
      assert.equal(seen.escalationDueAt, null);
      assert.deepEqual(seen.history.map((e) => e.action), ['opened', 'acknowledged']);

      // Assign and resolve from the second desk; a further ack is an illegal transition.
      // A team the config does not list is refused and names the ones it does; free text never becomes a default.
      const unknown = await sendOp(b, { op: 'assign', incident: incident.id, to: 'Đội CSGT số 2', opId: 'op-assign-0' });
      assert.equal((unknown['error'] as { code: string }).code, 'unknown-team');
      assert.match((unknown['error'] as { message: string }).message, /traffic-police/);
      const assigned = await sendOp(b, { op: 'assign', incident: incident.id, to: 'traffic-police', opId: 'op-assign-1' });
      assert.equal((assigned['incident'] as Incident).assignee, 'traffic-police');
      // The welcome lists the teams, with their names in both languages.
      const teams = (b.frames.find((frame) => frame.type === 'welcome')?.['teams'] ?? []) as { id: string; name: { vi: string } }[];
      assert.equal(teams.find((team) => team.id === 'traffic-police')?.name.vi, 'Cảnh sát giao thông');
      const illegal = await sendOp(a, { op: 'ack', incident: incident.id, opId: 'op-ack-again' });
      assert.equal(illegal['ok'], false);
      assert.equal((illegal['error'] as { code: string }).code, 'illegal-transition');
      assert.equal((await sendOp(b, { op: 'resolve', incident: incident.id, note: 'Đã thông đường', opId: 'op-resolve-1' }))['ok'], true);
      await waitFor(() => openOf(a, 'acc-1')?.state === 'resolved', 1000, 'resolved on the first client');
      assert.equal(openOf(a, 'acc-1')?.resolution, 'Đã thông đường');

      const missing = await sendOp(a, { op: 'ack', incident: 'INC-NOPE', opId: 'op-missing' });
      assert.equal((missing['error'] as { code: string }).code, 'not-found');

      // The same condition after resolution: a new incident linked to the old one.
      await running.hub.publish('traffic', [accident('acc-1')]);
      await waitFor(() => incidentVersions(a).some((i) => i.previousId === incident.id), 5000, 'the recurrence');
      const recurrence = incidentVersions(a).find((i) => i.previousId === incident.id)!;
      assert.notEqual(recurrence.id, incident.id);
      assert.equal(recurrence.state, 'open');
    } finally {
      await a.close();
      await b.close();
      await running.stop();
    }
  });
});

test('a wall token may not acknowledge: forbidden, and the attempt is in the audit table; a source is refused too', { timeout: 30_000 }, async () => {
  await withTempDir(async (dir) => {
    const running = await startIncidentHub(dir);
    const wall = await incidentsClient(streamUrl(running.hub), TOKENS.wall);
    try {
      await running.hub.publish('traffic', [accident('acc-w')]);
      await waitFor(() => openOf(wall, 'acc-w') !== undefined, 5000, 'the incident on the wall');
      const incident = openOf(wall, 'acc-w')!;
      const result = await sendOp(wall, { op: 'ack', incident: incident.id, opId: 'op-wall-1' });
      assert.equal(result['ok'], false);
      assert.equal((result['error'] as { code: string }).code, 'forbidden');
      // A source token cannot open a stream at all; should one reach the engine, it is refused and audited too.
      const engine = running.incidents.engine!;
      const source = await engine.apply({ op: 'resolve', incident: incident.id, opId: 'op-source-1' }, { role: 'source', name: 'Sensor' });
      assert.equal(source.ok, false);
      if (!source.ok) assert.equal(source.error.code, 'forbidden');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(openOf(wall, 'acc-w')?.state, 'open', 'nothing changed');
      const rows = await auditRows(running.dbPath);
      const refused = rows.filter((r) => r.outcome === 'forbidden');
      assert.deepEqual(
        refused.map((r) => [r.actor, r.role, r.action, r.incident_id, r.op_id]),
        [
          ['Wall 1', 'wall', 'ack', incident.id, 'op-wall-1'],
          ['Sensor', 'source', 'resolve', incident.id, 'op-source-1'],
        ],
      );
    } finally {
      await wall.close();
      await running.stop();
    }
  });
});

for (const backend of BACKENDS) {
  test(`a duplicate opId makes one transition and returns the first result (state store: ${backend.name})`, { timeout: 30_000 }, async (t) => {
    const fresh = await useFreshStore(t, backend);
    const running = await startIncidentHub(fresh.dir, testConfig(), 100, fresh.location);
    const a = await incidentsClient(streamUrl(running.hub), TOKENS.operator);
    try {
      await running.hub.publish('traffic', [accident('acc-d')]);
      await waitFor(() => openOf(a, 'acc-d') !== undefined, 5000, 'the incident');
      const incident = openOf(a, 'acc-d')!;
      const frame = { op: 'ack', incident: incident.id, note: 'first', opId: 'op-dup' };
      // Sent back to back, before the first answer: the engine's queue sees the second after the first committed.
      a.send(frame);
      a.send({ ...frame, note: 'second' });
      await waitFor(() => a.framesOfType('result').filter((r) => r['opId'] === 'op-dup').length === 2, 5000, 'both results');
      const results = a.framesOfType('result').filter((r) => r['opId'] === 'op-dup');
      assert.deepEqual(results[0], results[1]);
      assert.equal(results[0]?.['ok'], true);
      // A later resend (e.g. a reconnecting console's queue) gets the stored answer: the opId, not the content, decides.
      const third = await sendOp(a, { ...frame, op: 'resolve' });
      assert.deepEqual(third, results[0]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const versions = incidentVersions(a).filter((i) => i.id === incident.id && i.state === 'acknowledged');
      assert.equal(versions.length, 1, 'one acknowledged version on the feed');
      assert.equal(versions[0]?.note, 'first');
      const acks = (await auditRows(running.storeLocation)).filter((r) => r.action === 'ack');
      assert.equal(acks.length, 1, 'one audit row');
    } finally {
      await a.close();
      await running.stop();
    }
  });
}

test('escalation: an unacknowledged critical incident escalates on time, is re-broadcast and audited; ack stops it', { timeout: 30_000 }, async () => {
  await withTempDir(async (dir) => {
    // 0.01 min = 600 ms, so the test sees two escalations in about a second and a half.
    const config = testConfig({ incidents: { escalationMinutes: { critical: 0.01 } } });
    const running = await startIncidentHub(dir, config, 50);
    const a = await incidentsClient(streamUrl(running.hub), TOKENS.operator);
    try {
      const started = Date.now();
      await running.hub.publish('traffic', [accident('acc-e', 'fatal')]);
      await waitFor(() => (openOf(a, 'acc-e')?.escalation ?? 0) >= 2, 5000, 'two escalations');
      assert.ok(Date.now() - started >= 1100, 'not before two timeouts');
      const escalated = openOf(a, 'acc-e')!;
      assert.equal(escalated.severity, 'critical');
      assert.ok(escalated.escalationDueAt !== null && escalated.escalationDueAt > escalated.openedAt + 1200 - 1);
      assert.equal((await sendOp(a, { op: 'ack', incident: escalated.id, opId: 'op-e' }))['ok'], true);
      const level = openOf(a, 'acc-e')!.escalation;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(openOf(a, 'acc-e')!.escalation, level, 'no escalation after the ack');
      const rows = (await auditRows(running.dbPath)).filter((r) => r.incident_id === escalated.id).map((r) => r.action);
      assert.deepEqual(rows.slice(0, 3), ['opened', 'escalated', 'escalated']);
      assert.equal(rows.filter((r) => r === 'escalated').length, level);
    } finally {
      await a.close();
      await running.stop();
    }
  });
});

test('snooze: no escalation while snoozed, shown on every client and audited; a wall may not; a wake lets it escalate again', { timeout: 30_000 }, async () => {
  await withTempDir(async (dir) => {
    const config = testConfig({ incidents: { escalationMinutes: { critical: 0.01 } } });
    const running = await startIncidentHub(dir, config, 50);
    const a = await incidentsClient(streamUrl(running.hub), TOKENS.operator);
    const wall = await incidentsClient(streamUrl(running.hub), TOKENS.wall);
    try {
      await running.hub.publish('traffic', [accident('acc-s', 'fatal')]);
      await waitFor(() => openOf(a, 'acc-s') !== undefined, 5000, 'the incident');
      const incident = openOf(a, 'acc-s')!;
      const refused = await sendOp(wall, { op: 'snooze', incident: incident.id, minutes: 30, opId: 'op-s-wall' });
      assert.equal((refused['error'] as { code: string }).code, 'forbidden');
      const before = Date.now();
      const result = await sendOp(a, { op: 'snooze', incident: incident.id, minutes: 30, note: 'Đang xác minh với CSGT', opId: 'op-s-1' });
      assert.equal(result['ok'], true, JSON.stringify(result));
      await waitFor(() => openOf(wall, 'acc-s')?.snoozedUntil !== undefined, 2000, 'the snooze on the wall');
      const snoozed = openOf(wall, 'acc-s')!;
      assert.equal(snoozed.state, 'open', 'a snooze is not an acknowledgment');
      assert.equal(snoozed.snoozedBy, 'Operator One');
      assert.ok(snoozed.snoozedUntil! >= before + 30 * 60_000 && snoozed.snoozedUntil! <= Date.now() + 30 * 60_000);
      assert.deepEqual(snoozed.history.at(-1), { at: snoozed.history.at(-1)!.at, action: 'snoozed', by: 'Operator One', until: snoozed.snoozedUntil, note: 'Đang xác minh với CSGT' });
      const level = snoozed.escalation;
      // Escalation is due every 600 ms: none while snoozed.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(openOf(a, 'acc-s')!.escalation, level, 'no escalation while snoozed');
      // Bad minutes are a schema error naming the field, not an op.
      a.send({ op: 'snooze', incident: incident.id, minutes: 2000, opId: 'op-s-bad' });
      await waitFor(() => a.framesOfType('error').some((f) => String(f['message']).includes('minutes')), 2000, 'a bad-frame error naming minutes');
      // Wake: the snooze goes and the escalation, overdue, comes again.
      assert.equal((await sendOp(a, { op: 'snooze', incident: incident.id, minutes: 0, opId: 'op-s-wake' }))['ok'], true);
      await waitFor(() => (openOf(a, 'acc-s')?.escalation ?? 0) > level, 3000, 'an escalation after the wake');
      assert.equal(openOf(a, 'acc-s')!.snoozedUntil, undefined);
      const again = await sendOp(a, { op: 'snooze', incident: incident.id, minutes: 0, opId: 'op-s-wake-2' });
      assert.equal((again['error'] as { code: string }).code, 'illegal-transition', 'waking what is not snoozed');
      const rows = (await auditRows(running.dbPath)).filter((r) => r.incident_id === incident.id);
      assert.deepEqual(rows.filter((r) => r.action === 'snooze').map((r) => [r.role, r.outcome]), [['wall', 'forbidden'], ['operator', 'ok'], ['operator', 'ok'], ['operator', 'illegal-transition']]);
    } finally {
      await a.close();
      await wall.close();
      await running.stop();
    }
  });
});

test('a hub without the incident engine still answers a wall `forbidden`, and an operator `not-found`', { timeout: 30_000 }, async () => {
  await withTempDir(async (dir) => {
    const hub = await startTestHub(dir);
    const wall = await incidentsClient(streamUrl(hub), TOKENS.wall);
    const desk = await incidentsClient(streamUrl(hub), TOKENS.operator);
    try {
      const refused = await sendOp(wall, { op: 'ack', incident: 'INC-1', opId: 'op-wall-no-engine' });
      assert.equal(refused['ok'], false);
      assert.equal((refused['error'] as { code: string }).code, 'forbidden');
      const missing = await sendOp(desk, { op: 'ack', incident: 'INC-1', opId: 'op-desk-no-engine' });
      assert.equal((missing['error'] as { code: string }).code, 'not-found');
    } finally {
      await wall.close();
      await desk.close();
      await hub.stop();
    }
  });
});
