import assert from 'node:assert/strict';
import { test } from 'node:test';
import WebSocket from 'ws';
import { startTestHub, socAlert, streamUrl } from '../support/hub-fixture.js';
import { StreamClient } from '../support/stream-client.js';
import { delay, waitFor, withTempDir } from '../support/temp-dir.js';
import { TOKENS } from '../support/test-config.js';

test('hello with a good token gets welcome with role, name and feed positions', async () => {
  await withTempDir(async (dir) => {
    const hub = await startTestHub(dir);
    try {
      const client = new StreamClient(streamUrl(hub), TOKENS.operator);
      const welcome = await client.connect();
      assert.equal(welcome.type, 'welcome');
      assert.equal(welcome['role'], 'operator');
      assert.equal(welcome['name'], 'Operator One');
      const feeds = welcome['feeds'] as Record<string, { epoch: string; seq: number }>;
      for (const feed of ['traffic', 'vehicles', 'environment', 'soc', 'portal', 'incidents']) {
        assert.match(feeds[feed]?.epoch ?? '', /^[0-9a-f]{16}$/, feed);
      }
      await client.close();
    } finally {
      await hub.stop();
    }
  });
});

test('a bad token gets an unauthorized error frame and close code 4401', async () => {
  await withTempDir(async (dir) => {
    const hub = await startTestHub(dir);
    try {
      const client = new StreamClient(streamUrl(hub), 'not-a-real-token-at-all');
      await client.connect();
      await waitFor(() => client.closeCode !== null, 2000, 'close');
      assert.equal(client.closeCode, 4401);
      const error = client.framesOfType('error')[0];
      assert.equal(error?.['code'], 'unauthorized');
    } finally {
      await hub.stop();
    }
  });
});

test('subscribe without since starts with a snapshot, then live events in seq order, and heartbeats', async () => {
  await withTempDir(async (dir) => {
    const hub = await startTestHub(dir);
    try {
      await hub.publish('soc', [socAlert(1), socAlert(2)]);
      const client = new StreamClient(streamUrl(hub), TOKENS.wall);
      await client.connect();
      client.subscribe(['soc']);
      await waitFor(() => client.snapshots.length === 1, 2000, 'snapshot');
      assert.equal(client.snapshots[0]?.['seq'], 2);
      assert.equal(client.snapshots[0]?.['reason'], 'initial');
      await hub.publish('soc', [socAlert(3)]);
      await hub.publish('soc', [socAlert(4), socAlert(5)]);
      await waitFor(() => client.lastSeq('soc') === 5, 2000, 'live events');
      assert.deepEqual(client.seqs.get('soc'), [3, 4, 5]);
      await waitFor(() => client.framesOfType('heartbeat').length > 0, 2600, 'a heartbeat within 2 s');
      const heartbeat = client.framesOfType('heartbeat')[0];
      assert.deepEqual(heartbeat?.['feeds'], { soc: 5 });
      await client.close();
    } finally {
      await hub.stop();
    }
  });
});

test('resume with since replays exactly the missed items; a foreign epoch gets a snapshot', async () => {
  await withTempDir(async (dir) => {
    const hub = await startTestHub(dir);
    try {
      const client = new StreamClient(streamUrl(hub), TOKENS.operator);
      await client.connect();
      client.subscribe(['soc']);
      await hub.publish('soc', [socAlert(1), socAlert(2), socAlert(3)]);
      await waitFor(() => client.lastSeq('soc') === 3, 2000, 'first events');
      await client.close();
      for (let i = 4; i <= 1200; i += 100) await hub.publish('soc', Array.from({ length: 100 }, (_, k) => socAlert(i + k)));
      await client.connect();
      client.subscribe(['soc']);
      await waitFor(() => client.lastSeq('soc') === 1203, 5000, 'replay to the head');
      const seqs = client.seqs.get('soc') ?? [];
      assert.deepEqual(seqs, Array.from({ length: 1203 }, (_, i) => i + 1), 'every seq exactly once, in order');
      assert.ok(client.frames.some((frame) => frame.type === 'events' && frame['replay'] === true));
      assert.equal(client.snapshots.length, 1, 'only the first subscription needed a snapshot');

      const stranger = new StreamClient(streamUrl(hub), TOKENS.operator);
      await stranger.connect();
      stranger.send({ op: 'subscribe', feeds: ['soc'], since: { soc: { epoch: 'ffffffffffffffff', seq: 3 } } });
      await waitFor(() => stranger.snapshots.length === 1, 2000, 'snapshot for a foreign epoch');
      assert.equal(stranger.snapshots[0]?.['reason'], 'epoch-changed');
      await stranger.close();
      await client.close();
    } finally {
      await hub.stop();
    }
  });
});

test('malformed input gets error frames while another client keeps receiving', async () => {
  await withTempDir(async (dir) => {
    const hub = await startTestHub(dir);
    try {
      const watcher = new StreamClient(streamUrl(hub), TOKENS.wall);
      await watcher.connect();
      watcher.subscribe(['soc']);
      const abuser = new StreamClient(streamUrl(hub), TOKENS.operator);
      await abuser.connect();
      const bad: (string | Buffer)[] = [
        Buffer.from([0xff, 0x00, 0x13, 0x37, 0x80]),
        'this is not json {',
        '{"op":"subscribe","feeds":"soc"}',
        '{"op":"subscribe","feeds":["weather"]}',
        '{"op":"launch-missiles"}',
        '[1,2,3]',
        'null',
        '{"op":"ack","incident":42}',
      ];
      // Everything as text frames, the random bytes included (invalid UTF-8).
      for (const frame of bad) abuser.socket?.send(frame, { binary: false });
      abuser.socket?.send(Buffer.from('binary!'), { binary: true });
      await waitFor(() => abuser.framesOfType('error').length >= bad.length + 1, 2000, 'one error per bad frame');
      const errors = abuser.framesOfType('error');
      assert.ok(errors.every((error) => error['code'] === 'bad-frame'));
      assert.match(String(errors[0]?.['message']), /UTF-8/);
      assert.match(String(errors[2]?.['message']), /feeds/, 'a schema error names the field');
      assert.match(String(errors[4]?.['message']), /unknown op "launch-missiles"/);
      await hub.publish('soc', [socAlert(1)]);
      await waitFor(() => watcher.lastSeq('soc') === 1, 2000, 'the watcher still receives');
      assert.equal(abuser.closeCode, null, 'the abuser is still connected');
      abuser.send({ op: 'ping', id: 'still-there' });
      await waitFor(() => abuser.framesOfType('pong').length === 1, 2000, 'pong');
      const metrics = await (await fetch(`${hub.url}/metrics`)).text();
      assert.match(metrics, /ioc_hub_bad_frames_total\{reason="encoding"\} 1/);
      assert.match(metrics, /ioc_hub_bad_frames_total\{reason="json"\} 1/);
      assert.match(metrics, /ioc_hub_bad_frames_total\{reason="binary"\} 1/);
      assert.match(metrics, /ioc_hub_bad_frames_total\{reason="schema"\} 3/);
      assert.match(metrics, /ioc_hub_bad_frames_total\{reason="unknown-op"\} 3/);
      await watcher.close();
      await abuser.close();
    } finally {
      await hub.stop();
    }
  });
});

test('an oversized frame closes with 1009; more than 100 bad frames a minute closes with 1008', async () => {
  await withTempDir(async (dir) => {
    const hub = await startTestHub(dir);
    try {
      const big = new StreamClient(streamUrl(hub), TOKENS.operator);
      await big.connect();
      big.send(JSON.stringify({ op: 'ping', id: 'x'.repeat(70 * 1024) }));
      await waitFor(() => big.closeCode !== null, 2000, 'close for an oversized frame');
      assert.equal(big.closeCode, 1009);

      const noisy = new StreamClient(streamUrl(hub), TOKENS.operator);
      await noisy.connect();
      // Exactly the limit: whether or not the rate limiter drops some of them (a slow machine refills the bucket
      // while we send), at most 100 are counted as bad, so this must never close.
      for (let i = 0; i < 100; i++) noisy.send('not json');
      await delay(300);
      assert.equal(noisy.closeCode, null, '100 bad frames in a minute are tolerated');
      // The 101st bad frame in the window crosses the documented limit.
      for (let i = 0; i < 5 && noisy.closeCode === null; i++) {
        noisy.send('not json');
        await delay(100);
      }
      await waitFor(() => noisy.closeCode !== null, 3000, 'close past the bad-frame limit');
      assert.equal(noisy.closeCode, 1008);
      const health = (await (await fetch(`${hub.url}/health`)).json()) as { ok: boolean };
      assert.equal(health.ok, true, 'the hub is still up');
    } finally {
      await hub.stop();
    }
  });
});

test('a stalled client is closed with 4408 instead of growing the hub backlog without bound', async () => {
  await withTempDir(async (dir) => {
    const hub = await startTestHub(dir);
    try {
      const stalled = new WebSocket(streamUrl(hub));
      await new Promise((resolve) => stalled.once('open', resolve));
      stalled.send(JSON.stringify({ op: 'hello', token: TOKENS.wall }));
      stalled.send(JSON.stringify({ op: 'subscribe', feeds: ['soc'] }));
      await delay(200);
      // Stop reading: the kernel buffers fill, then the hub's per-client backlog grows.
      (stalled as unknown as { _socket: { pause(): void } })._socket.pause();
      let closedWith: number | null = null;
      stalled.on('close', (code) => {
        closedWith = code;
      });
      const payload = { ...socAlert(0), signature: 'x'.repeat(4000) };
      for (let round = 0; round < 200 && hub.clientCount > 0; round++) {
        await hub.publish('soc', Array.from({ length: 200 }, (_, i) => ({ ...payload, id: `big-${round}-${i}` })));
        await delay(5);
      }
      assert.equal(hub.clientCount, 0, 'the hub dropped the stalled client');
      const metrics = await (await fetch(`${hub.url}/metrics`)).text();
      assert.match(metrics, /ioc_hub_closes_total\{code="4408"\} 1/);
      (stalled as unknown as { _socket: { resume(): void } })._socket.resume();
      await waitFor(() => closedWith !== null, 5000, 'the client sees the close');
    } finally {
      await hub.stop();
    }
  });
});
