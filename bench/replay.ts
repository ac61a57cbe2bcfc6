import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { HistoryRecorder } from '../feeds/hub/history-recorder.js';
import { Hub } from '../feeds/hub/hub.js';
import { createRegionSimulators } from '../feeds/hub/region-simulators.js';
import { ReplayService } from '../feeds/hub/replay/replay-service.js';
import { LOGGED_FEEDS, type LoggedFeed } from '../feeds/protocol/feed-names.js';
import { loadRegion } from '../feeds/region/load-region.js';
import { REDUCERS } from '../feeds/state/reducers.js';
import { SqliteLogStore } from '../feeds/store/sqlite-log-store.js';
import { openStateStores } from '../feeds/store/state-stores.js';
import { benchConfig, BENCH_TOKEN } from './bench-config.js';

/**
 * Replay (docs/bench.md (g)): hours of the simulated province at its default rates published into a hub on SQLite
 * with their simulated times, history checkpoints every 5 simulated minutes as the leader writes them; then the seek
 * latency (op sent → every replay-snapshot received) at several depths, and the replay throughput at speed 0.
 */
export interface ReplayBench {
  readonly hours: number;
  readonly items: number;
  readonly logBytes: number;
  readonly historyBytes: number;
  readonly seeks: readonly { readonly hoursBack: number; readonly p50Ms: number; readonly p95Ms: number }[];
  /** Counted from the first replay-events frame to replay-end: the seek before it is measured above. */
  readonly throughput: { readonly items: number; readonly seconds: number; readonly itemsPerSecond: number; readonly hoursReplayed: number };
}

const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
};

export async function benchReplay(hours: number, depths: readonly number[], seeksPerDepth: number, throughputHours: number): Promise<ReplayBench> {
  const dir = await mkdtemp(join(tmpdir(), 'ioc-bench-replay-'));
  const path = join(dir, 'hub.db');
  const store = await SqliteLogStore.open(path, { synchronous: 'NORMAL' });
  const stores = await openStateStores(path);
  const hub = await Hub.start({ config: benchConfig(), store, reducers: REDUCERS, port: 0, replay: new ReplayService({ log: store, history: stores.history, reducers: REDUCERS }) });
  const recorder = new HistoryRecorder(hub, stores.history, { checkpointEveryMs: 3_600_000, keyframeEveryMs: 3_600_000, retentionMs: 48 * 3_600_000 });
  try {
    const region = await loadRegion(new URL('../regions/hai-duong', import.meta.url).pathname);
    const end = Date.now();
    const start = end - hours * 3_600_000;
    const sims = createRegionSimulators(region, { seed: 7, demo: false, simStartMs: start });
    const feeds: readonly [LoggedFeed, { start(now: number): unknown[]; tick(now: number): unknown[] }][] = [
      ['traffic', sims.traffic],
      ['environment', sims.environment],
      ['soc', sims.soc],
      ['portal', sims.portal],
    ];
    let items = 0;
    for (const [feed, sim] of feeds) {
      const first = sim.start(start);
      items += first.length;
      if (first.length > 0) await hub.publish(feed, first, start);
    }
    let nextCheckpoint = start;
    for (let now = start + 1000; now <= end; now += 1000) {
      const pending: Promise<unknown>[] = [];
      for (const [feed, sim] of feeds) {
        const batch = sim.tick(now);
        items += batch.length;
        if (batch.length > 0) pending.push(hub.publish(feed, batch, now));
      }
      await Promise.all(pending);
      if (now >= nextCheckpoint) {
        await recorder.checkpointNow();
        nextCheckpoint = now + 5 * 60_000;
      }
    }
    const history = await stores.history.stats();
    const logBytes = (await stat(path)).size + (await stat(`${path}-wal`).catch(() => ({ size: 0 }))).size;

    const client = await openClient(`ws://127.0.0.1:${hub.port}/v1/stream`);
    let counter = 0;
    const seeks: { hoursBack: number; p50Ms: number; p95Ms: number }[] = [];
    for (const hoursBack of depths) {
      const latencies: number[] = [];
      for (let i = 0; i < seeksPerDepth; i++) {
        const at = end - hoursBack * 3_600_000 + i * 17_000;
        const replayId = `seek-${++counter}`;
        const started = performance.now();
        const done = client.until(replayId, (frames) => frames.filter((frame) => frame.startsWith('{"type":"replay-snapshot"')).length === LOGGED_FEEDS.length);
        client.send({ op: 'replay', replayId, at, until: at, speed: 0, feeds: [...LOGGED_FEEDS] });
        await done;
        latencies.push(performance.now() - started);
        await client.until(replayId, (frames) => frames.some((frame) => frame.startsWith('{"type":"replay-end"')));
      }
      seeks.push({ hoursBack, p50Ms: quantile(latencies, 0.5), p95Ms: quantile(latencies, 0.95) });
    }
    // Throughput: the most recent `throughputHours` of every feed at speed 0, counted as they arrive.
    const replayId = 'throughput';
    const at = end - throughputHours * 3_600_000;
    const finished = client.until(replayId, (frames) => frames.some((frame) => frame.startsWith('{"type":"replay-end"')));
    client.send({ op: 'replay', replayId, at, until: end, speed: 0, feeds: [...LOGGED_FEEDS] });
    await finished;
    const count = client.counted(replayId);
    const received = count?.items ?? 0;
    const seconds = count ? (count.endAt - count.firstAt) / 1000 : Number.NaN;
    await client.close();
    return {
      hours,
      items,
      logBytes,
      historyBytes: history.checkpointBytes + history.keyframeBytes,
      seeks,
      throughput: { items: received, seconds, itemsPerSecond: received / seconds, hoursReplayed: throughputHours },
    };
  } finally {
    await recorder.stop();
    await hub.stop();
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  }
}

interface EndCount {
  readonly items: number;
  readonly firstAt: number;
  readonly endAt: number;
}

interface BenchClient {
  send(value: unknown): void;
  until(replayId: string, done: (frames: readonly string[]) => boolean): Promise<void>;
  /** The replay's events count, known once its replay-end arrived. */
  counted(replayId: string): EndCount | undefined;
  close(): Promise<void>;
}

type WorkerMessage = { kind: 'ready' } | { kind: 'error'; message: string } | ({ kind: 'frame'; replayId: string; head: string } & Partial<EndCount>);

/**
 * A bare protocol client in a worker thread (bench/replay-client.mjs), so that parsing the replay's frames does not
 * take the hub's event loop: the text frames of each replay kept by replayId (their first 64 characters).
 */
function openClient(url: string): Promise<BenchClient> {
  const worker = new Worker(new URL('./replay-client.mjs', import.meta.url), { workerData: { url, token: BENCH_TOKEN } });
  const frames = new Map<string, string[]>();
  const counts = new Map<string, EndCount>();
  const waiters: { replayId: string; done: (frames: readonly string[]) => boolean; resolve: () => void }[] = [];
  const client: BenchClient = {
    send: (value) => worker.postMessage(value),
    until: (replayId, done) =>
      new Promise((resolve) => {
        if (done(frames.get(replayId) ?? [])) resolve();
        else waiters.push({ replayId, done, resolve });
      }),
    counted: (replayId) => counts.get(replayId),
    close: async () => {
      worker.postMessage('close');
      await worker.terminate();
    },
  };
  return new Promise((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'ready') resolve(client);
      else if (message.kind === 'error') reject(new Error(`replay bench client: ${message.message}`));
      else {
        const { replayId, head, items, firstAt, endAt } = message;
        if (items !== undefined && firstAt !== undefined && endAt !== undefined) counts.set(replayId, { items, firstAt, endAt });
        const list = frames.get(replayId) ?? [];
        list.push(head);
        frames.set(replayId, list);
        for (const waiter of [...waiters]) {
          if (waiter.replayId === replayId && waiter.done(list)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve();
          }
        }
      }
    });
  });
}
