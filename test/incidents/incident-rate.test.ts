import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Detection } from '../../feeds/incidents/detection.js';
import { DETECTED_KINDS } from '../../feeds/protocol/incident.js';
import { countBy, haiDuongRegion, openedIncidents, simulateProvince } from '../support/simulated-province.js';

/**
 * How loud the wall is on an ordinary day (docs/simulation.md, "Incident rates"): the region's simulators, without
 * the demo, for simulated December days, through the incident rules with their default thresholds. Counted per
 * 12-h shift as if every incident were resolved at the handover (each dedupe key seen in the shift opens one), so
 * the counts are an upper bound of what a shift opens. December is the worst month for air quality.
 */
const HOUR = 3_600_000;
const SHIFT = 12 * HOUR;
const START = Date.parse('2026-12-03T06:00:00+07:00');
const SEEDS = [1, 2, 3];

/** Documented bounds: per shift in total and by kind, per simulated hour, and in the first hour after a start. */
const BOUNDS = {
  shift: { min: 1, max: 40, meanMax: 20 },
  hour: 20,
  firstHour: 8,
  kind: {
    'air-quality': 20,
    'station-silent': 5,
    'traffic-accident': 4,
    'traffic-congestion': 8,
    'soc-high-severity': 10,
    'soc-burst': 6,
    'soc-wazuh': 2,
    'portal-overdue': 10,
  },
} as const;

const region = await haiDuongRegion();
const runs = SEEDS.map((seed) => ({ seed, run: simulateProvince(region, { seed, startMs: START, hours: 24, tickMs: 5000 }) }));

function within(detections: readonly Detection[], from: number, to: number): Detection[] {
  return detections.filter((d) => d.at >= from && d.at < to);
}

const shifts = runs.flatMap(({ seed, run }) =>
  [0, 1].map((index) => {
    const from = START + index * SHIFT;
    return { label: `seed ${seed} ${index === 0 ? 'day' : 'night'}`, from, opened: [...openedIncidents(within(run.detections, from, from + SHIFT)).values()] };
  }),
);

test('an ordinary December day: each 12-h shift opens ones to tens of incidents, not tens an hour', () => {
  for (const shift of shifts) {
    console.info(`${shift.label}: ${shift.opened.length} incidents ${JSON.stringify(Object.fromEntries(countBy(shift.opened, (d) => d.kind)))}`);
    assert.ok(shift.opened.length >= BOUNDS.shift.min && shift.opened.length <= BOUNDS.shift.max, `${shift.label}: ${shift.opened.length} (bound ${BOUNDS.shift.min}–${BOUNDS.shift.max})`);
    for (const [kind, count] of countBy(shift.opened, (d) => d.kind)) {
      const bound = BOUNDS.kind[kind as keyof typeof BOUNDS.kind];
      assert.ok(count <= bound, `${shift.label}: ${count} ${kind} (bound ≤ ${bound})`);
    }
    const perHour = countBy(shift.opened, (d) => String(Math.floor((d.at - shift.from) / HOUR)));
    const busiest = Math.max(0, ...perHour.values());
    assert.ok(busiest <= BOUNDS.hour, `${shift.label}: ${busiest} in its busiest hour (bound ≤ ${BOUNDS.hour})`);
  }
  const mean = shifts.reduce((sum, s) => sum + s.opened.length, 0) / shifts.length;
  console.info(`mean per shift: ${mean.toFixed(1)} over ${shifts.length} shifts`);
  assert.ok(mean <= BOUNDS.shift.meanMax, `mean ${mean.toFixed(1)} (bound ≤ ${BOUNDS.shift.meanMax})`);
});

test('the first simulated hour after a start is quiet without the demo', () => {
  for (const { seed, run } of runs) {
    const first = openedIncidents(within(run.detections, Number.NEGATIVE_INFINITY, START + HOUR)).size;
    assert.ok(first <= BOUNDS.firstHour, `seed ${seed}: ${first} in the first hour (bound ≤ ${BOUNDS.firstHour})`);
  }
});

test('the same simulators with the demo give an incident of every kind within the first simulated minute', () => {
  const demo = simulateProvince(region, { seed: 1, startMs: START, hours: 1 / 60, tickMs: 1000, demo: true });
  const kinds = new Set(demo.detections.map((d) => d.kind));
  assert.deepEqual([...DETECTED_KINDS].filter((kind) => !kinds.has(kind)), [], `kinds seen: ${[...kinds].join(', ')}`);
});
