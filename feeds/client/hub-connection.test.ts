/**
 * HubConnection against the real hub (in-process, real SQLite in a temp dir), with `ws`'s WebSocket as the
 * WebSocketCtor. Protocol corner cases a real hub never produces (gaps, bad frames) are in
 * hub-connection-protocol.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import WebSocket from 'ws';
import { socAlert, startTestHub, streamUrl } from '../../test/support/hub-fixture.js';
import { delay, waitFor, withTempDir } from '../../test/support/temp-dir.js';
import { TOKENS } from '../../test/support/test-config.js';
import type { Hub } from '../hub/hub.js';
import type { VehicleFrame } from '../protocol/vehicle-frame.js';
import { feedHealth$, type FeedHealthState } from './feed-health.js';
import { HubConnection, type HubConnectionError, type HubConnectionOptions, type PendingOperation } from './hub-connection.js';
import type { ConnectionStatus, FeedEvents, FeedSnapshot } from './hub-streams.js';

/** ws's WebSocket, remembering every socket the connection makes (so a test can kill one) and when. */
function recordingWebSocket() {
  const sockets: WebSocket[] = [];
  const createdAt: number[] = [];
  class RecordingWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
      createdAt.push(Date.now());
    }
  }
  return { Ctor: RecordingWebSocket, sockets, createdAt };
}

function record(connection: HubConnection) {
  const seen = {
    statuses: [] as ConnectionStatus[],
    snapshots: [] as FeedSnapshot[],
    events: [] as FeedEvents[],
    vehicles: [] as VehicleFrame[],
    errors: [] as HubConnectionError[],
    pending: [] as (readonly PendingOperation[])[],
    heartbeats: 0,
    seqs: (feed: string): number[] => seen.events.filter((frame) => frame.feed === feed).flatMap((frame) => frame.items.map((item) => item.seq)),
  };
  connection.status$.subscribe((status) => seen.statuses.push(status));
  connection.snapshots$.subscribe((snapshot) => seen.snapshots.push(snapshot));
  connection.events$.subscribe((frame) => seen.events.push(frame));
  connection.vehicles$.subscribe((frame) => seen.vehicles.push(frame));
  connection.errors$.subscribe((error) => seen.errors.push(error));
  connection.pending$.subscribe((pending) => seen.pending.push(pending));
  connection.heartbeats$.subscribe(() => (seen.heartbeats += 1));
  return seen;
}

function options(hub: Hub, WebSocketCtor: HubConnectionOptions['WebSocketCtor'], extra: Partial<HubConnectionOptions> = {}): HubConnectionOptions {
  return {
    url: streamUrl(hub),
    token: TOKENS.operator,
    WebSocketCtor,
    feeds: ['soc', 'vehicles'],
    random: () => 0.5,
    client: 'console/test',
    ...extra,
  };
}

function vehicleBatch() {
  return {
    ids: new Uint32Array([101, 102, 103]),
    positions: new Float32Array([106.31, 20.94, 106.32, 20.95, 106.33, 20.96]),
    headings: new Uint16Array([0, 90, 180]),
    speeds: new Uint8Array([30, 45, 0]),
    kinds: new Uint8Array([0, 1, 4]),
  };
}

test('snapshot then live events; an abrupt drop reconnects with backoff and resumes with exactly the missed seqs', async () => {
  await withTempDir(async (dir) => {
    const hub = await startTestHub(dir);
    const { Ctor, sockets, createdAt } = recordingWebSocket();
    let connection: HubConnection | undefined;
    try {
      await hub.publish('soc', [socAlert(1), socAlert(2)]);
      // Backoff base 2 s with random 0.5: the first retry waits exactly 1000 ms (time to publish while it is down).
      connection = new HubConnection(options(hub, Ctor, { backoff: { baseMs: 2000, capMs: 30_000 } }));
      const live = connection;
      const seen = record(live);
      const socHealth: FeedHealthState[] = [];
      feedHealth$(live).subscribe((health) => {
        if (socHealth.at(-1) !== health.soc.state) socHealth.push(health.soc.state);
      });

      await waitFor(() => seen.snapshots.length === 1, 3000, 'the initial snapshot');
      const snapshot = seen.snapshots[0];
      assert.equal(snapshot?.feed, 'soc');
      assert.equal(snapshot?.seq, 2);
      assert.equal(snapshot?.reason, 'initial');
      assert.equal((snapshot?.state as { alerts: unknown[] }).alerts.length, 2);
      assert.equal(live.status, 'open');

      await hub.publish('soc', [socAlert(3)]);
      await hub.publish('soc', [socAlert(4), socAlert(5)]);
      await waitFor(() => seen.seqs('soc').at(-1) === 5, 3000, 'live events');
      assert.deepEqual(seen.seqs('soc'), [3, 4, 5]);
      assert.ok(seen.events.every((frame) => !frame.replay));

      hub.publishVehicles(vehicleBatch(), 1_763_800_000_000);
      await waitFor(() => seen.vehicles.length === 1, 3000, 'a vehicle frame');
      const vehicles = seen.vehicles[0];
      assert.equal(vehicles?.count, 3);
      assert.ok(vehicles?.positions instanceof Float32Array);
      assert.deepEqual([...(vehicles?.ids ?? [])], [101, 102, 103]);

      // Network failure: the socket dies without a closing handshake.
      const droppedAt = Date.now();
      sockets[0]?.terminate();
      await waitFor(() => live.status === 'reconnecting', 2000, 'status reconnecting');
      await hub.publish('soc', [socAlert(6), socAlert(7), socAlert(8)]);
      const operation = live.ack('INC-404', 'queued while offline');
      assert.equal(seen.pending.at(-1)?.length, 1, 'shown as pending while offline');
      assert.equal(seen.pending.at(-1)?.[0]?.frame.op, 'ack');

      await waitFor(() => live.status === 'open' && seen.seqs('soc').at(-1) === 8, 5000, 'the resume');
      assert.equal(sockets.length, 2);
      const waited = (createdAt[1] ?? 0) - droppedAt;
      assert.ok(waited >= 950 && waited < 5000, `reconnected after ${waited} ms, backoff says 1000`);
      assert.deepEqual(seen.seqs('soc'), [3, 4, 5, 6, 7, 8], 'exactly the missed seqs, no gap, no repeat');
      assert.ok(seen.events.filter((frame) => frame.items.some((item) => item.seq >= 6)).every((frame) => frame.replay));
      assert.equal(seen.snapshots.length, 1, 'resumed with since: no second snapshot');
      assert.deepEqual(live.position('soc'), { epoch: snapshot?.epoch, seq: 8 });

      const result = await operation;
      assert.equal(result.ok, false);
      assert.equal(result.error?.code, 'not-found');
      assert.equal(seen.pending.at(-1)?.length, 0);

      await hub.publish('soc', [socAlert(9)]);
      await waitFor(() => seen.seqs('soc').at(-1) === 9, 3000, 'live again');
      assert.equal(seen.events.at(-1)?.replay, false);
      await waitFor(() => seen.heartbeats > 0, 3000, 'a heartbeat');

      assert.deepEqual(seen.statuses, ['connecting', 'open', 'reconnecting', 'open']);
      assert.deepEqual(socHealth.slice(0, 4), ['reconnecting', 'live', 'reconnecting', 'live']);
      const stats = live.stats;
      assert.equal(stats.seqViolations, 0);
      assert.equal(stats.invalidFrames, 0);
      assert.equal(stats.invalidVehicleFrames, 0);
      assert.equal(stats.welcomes, 2);
      assert.equal(stats.reconnects, 1);
      assert.equal(stats.lastCloseCode, 1006);
      assert.deepEqual(seen.errors.filter((error) => error.kind !== 'socket-error'), []);

      live.close();
      assert.equal(live.status, 'closed');
      await waitFor(() => hub.clientCount === 0, 2000, 'the hub to see the close');
    } finally {
      connection?.close();
      await hub.stop();
    }
  });
});

test('a bad token ends in status unauthorized, with no reconnect loop', async () => {
  await withTempDir(async (dir) => {
    const hub = await startTestHub(dir);
    const { Ctor, sockets } = recordingWebSocket();
    const connections: HubConnection[] = [];
    try {
      for (const token of ['not-a-real-token-at-all', TOKENS.source]) {
        const connection = new HubConnection(options(hub, Ctor, { token, random: () => 0 }));
        connections.push(connection);
        const seen = record(connection);
        const refused = assert.rejects(connection.resolve('INC-1'), /unauthorized/);
        await waitFor(() => connection.status === 'unauthorized', 3000, `unauthorized for ${token}`);
        await refused;
        assert.equal(connection.stats.lastCloseCode, 4401);
        assert.deepEqual(seen.errors.map((error) => error.code), [token === TOKENS.source ? 'forbidden' : 'unauthorized']);
        await assert.rejects(connection.ack('INC-1'), /unauthorized/);
      }
      // random 0 would retry at once: give it time to show that it does not.
      await delay(1000);
      assert.equal(sockets.length, 2, 'one socket per connection, never retried');
      assert.ok(connections.every((connection) => connection.status === 'unauthorized'));
      assert.equal(hub.clientCount, 0);
    } finally {
      for (const connection of connections) connection.close();
      await hub.stop();
    }
  });
});

test('an operation made before the first welcome is sent once welcomed; the hub going away means reconnecting', async () => {
  await withTempDir(async (dir) => {
    const hub = await startTestHub(dir);
    const { Ctor, sockets } = recordingWebSocket();
    let connection: HubConnection | undefined;
    try {
      connection = new HubConnection(options(hub, Ctor, { backoff: { baseMs: 100, capMs: 400 } }));
      const live = connection;
      const result = await live.assign('INC-7', 'team-a', 'made while connecting');
      assert.deepEqual(result.error, { code: 'not-found', message: 'no incident "INC-7"' });
      assert.equal(live.status, 'open');

      await hub.stop();
      await waitFor(() => live.status === 'reconnecting', 2000, 'reconnecting after 1001');
      assert.equal(live.stats.lastCloseCode, 1001);
      await waitFor(() => sockets.length >= 4, 3000, 'repeated attempts while the hub is down');
      assert.equal(live.status, 'reconnecting');
    } finally {
      connection?.close();
      await hub.stop();
    }
  });
});
