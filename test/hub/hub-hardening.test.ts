import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import WebSocket from 'ws';
import type { Hub } from '../../feeds/hub/hub.js';
import { startHubProcess, writeTestConfig } from '../support/hub-process.js';
import { socAlert, startTestHub, streamUrl } from '../support/hub-fixture.js';
import { StreamClient } from '../support/stream-client.js';
import { delay, waitFor, withTempDir } from '../support/temp-dir.js';
import { testConfig, TOKENS } from '../support/test-config.js';

/** One raw HTTP exchange over a fresh TCP connection: the hub's answer as text (or '' when it closed). */
function rawHttp(port: number, request: string, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host });
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('end', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(request);
    setTimeout(() => socket.destroy(), 3000).unref();
  });
}

async function healthOk(hub: { url: string }): Promise<boolean> {
  const response = await fetch(`${hub.url}/health`);
  return response.status === 200 && ((await response.json()) as { ok: boolean }).ok;
}

/** A socket that opens (optionally from another loopback address) and then says nothing. */
function silentSocket(port: number, localAddress = '127.0.0.1', headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/v1/stream`, { localAddress, headers });
    socket.on('open', () => resolve(socket));
    socket.on('unexpected-response', (_request, response) => reject(new Error(`upgrade answered ${response.statusCode}`)));
    socket.on('error', reject);
  });
}

test('the three attacks that stopped the hub process: a non-string op, deep nesting, a malformed percent-encoding', { timeout: 60_000 }, async () => {
  await withTempDir(async (dir) => {
    const hub = await startHubProcess(['--port', '0', '--db', `${dir}/hub.db`, '--config', await writeTestConfig(dir), '--simulate', 'none']);
    try {
      const watcher = new StreamClient(`ws://127.0.0.1:${hub.port}/v1/stream`, TOKENS.operator);
      await watcher.connect();
      watcher.subscribe(['soc']);
      const attacker = new StreamClient(`ws://127.0.0.1:${hub.port}/v1/stream`, TOKENS.wall);
      await attacker.connect();
      // 1. `op` whose toString is not callable (and one that is an object with a throwing valueOf).
      attacker.send('{"op":{"toString":1,"valueOf":2}}');
      attacker.send('{"op":{"toString":{"toString":1}}}');
      // 2. tens of thousands of nested arrays, as op and as a whole frame (within the 64 KiB frame limit).
      attacker.send(`{"op":${'['.repeat(30_000)}${']'.repeat(30_000)}}`);
      attacker.send(`${'['.repeat(32_000)}${']'.repeat(32_000)}`);
      await waitFor(() => attacker.framesOfType('error').length >= 4, 5000, 'four bad-frame answers');
      const reasons = attacker.framesOfType('error').map((frame) => String(frame['message']));
      assert.match(reasons[0] ?? '', /"op" must be a string \(got object\)/);
      assert.match(reasons[2] ?? '', /nested deeper than 8 levels/);
      assert.ok(attacker.framesOfType('error').every((frame) => frame['code'] === 'bad-frame'));
      // 3. malformed percent-encoding in the ingest path, and an absolute-form target new URL() refuses.
      const encoded = await rawHttp(hub.port, `POST /v1/ingest/%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      assert.match(encoded, /^HTTP\/1\.1 (400|401)/);
      const absolute = await rawHttp(hub.port, `GET http://[::1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      assert.match(absolute, /^HTTP\/1\.1 400/);
      const authed = await fetch(`${hub.url}/v1/ingest/%E0%A4%A`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.source}` }, body: '' });
      assert.equal(authed.status, 400);
      assert.match(((await authed.json()) as { error: string }).error, /malformed percent-encoding/);
      // The process is alive, answers, and the other client still streams.
      assert.equal(hub.child.exitCode, null, hub.stderr());
      assert.ok(await healthOk(hub));
      await waitFor(() => watcher.framesOfType('heartbeat').length >= 2, 6000, 'heartbeats to the other client');
      assert.equal(watcher.closeCode, null);
      await watcher.close();
      await attacker.close();
    } finally {
      await hub.kill();
    }
  });
});

async function withHub(work: (hub: Hub) => Promise<void>, overrides: Record<string, unknown> = {}): Promise<void> {
  await withTempDir(async (dir) => {
    const hub = await startTestHub(dir, testConfig(overrides));
    try {
      await work(hub);
    } finally {
      await hub.stop();
    }
  });
}

test('an operator connects while a thousand hello-less sockets from other addresses are held open', { timeout: 60_000 }, async () => {
  await withHub(async (hub) => {
    const sockets: WebSocket[] = [];
    const refused: string[] = [];
    try {
      // 1,000 sockets from 63 loopback addresses (16 a piece is the per-address cap of hello-less sockets).
      for (let i = 0; i < 1000; i++) {
        const address = `127.0.${1 + Math.floor(i / 250)}.${2 + (Math.floor(i / 16) % 250)}`;
        try {
          sockets.push(await silentSocket(hub.port, address));
        } catch (error) {
          refused.push((error as Error).message);
        }
      }
      // The pending pool keeps 64 at most: older silent sockets were evicted to make room.
      await waitFor(() => sockets.filter((s) => s.readyState === WebSocket.OPEN).length <= 64, 5000, 'pending pool bounded');
      const operator = new StreamClient(streamUrl(hub), TOKENS.operator);
      const welcome = await operator.connect();
      assert.equal(welcome.type, 'welcome');
      operator.subscribe(['soc']);
      await hub.publish('soc', [socAlert(1)]);
      await waitFor(() => operator.lastSeq('soc') >= 1 || operator.snapshots.length > 0, 3000, 'operator receives');
      const metrics = await (await fetch(`${hub.url}/metrics`)).text();
      assert.match(metrics, /ioc_hub_pending_evicted_total \d{3}/);
      await operator.close();
    } finally {
      for (const socket of sockets) socket.terminate();
    }
  });
});

test('one address may hold 16 hello-less sockets; the next is refused 429 and an operator from elsewhere still connects', { timeout: 30_000 }, async () => {
  await withHub(async (hub) => {
    const sockets: WebSocket[] = [];
    try {
      for (let i = 0; i < 16; i++) sockets.push(await silentSocket(hub.port, '127.0.0.9'));
      await assert.rejects(silentSocket(hub.port, '127.0.0.9'), /upgrade answered 429/);
      const operator = new StreamClient(streamUrl(hub), TOKENS.operator);
      assert.equal((await operator.connect()).type, 'welcome');
      await operator.close();
      // Hello-less sockets are closed after the hello deadline (5 s), with 4408.
      const codes = await Promise.all(sockets.slice(0, 1).map((socket) => new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))));
      assert.deepEqual(codes, [4408]);
    } finally {
      for (const socket of sockets) socket.terminate();
    }
  });
});

test('a wall token holds at most 16 connections; an operator connects during the wall flood', { timeout: 30_000 }, async () => {
  await withHub(async (hub) => {
    const walls: StreamClient[] = [];
    try {
      for (let i = 0; i < 20; i++) {
        const wall = new StreamClient(streamUrl(hub), TOKENS.wall);
        await wall.connect();
        walls.push(wall);
      }
      const welcomed = walls.filter((wall) => wall.framesOfType('welcome').length === 1);
      assert.equal(welcomed.length, 16);
      const refused = walls.filter((wall) => wall.framesOfType('welcome').length === 0);
      await waitFor(() => refused.every((wall) => wall.closeCode !== null), 3000, 'refused walls closed');
      assert.deepEqual([...new Set(refused.map((wall) => wall.closeCode))], [4429]);
      assert.equal(refused[0]?.framesOfType('error')[0]?.['code'], 'over-capacity');
      const operator = new StreamClient(streamUrl(hub), TOKENS.operator);
      assert.equal((await operator.connect()).type, 'welcome');
      await operator.close();
      // A closed wall frees its slot for the next.
      await walls[0]?.close();
      const again = new StreamClient(streamUrl(hub), TOKENS.wall);
      await waitFor(() => hub.clientCount === 15, 3000, 'slot freed');
      assert.equal((await again.connect()).type, 'welcome');
      await again.close();
    } finally {
      for (const wall of walls) wall.kill();
    }
  });
});

test('failed hellos from one address make it wait (429 with Retry-After), other addresses are not affected', { timeout: 30_000 }, async () => {
  await withHub(async (hub) => {
    for (let i = 0; i < 11; i++) {
      const guess = new StreamClient(`ws://127.0.0.1:${hub.port}/v1/stream`, `guessed-token-${i}-xxxxxxxx`);
      const socket = new WebSocket(`ws://127.0.0.1:${hub.port}/v1/stream`, { localAddress: '127.0.0.7' });
      await new Promise<void>((resolve) => {
        socket.on('open', () => socket.send(JSON.stringify({ op: 'hello', token: guess.token })));
        socket.on('close', () => resolve());
        socket.on('error', () => resolve());
      });
    }
    const blocked = await new Promise<{ status: number; retryAfter: string | undefined }>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${hub.port}/v1/stream`, { localAddress: '127.0.0.7' });
      socket.on('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] }));
      socket.on('open', () => resolve({ status: 101, retryAfter: undefined }));
      socket.on('error', () => undefined);
    });
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.retryAfter) >= 1);
    const operator = new StreamClient(streamUrl(hub), TOKENS.operator);
    assert.equal((await operator.connect()).type, 'welcome');
    await operator.close();
  });
});

test('upgrades from another page origin are refused 403; the hub\'s own origin, app://console and tools without Origin are accepted', { timeout: 30_000 }, async () => {
  await withHub(
    async (hub) => {
      const upgrade = (origin: string | undefined): Promise<number> =>
        new Promise((resolve) => {
          const socket = new WebSocket(streamUrl(hub), origin === undefined ? {} : { headers: { origin } });
          socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
          socket.on('open', () => {
            socket.terminate();
            resolve(101);
          });
          socket.on('error', () => undefined);
        });
      assert.equal(await upgrade('http://evil.example'), 403);
      // DNS rebinding: the attacker's name resolves to 127.0.0.1, but the page's origin is still its own name.
      assert.equal(await upgrade(`http://rebind.attacker.example:${hub.port}`), 403);
      assert.equal(await upgrade(`http://127.0.0.1:${hub.port}`), 101);
      assert.equal(await upgrade(`http://localhost:${hub.port}`), 101);
      assert.equal(await upgrade('app://console'), 101);
      assert.equal(await upgrade('https://ioc.example.vn'), 101);
      assert.equal(await upgrade(undefined), 101);
      const metrics = await (await fetch(`${hub.url}/metrics`)).text();
      assert.match(metrics, /ioc_hub_upgrades_refused_total\{reason="origin"\} 2/);
    },
    { auth: { tokens: testConfig().auth.tokens, allowedOrigins: ['https://ioc.example.vn'] } },
  );
});

test('a feed listed twice in one subscribe is a bad frame naming the problem', { timeout: 15_000 }, async () => {
  await withHub(async (hub) => {
    const client = new StreamClient(streamUrl(hub), TOKENS.operator);
    await client.connect();
    client.send({ op: 'subscribe', feeds: ['soc', 'soc'] });
    await waitFor(() => client.framesOfType('error').length === 1, 3000, 'error');
    assert.match(String(client.framesOfType('error')[0]?.['message']), /feeds: a feed is listed more than once/);
    assert.equal(client.snapshots.length, 0);
    await client.close();
  });
});

test('a WebSocket handler that fails closes only its connection (1011); the hub and other clients go on', { timeout: 15_000 }, async () => {
  await withHub(async (hub) => {
    const other = new StreamClient(streamUrl(hub), TOKENS.operator);
    await other.connect();
    other.subscribe(['soc']);
    const victim = new StreamClient(streamUrl(hub), TOKENS.operator);
    await victim.connect();
    // A log read that fails during catch-up (the store is asked for a feed position it cannot read).
    const original = hub.readLog.bind(hub);
    hub.readLog = () => Promise.reject(new Error('disk read failed'));
    await hub.publish('soc', [socAlert(1), socAlert(2)]);
    const epoch = hub.channel('soc').epoch;
    victim.send({ op: 'subscribe', feeds: ['soc'], since: { soc: { epoch, seq: 0 } } });
    await waitFor(() => victim.closeCode !== null, 3000, 'victim closed');
    hub.readLog = original;
    assert.equal(victim.closeCode, 1011);
    await hub.publish('soc', [socAlert(3)]);
    await waitFor(() => other.lastSeq('soc') === 3, 3000, 'the other client still streams');
    const metrics = await (await fetch(`${hub.url}/metrics`)).text();
    assert.match(metrics, /ioc_hub_handler_errors_total\{where="catch-up"\} 1/);
    await other.close();
    await delay(10);
  });
});
