import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { WebSocketServer } from 'ws';
import { Hub } from '../feeds/hub/hub.js';
import { REDUCERS } from '../feeds/state/reducers.js';
import { SqliteLogStore } from '../feeds/store/sqlite-log-store.js';
import { benchConfig, BENCH_TOKEN } from './bench-config.js';

/**
 * Clients per hub (docs/bench.md (h)): N WebSocket clients on loopback (in worker threads), all subscribed, a steady
 * stream of alerts for `seconds`: item deliveries per second and the p99 of send → receive, the hub against a bare
 * `ws` broadcast of the same frames at the same rate.
 */
export interface ClientsResult {
  readonly name: string;
  readonly clients: number;
  readonly connected: number;
  readonly deliveriesPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const WORKERS = 2;

function alert(n: number, ts: number): Record<string, unknown> {
  return {
    kind: 'alert', id: `c-${n}`, sensor: 'suricata', observedAt: ts, srcIp: '203.0.113.7', srcPort: 40000 + (n % 20000), destIp: '10.61.1.10',
    destPort: 443, proto: 'TCP', signature: 'ET SCAN Potential SSH Scan', signatureId: 2001219, category: 'Attempted Information Leak', severity: 3, agency: 'so-tttt',
  };
}

async function startWorkers(url: string, clients: number): Promise<Worker[]> {
  const workers = Array.from({ length: WORKERS }, (_, i) => new Worker(new URL('./latency-clients.mjs', import.meta.url), {
    workerData: { url, clients: Math.floor(clients / WORKERS) + (i < clients % WORKERS ? 1 : 0), token: BENCH_TOKEN, sampleEvery: Math.max(1, Math.floor(clients / 200)) },
  }));
  await Promise.all(workers.map((worker) => new Promise<void>((resolve, reject) => {
    worker.on('message', (message: { type: string }) => message.type === 'ready' && resolve());
    worker.on('error', reject);
  })));
  return workers;
}

async function report(workers: readonly Worker[]): Promise<{ items: number; latencies: number[]; open: number }> {
  const answers = await Promise.all(workers.map((worker) => new Promise<{ items: number; latencies: number[]; open: number }>((resolve) => {
    const listener = (message: { type: string; items: number; latencies: number[]; open: number }): void => {
      if (message.type !== 'report') return;
      worker.off('message', listener);
      resolve(message);
    };
    worker.on('message', listener);
    worker.postMessage({ type: 'report' });
  })));
  return { items: answers.reduce((s, a) => s + a.items, 0), latencies: answers.flatMap((a) => a.latencies), open: answers.reduce((s, a) => s + a.open, 0) };
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

/** Publish `perSecond` alerts a second in 10 batches a second for `seconds`, through `send`. */
async function stream(seconds: number, perSecond: number, send: (values: Record<string, unknown>[], ts: number) => void): Promise<void> {
  const batches = seconds * 10;
  const perBatch = Math.max(1, Math.round(perSecond / 10));
  const started = Date.now();
  for (let b = 0; b < batches; b++) {
    const ts = Date.now();
    send(Array.from({ length: perBatch }, (_, k) => alert(b * perBatch + k, ts)), ts);
    const due = started + (b + 1) * 100;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

export async function benchClients(clients: number, seconds: number, perSecond: number): Promise<ClientsResult[]> {
  const results: ClientsResult[] = [];
  {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, backlog: 4096 });
    await new Promise((resolve) => wss.once('listening', resolve));
    const workers = await startWorkers(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, clients);
    let seq = 0;
    const before = await report(workers);
    const started = Date.now();
    await stream(seconds, perSecond, (values, ts) => {
      const body = values.map((value) => `{"seq":${++seq},"ts":${ts},"data":${JSON.stringify(value)}}`).join(',');
      const frame = Buffer.from(`{"type":"events","feed":"soc","epoch":"0123456789abcdef","items":[${body}]}`);
      for (const client of wss.clients) client.send(frame, { binary: false });
    });
    const after = await report(workers);
    const elapsed = (Date.now() - started) / 1000;
    for (const worker of workers) worker.postMessage({ type: 'close' });
    await new Promise((resolve) => wss.close(resolve));
    results.push({ name: 'bare ws broadcast', clients, connected: after.open, deliveriesPerSecond: (after.items - before.items) / elapsed, p50Ms: quantile(after.latencies, 0.5), p99Ms: quantile(after.latencies, 0.99) });
  }
  {
    const dir = await mkdtemp(join(tmpdir(), 'ioc-bench-clients-'));
    const store = await SqliteLogStore.open(join(dir, 'bench.db'), { synchronous: 'NORMAL' });
    const hub = await Hub.start({ config: benchConfig(clients + 10), store, reducers: REDUCERS, port: 0 });
    try {
      const workers = await startWorkers(`ws://127.0.0.1:${hub.port}/v1/stream`, clients);
      const before = await report(workers);
      const started = Date.now();
      await stream(seconds, perSecond, (values, ts) => void hub.publish('soc', values, ts));
      const after = await report(workers);
      const elapsed = (Date.now() - started) / 1000;
      for (const worker of workers) worker.postMessage({ type: 'close' });
      results.push({ name: 'hub (SQLite log + fan-out)', clients, connected: after.open, deliveriesPerSecond: (after.items - before.items) / elapsed, p50Ms: quantile(after.latencies, 0.5), p99Ms: quantile(after.latencies, 0.99) });
    } finally {
      await hub.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }
  return results;
}
