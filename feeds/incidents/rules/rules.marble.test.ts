import assert from 'node:assert/strict';
import { test } from 'node:test';
import { map, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { assertPrototypeClean, PROTOTYPE_IDS } from '../../../test/support/prototype-ids.js';
import type { EnvironmentData, PortalData, SocData, TrafficData } from '../../protocol/feed-data.js';
import type { Detection, FeedRule } from '../detection.js';
import { defaultIncidentConfig } from '../incident-config.js';
import { NO_PLACES } from '../incident-places.js';
import { detect, type RuleInput } from '../rule-stream.js';
import { EnvironmentRule } from './environment-rule.js';
import { PortalRule } from './portal-rule.js';
import { SocRule } from './soc-rule.js';
import { TrafficRule } from './traffic-rule.js';

/**
 * Marble tests of the time-window rules on virtual time (1 frame = 1 ms; "5m" advances 5 minutes). Each detection is
 * shown as "kind/severity" so the expected marbles stay readable.
 */
const CONFIG = defaultIncidentConfig();
const HOUR = 3_600_000;

function scheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => assert.deepEqual(actual, expected));
}

function label(d: Detection): string {
  return `${d.kind}/${d.severity}`;
}

function run<D>(rule: FeedRule<D>, checkEveryMs: number, input: (s: TestScheduler) => Observable<RuleInput<D>>, expected: string, values: Record<string, string>): void {
  const s = scheduler();
  s.run(({ expectObservable }) => {
    expectObservable(input(s).pipe(detect(rule, checkEveryMs, s), map(label))).toBe(expected, values);
  });
}

// ── traffic: below 30 % of free flow for 10 minutes ─────────────────────────────────────────────────────────────
const network: TrafficData = {
  kind: 'network',
  segments: [{ id: 's1', road: 'QL.5', name: { vi: 'QL.5 km 1', en: 'QL.5 km 1' }, path: [[106.3, 20.9], [106.31, 20.91]], lengthM: 1500, freeFlowKmh: 60 }],
};
const speed = (kmh: number): TrafficData => ({ kind: 'speeds', speeds: [{ id: 's1', kmh }] });
const trafficValues = { n: { data: network }, s: { data: speed(15) }, f: { data: speed(40) } };

test('traffic: slow for 10 minutes raises congestion once; slow for 9 only does not', () => {
  // n+s at 0, s every 5 min: the one at 10 min is the first 10 minutes after the episode began.
  run(new TrafficRule(CONFIG.traffic, NO_PLACES), 60_000, (s) => s.createColdObservable('(ns) 5m s 5m s 5m s |', trafficValues), '---- 5m - 5m c 5m - |', {
    c: 'traffic-congestion/high',
  });
  run(new TrafficRule(CONFIG.traffic, NO_PLACES), 60_000, (s) => s.createColdObservable('(ns) 5m s 4m s |', trafficValues), '---- 5m - 4m - |', {});
});

test('traffic: a speed back above the ratio ends the episode; a new 10-minute episode raises again', () => {
  run(new TrafficRule(CONFIG.traffic, NO_PLACES), 60_000, (s) => s.createColdObservable('(ns) 9m f s 9m s 1m s |', trafficValues), '---- 9m - - 9m - 1m c |', {
    c: 'traffic-congestion/high',
  });
});

test('traffic: every accident raises at once, by severity', () => {
  const accident = (id: string, severity: 'minor' | 'serious' | 'fatal'): { data: TrafficData } => ({
    data: { kind: 'accident', id, segmentId: 's1', position: [106.3, 20.9], severity, lanesBlocked: 1, description: { vi: 'x', en: 'x' } },
  });
  run(new TrafficRule(CONFIG.traffic, NO_PLACES), 60_000, (s) => s.createColdObservable('n a 1m b 1m c |', { n: { data: network }, a: accident('a', 'minor'), b: accident('b', 'serious'), c: accident('c', 'fatal') }), '- a 1m b 1m c |', {
    a: 'traffic-accident/medium',
    b: 'traffic-accident/high',
    c: 'traffic-accident/critical',
  });
});

// ── environment: hourly VN_AQI, and silence on the clock ────────────────────────────────────────────────────────
const reading = (station: string, hourEnd: number, aqi: number | null): { data: EnvironmentData } => ({
  data: {
    kind: 'reading',
    station,
    values: { pm25: null, pm10: null, no2: null, so2: null, co: null, o3: null },
    hourEnd,
    hourly: aqi === null ? null : { aqi, dominant: 'pm25', band: aqi >= 201 ? 5 : 4, sub: { pm25: aqi } },
    daily: null,
  },
});

test('environment: ≥ 151 two consecutive hours → high (once per hour); ≥ 201 → critical at once; a gap breaks the run', () => {
  const values = {
    a: reading('A', 1 * HOUR, 160),
    b: reading('A', 2 * HOUR, 170),
    c: reading('A', 2 * HOUR, 172), // same hour again: no new detection
    d: reading('A', 3 * HOUR, 210),
    e: reading('B', 1 * HOUR, 190),
    f: reading('B', 3 * HOUR, 190), // hour 2 missing: not consecutive
    g: reading('B', 4 * HOUR, 100),
  };
  run(new EnvironmentRule(CONFIG.environment, NO_PLACES), 60_000, (s) => s.createColdObservable('a 1m b 1m c 1m d 1m e f g |', values), '- 1m h 1m - 1m k 1m - - - |', {
    h: 'air-quality/high',
    k: 'air-quality/critical',
  });
});

test('environment: a station silent for more than 2 h raises station-silent once; one reporting every 59 min never does', () => {
  // Readings at 0 and then nothing: the check every minute finds it silent at 121 min (more than 120).
  run(new EnvironmentRule(CONFIG.environment, NO_PLACES), 60_000, (s) => s.createColdObservable('a 180m |', { a: reading('A', 0, 50) }), '7260000ms x 3540000ms |', {
    x: 'station-silent/medium',
  });
  // Reporting every 59 minutes is never silent.
  run(new EnvironmentRule(CONFIG.environment, NO_PLACES), 60_000, (s) => s.createColdObservable('a 59m a 59m a 59m a |', { a: reading('A', 0, 50) }), '- 59m - 59m - 59m - |', {});
});

// ── soc: one source → one target, 20 alerts within 5 minutes ───────────────────────────────────────────────────
function alertAt(s: TestScheduler, overrides: Partial<Extract<SocData, { kind: 'alert' }>> = {}): { data: SocData } {
  const at = s.now();
  return {
    data: {
      kind: 'alert',
      id: `a-${at}`,
      sensor: 'suricata',
      observedAt: at,
      srcIp: '203.0.113.7',
      srcPort: 40000,
      destIp: '10.61.1.10',
      destPort: 22,
      proto: 'TCP',
      signature: 'ET SCAN SSH brute force',
      signatureId: 2001219,
      category: 'Attempted Administrator Privilege Gain',
      severity: 2,
      agency: null,
      ...overrides,
    },
  };
}

test('soc: 20 alerts 10 s apart (within 5 min) → one burst at the 20th; 16 s apart (20 span over 5 min) → none', () => {
  const every10s = 'a 9999ms '.repeat(19) + 'a 1m a |';
  const expected10s = '- 9999ms '.repeat(19) + 'b 1m - |';
  run(new SocRule(CONFIG.soc, NO_PLACES), 60_000, (s) => s.createColdObservable(every10s, { a: 0 }).pipe(map(() => alertAt(s))), expected10s, { b: 'soc-burst/high' });
  const every16s = 'a 15999ms '.repeat(19) + 'a |';
  const expected16s = '- 15999ms '.repeat(19) + '- |';
  run(new SocRule(CONFIG.soc, NO_PLACES), 60_000, (s) => s.createColdObservable(every16s, { a: 0 }).pipe(map(() => alertAt(s))), expected16s, {});
});

test('soc: Suricata severity 1 → high-severity; Wazuh level ≥ 12 → soc-wazuh (≥ 15 critical); level 11 → nothing', () => {
  run(
    new SocRule(CONFIG.soc, NO_PLACES),
    60_000,
    (s) =>
      s.createColdObservable('a 1m b 1m c 1m d |', { a: 1, b: 2, c: 3, d: 4 }).pipe(
        map((n) =>
          n === 1
            ? alertAt(s, { severity: 1, srcIp: '198.51.100.1' })
            : alertAt(s, { sensor: 'wazuh', severity: 1, srcIp: `198.51.100.${n}`, level: n === 2 ? 12 : n === 3 ? 15 : 11 }),
        ),
      ),
    'h 1m a 1m b 1m - |',
    { h: 'soc-high-severity/high', a: 'soc-wazuh/high', b: 'soc-wazuh/critical' },
  );
});

// ── portal: pending overdue above the threshold ─────────────────────────────────────────────────────────────────
test('portal: a unit crossing above the threshold raises once per crossing', () => {
  const stats = (overdue: number): { data: PortalData } => ({
    data: {
      kind: 'stats',
      date: '2026-11-27',
      units: [{ unit: '288', received: 100, resolvedOnTime: 10, resolvedLate: 0, pendingInTime: 90 - overdue, pendingOverdue: overdue, receivedOnline: 50 }],
    },
  });
  run(new PortalRule(CONFIG.portal, NO_PLACES), 60_000, (s) => s.createColdObservable('a b c d e |', { a: stats(15), b: stats(16), c: stats(30), d: stats(10), e: stats(40) }), '- x - - y |', {
    x: 'portal-overdue/medium',
    y: 'portal-overdue/medium',
  });
});

test('soc burst on the sensor clock: a burst split across two posts still counts when the hub clock is hours ahead', () => {
  const rule = new SocRule(CONFIG.soc, NO_PLACES);
  const sensorT0 = Date.UTC(2026, 10, 22, 2, 0, 0); // a file captured a week before the hub's "now"
  const hubNow = sensorT0 + 7 * 24 * HOUR;
  const alert = (i: number): SocData => ({
    kind: 'alert', id: `r-${i}`, sensor: 'suricata', observedAt: sensorT0 + i * 1000, srcIp: '203.0.113.7', srcPort: 40000,
    destIp: '10.61.1.10', destPort: 22, proto: 'TCP', signature: 'ET SCAN', signatureId: 1, category: 'scan', severity: 2, agency: null,
  });
  const found: Detection[] = [];
  for (let i = 0; i < 10; i++) found.push(...rule.observe(alert(i), hubNow, i));
  found.push(...rule.check(hubNow)); // the engine's 1-second clock check between the two posts
  for (let i = 10; i < 20; i++) found.push(...rule.observe(alert(i), hubNow + 1000, i));
  assert.deepEqual(found.map((d) => d.kind), ['soc-burst']);
});

test('stations, units, agencies and segments named like Object.prototype members are watched like any other', () => {
  const at = Date.UTC(2026, 10, 23, 2, 0, 0);
  const env = new EnvironmentRule(CONFIG.environment, NO_PLACES);
  const portal = new PortalRule(CONFIG.portal, NO_PLACES);
  const soc = new SocRule(CONFIG.soc, NO_PLACES);
  const traffic = new TrafficRule(CONFIG.traffic, NO_PLACES);
  const keys: string[] = [];
  for (const id of PROTOTYPE_IDS) {
    keys.push(...env.observe(reading(id, HOUR, 250).data, at).map((d) => d.dedupeKey));
    const stats: PortalData = { kind: 'stats', date: '2026-11-23', units: [{ unit: id, received: 100, resolvedOnTime: 0, resolvedLate: 0, pendingInTime: 0, pendingOverdue: 50, receivedOnline: 0 }] };
    keys.push(...portal.observe(stats, at).map((d) => d.dedupeKey));
    keys.push(...soc.observe(alertAt(scheduler(), { severity: 1, agency: id, destIp: `10.0.0.${keys.length}` }).data, at).map((d) => d.title.en));
    const segment = { ...network.segments[0]!, id, name: { vi: id, en: id } };
    traffic.observe({ kind: 'network', segments: [segment] }, at);
    const accident: TrafficData = { kind: 'accident', id, segmentId: id, position: [106.3, 20.9], severity: 'minor', lanesBlocked: 1, description: { vi: 'x', en: 'x' } };
    keys.push(...traffic.observe(accident, at).map((d) => d.title.en));
  }
  assert.deepEqual(keys.filter((k) => k.startsWith('air-quality:')), PROTOTYPE_IDS.map((id) => `air-quality:${id}`));
  assert.deepEqual(keys.filter((k) => k.startsWith('portal-overdue:')), PROTOTYPE_IDS.map((id) => `portal-overdue:${id}`));
  assert.deepEqual(keys.filter((k) => k.startsWith('Traffic accident on ')), PROTOTYPE_IDS.map((id) => `Traffic accident on ${id}: x`));
  assert.equal(keys.filter((k) => k.startsWith('High-severity alert')).length, 5);
  // A second reading of the same hour and a station silent for hours: one detection each, per station.
  assert.equal(env.observe(reading('__proto__', HOUR, 250).data, at).length, 0);
  assert.equal(env.check(at + 3 * HOUR).filter((d) => d.kind === 'station-silent').length, 5);
  assertPrototypeClean();
});
