import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { parseHubArgs } from '../../feeds/hub/cli-args.js';
import { runHub, type RunningHub } from '../../feeds/hub/run-hub.js';
import type { Incident } from '../../feeds/protocol/incident.js';
import { openStateReader } from '../../feeds/store/state-reader.js';
import { streamUrl } from '../support/hub-fixture.js';
import { writeTestConfig } from '../support/hub-process.js';
import { runScript } from '../support/run-script.js';
import { freshDatabaseName, POSTGRES_BACKEND, postgresUrl, useFreshStore } from '../support/store-backends.js';
import { StreamClient } from '../support/stream-client.js';
import { waitFor } from '../support/temp-dir.js';
import { TEST_CONFIG_JSON, TOKENS } from '../support/test-config.js';
import { accident, latestIncidents, sendOp } from './incident-hub.js';

async function operator(running: RunningHub): Promise<StreamClient> {
  const client = new StreamClient(streamUrl(running.hub), TOKENS.operator);
  assert.equal((await client.connect()).type, 'welcome');
  client.subscribe(['incidents']);
  await waitFor(() => client.snapshots.some((s) => s['feed'] === 'incidents'), 10_000, 'incidents snapshot');
  return client;
}

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

test('a real hub with --store postgres://…: an ack over the WebSocket lands in PostgreSQL; audit verify/export read it there', { timeout: 120_000 }, async (t) => {
  // Not created beforehand: the hub creates the database, as for a newcomer following the deployment doc.
  const fresh = await useFreshStore(t, POSTGRES_BACKEND);
  const db = join(fresh.dir, 'hub.db');
  // The config names another store; --store wins (that one cannot even be reached).
  const config = await writeTestConfig(fresh.dir, { ...TEST_CONFIG_JSON, backends: { store: 'postgres://127.0.0.1:1/not_this_one' } });
  let running = await runHub(parseHubArgs(['--port', '0', '--db', db, '--config', config, '--simulate', 'none', '--store', fresh.location]));
  let stopped = false;
  fresh.defer(async () => {
    if (!stopped) await running.stop();
  });
  const client = await operator(running);
  fresh.defer(() => client.close());

  await running.hub.publish('traffic', [accident('acc-pg')]);
  await waitFor(() => [...latestIncidents(client).values()].some((i) => i.sources.some((s) => s.ref === 'acc-pg')), 10_000, 'the incident');
  const incident = [...latestIncidents(client).values()].find((i) => i.sources.some((s) => s.ref === 'acc-pg'))!;
  const result = await sendOp(client, { op: 'ack', incident: incident.id, note: 'CSGT đã tới', opId: 'op-pg-ack' });
  assert.equal(result['ok'], true, JSON.stringify(result));

  // In PostgreSQL as soon as the result is in (committed before confirmed), not in the --db file.
  const ops = await query(fresh.location, "SELECT op_id, op, incident_id, actor FROM incident_ops WHERE op_id = 'op-pg-ack'");
  assert.deepEqual(ops, [{ op_id: 'op-pg-ack', op: 'ack', incident_id: incident.id, actor: 'Operator One' }]);
  const stored = await query(fresh.location, `SELECT state FROM incidents WHERE id = '${incident.id}'`);
  assert.deepEqual(stored, [{ state: 'acknowledged' }]);
  const audit = await query(fresh.location, 'SELECT id, actor, action, incident_id, op_id, outcome FROM incident_audit ORDER BY id');
  assert.deepEqual(audit, [
    { id: '1', actor: 'hub', action: 'opened', incident_id: incident.id, op_id: null, outcome: 'ok' },
    { id: '2', actor: 'Operator One', action: 'ack', incident_id: incident.id, op_id: 'op-pg-ack', outcome: 'ok' },
  ]);
  const sqlite = await openStateReader(db);
  assert.equal(await sqlite.auditRows().finally(() => sqlite.close()), null, 'the --db file holds the log only');

  await client.close();
  await running.stop();
  stopped = true;

  const verified = await runScript('audit', ['verify', '--store', fresh.location]);
  assert.equal(verified.code, 0, verified.stderr);
  assert.match(verified.stdout, /chain intact, 2 row\(s\), last hash [0-9a-f]{64}/);
  const csv = await runScript('audit', ['export', '--store', fresh.location, '--format', 'csv']);
  assert.equal(csv.code, 0, csv.stderr);
  const lines = csv.stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'id,at,at_iso,actor,role,action,incident_id,op_id,outcome,detail,prev_hash,hash');
  assert.match(lines[2] ?? '', new RegExp(`^2,\\d+,[^,]+,Operator One,operator,ack,${incident.id},op-pg-ack,ok,"\\{""note"":""CSGT đã tới""`));

  // Restarted with the store from the config alone: the ack is there, and the same opId gets the stored answer.
  const fromConfig = await writeTestConfig(fresh.dir, { ...TEST_CONFIG_JSON, backends: { store: fresh.location } });
  running = await runHub(parseHubArgs(['--port', '0', '--db', db, '--config', fromConfig, '--simulate', 'none']));
  stopped = false;
  const again = await operator(running);
  fresh.defer(() => again.close());
  await waitFor(() => latestIncidents(again).get(incident.id)?.state === 'acknowledged', 10_000, 'the acknowledged incident after the restart');
  const repeat = await sendOp(again, { op: 'ack', incident: incident.id, opId: 'op-pg-ack' });
  assert.deepEqual(repeat['incident'], result['incident'] as Incident);
  await again.close();
  await running.stop();
  stopped = true;

  // Tampered with (after switching the guard off, as a database owner can): verify fails naming the row.
  await fresh.exec('ALTER TABLE incident_audit DISABLE TRIGGER incident_audit_no_update');
  await fresh.exec("UPDATE incident_audit SET actor = 'Someone Else' WHERE id = 2");
  const broken = await runScript('audit', ['verify', '--store', fresh.location]);
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /chain broken at row 2: hash does not match/);
  const missing = await runScript('audit', ['verify', '--store', postgresUrl(freshDatabaseName())]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no PostgreSQL database "ioc_t_[0-9a-f]{12}"/);
});
