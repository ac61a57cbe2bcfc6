import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TrafficSegment } from '../protocol/feed-data.js';
import { VEHICLE_KINDS, type VehicleBatch } from '../protocol/vehicle-frame.js';
import { Random } from '../sim/random.js';
import { haiDuongSegments } from '../traffic/hai-duong-roads.node.js';
import { haversineM } from '../traffic/haversine.js';
import { distanceToPathM } from '../traffic/polyline.js';
import { VehicleFleetSimulator } from './vehicle-simulator.js';

const segments = haiDuongSegments();
const T0 = Date.UTC(2025, 2, 3, 1, 0, 0);

const copy = (batch: VehicleBatch) => ({
  ids: batch.ids.slice(),
  positions: batch.positions.slice(),
  headings: batch.headings.slice(),
  speeds: batch.speeds.slice(),
  kinds: batch.kinds.slice(),
});

function nearestSegment(lon: number, lat: number): { segment: TrafficSegment; distanceM: number } {
  let best = { segment: segments[0]!, distanceM: Infinity };
  for (const segment of segments) {
    const distanceM = distanceToPathM([lon, lat], segment.path);
    if (distanceM < best.distanceM) best = { segment, distanceM };
  }
  return best;
}

function checkOnRoads(batch: VehicleBatch, sampleEvery: number): void {
  const n = batch.ids.length;
  for (let i = 0; i < n; i++) {
    const lon = batch.positions[2 * i]!;
    const lat = batch.positions[2 * i + 1]!;
    assert.ok(lon > 106.0 && lon < 106.7 && lat > 20.6 && lat < 21.25, `vehicle ${i} at ${lon},${lat} outside the province`);
    assert.ok(batch.headings[i]! < 360);
    assert.ok(batch.kinds[i]! < VEHICLE_KINDS.length);
  }
  for (let i = 0; i < n; i += sampleEvery) {
    const { segment, distanceM } = nearestSegment(batch.positions[2 * i]!, batch.positions[2 * i + 1]!);
    assert.ok(distanceM < 50, `vehicle ${i} is ${distanceM.toFixed(0)} m from the nearest road`);
    // Motorbikes are banned from the expressway.
    if (VEHICLE_KINDS[batch.kinds[i]!] === 'motorbike') assert.notEqual(segment.road, 'CT.04', `motorbike ${i} on the expressway`);
  }
}

for (const count of [2000, 100_000]) {
  test(`${count} vehicles stay on the roads of the province and move`, () => {
    const started = performance.now();
    const simulator = new VehicleFleetSimulator(segments, count, new Random(1));
    const buildMs = performance.now() - started;
    assert.equal(simulator.count, count);
    const first = simulator.tick(T0);
    assert.equal(first.ids.length, count);
    assert.equal(new Set(first.ids).size, count);
    checkOnRoads(first, Math.max(1, Math.floor(count / 2000)));
    const before = copy(first);

    const tickMs: number[] = [];
    let batch = first;
    for (let s = 1; s <= 30; s++) {
      const t = performance.now();
      batch = simulator.tick(T0 + s * 1000);
      tickMs.push(performance.now() - t);
    }
    tickMs.sort((a, b) => a - b);
    console.info(`${count} vehicles: construct ${buildMs.toFixed(1)} ms, tick median ${tickMs[15]!.toFixed(2)} ms, max ${tickMs.at(-1)!.toFixed(2)} ms (30 ticks; timing reported, not asserted)`);
    checkOnRoads(batch, Math.max(1, Math.floor(count / 2000)));

    // 30 s at 20–120 km/h: every vehicle has moved at least ~100 m.
    let moved = 0;
    for (let i = 0; i < count; i++) {
      const d = haversineM(before.positions[2 * i]!, before.positions[2 * i + 1]!, batch.positions[2 * i]!, batch.positions[2 * i + 1]!);
      if (d > 50) moved++;
    }
    assert.ok(moved >= count * 0.99, `${moved} of ${count} moved`);
    assert.deepEqual(batch.ids, before.ids, 'ids are stable');
    assert.deepEqual(batch.kinds, before.kinds, 'kinds are stable');
  });
}

test('the kind mix is plausible: cars, trucks and motorbikes common, a few emergency vehicles', () => {
  const batch = new VehicleFleetSimulator(segments, 20_000, new Random(5)).tick(T0);
  const share = Object.fromEntries(VEHICLE_KINDS.map((kind, k) => [kind, batch.kinds.filter((x) => x === k).length / 20_000]));
  console.info(`kind mix: ${Object.entries(share).map(([kind, s]) => `${kind} ${(s * 100).toFixed(1)} %`).join(', ')}`);
  for (const kind of ['car', 'truck', 'motorbike'] as const) assert.ok(share[kind]! > 0.15, kind);
  assert.ok(share['bus']! > 0.02);
  assert.ok(share['emergency']! > 0 && share['emergency']! < 0.02);
});

test('vehicles slow down on a segment where the traffic feed reports a jam', () => {
  const jammed = segments.find((segment) => segment.id === 'QL.5-010')!;
  const run = (speedOf?: (id: string) => number | undefined): number[] => {
    const simulator = new VehicleFleetSimulator(segments, 20_000, new Random(9), speedOf);
    let batch = simulator.tick(T0);
    for (let s = 1; s <= 120; s++) batch = simulator.tick(T0 + s * 1000);
    // Vehicles well inside the segment (not just arriving from the free road around it).
    const speeds: number[] = [];
    const [start, end] = [jammed.path[0]!, jammed.path.at(-1)!];
    for (let i = 0; i < simulator.count; i++) {
      const lon = batch.positions[2 * i]!;
      const lat = batch.positions[2 * i + 1]!;
      if (distanceToPathM([lon, lat], jammed.path) > 15) continue;
      if (haversineM(lon, lat, start[0], start[1]) < 400 || haversineM(lon, lat, end[0], end[1]) < 400) continue;
      if (VEHICLE_KINDS[batch.kinds[i]!] === 'emergency') continue;
      speeds.push(batch.speeds[i]!);
    }
    return speeds;
  };
  const free = run();
  const jam = run((id) => (id === jammed.id ? 8 : undefined));
  const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
  console.info(`QL.5-010: ${free.length} vehicles at ${mean(free).toFixed(1)} km/h free, ${jam.length} at ${mean(jam).toFixed(1)} km/h jammed (feed says 8)`);
  assert.ok(free.length > 10 && jam.length > 10);
  assert.ok(mean(free) > 45);
  assert.ok(mean(jam) < 12);
  assert.ok(jam.length > free.length, 'a jam holds more vehicles');
});

test('deterministic by seed, and the same arrays are returned every tick', () => {
  const a = new VehicleFleetSimulator(segments, 5000, new Random(11));
  const b = new VehicleFleetSimulator(segments, 5000, new Random(11));
  const c = new VehicleFleetSimulator(segments, 5000, new Random(12));
  const first = a.tick(T0);
  b.tick(T0);
  c.tick(T0);
  const arrays = [first.ids, first.positions, first.headings, first.speeds, first.kinds];
  for (const now of [T0 + 1000, T0 + 2500, T0 + 4000, T0 + 64_000]) {
    const batchA = a.tick(now);
    assert.equal(batchA, first);
    assert.deepEqual([batchA.ids, batchA.positions, batchA.headings, batchA.speeds, batchA.kinds], arrays);
    assert.equal(batchA.positions, first.positions);
    assert.deepEqual(copy(batchA), copy(b.tick(now)));
    assert.notDeepEqual(copy(batchA).positions, copy(c.tick(now)).positions);
  }
});

test('a long pause moves vehicles by at most five minutes and keeps them on the road', () => {
  const simulator = new VehicleFleetSimulator(segments, 2000, new Random(4));
  simulator.tick(T0);
  checkOnRoads(simulator.tick(T0 + 6 * 3_600_000), 1);
});

test('rejects a bad count and an empty network', () => {
  assert.throws(() => new VehicleFleetSimulator(segments, -1, new Random(1)), RangeError);
  assert.throws(() => new VehicleFleetSimulator([], 10, new Random(1)), /no usable segment/);
  assert.equal(new VehicleFleetSimulator([], 0, new Random(1)).tick(T0).ids.length, 0);
});
