import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { rawGet } from '../support/raw-get.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { makeTempDir, type TempDir } from '../support/temp-dir.js';

// The real `npm run serve` (hub, built console, its token hand-out): the guard is in front of serve's routes.
const RENDERER = new URL('../../build/app/renderer/', import.meta.url).pathname;
let dir: TempDir;
let serve: ServeProcess;
let port = 0;

before(async () => {
  dir = await makeTempDir();
  serve = await startServe(dir.path, ['--no-build', '--simulate', 'none', '--allow-host', 'ioc-wall.local']);
  port = Number(new URL(serve.url).port);
});
after(async () => {
  await serve?.stop();
  await dir?.remove();
});

test('the token hand-out answers its own names and refuses a rebinding Host with 421', async () => {
  const own = await rawGet(port, '/console-config.json?role=operator', `127.0.0.1:${port}`);
  assert.equal(own.status, 200);
  assert.match((JSON.parse(own.body) as { token: string }).token, /^[\w-]{20,}$/);
  assert.equal((await rawGet(port, '/console-config.json', `localhost:${port}`)).status, 200);
  assert.equal((await rawGet(port, '/console-config.json', `ioc-wall.local:${port}`)).status, 200, '--allow-host');

  const rebound = await rawGet(port, '/console-config.json?role=operator', `evil.example:${port}`);
  assert.equal(rebound.status, 421);
  assert.doesNotMatch(rebound.body, /token/);
  assert.equal((await rawGet(port, '/', `evil.example:${port}`)).status, 421, 'the console itself too');
});

test('the renderer source map exists but is not served', async () => {
  assert.ok(existsSync(`${RENDERER}console.js.map`), 'the build writes console.js.map');
  assert.equal((await rawGet(port, '/console.js', `127.0.0.1:${port}`)).status, 200);
  assert.equal((await rawGet(port, '/console.js.map', `127.0.0.1:${port}`)).status, 404);
});

test('the hub\'s own routes and the stream upgrade on serve\'s port refuse a rebinding Host too', async () => {
  assert.equal((await rawGet(port, '/health', `127.0.0.1:${port}`)).status, 200);
  assert.equal((await rawGet(port, '/health', `evil.example:${port}`)).status, 421);
  assert.equal((await rawGet(port, '/metrics', `evil.example:${port}`)).status, 421);
  const upgrade = await rawGet(port, '/v1/stream', `evil.example:${port}`, {
    connection: 'Upgrade',
    upgrade: 'websocket',
    'sec-websocket-version': '13',
    'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
  });
  assert.equal(upgrade.status, 421);
});

test('the bundle goes compressed to a browser that accepts it (brotli or gzip), whole otherwise', async () => {
  const { request } = await import('node:http');
  const encodingOf = (acceptEncoding: string | null): Promise<string | undefined> =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/console.js', headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (response) => {
        response.resume();
        resolve(response.headers['content-encoding']);
      });
      req.on('error', reject);
      req.end();
    });
  assert.equal(await encodingOf('gzip, deflate, br'), 'br');
  assert.equal(await encodingOf('gzip'), 'gzip');
  assert.equal(await encodingOf(null), undefined);
});
