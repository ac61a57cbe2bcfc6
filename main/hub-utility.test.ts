import assert from 'node:assert/strict';
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import type { HubArgs } from '../feeds/hub/cli-args.js';
import { isHubUtilityReply, type HubUtilityReply, type HubUtilityRequest } from './hub-utility-messages.js';

// The embedded hub as Electron runs it, minus Electron: the esbuild bundle hub-utility.cjs, in a Node process whose
// `process.parentPort` is stood in for by Node's IPC channel. This catches what only the bundle can get wrong
// (import.meta in CJS, sqlite3 left external, the region pack path) without the Electron binary.
const ROOT = join(import.meta.dirname, '..');

const HARNESS = `
const { EventEmitter } = require('node:events');
const port = new EventEmitter();
port.postMessage = (message) => process.send(message);
process.on('message', (data) => port.emit('message', { data }));
process.parentPort = port;
require(process.argv[2]);
`;

interface Harness {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  send(request: HubUtilityRequest): void;
  reply(): Promise<HubUtilityReply>;
}

function startHarness(dir: string, bundle: string): Harness {
  const child = fork(join(dir, 'harness.cjs'), [bundle], {
    // The bundle lives outside the repo; sqlite3 (external) is found through NODE_PATH as in the real app's node_modules.
    env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    send: (request) => child.send(request),
    reply: () =>
      new Promise((resolve, reject) => {
        child.once('message', (message) => (isHubUtilityReply(message) ? resolve(message) : reject(new Error(`unexpected ${JSON.stringify(message)}`))));
        void exited.then((code) => reject(new Error(`hub utility exited (${code}) without replying; stderr: ${stderr}`)));
      }),
  };
}

test('the bundled hub utility starts the simulated hub, answers ready, and stops cleanly', { timeout: 90_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ioc-hub-utility-'));
  try {
    await promisify(execFile)(process.execPath, [join(ROOT, 'scripts/build-main.mjs'), '--outdir', join(dir, 'main')]);
    await writeFile(join(dir, 'harness.cjs'), HARNESS);
    await writeFile(join(dir, 'hub.json'), JSON.stringify({ auth: { tokens: [{ token: 'test-operator-token-0001', role: 'operator', name: 'Op' }] } }));
    const args: HubArgs = {
      port: 0,
      host: '127.0.0.1',
      db: join(dir, 'data', 'ioc.db'),
      simulate: 'hai-duong',
      region: join(ROOT, 'regions', 'hai-duong'),
      config: join(dir, 'hub.json'),
      seed: 1,
      speed: 1,
      vehicles: 50,
      simStart: null,
      demo: null,
    };

    const hub = startHarness(dir, join(dir, 'main', 'hub-utility.cjs'));
    hub.send({ type: 'start', args });
    const ready = await hub.reply();
    assert.equal(ready.type, 'ready');
    assert.ok(ready.type === 'ready' && /^http:\/\/127\.0\.0\.1:\d+$/.test(ready.url), JSON.stringify(ready));
    const health = (await (await fetch(`${ready.url}/health`)).json()) as { ok: boolean };
    assert.equal(health.ok, true);
    hub.send({ type: 'stop' });
    assert.equal(await hub.exited, 0);

    const broken = startHarness(dir, join(dir, 'main', 'hub-utility.cjs'));
    broken.send({ type: 'start', args: { ...args, region: join(dir, 'no-such-region') } });
    const failed = await broken.reply();
    assert.equal(failed.type, 'failed');
    assert.notEqual(await broken.exited, 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
