import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPlainJson, assertPrototypeClean, PROTOTYPE_IDS, throughJson } from '../../test/support/prototype-ids.js';
import type { SocAlert } from '../protocol/feed-data.js';
import { socReducer } from './soc-reducer.js';
import { socHourTotals, socSeverityMinutes, socTopSignatures, socTopTargets } from './soc-selectors.js';
import { SOC_MAX_ALERTS } from './soc-state.js';

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0); // 09:00 local, on a minute boundary
const MINUTE = 60_000;

let counter = 0;
function alert(at: number, overrides: Partial<SocAlert> = {}): SocAlert {
  return {
    kind: 'alert',
    id: `a-${++counter}`,
    sensor: 'suricata',
    observedAt: at,
    srcIp: '198.51.100.23',
    srcPort: 51812,
    destIp: '10.61.1.10',
    destPort: 22,
    proto: 'TCP',
    signature: 'ET SCAN Potential SSH Scan',
    signatureId: 2001219,
    category: 'Attempted Information Leak',
    severity: 2,
    agency: 'ubnd-tinh',
    ...overrides,
  };
}

function fold(alerts: readonly SocAlert[]) {
  const state = socReducer.create();
  alerts.forEach((a, i) => socReducer.fold(state, a, a.observedAt, i + 1));
  return state;
}

const ICMP = { signature: 'GPL ICMP_INFO PING *NIX', signatureId: 2100366, category: 'Misc activity', severity: 3 } as const;
const C2 = { signature: 'ET MALWARE Cobalt Strike Beacon Observed', signatureId: 2028591, category: 'A Network Trojan was detected', severity: 1 } as const;

test('empty state', () => {
  const state = socReducer.create();
  assert.equal(JSON.stringify(state), JSON.stringify({ now: null, alerts: [], minutes: [], signatures: {} }));
  assert.equal(Object.getPrototypeOf(state.signatures), null, 'keyed by outside text: no prototype');
  assert.deepEqual(socSeverityMinutes(state), []);
  assert.deepEqual(socTopTargets(state), []);
});

test('per-minute severity counts, hour totals and a dense 60-minute series', () => {
  const state = fold([
    alert(T0 + 1_000),
    alert(T0 + 2_000, ICMP),
    alert(T0 + 59_999, { ...C2, agency: 'so-tnmt' }),
    alert(T0 + MINUTE + 5_000, ICMP),
    alert(T0 + 3 * MINUTE, ICMP),
  ]);
  assert.equal(state.now, T0 + 3 * MINUTE);
  assert.deepEqual(
    state.minutes.map((m) => [m.start, m.sev1, m.sev2, m.sev3]),
    [
      [T0, 1, 1, 1],
      [T0 + MINUTE, 0, 0, 1],
      [T0 + 3 * MINUTE, 0, 0, 1],
    ],
  );
  assert.deepEqual(socHourTotals(state), { total: 5, sev1: 1, sev2: 1, sev3: 3 });
  const series = socSeverityMinutes(state);
  assert.equal(series.length, 60);
  assert.deepEqual(series.at(-1), { start: T0 + 3 * MINUTE, sev1: 0, sev2: 0, sev3: 1 });
  assert.deepEqual(series.at(-2), { start: T0 + 2 * MINUTE, sev1: 0, sev2: 0, sev3: 0 });
  assert.deepEqual(series.at(-4), { start: T0, sev1: 1, sev2: 1, sev3: 1 });
  assert.equal(series[0]?.start, T0 + 3 * MINUTE - 59 * MINUTE);
});

test('top targets and signatures over the hour, ranked with stable ties; unattributed alerts skip targets', () => {
  const state = fold([
    alert(T0),
    alert(T0 + 1_000),
    alert(T0 + 2_000, { ...ICMP, agency: 'so-tnmt' }),
    alert(T0 + 3_000, { ...ICMP, agency: null }),
    alert(T0 + 4_000, { ...C2, agency: 'so-tnmt' }),
    alert(T0 + 5_000, { ...ICMP, agency: 'so-tu-phap' }),
  ]);
  assert.deepEqual(socTopTargets(state), [
    { agency: 'so-tnmt', count: 2 },
    { agency: 'ubnd-tinh', count: 2 },
    { agency: 'so-tu-phap', count: 1 },
  ]);
  assert.deepEqual(socTopTargets(state, 1), [{ agency: 'so-tnmt', count: 2 }]);
  const top = socTopSignatures(state, 2);
  assert.deepEqual(top, [
    { key: 'suricata:2100366', count: 3, sensor: 'suricata', signatureId: 2100366, signature: ICMP.signature, category: ICMP.category, severity: 3 },
    { key: 'suricata:2001219', count: 2, sensor: 'suricata', signatureId: 2001219, signature: 'ET SCAN Potential SSH Scan', category: 'Attempted Information Leak', severity: 2 },
  ]);
});

test('a Wazuh rule and a Suricata sid with the same number are different signatures', () => {
  const state = fold([alert(T0), alert(T0 + 1, { sensor: 'wazuh', signature: 'sshd: authentication failed', category: 'authentication_failed' })]);
  assert.deepEqual(
    socTopSignatures(state).map((s) => [s.key, s.count]),
    [
      ['suricata:2001219', 1],
      ['wazuh:2001219', 1],
    ],
  );
});

test('the hour slides with feed time: old minutes, their labels and old alerts go', () => {
  const state = fold([alert(T0, C2), alert(T0 + 30 * MINUTE), alert(T0 + 61 * MINUTE, ICMP)]);
  // T0's minute is now 61 minutes back: outside the 60 chart minutes, and the alert is over an hour old.
  assert.deepEqual(
    state.minutes.map((m) => m.start),
    [T0 + 30 * MINUTE, T0 + 61 * MINUTE],
  );
  assert.deepEqual(Object.keys(state.signatures).sort(), ['suricata:2001219', 'suricata:2100366']);
  assert.deepEqual(
    state.alerts.map((a) => a.observedAt),
    [T0 + 30 * MINUTE, T0 + 61 * MINUTE],
  );
  assert.deepEqual(socHourTotals(state), { total: 2, sev1: 0, sev2: 1, sev3: 1 });
});

test('late alerts: counted in their own minute when within the hour, dropped when older', () => {
  const state = fold([alert(T0 + 90 * MINUTE), alert(T0 + 45 * MINUTE, ICMP), alert(T0, C2)]);
  assert.equal(state.now, T0 + 90 * MINUTE);
  assert.deepEqual(
    state.minutes.map((m) => [m.start, m.sev3]),
    [
      [T0 + 45 * MINUTE, 1],
      [T0 + 90 * MINUTE, 0],
    ],
  );
  assert.equal(state.alerts.length, 2);
});

test('at most 500 alerts are kept, the most recent ones', () => {
  const many = Array.from({ length: SOC_MAX_ALERTS + 20 }, (_, i) => alert(T0 + i * 10));
  const state = fold(many);
  assert.equal(state.alerts.length, SOC_MAX_ALERTS);
  assert.equal(state.alerts[0]?.id, many[20]?.id);
  assert.equal(state.alerts.at(-1)?.id, many.at(-1)?.id);
  // The counts still see all of them.
  assert.equal(socHourTotals(state).total, SOC_MAX_ALERTS + 20);
});

test('trim measures age against feed time and keeps the state plain JSON', () => {
  const state = fold([alert(T0), alert(T0 + 10 * MINUTE)]);
  const before = JSON.stringify(state);
  socReducer.trim?.(state, T0 + 24 * 60 * MINUTE); // the hub's wall clock may be far from feed time
  assert.equal(JSON.stringify(state), before);
  // An alert pushed out of the hour by a newer one is dropped by trim even if no new minute started since.
  state.alerts.unshift({ ...alert(T0 - 2 * 60 * MINUTE), at: T0 - 2 * 60 * MINUTE });
  socReducer.trim?.(state, 0);
  assert.equal(JSON.stringify(state), before);
  assertPlainJson(state);
});

test('a replayed alert seen more than an hour before it reached the hub counts when it arrived, keeping observedAt', () => {
  const received = T0 + 3 * 60 * MINUTE;
  const state = socReducer.create();
  socReducer.fold(state, alert(received - 10_000), received - 10_000, 1); // live
  const old = alert(T0); // from a file captured three hours ago
  socReducer.fold(state, old, received, 2);
  assert.equal(state.alerts.length, 2, 'the replayed alert is kept, not dropped as too old');
  assert.equal(state.alerts[1]?.observedAt, T0, 'what the sensor said is unchanged');
  assert.equal(state.alerts[1]?.at, received);
  assert.equal(socHourTotals(state).total, 2);
  // A late alert still within the hour keeps its own minute.
  const late = alert(received - 30 * MINUTE);
  socReducer.fold(state, late, received + 1000, 3);
  assert.equal(state.alerts[2]?.at, late.observedAt);
});

test('a feed whose whole clock is behind the hub (a simulation started in the past) keeps its own time', () => {
  const hubNow = T0 + 30 * 24 * 60 * MINUTE;
  const state = socReducer.create();
  socReducer.fold(state, alert(T0), hubNow, 1);
  socReducer.fold(state, alert(T0 + MINUTE), hubNow + 1000, 2);
  assert.deepEqual(state.alerts.map((a) => a.at), [T0, T0 + MINUTE]);
  assert.equal(state.now, T0 + MINUTE);
});

test('agencies and signatures named like Object.prototype members are counted as ordinary ids, also after JSON', () => {
  // One more alert per id down the list, so the top list has a definite order: __proto__ 5, constructor 4, …
  const alerts = PROTOTYPE_IDS.flatMap((id, n) =>
    Array.from({ length: PROTOTYPE_IDS.length - n }, (_, k) => alert(T0 + n * 1000 + k, { agency: id, signature: id, signatureId: 9000 + n })),
  );
  // And a minute with an alert on no agency: its agencies record stays empty.
  const state = fold([...alerts, alert(T0 + MINUTE, { agency: null })]);
  const expected = PROTOTYPE_IDS.map((agency, n) => ({ agency, count: PROTOTYPE_IDS.length - n }));
  assert.deepEqual(socTopTargets(state, 10), expected);
  assert.deepEqual(socTopSignatures(state, 10).filter((row) => (PROTOTYPE_IDS as readonly string[]).includes(row.signature)).map((row) => [row.signature, row.count]), expected.map((row) => [row.agency, row.count]));
  assertPrototypeClean();

  // The console's snapshot and the hub's checkpoint: through JSON, same shape, and folding goes on from there.
  const parsed = throughJson(state);
  assert.equal(JSON.stringify(parsed), JSON.stringify(state));
  assert.deepEqual(socTopTargets(parsed, 10), expected);
  // __proto__ again in the first minute, then into the second, whose parsed (ordinary) record has no own
  // "__proto__" yet: plain assignment would set that record's prototype there and count nothing.
  socReducer.fold(parsed, alert(T0 + 30_000, { agency: '__proto__' }), T0 + 30_000, 100);
  socReducer.fold(parsed, alert(T0 + MINUTE, { agency: '__proto__' }), T0 + MINUTE, 101);
  socReducer.fold(parsed, alert(T0 + MINUTE, { agency: 'toString' }), T0 + MINUTE, 102);
  assert.deepEqual(socTopTargets(parsed, 3), [
    { agency: '__proto__', count: 7 },
    { agency: 'constructor', count: 4 },
    { agency: 'toString', count: 4 },
  ]);
  assert.equal(socHourTotals(parsed).total, alerts.length + 4);
  assertPrototypeClean();

  // An hour later every one of them expires like any other key.
  socReducer.fold(parsed, alert(T0 + 2 * 60 * MINUTE, { agency: null }), T0 + 2 * 60 * MINUTE, 103);
  assert.deepEqual(socTopTargets(parsed), []);
  assert.deepEqual(Object.keys(parsed.signatures), ['suricata:2001219']);
});
