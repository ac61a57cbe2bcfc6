import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything serve printed on stdout so far (its ingest line names a source token). */
  output(): string;
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/**
 * `npm run serve` as its own process (real hub + simulator + built console), on a free port, or on `port` (a
 * restart on the port a page is still pointed at).
 */
export function startServe(dir: string, extra: readonly string[] = [], timeoutMs = 60_000, port = 0): Promise<ServeProcess> {
  const args = ['--import', 'tsx', join(ROOT, 'scripts/serve.ts'), '--port', String(port), '--db', join(dir, 'serve.db'), '--seed', '7', ...extra];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start in ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /console: (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        child,
        url: match[1],
        output: () => stdout,
        pause: () => child.kill('SIGSTOP'),
        resume: () => child.kill('SIGCONT'),
        async stop() {
          if (child.exitCode !== null) return;
          child.kill('SIGCONT');
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`serve exited early: ${stderr}`));
    });
  });
}
