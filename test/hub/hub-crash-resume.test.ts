import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Random } from '../../feeds/sim/random.js';
import { socAlert } from '../support/hub-fixture.js';
import { startHubProcess, writeTestConfig, type HubProcess } from '../support/hub-process.js';
import { StreamClient } from '../support/stream-client.js';
import { delay, waitFor, withTempDir } from '../support/temp-dir.js';
import { TOKENS } from '../support/test-config.js';

const TOTAL = 10_000;
const BATCH = 50;

async function ingest(url: string, first: number, count: number): Promise<boolean> {
  const body = Array.from({ length: count }, (_, i) => JSON.stringify(socAlert(first + i))).join('\n');
  try {
    const response = await fetch(`${url}/v1/ingest/soc?format=ndjson`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.source}` },
      body,
    });
    if (response.status !== 200) return false;
    const answer = (await response.json()) as { accepted: number };
    return answer.accepted === count;
  } catch {
    return false;
  }
}

/**
 * Durability + resume (docs/architecture.md §4): a 10,000-event stream, the client dropped at random points and the hub process
 * SIGKILLed and restarted on the same database twice. The client must end with every seq exactly once, in order,
 * and with every event whose ingest was acknowledged.
 */
test('10,000 events across random disconnects and two hub kills: every seq exactly once', { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    const config = await writeTestConfig(dir);
    const db = join(dir, 'hub.db');
    const hubArgs = ['--port', '0', '--db', db, '--config', config, '--simulate', 'none'];
    const random = new Random(7);
    let hub: HubProcess = await startHubProcess(hubArgs);
    const epochAtStart = ((await (await fetch(`${hub.url}/health`)).json()) as { feeds: { soc: { epoch: string } } }).feeds.soc.epoch;
    const client = new StreamClient(`ws://127.0.0.1:${hub.port}/v1/stream`, TOKENS.operator);
    await client.connect();
    client.subscribe(['soc']);

    const acknowledged = new Set<string>();
    const killAt = new Set([Math.floor(TOTAL * 0.35), Math.floor(TOTAL * 0.7)]);
    let next = 0;
    let disconnects = 0;
    while (next < TOTAL) {
      const count = Math.min(BATCH, TOTAL - next);
      if (await ingest(hub.url, next, count)) {
        for (let i = 0; i < count; i++) acknowledged.add(`test-${next + i}`);
        next += count;
      } else {
        await delay(50);
        continue;
      }
      if ([...killAt].some((at) => next >= at && next - count < at)) {
        await hub.kill('SIGKILL');
        hub = await startHubProcess(hubArgs);
        await reconnect(client, hub);
        continue;
      }
      if (random.chance(0.04)) {
        disconnects += 1;
        client.kill();
        await delay(random.int(0, 30));
        await reconnect(client, hub);
      }
    }
    const health = (await (await fetch(`${hub.url}/health`)).json()) as { feeds: { soc: { epoch: string; seq: number } } };
    assert.equal(health.feeds.soc.epoch, epochAtStart, 'the epoch survives restarts on the same database');
    await waitFor(() => client.lastSeq('soc') === health.feeds.soc.seq, 20_000, 'client caught up with the head');
    const seqs = client.seqs.get('soc') ?? [];
    assert.equal(client.snapshots.length, 1, 'only the very first subscription needed a snapshot');
    assert.deepEqual(seqs, Array.from({ length: health.feeds.soc.seq }, (_, i) => i + 1), 'every seq once, in order');
    const received = new Set((client.data.get('soc') ?? []).map((data) => (data as { id: string }).id));
    for (const id of acknowledged) assert.ok(received.has(id), `acknowledged event ${id} was delivered`);
    assert.ok(disconnects >= 3, `the test disconnected the client (${disconnects} times)`);
    await client.close();
    await hub.kill('SIGTERM');
  });
});

async function reconnect(client: StreamClient, hub: HubProcess): Promise<void> {
  client.url = `ws://127.0.0.1:${hub.port}/v1/stream`;
  await client.connect();
  client.subscribe(['soc']);
}
