import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyOp } from '../../feeds/incidents/lifecycle.js';
import type { Incident } from '../../feeds/protocol/incident.js';
import { REDUCERS } from '../../feeds/state/reducers.js';
import { jetStreamBackend } from '../support/log-store-backends.js';
import { socAlert, streamUrl } from '../support/hub-fixture.js';
import { incidentAt, withReplayHub } from '../support/replay-hub.js';
import { StreamClient, type ReceivedFrame } from '../support/stream-client.js';
import { waitFor } from '../support/temp-dir.js';
import { TOKENS } from '../support/test-config.js';

function replayFrames(client: StreamClient, replayId: string): ReceivedFrame[] {
  return client.frames.filter((frame) => frame['replayId'] === replayId);
}

async function replay(client: StreamClient, frame: Record<string, unknown>): Promise<ReceivedFrame[]> {
  const replayId = String(frame['replayId']);
  client.send({ op: 'replay', ...frame });
  await waitFor(() => replayFrames(client, replayId).some((f) => f.type === 'replay-end'), 15_000, `replay-end of ${replayId}`);
  return replayFrames(client, replayId);
}

for (const backend of [null, jetStreamBackend()]) test(`replay T0→T1 on ${backend ? 'JetStream' : 'SQLite'}: exactly the items sent live with T0 < ts ≤ T1 (same seqs, same data), snapshots equal to the live states at T0, an incident open at T0 and acknowledged by T1`, { timeout: 60_000 }, async () => {
  await withReplayHub(async (hub, _stores, recorder) => {
    const live = new StreamClient(streamUrl(hub), TOKENS.operator);
    await live.connect();
    live.subscribe(['soc', 'incidents']);
    await waitFor(() => live.snapshots.length === 2, 3000, 'live snapshots');
    const base = Date.now() - 40 * 60_000;
    const second = (n: number): number => base + n * 1000;
    // 0–99 s: alerts every second; a checkpoint at 50 s (the history a seek starts from); an incident opened at 20 s.
    for (let n = 0; n < 100; n++) {
      await hub.publish('soc', [socAlert(n)], second(n));
      if (n === 20) await hub.publish('incidents', [{ kind: 'incident', incident: incidentAt('INC-R1', second(20)) }], second(20));
      if (n === 50) await recorder.checkpointNow();
    }
    const t0 = second(70) + 500;
    // 100–159 s: more alerts; the incident is acknowledged at 120 s.
    const acked = applyOp(incidentAt('INC-R1', second(20)), { op: 'ack', note: 'đã tiếp nhận' }, 'Operator One', second(120));
    assert.ok(acked.ok);
    for (let n = 100; n < 160; n++) {
      await hub.publish('soc', [socAlert(n)], second(n));
      if (n === 120) await hub.publish('incidents', [{ kind: 'incident', incident: acked.incident }], second(120));
    }
    const t1 = second(140) + 500;
    await waitFor(() => live.lastSeq('soc') === 160, 3000, 'every alert live');

    // The live states at T0: what the live client received up to T0, folded by the same reducers the console runs.
    const socState = REDUCERS.soc.create();
    const incidentsState = REDUCERS.incidents.create();
    const liveFrames = live.frames.filter((frame) => frame.type === 'events');
    for (const frame of liveFrames) {
      for (const item of frame['items'] as { seq: number; ts: number; data: never }[]) {
        if (item.ts > t0) continue;
        if (frame['feed'] === 'soc') REDUCERS.soc.fold(socState, item.data, item.ts, item.seq);
        if (frame['feed'] === 'incidents') REDUCERS.incidents.fold(incidentsState, item.data, item.ts, item.seq);
      }
    }
    REDUCERS.soc.trim?.(socState, t0);
    const liveAtT0 = { soc: JSON.stringify(socState), incidents: JSON.stringify(incidentsState) };
    const liveSoc = liveFrames.flatMap((frame) => (frame['feed'] === 'soc' ? (frame['items'] as { seq: number; ts: number; data: unknown }[]) : []));

    const client = new StreamClient(streamUrl(hub), TOKENS.operator);
    await client.connect();
    const frames = await replay(client, { replayId: 'r1', at: t0, until: t1, speed: 0, feeds: ['soc', 'incidents'] });
    const snapshots = frames.filter((frame) => frame.type === 'replay-snapshot');
    const soc = snapshots.find((frame) => frame['feed'] === 'soc');
    const incidents = snapshots.find((frame) => frame['feed'] === 'incidents');
    assert.equal(JSON.stringify(soc?.['state']), liveAtT0.soc, 'soc state at T0 = the live state then');
    assert.equal(JSON.stringify(incidents?.['state']), liveAtT0.incidents, 'incidents state at T0 = the live state then');
    assert.equal(soc?.['seq'], 71, 'the last soc item with ts ≤ T0 (the alert of 70 s)');
    const state0 = incidents?.['state'] as { incidents: Record<string, Incident> };
    assert.equal(state0.incidents['INC-R1']?.state, 'open', 'open at T0');
    // Events: exactly the live items with T0 < ts ≤ T1, same seqs and data, in seq order per feed.
    const replayed = frames.filter((frame) => frame.type === 'replay-events' && frame['feed'] === 'soc').flatMap((frame) => frame['items'] as { seq: number; ts: number; data: unknown }[]);
    const expected = liveSoc.filter((item) => item.ts > t0 && item.ts <= t1);
    assert.equal(expected.length, 70);
    assert.deepEqual(replayed.map((item) => item.seq), expected.map((item) => item.seq));
    assert.deepEqual(replayed.map((item) => item.data), expected.map((item) => item.data));
    const incidentEvents = frames.filter((frame) => frame.type === 'replay-events' && frame['feed'] === 'incidents').flatMap((frame) => frame['items'] as { data: { incident: Incident } }[]);
    assert.deepEqual(incidentEvents.map((item) => item.data.incident.state), ['acknowledged'], 'acknowledged by T1');
    assert.deepEqual(frames.at(-1), { type: 'replay-end', replayId: 'r1', ok: true, reason: 'done' });
    // The live stream's seqs were not touched by the replay.
    await hub.publish('soc', [socAlert(999)]);
    await waitFor(() => client.framesOfType('replay-end').length === 1, 1000, 'end');
    await waitFor(() => live.lastSeq('soc') === 161, 3000, 'live goes on');
    await live.close();
    await client.close();
  }, backend);
});

test('replay at speed 60 is paced: 60 s of log take about a second; replay-stop ends it at once', { timeout: 30_000 }, async () => {
  await withReplayHub(async (hub, _stores, recorder) => {
    const base = Date.now() - 20 * 60_000;
    for (let n = 0; n < 120; n++) await hub.publish('soc', [socAlert(n)], base + n * 1000);
    await recorder.checkpointNow();
    const client = new StreamClient(streamUrl(hub), TOKENS.operator);
    await client.connect();
    const started = Date.now();
    const frames = await replay(client, { replayId: 'paced', at: base, until: base + 60_000, speed: 60, feeds: ['soc'] });
    const took = Date.now() - started;
    assert.ok(took >= 800 && took < 5000, `took ${took} ms`);
    assert.equal(frames.filter((f) => f.type === 'replay-events').flatMap((f) => f['items'] as unknown[]).length, 60);
    client.send({ op: 'replay', replayId: 'slow', at: base, until: base + 119_000, speed: 1, feeds: ['soc'] });
    await waitFor(() => replayFrames(client, 'slow').length > 0, 3000, 'slow replay started');
    client.send({ op: 'replay-stop', replayId: 'slow' });
    await waitFor(() => replayFrames(client, 'slow').some((f) => f.type === 'replay-end'), 2000, 'stopped');
    assert.equal(replayFrames(client, 'slow').at(-1)?.['reason'], 'stopped');
    await client.close();
  });
});

test('vehicles replay from their keyframes: the one at or before T0 (within 10 s), marked with the replay slot', { timeout: 30_000 }, async () => {
  await withReplayHub(async (hub, stores, recorder) => {
    const batch = (lon: number) => ({ ids: new Uint32Array([1, 2]), positions: new Float32Array([lon, 20.9, lon + 0.01, 20.95]), headings: new Uint16Array([0, 90]), speeds: new Uint8Array([30, 40]), kinds: new Uint8Array([0, 1]) });
    const base = Date.now() - 10 * 60_000;
    for (let k = 0; k < 6; k++) {
      hub.publishVehicles(batch(106.3 + k * 0.01), base + k * 10_000);
      await recorder.keyframeNow();
    }
    await hub.publish('soc', [socAlert(1)], base);
    assert.equal((await stores.history.stats()).keyframes, 6);
    const client = new StreamClient(streamUrl(hub), TOKENS.operator);
    await client.connect();
    const t0 = base + 25_000;
    const frames = await replay(client, { replayId: 'v', at: t0, until: base + 50_000, speed: 0, feeds: ['vehicles'] });
    const snapshot = frames.find((f) => f.type === 'replay-snapshot');
    const state = snapshot?.['state'] as { keyframeTs: number; slot: number };
    assert.ok(t0 - state.keyframeTs <= 10_000 && state.keyframeTs <= t0, `keyframe at ${state.keyframeTs - base} ms`);
    const replayedVehicles = client.vehicleFrames.filter((frame) => frame.replaySlot === state.slot);
    assert.deepEqual(replayedVehicles.map((frame) => Math.round((frame.ts - base) / 1000)), [20, 30, 40, 50]);
    assert.ok(Math.abs((replayedVehicles[0]?.positions[0] ?? 0) - 106.32) < 1e-4);
    await client.close();
  });
});

test('refused replays: a wall, until before at, before the retained window (naming the oldest time), too many at once, an unknown feed', { timeout: 30_000 }, async () => {
  await withReplayHub(async (hub, _stores, recorder) => {
    const base = Date.now() - 10 * 60_000;
    for (let n = 0; n < 30; n++) await hub.publish('soc', [socAlert(n)], base + n * 1000);
    await recorder.checkpointNow();
    const wall = new StreamClient(streamUrl(hub), TOKENS.wall);
    await wall.connect();
    const refused = await replay(wall, { replayId: 'w', at: base, until: base + 1000, speed: 0, feeds: ['soc'] });
    assert.deepEqual(refused.at(-1)?.['error'], { code: 'forbidden', message: 'a wall shows live data only and may not replay' });
    const client = new StreamClient(streamUrl(hub), TOKENS.operator);
    await client.connect();
    const backwards = await replay(client, { replayId: 'b', at: base + 1000, until: base, speed: 0, feeds: ['soc'] });
    assert.equal((backwards.at(-1)?.['error'] as { code: string }).code, 'bad-range');
    const early = await replay(client, { replayId: 'e', at: base - 3_600_000, until: base, speed: 0, feeds: ['soc'] });
    const error = early.at(-1)?.['error'] as { code: string; message: string };
    assert.equal(error.code, 'not-retained');
    assert.match(error.message, new RegExp(`oldest available time is ${new Date(base).toISOString().replace(/\./g, '\\.')}`));
    for (const id of ['s1', 's2']) client.send({ op: 'replay', replayId: id, at: base, until: base + 29_000, speed: 0.01, feeds: ['soc'] });
    const third = await replay(client, { replayId: 's3', at: base, until: base + 1000, speed: 0, feeds: ['soc'] });
    assert.equal((third.at(-1)?.['error'] as { code: string }).code, 'too-many');
    client.send({ op: 'replay', replayId: 'u', at: base, until: base + 1000, speed: 0, feeds: ['water'] });
    await waitFor(() => client.framesOfType('error').length > 0, 2000, 'bad frame');
    assert.match(String(client.framesOfType('error')[0]?.['message']), /feeds\.0/);
    await wall.close();
    await client.close();
  });
});

test('timeline: per-minute seq marks of every feed and the oldest replayable moment; walls refused', { timeout: 30_000 }, async () => {
  await withReplayHub(async (hub, _stores, recorder) => {
    const base = Math.floor((Date.now() - 5 * 60_000) / 60_000) * 60_000;
    for (let minute = 0; minute < 3; minute++) {
      for (let n = 0; n < 5 * (minute + 1); n++) await hub.publish('soc', [socAlert(minute * 100 + n)], base + minute * 60_000 + n);
      await recorder.markNow(base + minute * 60_000 + 59_000);
    }
    const client = new StreamClient(streamUrl(hub), TOKENS.operator);
    await client.connect();
    client.send({ op: 'timeline', requestId: 't1', from: base - 60_000, to: base + 5 * 60_000 });
    await waitFor(() => client.framesOfType('timeline').length === 1, 3000, 'timeline');
    const answer = client.framesOfType('timeline')[0];
    assert.deepEqual((answer?.['marks'] as Record<string, [number, number][]>)['soc'], [[base, 5], [base + 60_000, 15], [base + 120_000, 30]]);
    assert.equal(answer?.['oldest'], base);
    const wall = new StreamClient(streamUrl(hub), TOKENS.wall);
    await wall.connect();
    wall.send({ op: 'timeline', requestId: 'w', from: base, to: base + 1 });
    await waitFor(() => wall.framesOfType('timeline').length === 1, 3000, 'wall answer');
    assert.equal((wall.framesOfType('timeline')[0]?.['error'] as { code: string }).code, 'forbidden');
    await client.close();
    await wall.close();
  });
});
