import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TEST_CONFIG_JSON } from './test-config.js';

export interface HubProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  stderr(): string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

const ROOT = new URL('../..', import.meta.url).pathname;

export async function writeTestConfig(dir: string, value: unknown = TEST_CONFIG_JSON): Promise<string> {
  const path = join(dir, 'hub.json');
  await writeFile(path, JSON.stringify(value));
  return path;
}

/** Run `feeds/hub/cli.ts` as its own process (as `npm run hub` does) and wait for its listening line. */
export function startHubProcess(args: readonly string[], timeoutMs = 20_000): Promise<HubProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'feeds/hub/cli.ts'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hub did not start within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(stdout);
      if (match?.[1] && match[2]) {
        clearTimeout(timer);
        const port = Number(match[2]);
        resolve({
          child,
          url: match[1],
          port,
          stderr: () => stderr,
          kill(signal: NodeJS.Signals = 'SIGTERM') {
            if (child.exitCode !== null) return Promise.resolve(child.exitCode);
            child.kill(signal);
            return exited;
          },
        });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code} before listening; stderr: ${stderr}`));
    });
  });
}

/** Run the hub CLI to completion (for start-up errors). */
export function runHubCli(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'feeds/hub/cli.ts'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    }),
  );
}
