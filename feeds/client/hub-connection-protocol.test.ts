/**
 * HubConnection against a scripted socket in virtual time (RxJS TestScheduler): the protocol rules that a real hub
 * cannot be made to break on purpose — seq gaps, invalid frames, silence — and the exact reconnect schedule.
 * The real hub is exercised in hub-connection.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReplaySubject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { encodeVehicleFrame, type VehicleFrame } from '../protocol/vehicle-frame.js';
import { CLIENT_RESUME_CLOSE_CODE, HubConnection, type HubConnectionError, type HubConnectionOptions } from './hub-connection.js';
import type { ConnectionStatus, FeedEvents, FeedSnapshot } from './hub-streams.js';
import type { WebSocketCloseEventLike, WebSocketLike, WebSocketMessageEventLike } from './web-socket-like.js';

const EPOCH = '0123456789abcdef';
const OTHER_EPOCH = 'fedcba9876543210';

/** A socket the test drives: `open`, `receive` and `serverClose` play the hub; `sent` records what the client sent. */
class ScriptedSocket implements WebSocketLike {
  binaryType = 'blob';
  readyState = 0;
  readonly url: string;
  readonly sent: Record<string, unknown>[] = [];
  closedWith: { code: number | undefined; reason: string | undefined } | null = null;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: WebSocketMessageEventLike) => void) | null = null;
  onclose: ((event: WebSocketCloseEventLike) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(url: string) {
    this.url = url;
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(code?: number, reason?: string): void {
    this.readyState = 3;
    this.closedWith = { code, reason };
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: Record<string, unknown> | string | ArrayBuffer): void {
    const data = typeof frame === 'string' || frame instanceof ArrayBuffer ? frame : JSON.stringify(frame);
    this.onmessage?.({ data });
  }
  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  /** open + welcome, as a hub answers a good hello. */
  welcome(heartbeatMs = 2000): void {
    if (this.readyState === 0) this.open();
    this.receive({ type: 'welcome', protocol: 1, role: 'operator', name: 'Test', feeds: {}, limits: { heartbeatMs } });
  }
  sentOps(op: string): Record<string, unknown>[] {
    return this.sent.filter((frame) => frame['op'] === op);
  }
}

function scriptedSockets(): { Ctor: new (url: string) => ScriptedSocket; sockets: ScriptedSocket[] } {
  const sockets: ScriptedSocket[] = [];
  class Recorded extends ScriptedSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  return { Ctor: Recorded, sockets };
}

function socket(sockets: readonly ScriptedSocket[], index: number): ScriptedSocket {
  const found = sockets[index];
  assert.ok(found, `socket #${index} was created`);
  return found;
}

function recorder(connection: HubConnection) {
  const statuses: ConnectionStatus[] = [];
  const snapshots: FeedSnapshot[] = [];
  const events: FeedEvents[] = [];
  const errors: HubConnectionError[] = [];
  const vehicles: VehicleFrame[] = [];
  connection.status$.subscribe((status) => statuses.push(status));
  connection.snapshots$.subscribe((snapshot) => snapshots.push(snapshot));
  connection.events$.subscribe((frame) => events.push(frame));
  connection.errors$.subscribe((error) => errors.push(error));
  connection.vehicles$.subscribe((frame) => vehicles.push(frame));
  return { statuses, snapshots, events, errors, vehicles };
}

function newTestScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => assert.deepEqual(actual, expected));
}

function connect(scheduler: TestScheduler, Ctor: new (url: string) => ScriptedSocket, extra: Partial<HubConnectionOptions> = {}) {
  return new HubConnection({
    url: 'ws://hub.test/v1/stream',
    token: 'token-1',
    WebSocketCtor: Ctor,
    feeds: ['soc', 'traffic', 'vehicles'],
    random: () => 0.5,
    scheduler,
    ...extra,
  });
}

const events = (feed: string, seqs: number[], epoch = EPOCH) => ({
  type: 'events',
  feed,
  epoch,
  items: seqs.map((seq) => ({ seq, ts: 1_763_800_000_000 + seq, data: { n: seq } })),
});

test('backoff schedule: failed attempts are retried after 250, 500, 1000 … ms up to the cap (random 0.5)', () => {
  const scheduler = newTestScheduler();
  scheduler.run(({ expectObservable }) => {
    const attempts = new ReplaySubject<string>();
    const sockets: ScriptedSocket[] = [];
    class Refused extends ScriptedSocket {
      constructor(url: string) {
        super(url);
        sockets.push(this);
        attempts.next(String.fromCharCode(97 + sockets.length - 1));
        // The network refuses: the close event comes in a later task, as in a browser.
        scheduler.schedule(() => this.serverClose(1006), 0);
      }
    }
    const connection = connect(scheduler, Refused);
    // Recorded from the start: the first close is already queued when expectObservable subscribes.
    const statuses = new ReplaySubject<ConnectionStatus>();
    connection.status$.subscribe(statuses);
    scheduler.schedule(() => connection.close(), 40_000);
    // Delays are 0.5 × min(30 s, 500 ms · 2ⁿ): 250, 500, 1000, 2000, 4000, 8000, 15000 → attempts at these times.
    const marbles = 'a 249ms b 499ms c 999ms d 1999ms e 3999ms f 7999ms g 14999ms h';
    expectObservable(attempts, '^ 39999ms !').toBe(marbles);
    expectObservable(statuses).toBe('(cr) 39996ms (l|)', { c: 'connecting', r: 'reconnecting', l: 'closed' });
  });
});

test('several hubs: a lost hub is replaced by the next one at once, and the backoff grows per round over all of them', () => {
  const scheduler = newTestScheduler();
  scheduler.run(({ flush }) => {
    const { Ctor, sockets } = scriptedSockets();
    const urls = ['ws://hub-a.test/v1/stream', 'ws://hub-b.test/v1/stream', 'ws://hub-c.test/v1/stream'];
    const connection = connect(scheduler, Ctor, { url: urls });
    const hubs: string[] = [];
    connection.hub$.subscribe((hub) => hubs.push(hub));
    socket(sockets, 0).welcome();
    socket(sockets, 0).serverClose(1006);
    // 0.5 × 500 ms after the loss, on hub B (not A again).
    scheduler.schedule(() => {
      assert.equal(sockets.length, 2);
      assert.equal(socket(sockets, 1).url, urls[1]);
      // B is down too: C is tried after the same short wait (still the first round) …
      socket(sockets, 1).serverClose(1006);
    }, 251);
    scheduler.schedule(() => {
      assert.equal(socket(sockets, 2).url, urls[2]);
      socket(sockets, 2).serverClose(1006);
    }, 502);
    // … then A again (every hub once, quickly) …
    scheduler.schedule(() => {
      assert.equal(socket(sockets, 3).url, urls[0]);
      socket(sockets, 3).serverClose(1006);
    }, 502 + 251);
    // … and once a whole round found no hub, the next attempt (B) waits the second step of the backoff: 500 ms.
    scheduler.schedule(() => assert.equal(sockets.length, 4), 753 + 499);
    scheduler.schedule(() => {
      assert.equal(sockets.length, 5);
      assert.equal(socket(sockets, 4).url, urls[1]);
      socket(sockets, 4).welcome();
      assert.equal(connection.hubUrl, urls[1]);
      connection.close();
    }, 753 + 501);
    flush();
    assert.deepEqual(hubs, [urls[0], urls[1], urls[2], urls[0], urls[1]]);
  });
});

test('a connection that got a welcome resets the backoff; a failed attempt does not', () => {
  const scheduler = newTestScheduler();
  scheduler.run(() => {
    const { Ctor, sockets } = scriptedSockets();
    const connection = connect(scheduler, Ctor);
    // (Checks run at t+1 where an action of the connection is due at t: at equal times, earlier-scheduled runs first.)
    scheduler.schedule(() => socket(sockets, 0).serverClose(1006), 10); // attempt 0 fails → wait 250
    scheduler.schedule(() => socket(sockets, 1).serverClose(1006), 300); // attempt 1 fails → wait 500
    scheduler.schedule(() => socket(sockets, 2).welcome(), 810);
    scheduler.schedule(() => socket(sockets, 2).serverClose(1001, 'hub shutting down'), 1000); // worked → 250 again
    scheduler.schedule(() => {
      assert.equal(sockets.length, 4);
      assert.equal(connection.status, 'reconnecting');
      connection.close();
    }, 1300);
    scheduler.schedule(() => assert.equal(sockets.length, 3, 'third attempt not yet made at 1249'), 1249);
    scheduler.schedule(() => assert.equal(sockets.length, 2, 'second attempt waits the full 500 ms'), 799);
    return connection;
  });
});

test('hello, welcome, subscribe; snapshot and contiguous events are applied and advance the position', () => {
  const scheduler = newTestScheduler();
  scheduler.run(() => {
    const { Ctor, sockets } = scriptedSockets();
    const connection = connect(scheduler, Ctor, { client: 'console/test' });
    const seen = recorder(connection);
    const s0 = socket(sockets, 0);
    assert.equal(s0.binaryType, 'arraybuffer');
    s0.open();
    assert.deepEqual(s0.sent, [{ op: 'hello', token: 'token-1', client: 'console/test' }]);
    s0.welcome();
    assert.deepEqual(s0.sent[1], { op: 'subscribe', feeds: ['soc', 'traffic', 'vehicles'] });
    s0.receive({ type: 'subscribed', feeds: ['soc', 'traffic', 'vehicles'] });
    s0.receive({ type: 'snapshot', feed: 'soc', epoch: EPOCH, seq: 5, reason: 'initial', state: { alerts: [] } });
    s0.receive(events('soc', [6, 7]));
    s0.receive({ ...events('soc', [8]), replay: true });
    assert.deepEqual(seen.statuses, ['connecting', 'open']);
    assert.equal(seen.snapshots.length, 1);
    assert.deepEqual(seen.snapshots[0], { feed: 'soc', epoch: EPOCH, seq: 5, reason: 'initial', state: { alerts: [] } });
    assert.deepEqual(seen.events.map((frame) => [frame.items.map((item) => item.seq), frame.replay]), [[[6, 7], false], [[8], true]]);
    assert.deepEqual(connection.position('soc'), { epoch: EPOCH, seq: 8 });
    assert.equal(connection.position('traffic'), undefined);
    connection.close();
    assert.equal(s0.closedWith?.code, 1000);
  });
});

test('a seq gap is never applied: it is counted, reported, and the connection resumes with since', () => {
  const scheduler = newTestScheduler();
  scheduler.run(() => {
    const { Ctor, sockets } = scriptedSockets();
    const connection = connect(scheduler, Ctor);
    const seen = recorder(connection);
    const s0 = socket(sockets, 0);
    s0.welcome();
    s0.receive({ type: 'snapshot', feed: 'soc', epoch: EPOCH, seq: 5, reason: 'initial', state: {} });
    s0.receive({ type: 'snapshot', feed: 'traffic', epoch: OTHER_EPOCH, seq: 40, reason: 'initial', state: {} });
    s0.receive(events('soc', [6, 7]));
    s0.receive(events('soc', [9, 10]));
    assert.deepEqual(seen.events.flatMap((frame) => frame.items.map((item) => item.seq)), [6, 7], 'the gap was not applied');
    assert.equal(connection.stats.seqViolations, 1);
    assert.deepEqual(seen.errors.map((error) => [error.kind, error.feed]), [['seq-violation', 'soc']]);
    assert.match(seen.errors[0]?.message ?? '', /expected seq 8, received 9/);
    assert.equal(s0.closedWith?.code, CLIENT_RESUME_CLOSE_CODE);
    assert.equal(connection.status, 'reconnecting');
    s0.receive(events('soc', [8])); // late frames of the dropped socket are ignored
    assert.equal(seen.events.length, 1);

    scheduler.schedule(() => {
      const s1 = socket(sockets, 1);
      s1.welcome();
      assert.deepEqual(s1.sentOps('subscribe'), [{
        op: 'subscribe',
        feeds: ['soc', 'traffic', 'vehicles'],
        since: { soc: { epoch: EPOCH, seq: 7 }, traffic: { epoch: OTHER_EPOCH, seq: 40 } },
      }]);
      s1.receive({ ...events('soc', [8, 9, 10]), replay: true });
      assert.deepEqual(connection.position('soc'), { epoch: EPOCH, seq: 10 });
      connection.close();
    }, 300);
  });
});

test('repeats, an epoch change without snapshot, and events before any snapshot are violations too', () => {
  for (const [label, frame] of [
    ['repeat', events('soc', [5])],
    ['not contiguous inside the frame', events('soc', [6, 8])],
    ['epoch change', events('soc', [6], OTHER_EPOCH)],
    ['no position', events('traffic', [1])],
  ] as const) {
    const scheduler = newTestScheduler();
    scheduler.run(() => {
      const { Ctor, sockets } = scriptedSockets();
      const connection = connect(scheduler, Ctor);
      const seen = recorder(connection);
      const s0 = socket(sockets, 0);
      s0.welcome();
      s0.receive({ type: 'snapshot', feed: 'soc', epoch: EPOCH, seq: 5, reason: 'initial', state: {} });
      s0.receive(frame);
      assert.equal(seen.events.length, 0, label);
      assert.equal(connection.stats.seqViolations, 1, label);
      assert.equal(connection.status, 'reconnecting', label);
      assert.deepEqual(connection.position('soc'), { epoch: EPOCH, seq: 5 }, label);
      connection.close();
    });
  }
});

test('a new snapshot replaces the position, whatever its seq (ahead / epoch-changed)', () => {
  const scheduler = newTestScheduler();
  scheduler.run(() => {
    const { Ctor, sockets } = scriptedSockets();
    const connection = connect(scheduler, Ctor);
    const s0 = socket(sockets, 0);
    s0.welcome();
    s0.receive({ type: 'snapshot', feed: 'soc', epoch: EPOCH, seq: 50, reason: 'initial', state: {} });
    s0.receive({ type: 'snapshot', feed: 'soc', epoch: OTHER_EPOCH, seq: 3, reason: 'epoch-changed', state: {} });
    s0.receive(events('soc', [4], OTHER_EPOCH));
    assert.deepEqual(connection.position('soc'), { epoch: OTHER_EPOCH, seq: 4 });
    assert.equal(connection.stats.seqViolations, 0);
    connection.close();
  });
});

test('invalid frames are counted and reported, never thrown, and the connection stays up', () => {
  const scheduler = newTestScheduler();
  scheduler.run(() => {
    const { Ctor, sockets } = scriptedSockets();
    const connection = connect(scheduler, Ctor);
    const seen = recorder(connection);
    const s0 = socket(sockets, 0);
    s0.open();
    s0.receive({ type: 'heartbeat', ts: 1, feeds: {} }); // before welcome
    s0.welcome();
    s0.receive('{not json');
    s0.receive('[1,2]');
    s0.receive({ type: 'events', feed: 'soc', epoch: 'NOT-HEX', items: [{ seq: 1, ts: 1, data: {} }] });
    s0.receive({ type: 'teleport' });
    s0.receive({ type: 'snapshot', feed: 'vehicles', epoch: EPOCH, seq: 1, reason: 'initial', state: {} });
    s0.receive(new ArrayBuffer(10));
    const bad = new Uint8Array(encodeVehicleFrame({ seq: 1, ts: 1, epoch: EPOCH, keyframe: true }, {
      ids: new Uint32Array(1),
      positions: new Float32Array(2),
      headings: new Uint16Array(1),
      speeds: new Uint8Array(1),
      kinds: new Uint8Array(1),
    }));
    bad[0] = 0;
    s0.receive(bad.buffer);
    const stats = connection.stats;
    assert.equal(stats.invalidFrames, 6);
    assert.equal(stats.invalidVehicleFrames, 2);
    assert.equal(stats.seqViolations, 0);
    assert.deepEqual(seen.errors.map((error) => error.kind), [
      'invalid-frame',
      'invalid-frame',
      'invalid-frame',
      'invalid-frame',
      'invalid-frame',
      'invalid-frame',
      'invalid-vehicle-frame',
      'invalid-vehicle-frame',
    ]);
    assert.match(seen.errors[3]?.message ?? '', /epoch/, 'the zod message names the field');
    assert.equal(connection.status, 'open');
    assert.equal(s0.closedWith, null);
    connection.close();
  });
});

test('binary frames are decoded into views; skipped vehicle frames are counted', () => {
  const scheduler = newTestScheduler();
  scheduler.run(() => {
    const { Ctor, sockets } = scriptedSockets();
    const connection = connect(scheduler, Ctor);
    const seen = recorder(connection);
    const s0 = socket(sockets, 0);
    s0.welcome();
    const batch = {
      ids: new Uint32Array([7, 8]),
      positions: new Float32Array([106.3, 20.9, 106.4, 20.95]),
      headings: new Uint16Array([90, 180]),
      speeds: new Uint8Array([40, 0]),
      kinds: new Uint8Array([1, 4]),
    };
    const first = encodeVehicleFrame({ seq: 1, ts: 10, epoch: EPOCH, keyframe: true }, batch);
    s0.receive(first);
    s0.receive(encodeVehicleFrame({ seq: 4, ts: 20, epoch: EPOCH, keyframe: true }, batch));
    assert.equal(seen.vehicles.length, 2);
    const frame = seen.vehicles[0];
    assert.equal(frame?.positions.buffer, first, 'no copy: positions is a view over the received buffer');
    assert.deepEqual([...(frame?.ids ?? [])], [7, 8]);
    assert.equal(connection.stats.vehicleFramesSkipped, 2);
    connection.close();
  });
});

test('hub silence for 3 heartbeats drops the socket and resumes; a missing welcome times out too', () => {
  const scheduler = newTestScheduler();
  scheduler.run(() => {
    const { Ctor, sockets } = scriptedSockets();
    const connection = connect(scheduler, Ctor, { welcomeTimeoutMs: 10_000 });
    const seen = recorder(connection);
    scheduler.schedule(() => socket(sockets, 0).welcome(), 5);
    scheduler.schedule(() => socket(sockets, 0).receive({ type: 'heartbeat', ts: 1, feeds: {} }), 2005);
    scheduler.schedule(() => assert.equal(connection.status, 'open'), 8004);
    scheduler.schedule(() => {
      // 6000 ms after the last frame (at 2005)
      assert.equal(connection.status, 'reconnecting');
      assert.equal(socket(sockets, 0).closedWith?.code, CLIENT_RESUME_CLOSE_CODE);
    }, 8006);
    // The second socket opens but never gets a welcome: abandoned 10 s after it was created (8005 + 250).
    scheduler.schedule(() => socket(sockets, 1).open(), 8300);
    scheduler.schedule(() => assert.equal(sockets.length, 2), 18_254);
    scheduler.schedule(() => {
      assert.equal(socket(sockets, 1).closedWith?.code, CLIENT_RESUME_CLOSE_CODE);
      assert.deepEqual(seen.errors.map((error) => error.kind), ['timeout', 'timeout']);
      connection.close();
    }, 18_256);
  });
});

test('close 4401 is final: status unauthorized, no retry, pending operations rejected', async () => {
  const scheduler = newTestScheduler();
  let operation: Promise<unknown> | undefined;
  scheduler.run(() => {
    const { Ctor, sockets } = scriptedSockets();
    const connection = connect(scheduler, Ctor);
    const seen = recorder(connection);
    operation = connection.ack('INC-1');
    const s0 = socket(sockets, 0);
    s0.open();
    s0.receive({ type: 'error', code: 'unauthorized', message: 'unknown token' });
    s0.serverClose(4401, 'unauthorized');
    scheduler.schedule(() => {
      assert.equal(sockets.length, 1, 'no reconnect loop');
      assert.deepEqual(seen.statuses, ['connecting', 'unauthorized']);
      assert.equal(connection.stats.hubErrors, 1);
      connection.close();
    }, 120_000);
  });
  await assert.rejects(operation ?? Promise.resolve(), /unauthorized/);
});

test('an error "unauthorized" followed by an abnormal close is still final', () => {
  const scheduler = newTestScheduler();
  scheduler.run(() => {
    const { Ctor, sockets } = scriptedSockets();
    const connection = connect(scheduler, Ctor);
    const s0 = socket(sockets, 0);
    s0.open();
    s0.receive({ type: 'error', code: 'forbidden', message: 'a source token may only ingest over HTTP' });
    s0.serverClose(1006);
    assert.equal(connection.status, 'unauthorized');
    scheduler.schedule(() => {
      assert.equal(sockets.length, 1);
      connection.close();
    }, 60_000);
  });
});

test('operations: queued while disconnected, sent after welcome, re-sent with the same opId after a reconnect', async () => {
  const scheduler = newTestScheduler();
  const outcomes: Promise<unknown>[] = [];
  const pendingCounts: number[] = [];
  scheduler.run(() => {
    const { Ctor, sockets } = scriptedSockets();
    const connection = connect(scheduler, Ctor);
    connection.pending$.subscribe((pending) => pendingCounts.push(pending.length));
    outcomes.push(connection.ack('INC-1', 'seen'));
    outcomes.push(connection.assign('INC-2', 'team-a'));
    const s0 = socket(sockets, 0);
    s0.open();
    assert.deepEqual(s0.sent.map((frame) => frame['op']), ['hello'], 'nothing but hello before welcome');
    s0.welcome();
    const [ack, assign] = [s0.sentOps('ack')[0], s0.sentOps('assign')[0]];
    assert.equal(ack?.['incident'], 'INC-1');
    assert.equal(ack?.['note'], 'seen');
    assert.equal(assign?.['to'], 'team-a');
    assert.ok(!('note' in (assign ?? {})), 'no note field when none was given');
    assert.notEqual(ack?.['opId'], assign?.['opId']);
    s0.receive({ type: 'result', opId: ack?.['opId'], ok: true, incident: { id: 'INC-1', state: 'acknowledged' } });
    s0.serverClose(1006);
    outcomes.push(connection.resolve('INC-3'));
    scheduler.schedule(() => {
      const s1 = socket(sockets, 1);
      s1.welcome();
      assert.deepEqual(s1.sentOps('assign').map((frame) => frame['opId']), [assign?.['opId']], 'same opId again');
      assert.equal(s1.sentOps('ack').length, 0, 'a settled operation is not re-sent');
      const resolve = s1.sentOps('resolve')[0];
      s1.receive({ type: 'result', opId: assign?.['opId'], ok: false, error: { code: 'not-found', message: 'no incident "INC-2"' } });
      s1.receive({ type: 'result', opId: resolve?.['opId'], ok: false, error: { code: 'not-found', message: 'no incident "INC-3"' } });
      connection.close();
    }, 1000);
  });
  const [ack, assign, resolve] = await Promise.all(outcomes);
  assert.deepEqual(ack, { type: 'result', opId: (ack as { opId: string }).opId, ok: true, incident: { id: 'INC-1', state: 'acknowledged' } });
  assert.equal((assign as { error: { code: string } }).error.code, 'not-found');
  assert.equal((resolve as { error: { code: string } }).error.code, 'not-found');
  assert.deepEqual(pendingCounts, [0, 1, 2, 1, 2, 1, 0]);
});

test('operations are paced (≤ 20 a second) and a rate-limited error makes the pending ones go again', () => {
  const scheduler = newTestScheduler();
  scheduler.run(() => {
    const { Ctor, sockets } = scriptedSockets();
    const connection = connect(scheduler, Ctor);
    for (let i = 0; i < 45; i++) void connection.ack(`INC-${i}`).catch(() => undefined);
    const s0 = socket(sockets, 0);
    s0.welcome();
    assert.equal(s0.sentOps('ack').length, 20);
    scheduler.schedule(() => assert.equal(s0.sentOps('ack').length, 20), 999);
    scheduler.schedule(() => assert.equal(s0.sentOps('ack').length, 40), 1000);
    scheduler.schedule(() => assert.equal(s0.sentOps('ack').length, 45), 2001);
    scheduler.schedule(() => s0.receive({ type: 'error', code: 'rate-limited', message: 'slow down' }), 2500);
    scheduler.schedule(() => assert.equal(s0.sentOps('ack').length, 65), 3501);
    scheduler.schedule(() => connection.close(), 10_000);
  });
});

test('an invalid operation is refused at once and never queued', async () => {
  const scheduler = newTestScheduler();
  const connection = connect(scheduler, scriptedSockets().Ctor);
  await assert.rejects(connection.ack('INC-1', 'x'.repeat(2001)), /invalid ack: note/);
  await assert.rejects(connection.assign('', 'team'), /invalid assign: incident/);
  connection.close();
  await assert.rejects(connection.ack('INC-1'), /closed/);
});

test('close() completes every stream and is idempotent', () => {
  const scheduler = newTestScheduler();
  const { Ctor } = scriptedSockets();
  const connection = connect(scheduler, Ctor);
  const completed: string[] = [];
  for (const [name, stream] of Object.entries({
    status$: connection.status$,
    snapshots$: connection.snapshots$,
    events$: connection.events$,
    vehicles$: connection.vehicles$,
    heartbeats$: connection.heartbeats$,
    results$: connection.results$,
    welcome$: connection.welcome$,
    errors$: connection.errors$,
    pending$: connection.pending$,
  })) {
    (stream as { subscribe(observer: { complete(): void }): unknown }).subscribe({ complete: () => completed.push(name) });
  }
  connection.close();
  connection.close();
  assert.equal(completed.length, 9);
  assert.equal(connection.status, 'closed');
});
