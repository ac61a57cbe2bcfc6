import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrafficData, type TrafficSegment } from '../protocol/feed-data.js';
import { Random } from '../sim/random.js';
import { haiDuongSegments } from './hai-duong-roads.node.js';
import { distanceToPathM } from './polyline.js';
import { TrafficSimulator } from './traffic-simulator.js';
import { urbanFactors } from './urban-factors.js';

const segments = haiDuongSegments();
const segmentById = new Map(segments.map((segment) => [segment.id, segment]));
/** Local midnight (UTC+7) of a Monday. */
const MIDNIGHT = Date.UTC(2025, 2, 2, 17, 0, 0);
const STEP_MS = 10_000;
const DAY_STEPS = 8640;

interface DayRun {
  items: { now: number; data: TrafficData }[];
  /** Length-weighted mean speed of each speeds item, by the local hour it was emitted in. */
  meanByHour: number[][];
}

function runDay(seed: number, options: { demo?: boolean } = {}, steps = DAY_STEPS, stepMs = STEP_MS): DayRun {
  const simulator = new TrafficSimulator(segments, new Random(seed), options);
  const items: DayRun['items'] = simulator.start(MIDNIGHT).map((data) => ({ now: MIDNIGHT, data }));
  for (let k = 1; k <= steps; k++) {
    const now = MIDNIGHT + k * stepMs;
    for (const data of simulator.tick(now)) items.push({ now, data });
  }
  const meanByHour: number[][] = Array.from({ length: 24 }, () => []);
  for (const { now, data } of items) {
    if (data.kind !== 'speeds') continue;
    let weighted = 0;
    let length = 0;
    for (const { id, kmh } of data.speeds) {
      const segment = segmentById.get(id)!;
      weighted += kmh * segment.lengthM;
      length += segment.lengthM;
    }
    meanByHour[Math.floor(((now - MIDNIGHT) / 3_600_000) % 24)]!.push(weighted / length);
  }
  return { items, meanByHour };
}

const mean = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;
const day = runDay(42);
/** Accidents are rare (under one a day on these roads, docs/simulation.md): three simulated weeks, a minute apart. */
const ACCIDENT_STEP_MS = 60_000;
const weeks = runDay(42, {}, 21 * 1440, ACCIDENT_STEP_MS);

test('start publishes the network, then every speed', () => {
  const simulator = new TrafficSimulator(segments, new Random(1));
  const [network, speeds, ...rest] = simulator.start(MIDNIGHT);
  assert.equal(rest.length, 0);
  assert.equal(network?.kind, 'network');
  assert.equal(network.kind === 'network' && network.segments.length, segments.length);
  assert.equal(speeds?.kind, 'speeds');
  assert.deepEqual(speeds.kind === 'speeds' && speeds.speeds.map((s) => s.id), segments.map((s) => s.id));
});

test('every tick emits a speed for every segment', () => {
  const ticks = new Map<number, Set<string>>();
  for (const { now, data } of day.items) {
    if (data.kind !== 'speeds') continue;
    ticks.set(now, new Set(data.speeds.map((speed) => speed.id)));
  }
  assert.equal(ticks.size, DAY_STEPS + 1);
  for (const ids of ticks.values()) assert.equal(ids.size, segments.length);
});

test('rush hour is slower than 03:00, and slowest near the city', () => {
  const night = mean(day.meanByHour[3]!);
  const morning = mean(day.meanByHour[7]!.concat(day.meanByHour[8]!));
  const evening = mean(day.meanByHour[17]!);
  console.info(`mean network speed: 03:00 ${night.toFixed(1)} km/h, 07–09 ${morning.toFixed(1)}, 17:00 ${evening.toFixed(1)}`);
  assert.ok(morning < night * 0.9, `${morning} vs ${night}`);
  assert.ok(evening < night * 0.9, `${evening} vs ${night}`);

  // Near the city (high urban factor) ordinary roads lose more of their free flow in the rush than far from it.
  const urban = urbanFactors(segments);
  const ordinary = segments.map((segment, i) => ({ segment, urban: urban[i]! })).filter(({ segment }) => segment.freeFlowKmh < 90)
    .sort((a, b) => b.urban - a.urban);
  const rushRatio = (list: typeof ordinary): number => {
    const ids = new Set(list.map(({ segment }) => segment.id));
    const ratios: number[] = [];
    for (const { now, data } of day.items) {
      const hour = (now - MIDNIGHT) / 3_600_000;
      if (data.kind !== 'speeds' || hour < 7 || hour >= 9) continue;
      for (const { id, kmh } of data.speeds) if (ids.has(id)) ratios.push(kmh / segmentById.get(id)!.freeFlowKmh);
    }
    return mean(ratios);
  };
  const city = rushRatio(ordinary.slice(0, 5));
  const country = rushRatio(ordinary.slice(-5));
  console.info(`07–09 speed / free flow: 5 most urban segments ${city.toFixed(2)}, 5 least urban ${country.toFixed(2)}`);
  assert.ok(city < country - 0.1, `${city} vs ${country}`);
});

test('speeds stay within [0, 1.2 × free flow] and change smoothly', () => {
  const previous = new Map<string, number>();
  let largestJump = 0;
  for (const { data } of day.items) {
    if (data.kind !== 'speeds') continue;
    for (const { id, kmh } of data.speeds) {
      const segment = segmentById.get(id)!;
      assert.ok(kmh >= 0 && kmh <= 1.2 * segment.freeFlowKmh, `${id} ${kmh}`);
      const before = previous.get(id);
      if (before !== undefined) largestJump = Math.max(largestJump, Math.abs(kmh - before) / segment.freeFlowKmh);
      previous.set(id, kmh);
    }
  }
  // 10 s apart, even an accident (speed × 0.15) moves a segment's speed by well under a fifth of free flow.
  console.info(`largest change between 10 s ticks: ${(largestJump * 100).toFixed(1)} % of free flow`);
  assert.ok(largestJump < 0.2, String(largestJump));
});

test('accidents happen at a point on their segment and are cleared 20–90 minutes later', () => {
  const started = new Map<string, { now: number; segment: TrafficSegment }>();
  const durationsMin: number[] = [];
  for (const { now, data } of weeks.items) {
    if (data.kind === 'accident') {
      const segment = segmentById.get(data.segmentId);
      assert.ok(segment, data.segmentId);
      assert.ok(distanceToPathM(data.position, segment.path) < 1, `${data.id} off its segment`);
      assert.ok(data.description.vi.length > 0 && data.description.en.length > 0);
      assert.ok(!started.has(data.id), `duplicate id ${data.id}`);
      started.set(data.id, { now, segment });
    } else if (data.kind === 'accident-cleared') {
      const start = started.get(data.id);
      assert.ok(start, `cleared unknown ${data.id}`);
      durationsMin.push((now - start.now) / 60_000);
    }
  }
  console.info(`accidents in three simulated weeks: ${started.size}, cleared: ${durationsMin.length}`);
  assert.ok(started.size >= 1);
  assert.ok(durationsMin.length >= 1);
  for (const minutes of durationsMin) assert.ok(minutes >= 20 && minutes <= 90.2, String(minutes));
});

test('an accident slows its segment sharply', () => {
  const accident = weeks.items.find((item) => item.data.kind === 'accident');
  assert.ok(accident && accident.data.kind === 'accident');
  const segmentId = accident.data.segmentId;
  const speedAt = (now: number): number => {
    const item = weeks.items.find((entry) => entry.now === now && entry.data.kind === 'speeds');
    const speed = item?.data.kind === 'speeds' ? item.data.speeds.find((s) => s.id === segmentId) : undefined;
    return speed!.kmh;
  };
  const before = speedAt(accident.now - ACCIDENT_STEP_MS);
  const after = speedAt(accident.now + 10 * 60_000);
  assert.ok(after < before * 0.7, `${segmentId}: ${before} → ${after} km/h`);
});

test('every item passes the TrafficData schema', () => {
  for (const { data } of day.items) {
    const result = TrafficData.safeParse(data);
    assert.ok(result.success, result.success ? '' : result.error.message);
  }
});

test('deterministic: the same seed gives the same items, another seed differs', () => {
  const a = runDay(7, {}, 1500);
  const b = runDay(7, {}, 1500);
  const c = runDay(8, {}, 1500);
  assert.deepEqual(a.items, b.items);
  assert.notDeepEqual(a.items, c.items);
});

test('demo mode starts an accident and a spreading congestion episode within the first simulated minute', () => {
  const simulator = new TrafficSimulator(segments, new Random(3), { demo: true });
  const start = MIDNIGHT + 3 * 3_600_000;
  const baseline = speedsOf(simulator.start(start));
  const firstMinute: TrafficData[] = [];
  for (let s = 1; s <= 60; s++) firstMinute.push(...simulator.tick(start + s * 1000));
  const accident = firstMinute.find((item) => item.kind === 'accident');
  assert.ok(accident?.kind === 'accident', 'an accident in the first minute');
  let latest = baseline;
  for (let s = 61; s <= 12 * 60; s++) latest = speedsOf(simulator.tick(start + s * 1000));
  // 12 minutes on, the jam has reached its neighbours: several segments besides the accident's are well below 03:00 speed.
  const slowed = [...latest].filter(([id, kmh]) => id !== accident.segmentId && kmh < baseline.get(id)! * 0.8);
  assert.ok(slowed.length >= 2, `congested segments besides the accident: ${slowed.map(([id]) => id).join(', ')}`);
});

function speedsOf(items: readonly TrafficData[]): Map<string, number> {
  const item = [...items].reverse().find((entry) => entry.kind === 'speeds');
  assert.ok(item?.kind === 'speeds');
  return new Map(item.speeds.map((speed) => [speed.id, speed.kmh]));
}

test('currentSpeed is the speed last emitted (what the vehicle fleet drives at)', () => {
  const simulator = new TrafficSimulator(segments, new Random(5));
  assert.equal(simulator.currentSpeed(segments[0]!.id), undefined, 'before start');
  simulator.start(MIDNIGHT);
  let latest = new Map<string, number>();
  for (let s = 1; s <= 30; s++) latest = speedsOf(simulator.tick(MIDNIGHT + s * 10_000));
  for (const [id, kmh] of latest) assert.equal(simulator.currentSpeed(id), kmh);
  assert.equal(simulator.currentSpeed('QL.0-999'), undefined);
});
