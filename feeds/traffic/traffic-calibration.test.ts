import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultIncidentConfig } from '../incidents/incident-config.js';
import { NO_PLACES } from '../incidents/incident-places.js';
import { TrafficRule } from '../incidents/rules/traffic-rule.js';
import type { TrafficData } from '../protocol/feed-data.js';
import { Random } from '../sim/random.js';
import { haiDuongSegments } from './hai-duong-roads.node.js';
import { localHourOfDay } from './time-of-day.js';
import { TrafficSimulator } from './traffic-simulator.js';

/**
 * Calibration (docs/simulation.md) on the real Hải Dương roads (QL.5, CT.04, QL.10: 85 km): accidents at the
 * recorded crash rates plus minor collisions, congestion that the incident rule reports only in the rush hours.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSET_MINUTES = 420;
const START = Date.parse('2026-12-03T00:00:00+07:00');
const segments = haiDuongSegments();

function simulate(seed: number, days: number, stepMs: number, observe: (now: number, item: TrafficData) => void): void {
  const sim = new TrafficSimulator(segments, new Random(seed));
  for (const item of sim.start(START)) observe(START, item);
  for (let now = START + stepMs; now <= START + days * DAY; now += stepMs) for (const item of sim.tick(now)) observe(now, item);
}

test('accidents: under one a day on these roads, a few per 12-h shift at most, most of them minor', () => {
  const days = 60;
  const perShift = new Array<number>(days * 2).fill(0);
  const severities = { minor: 0, serious: 0, fatal: 0 };
  simulate(1, days, 5 * 60_000, (now, item) => {
    if (item.kind !== 'accident') return;
    const shift = Math.min(perShift.length - 1, Math.floor((now - START) / (12 * HOUR)));
    perShift[shift] = (perShift[shift] ?? 0) + 1;
    severities[item.severity] += 1;
  });
  const total = perShift.reduce((a, b) => a + b, 0);
  const mean = total / perShift.length;
  console.info(`accidents in ${days} days: ${total} (${(mean * 2).toFixed(2)} a day, ${mean.toFixed(2)} per 12 h, at most ${Math.max(...perShift)}) ${JSON.stringify(severities)}`);
  assert.ok(mean >= 0.2 && mean <= 0.8, `${mean.toFixed(2)} per 12 h (bound 0.2–0.8)`);
  assert.ok(Math.max(...perShift) <= 4, `at most ${Math.max(...perShift)} in a shift (bound ≤ 4)`);
  assert.ok(severities.minor >= total * 0.65, 'most are minor collisions');
  assert.ok(severities.fatal >= 1 && severities.fatal <= total * 0.2, `fatal ${severities.fatal} of ${total}`);
});

test('congestion: the rule (30 % of free flow for 10 min) fires in the rush hours only, a few times a day', () => {
  const days = 14;
  const rule = new TrafficRule(defaultIncidentConfig().traffic, NO_PLACES);
  const hours: number[] = [];
  simulate(2, days, 10_000, (now, item) => {
    for (const detection of rule.observe(item, now)) if (detection.kind === 'traffic-congestion') hours.push(localHourOfDay(now, OFFSET_MINUTES));
  });
  // Accidents block lanes at any hour; everything else must fall in or just after a rush window (07–09, 16:30–18:30).
  const rushOrAfter = hours.filter((h) => (h >= 6.5 && h < 10) || (h >= 16 && h < 19.5));
  console.info(`congestion detections in ${days} days: ${hours.length} (${(hours.length / days).toFixed(1)} a day), ${rushOrAfter.length} in or just after a rush window`);
  assert.ok(hours.length / days <= 8, `${(hours.length / days).toFixed(1)} a day (bound ≤ 8)`);
  assert.ok(hours.length >= days / 2, `congestion happens (${hours.length} in ${days} days)`);
  assert.ok(rushOrAfter.length >= hours.length * 0.8, `${rushOrAfter.length} of ${hours.length} in the rush hours (bound ≥ 80 %)`);
});
