import { Worker } from 'node:worker_threads';
import WebSocket from 'ws';
import { HubConnection } from '../feeds/client/hub-connection.js';
import { Hub } from '../feeds/hub/hub.js';
import { benchConfig, BENCH_TOKEN } from './bench-config.js';
import { REDUCERS } from '../feeds/state/reducers.js';
import { JetStreamLogStore } from '../feeds/store/jetstream/jetstream-log-store.js';
import { startCluster, type CleanupScope } from '../test/support/cluster.js';
import { deletePrefix, randomPrefix, TEST_NATS } from '../test/support/jetstream-prefix.js';
import { TOKENS } from '../test/support/test-config.js';

/**
 * The scale-out benchmarks (docs/bench.md): one hub on JetStream against one on SQLite (the fan-out bench's
 * baseline) and bare ws; two hub processes against one on the same log (aggregate deliveries); and the failover gap
 * a console sees when its hub is killed.
 */

const TOKEN = BENCH_TOKEN;

function alert(n: number): Record<string, unknown> {
  return {
    kind: 'alert',
    id: `bench-${n}`,
    sensor: 'suricata',
    observedAt: 1_763_800_000_000 + n,
    srcIp: '203.0.113.7',
    srcPort: 40000 + (n % 20000),
    destIp: '10.61.1.10',
    destPort: 443,
    proto: 'TCP',
    signature: 'ET SCAN Potential SSH Scan',
    signatureId: 2001219,
    category: 'Attempted Information Leak',
    severity: 2,
    agency: 'so-tttt',
  };
}

/** Clients in worker threads (bench/fanout-clients.mjs, one per hub URL), each counting the items it receives. */
function startClients(urls: readonly string[], clients: number, token: string, expected: number): Promise<{ close(): void; done: Promise<number> }> {
  const workers = urls.map(
    (url, index) =>
      new Worker(new URL('./fanout-clients.mjs', import.meta.url), {
        workerData: { url, clients: Math.floor(clients / urls.length) + (index < clients % urls.length ? 1 : 0), token, expected },
      }),
  );
  return new Promise((resolve, reject) => {
    let ready = 0;
    let finished = 0;
    let lastAt = 0;
    let resolveDone: (at: number) => void = () => undefined;
    const done = new Promise<number>((r) => (resolveDone = r));
    const close = (): void => {
      for (const worker of workers) worker.postMessage({ type: 'close' });
    };
    for (const worker of workers) {
      worker.on('message', (message: { type: string; at?: number }) => {
        if (message.type === 'ready' && ++ready === workers.length) resolve({ close, done });
        if (message.type === 'done') {
          lastAt = Math.max(lastAt, message.at ?? 0);
          if (++finished === workers.length) resolveDone(lastAt);
        }
      });
      worker.on('error', reject);
    }
  });
}

export interface JetStreamFanout {
  readonly name: string;
  readonly clients: number;
  readonly items: number;
  readonly seconds: number;
  readonly deliveriesPerSecond: number;
}

const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** One hub in this process on a fresh JetStream prefix: the same publish loop as the SQLite hub of bench/fanout.ts. */
export async function benchJetStreamFanout(clients: number, batches: number, batchSize: number): Promise<JetStreamFanout> {
  const total = batches * batchSize;
  const data = Array.from({ length: total }, (_, n) => alert(n));
  const prefix = randomPrefix();
  const config = benchConfig();
  const store = await JetStreamLogStore.open({ servers: TEST_NATS, prefix, retentionMs: 24 * 3600 * 1000 });
  const hub = await Hub.start({ config, store, reducers: REDUCERS, port: 0 });
  try {
    const { close, done } = await startClients([`ws://127.0.0.1:${hub.port}/v1/stream`], clients, TOKEN, total);
    const start = performance.timeOrigin + performance.now();
    const pending: Promise<unknown>[] = [];
    for (let b = 0; b < batches; b++) {
      pending.push(hub.publish('soc', data.slice(b * batchSize, (b + 1) * batchSize)));
      await yieldToIo();
    }
    await Promise.all(pending);
    const end = await done;
    close();
    const seconds = (end - start) / 1000;
    return { name: 'hub (JetStream log + fan-out)', clients, items: total, seconds, deliveriesPerSecond: (total * clients) / seconds };
  } finally {
    await hub.stop();
    await deletePrefix(TEST_NATS, prefix).catch(() => undefined);
  }
}

function cleanupScope(): CleanupScope & { run(): Promise<void> } {
  const work: (() => Promise<void> | void)[] = [];
  return {
    after: (fn) => void work.push(fn),
    async run() {
      for (const fn of work.reverse()) await fn();
    },
  };
}

export interface ScaleOutResult {
  readonly hubs: number;
  readonly clients: number;
  readonly items: number;
  readonly seconds: number;
  readonly deliveriesPerSecond: number;
}

/**
 * N hub processes on one log, the clients split across them, the items posted through the first hub's ingest in
 * batches: aggregate item deliveries per second until every client has every item.
 */
export async function benchScaleOut(hubs: number, clients: number, items: number, batch: number): Promise<ScaleOutResult> {
  const scope = cleanupScope();
  try {
    const cluster = await startCluster(scope, {
      config: { auth: { tokens: [{ token: TOKENS.operator, role: 'operator', name: 'Bench' }, { token: TOKENS.source, role: 'source', name: 'Sensor' }] }, limits: { maxConnectionsPerToken: { operator: 10_000 }, maxClients: 10_000, maxConnectionsPerAddress: 10_000, maxPendingPerAddress: 10_000, maxPendingClients: 10_000 } },
    });
    const processes = [];
    for (let i = 0; i < hubs; i++) processes.push(await cluster.start(`H${i + 1}`, ['--simulate', 'none']));
    const { close, done } = await startClients(processes.map((hub) => `${hub.url.replace('http', 'ws')}/v1/stream`), clients, TOKENS.operator, items);
    const first = processes[0];
    if (!first) throw new Error('no hub');
    const start = performance.timeOrigin + performance.now();
    const posts: Promise<unknown>[] = [];
    for (let from = 0; from < items; from += batch) {
      const body = Array.from({ length: Math.min(batch, items - from) }, (_, k) => JSON.stringify(alert(from + k))).join('\n');
      posts.push(fetch(`${first.url}/v1/ingest/soc?format=ndjson`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.source}` }, body }).then((response) => response.text()));
      if (posts.length >= 4) await posts.shift();
    }
    await Promise.all(posts);
    const end = await done;
    close();
    const seconds = (end - start) / 1000;
    return { hubs, clients, items, seconds, deliveriesPerSecond: (items * clients) / seconds };
  } finally {
    await scope.run();
  }
}

export interface FailoverResult {
  readonly kills: number;
  readonly gapsMs: readonly number[];
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * Two hubs, a console's own client (HubConnection with both URLs) and a source posting an alert every 50 ms:
 * kill -9 of the hub the console is on → the first item it receives from the other hub, over `kills` kills (the
 * killed hub restarts on its port before the next).
 */
export async function benchFailover(kills: number): Promise<FailoverResult> {
  const scope = cleanupScope();
  try {
    const cluster = await startCluster(scope);
    await cluster.start('A', ['--simulate', 'none']);
    await cluster.start('B', ['--simulate', 'none']);
    const stream = (url: string): string => `${url.replace('http', 'ws')}/v1/stream`;
    const connection = new HubConnection({ url: [...cluster.hubs.values()].map((hub) => stream(hub.url)), token: TOKENS.operator, WebSocketCtor: WebSocket, feeds: ['soc'] });
    let lastEventAt = 0;
    connection.events$.subscribe(() => (lastEventAt = Date.now()));
    let feeding = true;
    let n = 0;
    const feeder = (async () => {
      while (feeding) {
        for (const hub of [...cluster.hubs.values()]) {
          const ok = await fetch(`${hub.url}/v1/ingest/soc?format=ndjson`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.source}` }, body: JSON.stringify({ ...alert(n), id: `failover-${n}` }), signal: AbortSignal.timeout(5000) })
            .then((response) => response.ok)
            .catch(() => false);
          if (ok) {
            n += 1;
            break;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const gaps: number[] = [];
    try {
      const deadline = Date.now() + 30_000;
      while (lastEventAt === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      for (let kill = 0; kill < kills; kill++) {
        const current = [...cluster.hubs.entries()].find(([, hub]) => stream(hub.url) === connection.hubUrl);
        if (!current) throw new Error(`the console is on ${connection.hubUrl}`);
        const [id, hub] = current;
        const killedAt = Date.now();
        await hub.kill('SIGKILL');
        const until = Date.now() + 30_000;
        while (!(connection.hubUrl !== stream(hub.url) && lastEventAt > killedAt) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
        gaps.push(lastEventAt > killedAt ? lastEventAt - killedAt : 30_000);
        await cluster.start(id, ['--simulate', 'none']);
      }
    } finally {
      feeding = false;
      await feeder;
      connection.close();
    }
    const sorted = [...gaps].sort((x, y) => x - y);
    const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
    return { kills, gapsMs: gaps, p50Ms: at(0.5), p99Ms: at(0.99) };
  } finally {
    await scope.run();
  }
}
