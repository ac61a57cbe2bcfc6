import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';

export const NATS_SERVER_BINARY = process.env['IOC_NATS_SERVER'] ?? '/usr/sbin/nats-server';

/**
 * A nats-server of the test's own (JetStream on, own port, own store folder), so a test can stop, freeze and restart
 * it without disturbing anyone else using the shared server. Ended by its pid only.
 */
export interface PrivateNats {
  readonly url: string;
  /** SIGSTOP for `ms`, then SIGCONT (also if the caller's work throws). */
  freeze(ms: number): Promise<void>;
  /** Stop the process (SIGTERM, wait) and start it again on the same port and store. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
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

async function waitUntilUp(url: string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      const nc = await connect({ servers: url, timeout: 500 });
      await nc.close();
      return;
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw new Error(`nats-server at ${url} did not come up: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export async function startPrivateNats(): Promise<PrivateNats> {
  if (!existsSync(NATS_SERVER_BINARY)) throw new Error(`no nats-server at ${NATS_SERVER_BINARY} (set IOC_NATS_SERVER)`);
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'ioc-nats-'));
  const url = `nats://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const launch = async (): Promise<void> => {
    const process_ = spawn(NATS_SERVER_BINARY, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], { stdio: 'ignore' });
    child = process_;
    await waitUntilUp(url, 10_000);
  };
  const end = async (): Promise<void> => {
    const current = child;
    child = null;
    if (!current || current.exitCode !== null || current.pid === undefined) return;
    const exited = new Promise((resolve) => current.once('exit', resolve));
    process.kill(current.pid, 'SIGCONT');
    process.kill(current.pid, 'SIGTERM');
    await exited;
  };
  await launch();
  return {
    url,
    async freeze(ms: number) {
      const pid = (child as ChildProcess | null)?.pid;
      if (pid === undefined) throw new Error('private nats-server is not running');
      process.kill(pid, 'SIGSTOP');
      try {
        await new Promise((resolve) => setTimeout(resolve, ms));
      } finally {
        process.kill(pid, 'SIGCONT');
      }
    },
    async restart(downMs = 500) {
      await end();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await launch();
    },
    async stop() {
      await end();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
