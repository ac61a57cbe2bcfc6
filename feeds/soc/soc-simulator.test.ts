import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { SocData, type SocAlert } from '../protocol/feed-data.js';
import { Random } from '../sim/random.js';
import { AgencyTarget } from './agency-target.js';
import { ipInCidr } from '../region/cidr.js';
import { SocSimulator } from './soc-simulator.js';
import { eveToAlert, parseEveLine } from './suricata-eve.js';

const AGENCIES: AgencyTarget[] = [
  {
    id: 'ubnd-tinh',
    name: { vi: 'UBND tỉnh Hải Dương', en: "Provincial People's Committee" },
    ipRanges: ['10.61.1.0/24'],
    systems: [
      { name: 'Cổng dịch vụ công', host: '10.61.1.10', port: 443 },
      { name: 'Máy chủ quản trị', host: '10.61.1.22', port: 22 },
    ],
  },
  {
    id: 'so-tnmt',
    name: { vi: 'Sở Tài nguyên và Môi trường', en: 'Department of Natural Resources and Environment' },
    ipRanges: ['10.61.3.0/24'],
    systems: [
      { name: 'Quan trắc môi trường', host: '10.61.3.15', port: 8080 },
      { name: 'Máy trạm GIS', host: '10.61.3.40', port: 3389 },
    ],
  },
  {
    id: 'so-tu-phap',
    name: { vi: 'Sở Tư pháp', en: 'Department of Justice' },
    ipRanges: ['10.61.2.0/24'],
    // A host name, not an address: the simulator places it inside the agency's range.
    systems: [{ name: 'Hộ tịch', host: 'hotich.haiduong.gov.vn', port: 80 }],
  },
];
const RANGES = AGENCIES.flatMap((a) => a.ipRanges);
const DOC_RANGES = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'];

const START = Date.UTC(2026, 10, 23, 0, 0, 0); // Monday 07:00 in Hải Dương
const MINUTE = 60_000;

/** Drive a simulator like the hub does: start, then calls at a fixed simulated step. */
function run(sim: SocSimulator, stepMs: number, durationMs: number): { calls: SocAlert[][]; alerts: SocAlert[] } {
  sim.start(START);
  const calls: SocAlert[][] = [];
  for (let t = START + stepMs; t <= START + durationMs; t += stepMs) calls.push(sim.tick(t));
  return { calls, alerts: calls.flat() };
}

/** The largest number of alerts from one source to one destination address within any `windowMs`. */
function densestPair(alerts: readonly SocAlert[], windowMs: number): number {
  const byPair = new Map<string, number[]>();
  for (const a of alerts) {
    const key = `${a.srcIp}>${a.destIp}`;
    byPair.set(key, [...(byPair.get(key) ?? []), a.observedAt]);
  }
  let best = 0;
  for (const times of byPair.values()) {
    times.sort((x, y) => x - y);
    let lo = 0;
    for (let hi = 0; hi < times.length; hi++) {
      while ((times[hi] ?? 0) - (times[lo] ?? 0) > windowMs) lo++;
      best = Math.max(best, hi - lo + 1);
    }
  }
  return best;
}

const day = run(new SocSimulator(AGENCIES, new Random(42)), 10_000, 24 * 60 * MINUTE);
/** Campaigns come a handful a day: a simulated week shows every kind. */
const week = run(new SocSimulator(AGENCIES, new Random(42)), 30_000, 7 * 24 * 60 * MINUTE);

test('a simulated day: every item is valid SocData with a unique id', () => {
  assert.ok(day.alerts.length > 2000, `only ${day.alerts.length} alerts`);
  for (const alert of day.alerts) {
    const parsed = SocData.safeParse(alert);
    assert.ok(parsed.success, JSON.stringify(alert));
  }
  assert.equal(new Set(day.alerts.map((a) => a.id)).size, day.alerts.length);
});

test('a simulated day: alerts are ordered in time and inside the call that reported them', () => {
  let previous = -Infinity;
  day.calls.forEach((items, index) => {
    const callAt = START + (index + 1) * 10_000;
    for (const alert of items) {
      assert.ok(alert.observedAt >= previous, 'ordered');
      assert.ok(alert.observedAt > callAt - 10_000 && alert.observedAt <= callAt, 'within the tick');
      previous = alert.observedAt;
    }
  });
});

test('a simulated week: bursts of 20+ alerts from one source to one target within 5 minutes happen', () => {
  assert.ok(densestPair(week.alerts, 5 * MINUTE) >= 20, `densest pair: ${densestPair(week.alerts, 5 * MINUTE)}`);
});

test('a simulated week: severity-1 alerts occur, the bulk of the background is severity 3', () => {
  const bySeverity = [1, 2, 3].map((s) => week.alerts.filter((a) => a.severity === s).length);
  assert.ok((bySeverity[0] ?? 0) > 0, 'severity 1');
  assert.ok((bySeverity[2] ?? 0) > (bySeverity[0] ?? 0), 'more low than high');
  // C2 beacons: periodic severity-1 alerts from an internal host to one external address.
  const beacons = week.alerts.filter((a) => a.category === 'A Network Trojan was detected');
  assert.ok(beacons.length > 0, 'C2 beacons');
  for (const b of beacons) {
    assert.equal(b.severity, 1);
    assert.ok(RANGES.some((r) => ipInCidr(b.srcIp, r)), 'beacon from inside');
    assert.ok(DOC_RANGES.some((r) => ipInCidr(b.destIp, r)), 'beacon to outside');
    assert.notEqual(b.agency, null, 'attributed to the source agency');
  }
});

test('a simulated day: agencies are attributed and outsiders come from documentation ranges', () => {
  const agencies = new Set(day.alerts.map((a) => a.agency));
  assert.deepEqual([...agencies].sort(), ['so-tnmt', 'so-tu-phap', 'ubnd-tinh']);
  for (const alert of day.alerts) {
    for (const ip of [alert.srcIp, alert.destIp]) {
      const inside = RANGES.some((r) => ipInCidr(ip, r));
      assert.ok(inside || DOC_RANGES.some((r) => ipInCidr(ip, r)), ip);
    }
  }
  // Recurring attackers: some outside address shows up at many different times of the day.
  const hoursBySource = new Map<string, Set<number>>();
  for (const a of day.alerts) {
    if (RANGES.some((r) => ipInCidr(a.srcIp, r))) continue;
    const hours = hoursBySource.get(a.srcIp) ?? new Set<number>();
    hours.add(Math.floor((a.observedAt - START) / (60 * MINUTE)));
    hoursBySource.set(a.srcIp, hours);
  }
  assert.ok(Math.max(...[...hoursBySource.values()].map((h) => h.size)) >= 6);
});

/** No run of `limit` consecutive calls without an item. */
function longestQuietRun(calls: readonly unknown[][]): number {
  let run = 0;
  let longest = 0;
  for (const items of calls) {
    run = items.length === 0 ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

test('background noise: an item at least every 5 calls at speed 1, 10 and 0.1', () => {
  for (const stepMs of [1000, 10_000, 100]) {
    const { calls } = run(new SocSimulator(AGENCIES, new Random(7)), stepMs, 2 * 60 * MINUTE * (stepMs / 1000));
    assert.ok(longestQuietRun(calls) < 5, `step ${stepMs}: ${longestQuietRun(calls)} quiet calls in a row`);
  }
});

test('a call whose simulated time did not advance emits nothing', () => {
  const sim = new SocSimulator(AGENCIES, new Random(7));
  sim.start(START);
  for (let i = 0; i < 10; i++) assert.deepEqual(sim.tick(START), []);
});

test('deterministic: the same seed and calls give the same alerts; another seed does not', () => {
  const again = run(new SocSimulator(AGENCIES, new Random(42)), 10_000, 24 * 60 * MINUTE);
  assert.deepEqual(again.alerts, day.alerts);
  const other = run(new SocSimulator(AGENCIES, new Random(43)), 10_000, 60 * MINUTE);
  assert.notDeepEqual(other.alerts, day.alerts.slice(0, other.alerts.length));
});

test('demo: a burst and a severity-1 alert in the first simulated minute', () => {
  const { alerts } = run(new SocSimulator(AGENCIES, new Random(5), { demo: true }), 1000, MINUTE);
  assert.ok(alerts.some((a) => a.severity === 1), 'severity 1');
  assert.ok(densestPair(alerts, MINUTE) >= 20, 'burst');
  const plain = run(new SocSimulator(AGENCIES, new Random(5)), 1000, MINUTE);
  assert.ok(densestPair(plain.alerts, MINUTE) < 20, 'no burst without demo (seed 5)');
});

test('generated EVE records survive a round trip through eve.json lines', () => {
  const sim = new SocSimulator(AGENCIES, new Random(9), { demo: true });
  sim.start(START);
  let count = 0;
  for (let t = START + 5000; t <= START + 30 * MINUTE; t += 5000) {
    for (const eve of sim.tickEve(t)) {
      const parsed = parseEveLine(JSON.stringify(eve));
      assert.equal(parsed.kind, 'alert', JSON.stringify(parsed));
      if (parsed.kind !== 'alert') continue;
      assert.match(parsed.alert.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+0700$/);
      assert.deepEqual(eveToAlert(parsed.alert, AGENCIES, 'x'), eveToAlert(eve, AGENCIES, 'x'));
      count++;
    }
  }
  assert.ok(count > 50);
});

test('a long pause generates at most the last 15 simulated minutes, not hours of backlog', () => {
  const sim = new SocSimulator(AGENCIES, new Random(11));
  sim.start(START);
  const items = sim.tick(START + 6 * 60 * MINUTE);
  assert.ok(items.every((a) => a.observedAt >= START + 6 * 60 * MINUTE - 15 * MINUTE));
  assert.ok(items.length < 400, `${items.length}`);
});

test('no agencies: the feed still runs, alerts unattributed', () => {
  const { calls, alerts } = run(new SocSimulator([], new Random(1)), 1000, 10 * MINUTE);
  assert.ok(longestQuietRun(calls) < 5);
  assert.ok(alerts.every((a) => a.agency === null && SocData.safeParse(a).success));
});

test('invalid agencies are refused with the field named', () => {
  const bad = [{ ...AGENCIES[0], ipRanges: ['10.61.1.0/33'] }] as AgencyTarget[];
  assert.throws(() => new SocSimulator(bad, new Random(1)), /ipRanges/);
});

test("a caller's own interface (no index signature) is accepted as agencies", () => {
  interface RegionAgency {
    id: string;
    name: { vi: string; en: string };
    kind: string;
    district: string;
    position: [number, number];
    ipRanges: string[];
    systems: { name: string; host: string; port: number }[];
  }
  const region: RegionAgency[] = [
    { id: 'x', name: { vi: 'x', en: 'x' }, kind: 'data-center', district: '288', position: [106.3, 20.9], ipRanges: ['10.9.0.0/24'], systems: [{ name: 's', host: '10.9.0.5', port: 22 }] },
  ];
  const alerts = run(new SocSimulator(region, new Random(1)), 10_000, 30 * MINUTE).alerts;
  assert.ok(alerts.length > 0 && alerts.every((a) => a.agency === 'x'));
});

const REGION_AGENCIES = new URL('../../regions/hai-duong/agencies.json', import.meta.url);
test('the Hải Dương region pack agencies drive the simulator', { skip: !existsSync(REGION_AGENCIES) && 'agencies.json not there yet' }, () => {
  const file = JSON.parse(readFileSync(REGION_AGENCIES, 'utf8')) as { agencies: unknown[] };
  const agencies = file.agencies.map((a) => AgencyTarget.parse(a));
  const { alerts } = run(new SocSimulator(agencies, new Random(3), { demo: true }), 10_000, 6 * 60 * MINUTE);
  assert.ok(alerts.length > 100);
  assert.ok(alerts.every((a) => SocData.safeParse(a).success));
  assert.ok(alerts.filter((a) => a.agency !== null).length > alerts.length * 0.9);
});
