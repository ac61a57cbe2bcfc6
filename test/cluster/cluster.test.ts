import assert from 'node:assert/strict';
import { test } from 'node:test';
import WebSocket from 'ws';
import { HubConnection } from '../../feeds/client/hub-connection.js';
import type { FeedEvents, FeedSnapshot } from '../../feeds/client/hub-streams.js';
import { openStateStores } from '../../feeds/store/state-stores.js';
import { startCluster } from '../support/cluster.js';
import { socAlert } from '../support/hub-fixture.js';
import { startHubProcess, writeTestConfig } from '../support/hub-process.js';
import { deletePrefix, randomPrefix } from '../support/jetstream-prefix.js';
import { startPrivateNats } from '../support/private-nats.js';
import { StreamClient } from '../support/stream-client.js';
import { dropDatabase, freshDatabaseName, postgresUrl } from '../support/store-backends.js';
import { delay, makeTempDir, waitFor } from '../support/temp-dir.js';
import { TOKENS } from '../support/test-config.js';

interface IncidentLike {
  id: string;
  state: string;
  dedupeKey: string;
}

/** The incidents a stream client holds: the snapshot's, updated by every event. */
function incidentsOf(client: StreamClient): Map<string, IncidentLike> {
  const incidents = new Map<string, IncidentLike>();
  for (const frame of client.frames) {
    if (frame.type === 'snapshot' && frame['feed'] === 'incidents') {
      incidents.clear();
      const state = frame['state'] as { incidents: Record<string, IncidentLike> };
      for (const incident of Object.values(state.incidents)) incidents.set(incident.id, incident);
    }
    if (frame.type === 'events' && frame['feed'] === 'incidents') {
      for (const item of frame['items'] as { data: { incident: IncidentLike } }[]) incidents.set(item.data.incident.id, item.data.incident);
    }
  }
  return incidents;
}

const wsUrl = (url: string): string => `${url.replace('http', 'ws')}/v1/stream`;

async function postAlerts(url: string, alerts: readonly Record<string, unknown>[]): Promise<{ status: number; accepted: number }> {
  const response = await fetch(`${url}/v1/ingest/soc?format=ndjson`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKENS.source}` },
    body: alerts.map((alert) => JSON.stringify(alert)).join('\n'),
    signal: AbortSignal.timeout(10_000),
  });
  const answer = (await response.json()) as { accepted?: number };
  return { status: response.status, accepted: answer.accepted ?? 0 };
}

test('two hubs on one log: same epochs and seqs, one leader, vehicles and ingest everywhere, an ack on one seen on the other within 1 s, and in PostgreSQL after a kill -9', { timeout: 180_000 }, async (t) => {
  const cluster = await startCluster(t);
  const a = await cluster.start('A', ['--simulate', 'hai-duong', '--demo', '--vehicles', '50']);
  const b = await cluster.start('B', ['--simulate', 'hai-duong', '--demo', '--vehicles', '50']);
  assert.equal(await cluster.leader(10_000), 'A');
  const onA = new StreamClient(wsUrl(a.url), TOKENS.operator);
  const onB = new StreamClient(wsUrl(b.url), TOKENS.operator);
  await onA.connect();
  await onB.connect();
  onA.subscribe(['soc', 'incidents', 'vehicles']);
  onB.subscribe(['soc', 'incidents', 'vehicles']);
  // The leader's simulator reaches B's clients too: logged feeds through the log, vehicles over the bus.
  await waitFor(() => onB.vehicleFrames.length > 0 && (onB.seqs.get('soc')?.length ?? 0) > 0, 20_000, 'vehicles and alerts on B');
  const [healthA, healthB] = [await cluster.health('A'), await cluster.health('B')];
  for (const feed of ['traffic', 'environment', 'soc', 'portal', 'incidents']) assert.equal(healthA?.feeds[feed]?.epoch, healthB?.feeds[feed]?.epoch, feed);
  // Ingest on the follower lands in the one log: both hubs serve it with the same seq.
  const marker = { ...socAlert(900_001), id: 'cluster-marker-1' };
  assert.equal((await postAlerts(b.url, [marker])).accepted, 1);
  const seqOn = (client: StreamClient): number => {
    const data = client.data.get('soc') ?? [];
    const index = data.findIndex((item) => (item as { id: string }).id === 'cluster-marker-1');
    return index < 0 ? -1 : (client.seqs.get('soc')?.[index] ?? -1);
  };
  await waitFor(() => seqOn(onA) > 0 && seqOn(onB) > 0, 5000, 'the marker on both hubs');
  assert.equal(seqOn(onA), seqOn(onB));

  // The demo raises incidents within the first minute; ack them through the follower B (forwarded to the leader).
  await waitFor(() => [...incidentsOf(onB).values()].filter((incident) => incident.state === 'open').length >= 2, 90_000, 'two open incidents');
  const [first, second] = [...incidentsOf(onB).values()].filter((incident) => incident.state === 'open');
  assert.ok(first && second);
  const ack = async (incident: IncidentLike, opId: string): Promise<number> => {
    onB.send({ op: 'ack', incident: incident.id, opId, note: 'đã tiếp nhận' });
    await waitFor(() => onB.framesOfType('result').some((frame) => frame['opId'] === opId), 15_000, `the result of ${opId}`);
    const result = onB.framesOfType('result').find((frame) => frame['opId'] === opId);
    assert.equal(result?.['ok'], true, JSON.stringify(result));
    return Date.now();
  };
  // An ack made through B reaches a client of A (the leader's hub) within 1 s.
  const confirmedAt = await ack(first, 'cluster-ack-1');
  await waitFor(() => incidentsOf(onA).get(first.id)?.state === 'acknowledged', 1000, 'the ack on a client of A within 1 s');
  console.info(`ack through B seen on A ${Date.now() - confirmedAt} ms after its result`);
  // Kill the leader the moment an ack is confirmed: it was committed to PostgreSQL before the result was sent.
  await ack(second, 'cluster-ack-2');
  await a.kill('SIGKILL');
  const stores = await openStateStores(cluster.storeUrl);
  try {
    assert.equal((await stores.incidents.get(second.id))?.state, 'acknowledged');
    assert.ok((await stores.incidents.findOp('cluster-ack-2')) !== null);
  } finally {
    await stores.close();
  }
  await waitFor(() => incidentsOf(onB).get(second.id)?.state === 'acknowledged', 5000, 'the second ack on B');
  // B takes the lead within 10 s, its simulator goes on, and no incident is opened twice for one condition.
  const failedAt = Date.now();
  assert.equal(await cluster.leader(10_000), 'B');
  console.info(`leader failover: ${Date.now() - failedAt} ms after the kill was noticed`);
  const socBefore = onB.lastSeq('soc');
  await waitFor(() => onB.lastSeq('soc') > socBefore + 3, 20_000, 'the simulator on B');
  await delay(5000);
  const open = [...incidentsOf(onB).values()].filter((incident) => incident.state !== 'resolved');
  const keys = open.map((incident) => incident.dedupeKey);
  assert.equal(new Set(keys).size, keys.length, `duplicate open incidents: ${keys.join(', ')}`);
  await onA.close();
  await onB.close();
});

test('20 kills -9 of the hub a console streams from: it resumes on the other with since, every seq exactly once', { timeout: 300_000 }, async (t) => {
  const cluster = await startCluster(t);
  await cluster.start('A', ['--simulate', 'none']);
  await cluster.start('B', ['--simulate', 'none']);
  // The console's own client, given both hubs (docs/deploy.md).
  const connection = new HubConnection({ url: [...cluster.hubs.values()].map((hub) => wsUrl(hub.url)), token: TOKENS.operator, WebSocketCtor: WebSocket, feeds: ['soc'], client: 'test/failover' });
  const events: FeedEvents[] = [];
  const snapshots: FeedSnapshot[] = [];
  connection.events$.subscribe((frame) => events.push(frame));
  connection.snapshots$.subscribe((snapshot) => snapshots.push(snapshot));
  // A source keeps posting to whichever hub answers, from after the console's first snapshot.
  await waitFor(() => snapshots.length === 1, 20_000, 'the first snapshot');
  let n = 0;
  let feeding = true;
  const accepted = new Set<string>();
  const feeder = (async () => {
    while (feeding) {
      for (const hub of [...cluster.hubs.values()]) {
        const alert = { ...socAlert(n), id: `failover-${n}` };
        try {
          const answer = await postAlerts(hub.url, [alert]);
          if (answer.status === 200 && answer.accepted === 1) {
            accepted.add(alert.id);
            n += 1;
            break;
          }
        } catch {
          // That hub is down: the next one.
        }
      }
      await delay(50);
    }
  })();
  const gaps: number[] = [];
  let lastEventAt = 0;
  connection.events$.subscribe(() => (lastEventAt = Date.now()));
  try {
    await waitFor(() => events.length > 0, 20_000, 'first events');
    for (let kill = 0; kill < 20; kill++) {
      const current = [...cluster.hubs.entries()].find(([, hub]) => wsUrl(hub.url) === connection.hubUrl);
      assert.ok(current, `the console is on ${connection.hubUrl}`);
      const [id, hub] = current;
      const killedAt = Date.now();
      await hub.kill('SIGKILL');
      await waitFor(() => connection.hubUrl !== wsUrl(hub.url) && connection.status === 'open' && lastEventAt > killedAt, 20_000, `resume after kill ${kill + 1}`);
      gaps.push(lastEventAt - killedAt);
      // Back on its own port, ready to carry the console at the next kill.
      await cluster.start(id, ['--simulate', 'none']);
    }
    feeding = false;
    await feeder;
    const received = (): Set<string> => new Set(events.flatMap((frame) => frame.items.map((item) => (item.data as { id: string }).id)));
    await waitFor(() => [...accepted].every((id) => received().has(id)), 15_000, 'every accepted alert at the console').catch((error: unknown) => {
      const missing = [...accepted].filter((id) => !received().has(id));
      throw new Error(`${(error as Error).message}: ${missing.length} missing (${missing.slice(0, 5).join(', ')}); snapshots ${snapshots.map((s) => s.reason).join(', ')}`);
    });
  } finally {
    feeding = false;
    await feeder;
    connection.close();
  }
  gaps.sort((x, y) => x - y);
  console.info(`failover gap over ${gaps.length} kills: p50 ${gaps[Math.floor(gaps.length / 2)]} ms, max ${gaps.at(-1)} ms`);
  // Every accepted alert reached the console, once.
  const ids = events.flatMap((frame) => frame.items.map((item) => (item.data as { id: string }).id));
  assert.equal(new Set(ids).size, ids.length, 'an alert arrived twice');
  assert.ok(accepted.size > 100, `only ${accepted.size} alerts accepted`);
  const seqs = events.flatMap((frame) => frame.items.map((item) => item.seq));
  for (let i = 1; i < seqs.length; i++) assert.equal(seqs[i], (seqs[i - 1] ?? 0) + 1, `seq ${seqs[i]} after ${seqs[i - 1]}`);
  assert.equal(snapshots.length, 1, 'one snapshot (the first): every resume continued with since');
});

test('NATS restarted under a running hub: it reconnects, clients keep their stream, nothing accepted is lost', { timeout: 120_000 }, async (t) => {
  const nats = await startPrivateNats();
  const dir = await makeTempDir();
  const prefix = randomPrefix();
  const database = freshDatabaseName();
  t.after(async () => {
    await deletePrefix(nats.url, prefix).catch(() => undefined);
    await nats.stop();
    await dropDatabase(database).catch(() => undefined);
    await dir.remove();
  });
  const hub = await startHubProcess(['--port', '0', '--db', `${dir.path}/hub.db`, '--config', await writeTestConfig(dir.path), '--log', `${nats.url}/${prefix}`, '--store', postgresUrl(database), '--simulate', 'none']);
  t.after(() => hub.kill('SIGKILL'));
  const client = new StreamClient(wsUrl(hub.url), TOKENS.operator);
  await client.connect();
  client.subscribe(['soc']);
  const accepted: string[] = [];
  const post = async (n: number): Promise<void> => {
    const alert = { ...socAlert(n), id: `nats-restart-${n}` };
    const answer = await postAlerts(hub.url, [alert]).catch(() => ({ status: 0, accepted: 0 }));
    if (answer.status === 200 && answer.accepted === 1) accepted.push(alert.id);
  };
  for (let n = 0; n < 10; n++) await post(n);
  await nats.restart(2000);
  // During and after the restart: some posts may be answered 503 (nothing stored) — the rest must all arrive.
  for (let n = 10; n < 40; n++) {
    await post(n);
    await delay(100);
  }
  await waitFor(() => accepted.every((id) => (client.data.get('soc') ?? []).some((item) => (item as { id: string }).id === id)), 30_000, 'every accepted alert on the stream');
  assert.ok(accepted.length >= 30, `only ${accepted.length} of 40 accepted`);
  assert.equal(client.closeCode, null, 'the client kept its connection');
  const seqs = client.seqs.get('soc') ?? [];
  for (let i = 1; i < seqs.length; i++) assert.equal(seqs[i], (seqs[i - 1] ?? 0) + 1);
  await client.close();
});
