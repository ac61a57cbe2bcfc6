import assert from 'node:assert/strict';
import { test } from 'node:test';
import WebSocket from 'ws';
import { HubConnection } from '../../feeds/client/hub-connection.js';
import { ReplaySession, type ReplayStatus } from '../../feeds/client/replay-session.js';
import { activityPerMinute, requestTimeline } from '../../feeds/client/timeline-request.js';
import type { IncidentsState } from '../../feeds/incidents/incidents-reducer.js';
import { applyOp } from '../../feeds/incidents/lifecycle.js';
import { REDUCERS } from '../../feeds/state/reducers.js';
import type { VehicleFrame } from '../../feeds/protocol/vehicle-frame.js';
import { socAlert, streamUrl } from '../support/hub-fixture.js';
import { incidentAt, withReplayHub } from '../support/replay-hub.js';
import { delay, waitFor } from '../support/temp-dir.js';
import { TOKENS } from '../support/test-config.js';

/**
 * The console's replay client (feeds/client/replay-session.ts) against a real hub on SQLite, through the same
 * HubConnection the console uses: seek, play at speed, pause, step, back to live, and the refusals it shows.
 */

function connect(url: string, token: string = TOKENS.operator): HubConnection {
  return new HubConnection({ url, token, WebSocketCtor: WebSocket as never, feeds: ['soc', 'incidents', 'vehicles'], client: 'test/replay-session' });
}

async function opened(connection: HubConnection): Promise<void> {
  await waitFor(() => connection.status === 'open', 5000, 'connection open');
}

function lastStatus(session: ReplaySession): ReplayStatus {
  const status = session.status;
  if (!status) throw new Error('session is live');
  return status;
}

test('seek shows the state at T0 (incident open), play at 60× moves the clock and folds the items (acknowledged by T1), pause holds, Live ends it; live frames untouched', { timeout: 60_000 }, async () => {
  await withReplayHub(async (hub, _stores, recorder) => {
    const base = Date.now() - 30 * 60_000;
    const second = (n: number): number => base + n * 1000;
    for (let n = 0; n < 200; n++) {
      await hub.publish('soc', [socAlert(n)], second(n));
      if (n === 20) await hub.publish('incidents', [{ kind: 'incident', incident: incidentAt('INC-S1', second(20)) }], second(20));
      if (n === 60) await recorder.checkpointNow();
      if (n % 60 === 59) await recorder.markNow(second(n));
      if (n === 100) {
        const acked = applyOp(incidentAt('INC-S1', second(20)), { op: 'ack', note: 'đã nhận' }, 'Operator One', second(100));
        assert.ok(acked.ok);
        await hub.publish('incidents', [{ kind: 'incident', incident: acked.incident }], second(100));
      }
    }
    const connection = connect(streamUrl(hub));
    const liveVehicles: VehicleFrame[] = [];
    connection.vehicles$.subscribe((frame) => liveVehicles.push(frame));
    const session = new ReplaySession(connection, { feeds: ['soc', 'incidents', 'vehicles'], reducers: REDUCERS });
    await opened(connection);
    await waitFor(() => connection.position('soc') !== undefined, 5000, 'live snapshot');
    const liveSeq = connection.position('soc')?.seq ?? -1;

    // Paused on T0 = 70.5 s: soc at the alert of 70 s (seq 71: alerts 0–70).
    const t0 = second(70) + 500;
    session.seek(t0, false);
    await waitFor(() => session.status?.phase === 'paused', 5000, 'paused at T0');
    assert.equal(lastStatus(session).clock, t0);
    assert.equal(session.state('soc')?.seq, 71, 'the last soc item with ts ≤ T0');
    const incidentsAtT0 = session.state('incidents')?.state as IncidentsState;
    assert.equal(incidentsAtT0.incidents['INC-S1']?.state, 'open', 'open at T0');

    // Play at 60×: about a minute of log a second; the ack at 100 s is folded once the clock passes it.
    session.setSpeed(60);
    session.play();
    await waitFor(() => session.status?.phase === 'playing', 5000, 'playing');
    await waitFor(() => (session.state('incidents')?.state as IncidentsState | undefined)?.incidents['INC-S1']?.state === 'acknowledged', 5000, 'acknowledged while playing');
    const clockAtAck = session.clock();
    assert.ok(clockAtAck >= second(100) && clockAtAck < second(100) + 10_000, `clock ${Math.round((clockAtAck - base) / 1000)} s when the ack arrived`);

    // Pause: the clock and the folded seq hold.
    session.pause();
    const heldClock = session.clock();
    const heldSeq = session.state('soc')?.seq;
    await delay(600);
    assert.equal(session.clock(), heldClock);
    assert.equal(session.state('soc')?.seq, heldSeq, 'no item folded after pause');
    assert.ok(heldClock - base < 150_000, 'paused before the end');
    // The items folded are those the clock passed (the hub paces them by the same rule; a frame or two may lag).
    const passed = Math.floor((heldClock - base) / 1000) + 1;
    assert.ok(heldSeq !== undefined && heldSeq <= passed && heldSeq >= passed - 3, `seq ${heldSeq} at ${passed} alerts passed`);

    // Step back a minute: the state of that moment.
    session.step(-60_000);
    await waitFor(() => session.status?.phase === 'paused' && session.state('soc') !== undefined, 5000, 'stepped');
    const stepped = session.clock();
    assert.equal(stepped, heldClock - 60_000);
    assert.equal(session.state('soc')?.seq, Math.floor((stepped - base) / 1000) + 1);

    // Live: no status; the live stream's position was never moved by the replay.
    session.goLive();
    assert.equal(session.status, null);
    await hub.publish('soc', [socAlert(999)]);
    await waitFor(() => connection.position('soc')?.seq === liveSeq + 1, 3000, 'live goes on');
    assert.equal(liveVehicles.length, 0, 'no replay keyframe leaked into the live vehicles');

    // The timeline: the soc feed's items per minute over the half hour.
    const timeline = await requestTimeline(connection, base - 60_000, Date.now());
    assert.ok(timeline && !timeline.error, `timeline ${JSON.stringify(timeline?.error)}`);
    assert.ok(timeline.oldest !== null && timeline.oldest <= base + 60_000);
    // Marks were taken at 59, 119 and 179 s (seqs 60, 120, 180; the minute rounds down): 60 alerts a minute.
    const perMinute = activityPerMinute(timeline.marks['soc'] ?? []);
    assert.deepEqual(perMinute.map(([, n]) => n), [60, 60]);
    session.dispose();
    connection.close();
  });
});

test('replay at the end of the range ends; a wall is refused; a moment before the window names the oldest time', { timeout: 30_000 }, async () => {
  await withReplayHub(async (hub, _stores, recorder) => {
    const base = Date.now() - 5_000;
    for (let n = 0; n < 5; n++) await hub.publish('soc', [socAlert(n)], base + n * 1000);
    await recorder.checkpointNow();
    const connection = connect(streamUrl(hub));
    const session = new ReplaySession(connection, { feeds: ['soc'], reducers: REDUCERS });
    await opened(connection);
    session.setSpeed(600);
    session.seek(base, true);
    await waitFor(() => session.status?.phase === 'ended', 5000, 'ended at now');
    assert.equal(session.state('soc')?.seq, 5, 'every item up to now');
    assert.equal(lastStatus(session).playing, false);

    session.seek(base - 3 * 3_600_000, false);
    await waitFor(() => session.status?.phase === 'error', 5000, 'not retained');
    assert.equal(lastStatus(session).error?.code, 'not-retained');
    assert.match(lastStatus(session).error?.message ?? '', /\d{4}-\d\d-\d\dT/, 'names the oldest time');
    session.dispose();
    connection.close();

    const wall = connect(streamUrl(hub), TOKENS.wall);
    const wallSession = new ReplaySession(wall, { feeds: ['soc'], reducers: REDUCERS });
    await opened(wall);
    wallSession.seek(base, false);
    await waitFor(() => wallSession.status?.phase === 'error', 5000, 'wall refused');
    assert.equal(lastStatus(wallSession).error?.code, 'forbidden');
    wallSession.dispose();
    wall.close();
  });
});
