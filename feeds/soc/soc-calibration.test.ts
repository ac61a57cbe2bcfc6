import assert from 'node:assert/strict';
import { test } from 'node:test';
import { regionAgencyTargets } from '../region/region-inputs.js';
import type { SocAlert } from '../protocol/feed-data.js';
import { loadRegion } from '../region/load-region.js';
import { Random } from '../sim/random.js';
import { buildSocNetwork } from './soc-network.js';
import { bruteForce, c2Beacon, portScan, webAttack, type PlannedAlert } from './soc-scenarios.js';
import { SocSimulator, type Campaign } from './soc-simulator.js';

/**
 * Calibration (docs/simulation.md): the shipped region's agencies behind one simulated Suricata sensor for a week.
 * A background of a few low-severity alerts a minute, a handful of campaigns a day, each tens of minutes long.
 */
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const DAYS = 7;
const START = Date.parse('2026-12-03T00:00:00+07:00');
const region = await loadRegion(new URL('../../regions/hai-duong', import.meta.url).pathname);
const agencies = regionAgencyTargets(region);

/** A week at one call every 10 simulated seconds (a hub at --speed 10: the 5-s keep-alive hardly ever fires). */
const sim = new SocSimulator(agencies, new Random(1));
sim.start(START);
const alerts: SocAlert[] = [];
for (let t = START + 10_000; t <= START + DAYS * DAY; t += 10_000) alerts.push(...sim.tick(t));

const perDay = (count: number): number => count / DAYS;

test('background: a few alerts a minute, most of them severity 3, severity 1 a small minority', () => {
  const bySeverity = [1, 2, 3].map((severity) => perDay(alerts.filter((a) => a.severity === severity).length));
  const perMinute = perDay(alerts.length) / 1440;
  console.info(`alerts per day by severity 1/2/3: ${bySeverity.map((n) => n.toFixed(0)).join(' / ')} (${perMinute.toFixed(1)} a minute)`);
  assert.ok(perMinute >= 2 && perMinute <= 6, `${perMinute.toFixed(2)} a minute (bound 2–6)`);
  const [sev1 = 0, sev2 = 0, sev3 = 0] = bySeverity;
  assert.ok(sev3 > sev2 && sev2 > sev1, 'severity 3 > 2 > 1');
  assert.ok(sev1 >= 5 && sev1 <= 300, `severity 1: ${sev1.toFixed(0)} a day (bound 5–300)`);
  assert.ok(sev1 / (sev1 + sev2 + sev3) <= 0.05, 'severity 1 is at most 5 % of alerts');
});

test('campaigns: a handful a day', () => {
  const campaigns = sim.campaigns;
  const total = Object.values(campaigns).reduce((a, b) => a + b, 0);
  console.info(`campaigns in ${DAYS} days: ${total} (${perDay(total).toFixed(1)} a day) ${JSON.stringify(campaigns)}`);
  assert.ok(perDay(total) >= 3 && perDay(total) <= 10, `${perDay(total).toFixed(1)} a day (bound 3–10)`);
  const kinds: Campaign[] = ['port-scan', 'ssh-brute-force', 'rdp-brute-force', 'web-attack', 'c2-beacon'];
  for (const kind of kinds) assert.ok(campaigns[kind] >= 1, `${kind} in a week`);
});

test('each campaign lasts tens of minutes, not seconds', () => {
  const net = buildSocNetwork(agencies, new Random(2));
  const random = new Random(3);
  const span = (plans: readonly PlannedAlert[]): number => (Math.max(...plans.map((p) => p.at)) - Math.min(...plans.map((p) => p.at))) / MINUTE;
  const spans: Record<string, number[]> = { scan: [], ssh: [], web: [], beacon: [] };
  for (let i = 0; i < 200; i++) {
    spans['scan']!.push(span(portScan(random, net, START)));
    spans['ssh']!.push(span(bruteForce(random, net, START, 'ssh')));
    spans['web']!.push(span(webAttack(random, net, START)));
    spans['beacon']!.push(span(c2Beacon(random, net, START)));
  }
  for (const [kind, values] of Object.entries(spans)) {
    const min = Math.min(...values);
    const max = Math.max(...values);
    console.info(`${kind}: ${min.toFixed(0)}–${max.toFixed(0)} min`);
    assert.ok(min >= 5 && max <= 200, `${kind} spans ${min}–${max} min (bound 5–200)`);
  }
});
