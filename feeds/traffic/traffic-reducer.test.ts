import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPlainJson, assertPrototypeClean, PROTOTYPE_IDS, throughJson } from '../../test/support/prototype-ids.js';
import type { TrafficData, TrafficSegment } from '../protocol/feed-data.js';
import { Random } from '../sim/random.js';
import { haiDuongSegments } from './hai-duong-roads.node.js';
import { meanNetworkSpeedKmh } from './traffic-kpis.js';
import { trafficReducer } from './traffic-reducer.js';
import { TrafficSimulator } from './traffic-simulator.js';

const segments = haiDuongSegments();
const MIDNIGHT = Date.UTC(2025, 2, 2, 17, 0, 0);

test('folding a simulated day gives state consistent with the items', () => {
  const simulator = new TrafficSimulator(segments, new Random(42), { demo: true });
  const state = trafficReducer.create();
  const open = new Set<string>();
  let seq = 0;
  let lastSpeeds: Extract<TrafficData, { kind: 'speeds' }> | null = null;
  let lastNow = MIDNIGHT;
  let sawAccident = false;
  const fold = (data: TrafficData, now: number): void => {
    trafficReducer.fold(state, data, now, ++seq);
    if (data.kind === 'accident') {
      open.add(data.id);
      sawAccident = true;
      assert.equal(state.accidents[data.id]?.ts, now);
      assert.equal(state.accidents[data.id]?.segmentId, data.segmentId);
    }
    if (data.kind === 'accident-cleared') {
      open.delete(data.id);
      assert.equal(state.accidents[data.id], undefined, 'cleared accident removed');
    }
    if (data.kind === 'speeds') lastSpeeds = data;
    lastNow = now;
  };
  for (const data of simulator.start(MIDNIGHT)) fold(data, MIDNIGHT);
  for (let k = 1; k <= 8640; k++) for (const data of simulator.tick(MIDNIGHT + k * 10_000)) fold(data, MIDNIGHT + k * 10_000);

  assert.ok(sawAccident);
  assert.deepEqual(Object.keys(state.segments).sort(), segments.map((s) => s.id).sort());
  assert.deepEqual(new Set(Object.keys(state.accidents)), open);
  assert.ok(lastSpeeds !== null);
  for (const { id, kmh } of (lastSpeeds as Extract<TrafficData, { kind: 'speeds' }>).speeds) {
    assert.deepEqual(state.speeds[id], { kmh, ts: lastNow });
  }
  // Plain JSON: survives a round trip unchanged (it is a snapshot's `state` and a checkpoint).
  assertPlainJson(state);
});

test('accident adds, accident-cleared deletes, a new network drops what no longer exists', () => {
  const state = trafficReducer.create();
  const [a, b] = [segments[0]!, segments[1]!];
  trafficReducer.fold(state, { kind: 'network', segments: [a, b] }, 1, 1);
  trafficReducer.fold(state, { kind: 'speeds', speeds: [{ id: a.id, kmh: 50 }, { id: b.id, kmh: 60 }] }, 2, 2);
  const accident = {
    kind: 'accident', id: 'x1', segmentId: b.id, position: b.path[0]!, severity: 'minor', lanesBlocked: 1,
    description: { vi: 'Va chạm', en: 'Collision' },
  } as const;
  trafficReducer.fold(state, accident, 3, 3);
  assert.deepEqual(state.accidents['x1'], { ...accident, ts: 3 });
  trafficReducer.fold(state, { kind: 'accident-cleared', id: 'x1' }, 4, 4);
  assert.deepEqual(Object.keys(state.accidents), []);
  // Clearing an unknown accident is harmless.
  trafficReducer.fold(state, { kind: 'accident-cleared', id: 'nope' }, 5, 5);

  trafficReducer.fold(state, { ...accident, id: 'x2' }, 6, 6);
  trafficReducer.fold(state, { kind: 'network', segments: [a] }, 7, 7);
  assert.deepEqual(Object.keys(state.segments), [a.id]);
  assert.deepEqual(throughJson(state.speeds), { [a.id]: { kmh: 50, ts: 2 } });
  assert.deepEqual(Object.keys(state.accidents), [], 'the accident on the removed segment is gone');
});

test('trim drops accidents never cleared after 12 hours', () => {
  const state = trafficReducer.create();
  const segment = segments[0]!;
  trafficReducer.fold(state, { kind: 'network', segments: [segment] }, 0, 1);
  const accident = {
    kind: 'accident', segmentId: segment.id, position: segment.path[0]!, severity: 'serious', lanesBlocked: 2,
    description: { vi: 'Tai nạn', en: 'Accident' },
  } as const;
  trafficReducer.fold(state, { ...accident, id: 'old' }, 0, 2);
  trafficReducer.fold(state, { ...accident, id: 'new' }, 11 * 3_600_000, 3);
  trafficReducer.trim!(state, 13 * 3_600_000);
  assert.deepEqual(Object.keys(state.accidents), ['new']);
});

test('segments and accidents named like Object.prototype members are ids like any other, also after JSON', () => {
  const [proto, ...others] = PROTOTYPE_IDS;
  const template = segments[0]!;
  const segment = (id: string): TrafficSegment => ({ ...template, id, lengthM: 1000 });
  const accident = (id: string, segmentId: string): TrafficData => ({
    kind: 'accident', id, segmentId, position: template.path[0]!, severity: 'minor', lanesBlocked: 1, description: { vi: 'Va chạm', en: 'Collision' },
  });
  const state = trafficReducer.create();
  trafficReducer.fold(state, { kind: 'network', segments: PROTOTYPE_IDS.map(segment) }, 1, 1);
  // Speeds for all but "toString", which must count as "no speed yet", not as Object.prototype.toString.
  const measured = PROTOTYPE_IDS.filter((id) => id !== 'toString');
  trafficReducer.fold(state, { kind: 'speeds', speeds: measured.map((id, n) => ({ id, kmh: 10 * (n + 1) })) }, 2, 2);
  for (const id of others) trafficReducer.fold(state, accident(id, proto), 3, 3);
  assert.deepEqual(Object.keys(state.segments), [...PROTOTYPE_IDS]);
  assert.deepEqual(Object.keys(state.speeds), measured);
  assert.deepEqual(Object.keys(state.accidents), others);
  assert.equal(meanNetworkSpeedKmh(state), (10 + 20 + 30 + 40) / 4);
  assertPrototypeClean();

  const parsed = throughJson(state);
  assert.equal(JSON.stringify(parsed), JSON.stringify(state));
  // After JSON: the first "__proto__" accident, a speed for "toString", one accident cleared.
  trafficReducer.fold(parsed, accident(proto, 'constructor'), 4, 4);
  trafficReducer.fold(parsed, { kind: 'speeds', speeds: [{ id: 'toString', kmh: 50 }] }, 5, 5);
  trafficReducer.fold(parsed, { kind: 'accident-cleared', id: 'valueOf' }, 6, 6);
  assert.deepEqual(Object.keys(parsed.accidents).sort(), [proto, 'constructor', 'hasOwnProperty', 'toString']);
  assert.equal(parsed.accidents[proto]?.segmentId, 'constructor');
  assert.equal(meanNetworkSpeedKmh(parsed), (10 + 20 + 30 + 40 + 50) / 5);
  // A network without "__proto__" drops its speed and the accidents on it, keeps the others.
  trafficReducer.fold(parsed, { kind: 'network', segments: others.map(segment) }, 7, 7);
  assert.deepEqual(Object.keys(parsed.segments), others);
  assert.deepEqual(Object.keys(parsed.speeds).sort(), [...others].sort());
  assert.deepEqual(Object.keys(parsed.accidents), [proto]);
  trafficReducer.trim!(parsed, 13 * 3_600_000);
  assert.deepEqual(Object.keys(parsed.accidents), []);
  assertPlainJson(parsed);
  assertPrototypeClean();
});
