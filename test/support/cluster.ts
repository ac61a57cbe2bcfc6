import { createServer } from 'node:net';
import { join } from 'node:path';
import { startHubProcess, writeTestConfig, type HubProcess } from './hub-process.js';
import { deletePrefix, randomPrefix, TEST_NATS } from './jetstream-prefix.js';
import { dropDatabase, freshDatabaseName, postgresUrl } from './store-backends.js';
import { makeTempDir } from './temp-dir.js';
import { TEST_CONFIG_JSON } from './test-config.js';

export interface HubHealth {
  readonly ok: boolean;
  readonly hub: string;
  readonly leader: boolean;
  readonly clients: number;
  readonly feeds: Record<string, { epoch: string; seq: number; lastTs: number }>;
}

export interface Cluster {
  readonly logUrl: string;
  readonly storeUrl: string;
  readonly dir: string;
  /** Start (or restart) hub `id` as its own process on a free port; resolves once it listens. */
  /** Start (or restart) hub `id` as its own process; it keeps the port it got first, so its URL stays the same. */
  start(id: string, extraArgs?: readonly string[]): Promise<HubProcess>;
  readonly hubs: Map<string, HubProcess>;
  health(id: string): Promise<HubHealth | null>;
  /** The id of the hub answering leader:true, waiting up to `timeoutMs` for exactly one. */
  leader(timeoutMs: number): Promise<string>;
}

/**
 * Hubs of one deployment as real processes (`npm run hub` with `--log` on the shared NATS JetStream and `--store` on
 * PostgreSQL), on a fresh stream prefix and a fresh database, both removed after the test (also on failure).
 */
/** What registers the cluster's cleanup: a test's context, or the benchmark's own list. */
export interface CleanupScope {
  after(work: () => Promise<void> | void): void;
}

export async function startCluster(t: CleanupScope, options: { natsUrl?: string; config?: unknown } = {}): Promise<Cluster> {
  const dir = await makeTempDir();
  const prefix = randomPrefix();
  const database = freshDatabaseName();
  const nats = options.natsUrl ?? TEST_NATS;
  const logUrl = `${nats}/${prefix}`;
  const storeUrl = postgresUrl(database);
  const config = await writeTestConfig(dir.path, options.config ?? TEST_CONFIG_JSON);
  const hubs = new Map<string, HubProcess>();
  const ports = new Map<string, number>();
  t.after(async () => {
    for (const hub of hubs.values()) await hub.kill('SIGKILL').catch(() => undefined);
    await deletePrefix(nats, prefix).catch(() => undefined);
    await dropDatabase(database).catch(() => undefined);
    await dir.remove();
  });
  const cluster: Cluster = {
    logUrl,
    storeUrl,
    dir: dir.path,
    hubs,
    async start(id, extraArgs = []) {
      const port = ports.get(id) ?? (await freePort());
      ports.set(id, port);
      const hub = await startHubProcess(
        ['--port', String(port), '--db', join(dir.path, `${id}.db`), '--config', config, '--log', logUrl, '--store', storeUrl, '--hub-id', id, ...extraArgs],
        60_000,
      );
      hubs.set(id, hub);
      return hub;
    },
    async health(id) {
      const hub = hubs.get(id);
      if (!hub || hub.child.exitCode !== null || hub.child.signalCode !== null) return null;
      try {
        return (await (await fetch(`${hub.url}/health`, { signal: AbortSignal.timeout(2000) })).json()) as HubHealth;
      } catch {
        return null;
      }
    },
    async leader(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const answers = (await Promise.all([...hubs.keys()].map((id) => cluster.health(id)))).filter((h): h is HubHealth => h !== null);
        const leaders = answers.filter((health) => health.leader);
        if (leaders.length === 1 && leaders[0]) return leaders[0].hub;
        if (Date.now() > deadline) throw new Error(`expected one leader within ${timeoutMs} ms, found ${leaders.map((l) => l.hub).join(', ') || 'none'}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
  return cluster;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
