import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { runHubCli, startHubProcess, writeTestConfig } from '../support/hub-process.js';
import { withTempDir } from '../support/temp-dir.js';
import { TEST_CONFIG_JSON, TOKENS } from '../support/test-config.js';

test('a config with a wrong field fails at start with a message naming the field and the file', async () => {
  await withTempDir(async (dir) => {
    const bad = { ...TEST_CONFIG_JSON, store: { retentionHours: 'a day' } };
    const config = await writeTestConfig(dir, bad);
    const result = await runHubCli(['--port', '0', '--db', join(dir, 'x.db'), '--config', config]);
    assert.equal(result.code, 2);
    assert.ok(result.stderr.includes(`${config}: store.retentionHours:`), result.stderr);
  });
});

test('a bad command-line option is named', async () => {
  const result = await runHubCli(['--speed', 'fast']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--speed: invalid value "fast"/);
});

test('a bad --log or backends.log, a bad --store or backends.store is named', async () => {
  await withTempDir(async (dir) => {
    const config = await writeTestConfig(dir);
    const log = await runHubCli(['--port', '0', '--db', join(dir, 'x.db'), '--config', config, '--log', 'http://127.0.0.1:4222']);
    assert.equal(log.code, 2);
    assert.match(log.stderr, /--log: not a JetStream log URL "http:\/\/127\.0\.0\.1:4222"/);
    const viaConfig = await runHubCli(['--port', '0', '--db', join(dir, 'x.db'), '--config', await writeTestConfig(dir, { ...TEST_CONFIG_JSON, backends: { log: 'nats://n:99999' } })]);
    assert.equal(viaConfig.code, 2);
    assert.match(viaConfig.stderr, /backends\.log: expected nats:\/\/host:port/);
    const store = await runHubCli(['--port', '0', '--db', join(dir, 'x.db'), '--config', config, '--store', 'postgress://127.0.0.1/ioc']);
    assert.equal(store.code, 2);
    assert.match(store.stderr, /--store: unknown store "postgress:\/\/…"/);
    const badConfig = await writeTestConfig(dir, { ...TEST_CONFIG_JSON, backends: { store: 'postgres://127.0.0.1:5432/' } });
    const named = await runHubCli(['--port', '0', '--db', join(dir, 'x.db'), '--config', badConfig]);
    assert.equal(named.code, 2);
    assert.ok(named.stderr.includes(`${badConfig}: backends.store: name the database`), named.stderr);
  });
});

test('/health and /metrics answer; ingest needs a source token and names bad lines', async () => {
  await withTempDir(async (dir) => {
    const config = await writeTestConfig(dir);
    const hub = await startHubProcess(['--port', '0', '--db', join(dir, 'hub.db'), '--config', config, '--simulate', 'none']);
    try {
      const health = (await (await fetch(`${hub.url}/health`)).json()) as {
        ok: boolean;
        clients: number;
        feeds: Record<string, { epoch: string; seq: number; lastTs: number }>;
      };
      assert.equal(health.ok, true);
      assert.equal(health.clients, 0);
      assert.deepEqual(Object.keys(health.feeds).sort(), ['environment', 'incidents', 'portal', 'soc', 'traffic', 'vehicles']);
      const metrics = await fetch(`${hub.url}/metrics`);
      assert.match(metrics.headers.get('content-type') ?? '', /text\/plain/);
      assert.match(await metrics.text(), /# TYPE ioc_hub_clients gauge/);

      const post = (token: string | null, body: string) =>
        fetch(`${hub.url}/v1/ingest/portal?format=ndjson`, {
          method: 'POST',
          headers: token ? { authorization: `Bearer ${token}` } : {},
          body,
        });
      assert.equal((await post(null, '{}')).status, 401);
      assert.equal((await post('wrong-token-wrong-token', '{}')).status, 401);
      assert.equal((await post(TOKENS.wall, '{}')).status, 403);
      const good = JSON.stringify({
        kind: 'stats',
        date: '2026-11-22',
        units: [{ unit: '288', received: 10, resolvedOnTime: 5, resolvedLate: 1, pendingInTime: 3, pendingOverdue: 1, receivedOnline: 6 }],
      });
      const response = await post(TOKENS.source, [good, 'not json', '{"kind":"stats","date":"yesterday","units":[]}', '', good].join('\n'));
      assert.equal(response.status, 200);
      const answer = (await response.json()) as { accepted: number; rejected: number; duplicates: number; errors: { line: number; reason: string }[] };
      assert.equal(answer.accepted, 2);
      // The same item twice is accepted twice and stored once (items are keyed by content).
      assert.equal(answer.duplicates, 1);
      assert.equal(answer.rejected, 2);
      assert.deepEqual(answer.errors.map((error) => error.line), [2, 3]);
      assert.match(answer.errors[1]?.reason ?? '', /date/);
      const after = (await (await fetch(`${hub.url}/health`)).json()) as typeof health;
      assert.equal(after.feeds['portal']?.seq, 1);
    } finally {
      await hub.kill();
    }
  });
});
