import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TrafficSegment } from '../protocol/feed-data.js';
import { congestedKm, meanNetworkSpeedKmh, speedRatio } from './traffic-kpis.js';
import type { TrafficState } from './traffic-reducer.js';

const segment = (id: string, lengthM: number, freeFlowKmh: number): TrafficSegment => ({
  id, road: 'QL.1', name: { vi: id, en: id }, path: [[106, 21], [106.01, 21]], lengthM, freeFlowKmh,
});

/** 1 km at 30 of 60, 3 km at 90 of 100, 2 km at 20 of 100 — and a 5 km segment with no speed yet. */
const state: TrafficState = {
  segments: {
    a: segment('a', 1000, 60),
    b: segment('b', 3000, 100),
    c: segment('c', 2000, 100),
    d: segment('d', 5000, 80),
  },
  speeds: { a: { kmh: 30, ts: 1 }, b: { kmh: 90, ts: 1 }, c: { kmh: 20, ts: 1 } },
  accidents: {},
};

test('speedRatio is speed over free flow', () => {
  assert.equal(speedRatio(segment('x', 1000, 80), 20), 0.25);
  assert.equal(speedRatio(segment('x', 1000, 80), 80), 1);
});

test('meanNetworkSpeedKmh weights by length and skips segments without a speed', () => {
  // (30·1 + 90·3 + 20·2) / 6 = 340 / 6
  assert.equal(meanNetworkSpeedKmh(state), 340 / 6);
  assert.equal(meanNetworkSpeedKmh({ segments: state.segments, speeds: {}, accidents: {} }), null);
});

test('congestedKm counts the length below the ratio of free flow', () => {
  // a: 0.5 (not below 0.5), b: 0.9, c: 0.2 → 2 km
  assert.equal(congestedKm(state), 2);
  // below 0.6: a and c → 3 km; below 0.95: all three → 6 km
  assert.equal(congestedKm(state, 0.6), 3);
  assert.equal(congestedKm(state, 0.95), 6);
  assert.equal(congestedKm(state, 0.1), 0);
});
