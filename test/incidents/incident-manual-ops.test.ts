import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Incident } from '../../feeds/protocol/incident.js';
import { startHubProcess, writeTestConfig, type HubProcess } from '../support/hub-process.js';
import { streamUrl } from '../support/hub-fixture.js';
import type { StreamClient } from '../support/stream-client.js';
import { waitFor, withTempDir } from '../support/temp-dir.js';
import { testConfig, TOKENS } from '../support/test-config.js';
import { accident, auditRows, incidentsClient, latestIncidents, sendOp, startIncidentHub } from './incident-hub.js';

/**
 * Incidents by hand (issue 16 item 4): `create` (kind manual, at a point), `comment` (a timeline note) and `reopen`
 * (a resolved incident back to open, duty officer only), role-checked, audited and idempotent by opId like ack,
 * against a real hub and its SQLite file; and durable across kill -9 of a hub process.
 */

const errorCode = (result: Record<string, unknown>): string | undefined => (result['error'] as { code?: string } | undefined)?.code;

test('create: an operator logs an incident at a point; it reaches every client, escalates like its severity, and a wall may not', { timeout: 30_000 }, async () => {
  await withTempDir(async (dir) => {
    const running = await startIncidentHub(dir, testConfig({ incidents: { escalationMinutes: { high: 0.01 } } }), 50);
    const desk = await incidentsClient(streamUrl(running.hub), TOKENS.operator);
    const wall = await incidentsClient(streamUrl(running.hub), TOKENS.wall);
    try {
      const frame = { op: 'create', opId: 'op-create-1', severity: 'high', title: 'Cháy kho hàng, người dân báo qua 114', geometry: { type: 'Point', coordinates: [106.3145, 20.9386] }, note: 'Cuộc gọi lúc 08:12' };
      const before = Date.now();
      const result = await sendOp(desk, frame);
      assert.equal(result['ok'], true, JSON.stringify(result));
      const created = result['incident'] as Incident;
      assert.equal(created.kind, 'manual');
      assert.equal(created.state, 'open');
      assert.equal(created.severity, 'high');
      assert.deepEqual(created.title, { vi: 'Cháy kho hàng, người dân báo qua 114', en: 'Cháy kho hàng, người dân báo qua 114' }, 'a plain title stands for both languages');
      assert.deepEqual(created.geometry, { type: 'Point', coordinates: [106.3145, 20.9386] });
      assert.equal(created.dedupeKey, `manual:${created.id}`);
      assert.ok(created.openedAt >= before && created.openedAt <= Date.now());
      assert.deepEqual(created.history, [{ at: created.openedAt, action: 'opened', by: 'Operator One', note: 'Cuộc gọi lúc 08:12' }]);
      await waitFor(() => latestIncidents(wall).get(created.id) !== undefined, 2000, 'the new incident on the wall');
      // Nobody acknowledges it: it escalates like a detected one (high, every 600 ms here).
      await waitFor(() => (latestIncidents(desk).get(created.id)?.escalation ?? 0) >= 1, 3000, 'an escalation of the logged incident');

      // The same opId again: the stored answer, no second incident.
      const again = await sendOp(desk, frame);
      assert.deepEqual(again['incident'], created as unknown as Record<string, unknown>);
      assert.equal([...latestIncidents(desk).values()].filter((incident) => incident.kind === 'manual').length, 1);

      // Both languages given; a wall may not log one; a bad point is a schema error naming the field.
      const both = await sendOp(desk, { op: 'create', opId: 'op-create-2', severity: 'low', title: { vi: 'Cây đổ chắn đường', en: 'Fallen tree blocking the road' }, geometry: { type: 'Point', coordinates: [106.2, 20.9] } });
      assert.deepEqual((both['incident'] as Incident).title, { vi: 'Cây đổ chắn đường', en: 'Fallen tree blocking the road' });
      assert.equal((both['incident'] as Incident).escalationDueAt, null, 'low never escalates');
      assert.equal(errorCode(await sendOp(wall, { ...frame, opId: 'op-create-wall' })), 'forbidden');
      desk.send({ ...frame, opId: 'op-create-bad', geometry: { type: 'Point', coordinates: [406.3, 20.9] } });
      await waitFor(() => desk.framesOfType('error').some((f) => f['code'] === 'bad-frame' && String(f['message']).includes('geometry')), 2000, 'a bad-frame error naming the geometry');
      desk.send({ ...frame, opId: 'op-create-empty', title: '   ' });
      await waitFor(() => desk.framesOfType('error').some((f) => f['code'] === 'bad-frame' && String(f['message']).includes('title')), 2000, 'a bad-frame error naming the title');

      const rows = (await auditRows(running.dbPath)).filter((row) => row.action === 'create');
      assert.deepEqual(rows.map((row) => [row.role, row.outcome, row.incident_id === '' ? '' : 'id']), [['operator', 'ok', 'id'], ['operator', 'ok', 'id'], ['wall', 'forbidden', '']]);
    } finally {
      await desk.close();
      await wall.close();
      await running.stop();
    }
  });
});

test('comment and reopen: a note without a state change; reopen by the duty officer only, with a reason, back to open and escalating', { timeout: 30_000 }, async () => {
  await withTempDir(async (dir) => {
    const running = await startIncidentHub(dir, testConfig({ incidents: { escalationMinutes: { high: 0.01 } } }), 50);
    const operator = await incidentsClient(streamUrl(running.hub), TOKENS.operator);
    const duty = await incidentsClient(streamUrl(running.hub), TOKENS.duty);
    try {
      await running.hub.publish('traffic', [accident('acc-r', 'serious')]);
      await waitFor(() => [...latestIncidents(operator).values()].some((i) => i.dedupeKey.endsWith('acc-r')), 5000, 'the accident incident');
      const incident = [...latestIncidents(operator).values()].find((i) => i.dedupeKey.endsWith('acc-r'))!;

      const commented = await sendOp(operator, { op: 'comment', incident: incident.id, note: 'CSGT đã có mặt', opId: 'op-c-1' });
      assert.equal(commented['ok'], true, JSON.stringify(commented));
      const afterComment = commented['incident'] as Incident;
      assert.equal(afterComment.state, 'open', 'a comment does not change the state');
      assert.deepEqual(afterComment.history.at(-1), { at: afterComment.history.at(-1)!.at, action: 'commented', by: 'Operator One', note: 'CSGT đã có mặt' });
      operator.send({ op: 'comment', incident: incident.id, note: '', opId: 'op-c-empty' });
      await waitFor(() => operator.framesOfType('error').some((f) => f['code'] === 'bad-frame' && String(f['message']).includes('note')), 2000, 'an empty comment refused, naming the note');

      assert.equal(errorCode(await sendOp(duty, { op: 'reopen', incident: incident.id, note: 'chưa xong', opId: 'op-r-open' })), 'illegal-transition', 'only a resolved incident reopens');
      assert.equal((await sendOp(operator, { op: 'ack', incident: incident.id, opId: 'op-r-ack' }))['ok'], true);
      assert.equal((await sendOp(operator, { op: 'resolve', incident: incident.id, note: 'đã giải tỏa', opId: 'op-r-resolve' }))['ok'], true);
      const commentOnResolved = await sendOp(operator, { op: 'comment', incident: incident.id, note: 'biên bản đã gửi', opId: 'op-c-2' });
      assert.equal((commentOnResolved['incident'] as Incident).state, 'resolved', 'a resolved incident takes comments');

      assert.equal(errorCode(await sendOp(operator, { op: 'reopen', incident: incident.id, note: 'xe vẫn nằm trên đường', opId: 'op-r-operator' })), 'forbidden', 'an operator may not reopen');
      const before = Date.now();
      const reopened = await sendOp(duty, { op: 'reopen', incident: incident.id, note: 'Xe vẫn nằm trên làn khẩn cấp', opId: 'op-r-1' });
      assert.equal(reopened['ok'], true, JSON.stringify(reopened));
      const open = reopened['incident'] as Incident;
      assert.equal(open.state, 'open');
      for (const key of ['ackedBy', 'ackedAt', 'resolvedBy', 'resolvedAt', 'resolution'] as const) assert.equal(open[key], undefined, `${key} cleared (it stays in the timeline)`);
      assert.ok(open.escalationDueAt !== null && open.escalationDueAt >= before, 'its escalation clock runs again');
      assert.deepEqual(open.history.slice(-4).map((entry) => entry.action), ['acknowledged', 'resolved', 'commented', 'reopened']);
      assert.deepEqual(open.history.at(-1), { at: open.history.at(-1)!.at, action: 'reopened', by: 'Duty Officer', note: 'Xe vẫn nằm trên làn khẩn cấp' });
      await waitFor(() => latestIncidents(operator).get(incident.id)?.state === 'open', 2000, 'reopened on the other desk');
      await waitFor(() => (latestIncidents(operator).get(incident.id)?.escalation ?? 0) > incident.escalation, 3000, 'the reopened incident escalates');

      // A repeat of the condition now folds into the reopened incident, not a new one.
      await running.hub.publish('traffic', [accident('acc-r', 'serious')]);
      await waitFor(() => (latestIncidents(operator).get(incident.id)?.count ?? 0) >= 2, 3000, 'the repeat counted on the reopened incident');
      assert.equal([...latestIncidents(operator).values()].filter((i) => i.dedupeKey.endsWith('acc-r')).length, 1);

      const rows = (await auditRows(running.dbPath)).filter((row) => row.incident_id === incident.id && (row.action === 'comment' || row.action === 'reopen'));
      assert.deepEqual(rows.map((row) => [row.action, row.role, row.outcome]), [
        ['comment', 'operator', 'ok'],
        ['reopen', 'duty-officer', 'illegal-transition'],
        ['comment', 'operator', 'ok'],
        ['reopen', 'operator', 'forbidden'],
        ['reopen', 'duty-officer', 'ok'],
      ]);
    } finally {
      await operator.close();
      await duty.close();
      await running.stop();
    }
  });
});

test('reopen is refused while a newer incident is open for the same condition', { timeout: 30_000 }, async () => {
  await withTempDir(async (dir) => {
    const running = await startIncidentHub(dir, testConfig(), 50);
    const duty = await incidentsClient(streamUrl(running.hub), TOKENS.duty);
    try {
      await running.hub.publish('traffic', [accident('acc-n', 'minor')]);
      await waitFor(() => [...latestIncidents(duty).values()].some((i) => i.dedupeKey.endsWith('acc-n')), 5000, 'the first incident');
      const first = [...latestIncidents(duty).values()].find((i) => i.dedupeKey.endsWith('acc-n'))!;
      await sendOp(duty, { op: 'ack', incident: first.id, opId: 'op-n-ack' });
      await sendOp(duty, { op: 'resolve', incident: first.id, opId: 'op-n-resolve' });
      await running.hub.publish('traffic', [accident('acc-n', 'minor')]);
      await waitFor(() => [...latestIncidents(duty).values()].some((i) => i.dedupeKey === first.dedupeKey && i.id !== first.id), 5000, 'a newer incident for the condition');
      const newer = [...latestIncidents(duty).values()].find((i) => i.dedupeKey === first.dedupeKey && i.id !== first.id)!;
      const refused = await sendOp(duty, { op: 'reopen', incident: first.id, note: 'nhầm', opId: 'op-n-reopen' });
      assert.equal(errorCode(refused), 'illegal-transition');
      assert.match(String((refused['error'] as { message: string }).message), new RegExp(newer.id));
    } finally {
      await duty.close();
      await running.stop();
    }
  });
});

async function connect(hub: HubProcess, token: string): Promise<StreamClient> {
  return incidentsClient(`ws://127.0.0.1:${hub.port}/v1/stream`, token);
}

test('a logged, commented, resolved and reopened incident survives kill -9 of the hub, and the same opIds answer the same', { timeout: 90_000 }, async () => {
  await withTempDir(async (dir) => {
    const config = await writeTestConfig(dir);
    const db = join(dir, 'hub.db');
    const args = ['--port', '0', '--db', db, '--config', config, '--simulate', 'none'];
    let hub = await startHubProcess(args, 30_000);
    let reopened: Incident;
    try {
      const duty = await connect(hub, TOKENS.duty);
      const created = await sendOp(duty, { op: 'create', opId: 'op-k-create', severity: 'medium', title: 'Ngập sâu tại ngã tư', geometry: { type: 'Point', coordinates: [106.32, 20.94] } });
      const id = (created['incident'] as Incident).id;
      await sendOp(duty, { op: 'comment', incident: id, note: 'nước rút chậm', opId: 'op-k-comment' });
      await sendOp(duty, { op: 'ack', incident: id, opId: 'op-k-ack' });
      await sendOp(duty, { op: 'resolve', incident: id, opId: 'op-k-resolve' });
      const result = await sendOp(duty, { op: 'reopen', incident: id, note: 'mưa lại', opId: 'op-k-reopen' });
      // Killed the moment the result is in.
      hub.child.kill('SIGKILL');
      assert.equal(result['ok'], true, JSON.stringify(result));
      reopened = result['incident'] as Incident;
      duty.kill();
    } finally {
      await hub.kill('SIGKILL');
    }
    hub = await startHubProcess(args, 30_000);
    try {
      const operator = await connect(hub, TOKENS.operator);
      const after = latestIncidents(operator).get(reopened.id);
      assert.deepEqual(after, reopened, 'the reopened incident as it was answered');
      assert.deepEqual(after?.history.map((entry) => entry.action), ['opened', 'commented', 'acknowledged', 'resolved', 'reopened']);
      const again = await sendOp(operator, { op: 'create', opId: 'op-k-create', severity: 'medium', title: 'Ngập sâu tại ngã tư', geometry: { type: 'Point', coordinates: [106.32, 20.94] } });
      assert.equal((again['incident'] as Incident).id, reopened.id, 'the create opId answers with the incident it made');
      await operator.close();
    } finally {
      await hub.kill('SIGTERM');
    }
    const rows = (await auditRows(db)).filter((row) => row.incident_id === reopened.id).map((row) => row.action);
    assert.deepEqual(rows, ['create', 'comment', 'ack', 'resolve', 'reopen']);
  });
});
