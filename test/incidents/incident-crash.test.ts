import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { DETECTED_KINDS, type Incident } from '../../feeds/protocol/incident.js';
import { SqliteDatabase } from '../../feeds/store/sqlite-database.js';
import { startHubProcess, writeTestConfig, type HubProcess } from '../support/hub-process.js';
import { StreamClient } from '../support/stream-client.js';
import { waitFor, withTempDir } from '../support/temp-dir.js';
import { TOKENS } from '../support/test-config.js';
import { latestIncidents, sendOp } from './incident-hub.js';

const ROOT = new URL('../..', import.meta.url).pathname;

/** `npm run audit -- …` as a user runs it (tsx scripts/audit.ts), with its exit code and output. */
function runAudit(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/audit.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

async function connect(hub: HubProcess, token: string): Promise<StreamClient> {
  const client = new StreamClient(`ws://127.0.0.1:${hub.port}/v1/stream`, token);
  assert.equal((await client.connect()).type, 'welcome');
  client.subscribe(['incidents']);
  await waitFor(() => client.snapshots.some((s) => s['feed'] === 'incidents'), 10_000, 'incidents snapshot');
  return client;
}

test('an incident of every kind within 60 s of a simulated hub start (demo scenario, speed 1)', { timeout: 90_000 }, async () => {
  await withTempDir(async (dir) => {
    const config = await writeTestConfig(dir);
    const hub = await startHubProcess(['--port', '0', '--db', join(dir, 'hub.db'), '--config', config, '--simulate', 'hai-duong', '--demo', '--vehicles', '0'], 30_000);
    const started = Date.now();
    try {
      const client = await connect(hub, TOKENS.operator);
      const kinds = (): Set<string> => new Set([...latestIncidents(client).values()].map((i) => i.kind));
      await waitFor(() => kinds().size === DETECTED_KINDS.length, 60_000 - (Date.now() - started), `every kind (${DETECTED_KINDS.join(', ')})`).catch(
        (error: unknown) => {
          throw new Error(`${(error as Error).message}; seen: ${[...kinds()].join(', ')}`);
        },
      );
      for (const incident of latestIncidents(client).values()) {
        assert.ok(incident.title.vi.length > 0 && incident.title.en.length > 0);
        assert.ok(incident.district === null || /^\d{3}$/.test(incident.district));
      }
      await client.close();
    } finally {
      await hub.kill('SIGTERM');
    }
  });
});

test('hub SIGKILLed right after an ack result: after restart the ack is there and due times kept; audit verify; tamper found', { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    const config = await writeTestConfig(dir);
    const db = join(dir, 'hub.db');
    let hub = await startHubProcess(['--port', '0', '--db', db, '--config', config, '--simulate', 'hai-duong', '--demo', '--vehicles', '0'], 30_000);
    let acked: Incident;
    let others: Incident[];
    try {
      const client = await connect(hub, TOKENS.duty);
      await waitFor(() => [...latestIncidents(client).values()].filter((i) => i.state === 'open' && i.escalationDueAt !== null).length >= 2, 30_000, 'two open incidents');
      const open = [...latestIncidents(client).values()].filter((i) => i.state === 'open' && i.escalationDueAt !== null);
      const target = open[0]!;
      const result = await sendOp(client, { op: 'ack', incident: target.id, note: 'nhận, đang xử lý', opId: 'op-crash-ack' });
      // Killed the moment the result is in: nothing after it gets a chance to run.
      hub.child.kill('SIGKILL');
      assert.equal(result['ok'], true, JSON.stringify(result));
      acked = result['incident'] as Incident;
      others = [...latestIncidents(client).values()].filter((i) => i.id !== target.id && i.state === 'open');
      await hub.kill('SIGKILL');
      client.kill();
    } catch (error) {
      await hub.kill('SIGKILL');
      throw error;
    }

    hub = await startHubProcess(['--port', '0', '--db', db, '--config', config, '--simulate', 'none'], 30_000);
    try {
      const client = await connect(hub, TOKENS.operator);
      const after = latestIncidents(client);
      const ack = after.get(acked.id);
      assert.equal(ack?.state, 'acknowledged');
      assert.equal(ack?.ackedBy, 'Duty Officer');
      assert.equal(ack?.ackedAt, acked.ackedAt);
      assert.equal(ack?.note, 'nhận, đang xử lý');
      assert.equal(ack?.escalationDueAt, null);
      assert.ok(others.length > 0);
      for (const before of others) {
        const now = after.get(before.id);
        assert.equal(now?.state, 'open', before.id);
        assert.equal(now?.escalationDueAt, before.escalationDueAt, `${before.id} keeps its escalation due time`);
      }
      // The same opId after the restart returns the stored answer.
      const again = await sendOp(client, { op: 'ack', incident: acked.id, opId: 'op-crash-ack' });
      assert.deepEqual(again['incident'], acked as unknown as Record<string, unknown>);
      await client.close();
    } finally {
      await hub.kill('SIGTERM');
    }

    const verified = await runAudit(['verify', '--db', db]);
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /chain intact, \d+ row/);
    const csv = await runAudit(['export', '--db', db, '--format', 'csv']);
    assert.equal(csv.code, 0, csv.stderr);
    assert.match(csv.stdout, /^id,at,at_iso,actor,role,action,incident_id/);
    assert.match(csv.stdout, /Duty Officer,duty-officer,ack,/);

    // Tamper with one row (an attacker with the file can drop the append-only trigger first).
    const sqlite = await SqliteDatabase.open(db);
    const row = await sqlite.get<{ id: number }>("SELECT id FROM incident_audit WHERE action = 'ack' LIMIT 1");
    assert.ok(row);
    await sqlite.exec('DROP TRIGGER incident_audit_no_update');
    await sqlite.run("UPDATE incident_audit SET actor = 'Someone Else' WHERE id = ?", [row.id]);
    await sqlite.close();
    const broken = await runAudit(['verify', '--db', db]);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, new RegExp(`chain broken at row ${row.id}: hash does not match`));

    const usage = await runAudit(['verify']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--db PATH is required/);
  });
});
