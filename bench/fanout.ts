import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { WebSocketServer } from 'ws';
import { Hub } from '../feeds/hub/hub.js';
import { benchConfig, BENCH_TOKEN } from './bench-config.js';
import { REDUCERS } from '../feeds/state/reducers.js';
import { SqliteLogStore } from '../feeds/store/sqlite-log-store.js';

export interface FanoutResult {
  readonly name: string;
  readonly clients: number;
  readonly items: number;
  readonly seconds: number;
  readonly deliveriesPerSecond: number;
}

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

function startClients(url: string, clients: number, expected: number): Promise<{ worker: Worker; done: Promise<number> }> {
  const worker = new Worker(new URL('./fanout-clients.mjs', import.meta.url), {
    workerData: { url, clients, token: TOKEN, expected },
  });
  return new Promise((resolve, reject) => {
    let resolveDone: (at: number) => void = () => undefined;
    const done = new Promise<number>((r) => {
      resolveDone = r;
    });
    worker.on('message', (message: { type: string; at?: number }) => {
      if (message.type === 'ready') resolve({ worker, done });
      if (message.type === 'done') resolveDone(message.at ?? 0);
    });
    worker.on('error', reject);
  });
}

const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** (a) The same events frames broadcast by a bare `ws` server and by the hub (log + fold + fan-out), 100 clients. */
export async function benchFanout(clients: number, batches: number, batchSize: number): Promise<FanoutResult[]> {
  const total = batches * batchSize;
  const data = Array.from({ length: total }, (_, n) => alert(n));
  const results: FanoutResult[] = [];

  // Baseline: bare ws broadcast of frames shaped exactly like the hub's.
  {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => wss.once('listening', resolve));
    const port = (wss.address() as AddressInfo).port;
    const { worker, done } = await startClients(`ws://127.0.0.1:${port}`, clients, total);
    const start = performance.timeOrigin + performance.now();
    for (let b = 0; b < batches; b++) {
      const items = data
        .slice(b * batchSize, (b + 1) * batchSize)
        .map((item, k) => `{"seq":${b * batchSize + k + 1},"ts":${Date.now()},"data":${JSON.stringify(item)}}`)
        .join(',');
      const frame = `{"type":"events","feed":"soc","epoch":"0123456789abcdef","items":[${items}]}`;
      for (const client of wss.clients) client.send(frame);
      await yieldToIo();
    }
    const end = await done;
    worker.postMessage({ type: 'close' });
    await new Promise((resolve) => wss.close(resolve));
    const seconds = (end - start) / 1000;
    results.push({ name: 'bare ws broadcast', clients, items: total, seconds, deliveriesPerSecond: (total * clients) / seconds });
  }

  // The hub: validate, append to SQLite (group commit, synchronous=FULL), fold, fan out with per-client cursors.
  {
    const dir = await mkdtemp(join(tmpdir(), 'ioc-bench-'));
    const config = benchConfig();
    const store = await SqliteLogStore.open(join(dir, 'bench.db'), { synchronous: process.env['BENCH_SYNC'] === 'NORMAL' ? 'NORMAL' : config.store.synchronous });
    const hub = await Hub.start({ config, store, reducers: REDUCERS, port: 0 });
    const { worker, done } = await startClients(`ws://127.0.0.1:${hub.port}/v1/stream`, clients, total);
    const start = performance.timeOrigin + performance.now();
    const pending: Promise<unknown>[] = [];
    for (let b = 0; b < batches; b++) {
      pending.push(hub.publish('soc', data.slice(b * batchSize, (b + 1) * batchSize)));
      await yieldToIo();
    }
    await Promise.all(pending);
    const end = await done;
    worker.postMessage({ type: 'close' });
    await hub.stop();
    await rm(dir, { recursive: true, force: true });
    const seconds = (end - start) / 1000;
    results.push({ name: 'hub (SQLite log + fan-out)', clients, items: total, seconds, deliveriesPerSecond: (total * clients) / seconds });
  }
  return results;
}
