// `tsx bench/jetstream-log.ts [nats://host:port] [items]`: append and read throughput of JetStreamLogStore, with the
// SQLite store measured in the same run as the baseline. Uses a random prefix and deletes it afterwards. Besides
// wall-clock items/s it prints items per CPU-second of this process: on a shared machine the wall clock measures
// the neighbours too, the CPU figure measures the store's own cost.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { JetStreamLogStore } from '../feeds/store/jetstream/jetstream-log-store.js';
import { parseJetStreamUrl } from '../feeds/store/jetstream/jetstream-url.js';
import { deletePrefixStreams } from '../feeds/store/jetstream/prefix-streams.js';
import type { LogStore } from '../feeds/store/log-store.js';
import { SqliteLogStore } from '../feeds/store/sqlite-log-store.js';

const url = process.argv[2] ?? 'nats://127.0.0.1:4222';
const total = Number(process.argv[3] ?? 200_000);
const PAGE = 10_000;
const BATCH = 500;
const ROUNDS = 5;
const json = JSON.stringify({ kind: 'alert', id: 'a'.repeat(24), sensor: 'suricata', observedAt: 1_763_800_000_000, srcIp: '203.0.113.7', srcPort: 40_000, destIp: '10.61.1.10', destPort: 443, proto: 'TCP', signature: 'ET SCAN Potential SSH Scan', severity: 2 });

interface Rate {
  readonly wall: number;
  readonly cpu: number;
}

async function measure(work: () => Promise<number>): Promise<Rate> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const items = await work();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { wall: items / seconds, cpu: items / ((cpu.user + cpu.system) / 1e6) };
}

async function run(name: string, store: LogStore): Promise<void> {
  const append = await measure(async () => {
    for (let i = 0; i < total; i += BATCH) {
      await store.append('soc', Array.from({ length: Math.min(BATCH, total - i) }, (_, j) => ({ ts: Date.now(), json, key: `bench-${i + j}` })));
    }
    return total;
  });
  const reads: Rate[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    reads.push(
      await measure(async () => {
        let after = 0;
        while (after < total) {
          const page = await store.read('soc', after, PAGE);
          if (page[0]?.seq !== after + 1) throw new Error(`read after ${after} started at ${page[0]?.seq}`);
          after += page.length;
        }
        return after;
      }),
    );
  }
  const sorted = (pick: (rate: Rate) => number): number[] => reads.map(pick).sort((a, b) => a - b);
  const median = (values: number[]): number => values[Math.floor(values.length / 2)] ?? 0;
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  console.info(
    `${name.padEnd(9)} append ${fmt(append.wall)}/s (${fmt(append.cpu)} per CPU-s)  ` +
      `read best ${fmt(Math.max(...sorted((r) => r.wall)))}/s, median ${fmt(median(sorted((r) => r.wall)))}/s ` +
      `(${fmt(median(sorted((r) => r.cpu)))} per CPU-s)`,
  );
}

console.info(`${total.toLocaleString('en-US')} soc items of ${json.length} B, batches of ${BATCH}, pages of ${PAGE}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const dir = await mkdtemp(join(tmpdir(), 'ioc-bench-'));
try {
  const sqlite = await SqliteLogStore.open(join(dir, 'bench.db'), { synchronous: 'NORMAL' });
  await run('sqlite', sqlite);
  await sqlite.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
const { servers } = parseJetStreamUrl(url);
const prefix = `bench${randomBytes(4).toString('hex')}`;
try {
  const store = await JetStreamLogStore.open({ servers, prefix, retentionMs: 24 * 3600 * 1000, name: 'bench' });
  await run('jetstream', store);
  await store.close();
} finally {
  const nc = await connect({ servers });
  await deletePrefixStreams(await jetstreamManager(nc), prefix);
  await nc.close();
}
console.info(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
