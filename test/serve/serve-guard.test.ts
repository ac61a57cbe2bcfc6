import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { guardRoutes, isSourceMapPath, RefusalLog } from '../../scripts/serve-guard.js';
import { rawGet } from '../support/raw-get.js';

// serve's own routes behind the guard, on a real loopback server: what reaches the inner routes is answered 200.
const warnings: string[] = [];
let server: Server;
let port = 0;

function startGuarded(sourceMaps: boolean): Promise<{ server: Server; port: number }> {
  const refusals = new RefusalLog((message) => warnings.push(message));
  const guarded = guardRoutes((_request, response) => response.writeHead(200).end('inner'), { listenHost: '127.0.0.1', allowHosts: ['ioc-wall.local'], sourceMaps, refusals });
  const started = createServer((request, response) => guarded(request, response, () => response.writeHead(404).end()));
  return new Promise((resolve) => started.listen(0, '127.0.0.1', () => resolve({ server: started, port: (started.address() as AddressInfo).port })));
}

const get = (path: string, host: string | null, onPort = port): Promise<{ status: number; body: string }> => rawGet(onPort, path, host);

before(async () => {
  ({ server, port } = await startGuarded(false));
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('requests addressed to this server by one of its names reach the routes', async () => {
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`, `ioc-wall.local:${port}`]) {
    assert.deepEqual(await get('/console-config.json', host), { status: 200, body: 'inner' }, host);
  }
});

test('another Host or a wrong port gets 421 with the reason, no Host 400, and the refusals are counted', async () => {
  const before = warnings.length;
  const refused = await get('/console-config.json?role=operator', `evil.example:${port}`);
  assert.equal(refused.status, 421);
  assert.match(refused.body, new RegExp(`^Host "evil\\.example:${port}" is not a name of this server: `));
  assert.equal((await get('/', `127.0.0.1:${port + 1}`)).status, 421);
  // Node's HTTP server answers an HTTP/1.1 request without Host 400 itself (requireHostHeader); never the routes.
  assert.equal((await get('/', null)).status, 400);
  // Two refusals, one warning: the log says so at most once a minute.
  assert.equal(warnings.length, before + 1);
  assert.match(warnings.at(-1) ?? '', /refused 1 request\(s\) for another host \(1 in all; latest: Host "evil\.example:\d+" is not a name/);
});

test('source maps are 404 by default, in every spelling the file server would decode', async () => {
  const host = `127.0.0.1:${port}`;
  for (const path of ['/console.js.map', '/console.js.MAP', '/console.js%2Emap', '/console.js.map?x=1', '/console.js.map/', '/assets/x.css.map']) {
    assert.equal((await get(path, host)).status, 404, path);
  }
  assert.equal((await get('/console.js', host)).status, 200);
  assert.equal((await get('/maps/index.html', host)).status, 200);
});

test('--source-maps lets them through', async () => {
  const withMaps = await startGuarded(true);
  try {
    assert.equal((await get('/console.js.map', `127.0.0.1:${withMaps.port}`, withMaps.port)).status, 200);
    assert.equal((await get('/console.js.map', `evil.example:${withMaps.port}`, withMaps.port)).status, 421, 'the Host check still applies');
  } finally {
    await new Promise<void>((resolve) => withMaps.server.close(() => resolve()));
  }
});

test('isSourceMapPath: raw, encoded and malformed forms', () => {
  assert.equal(isSourceMapPath('/a.js.map'), true);
  assert.equal(isSourceMapPath('/a.js%2emap'), true);
  assert.equal(isSourceMapPath('/a.js.map%'), false, 'a malformed escape is left raw, as the file server leaves it');
  assert.equal(isSourceMapPath('/%E0%A4%A.map'), true);
  assert.equal(isSourceMapPath('/a.js?file=b.map'), false);
  assert.equal(isSourceMapPath('/mapping.js'), false);
});

test('the refusal log warns at once, then at most once per interval with the count since', () => {
  const said: string[] = [];
  let now = 0;
  const log = new RefusalLog((message) => said.push(message), 60_000, () => now);
  log.record('a');
  now = 59_999;
  log.record('b');
  log.record('c');
  assert.equal(said.length, 1);
  now = 60_000;
  log.record('d');
  assert.equal(said.length, 2);
  assert.match(said[1] ?? '', /refused 3 request\(s\) .*\(4 in all; latest: d\)/);
  assert.equal(log.total, 4);
});
