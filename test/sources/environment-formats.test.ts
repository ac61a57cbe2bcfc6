import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EnvironmentData } from '../../feeds/protocol/feed-data.js';
import { parseEnvironmentCsv, parseEnvironmentJson } from '../../feeds/sources/environment-formats.js';
import { SourceContext } from '../../feeds/sources/source-context.js';
import { numberedLines } from '../../feeds/sources/source-result.js';
import { environmentReducer } from '../../feeds/environment/environment-reducer.js';
import { assertPrototypeClean, PROTOTYPE_IDS } from '../support/prototype-ids.js';
import { haiDuongContext, sampleLines } from './support.js';

const H1 = Date.parse('2026-11-22T01:00:00+07:00');
const H2 = Date.parse('2026-11-22T02:00:00+07:00');

function close(actual: number | null | undefined, expected: number, what: string): void {
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-6, `${what}: ${actual} ≠ ${expected}`);
}

test('station CSV in mixed units → µg/m³ at 25 °C, 1 atm; one reading per station and hour; hourly VN_AQI by hand', async () => {
  const batch = parseEnvironmentCsv(await sampleLines('readings-mixed.csv'), await haiDuongContext());
  assert.equal(batch.rejected.length, 0, JSON.stringify(batch.rejected));
  assert.equal(batch.accepted, 9);
  const readings = batch.items.map((item) => EnvironmentData.parse(item));
  assert.deepEqual(readings.map((r) => (r.kind === 'reading' ? [r.station, r.hourEnd] : null)), [['HD-AQ-01', H1], ['HD-AQ-01', H2], ['HD-AQ-02', H2]]);
  const [first, second, other] = readings;
  assert.ok(first?.kind === 'reading' && second?.kind === 'reading' && other?.kind === 'reading');
  close(first.values.pm25, 40, 'PM2.5 µg/m³ unchanged');
  close(first.values.no2, (53.2 * 46.01) / 24.45, 'NO2 53.2 ppb');
  close(first.values.co, 1200, 'CO 1.2 mg/m³');
  close(second.values.co, (1500 * 28.01) / 24.45, 'CO 1.5 ppm');
  close(second.values.o3, (40 * 48) / 24.45, 'O3 40 ppb');
  close(other.values.so2, (20 * 64.07) / 24.45, 'SO2 20 ppb');
  // 01:00: a single PM hour fails the 2-of-3 rule → no NowCast → no VN_AQI, whatever the gases.
  assert.equal(first.hourly, null);
  // 02:00: NowCast(60, 40): w = 40/60 → (60 + ⅔·40)/(1 + ⅔) = 52 → 100 + 50·(52 − 50)/30 = 103.3 → 103;
  // NO2 188.18 → 50 + 50·88.18/100 = 94.09 → 94; CO 1718.4 → 8.59 → 9; O3 78.53 → 24.54 → 25.
  assert.deepEqual(second.hourly, { aqi: 103, dominant: 'pm25', band: 3, sub: { pm25: 103, no2: 94, co: 9, o3: 25 } });
  assert.equal(other.hourly, null);
});

test('bad readings are rejected whole with line and reason; the good ones still count', async () => {
  const body = [
    'station,time,parameter,value,unit',
    'HD-AQ-03,2026-11-22T03:00:00+07:00,PM2.5,35,ug/m3',
    'HD-AQ-03,2026-11-22T03:00:00+07:00,PM2.5,12,ppb',
    'HD-AQ-03,2026-11-22T03:00:00+07:00,NO2,12,kg',
    'HD-AQ-03,2026-11-22T03:30:00+07:00,NO2,12,ppb',
    'HD-AQ-03,2026-11-22T03:00:00+07:00,NO2,-4,ppb',
    'XX-99,2026-11-22T03:00:00+07:00,NO2,4,ppb',
    'HD-AQ-03,2026-11-22T03:00:00+07:00,benzene,4,ug/m3',
    'HD-AQ-03,2026-11-22T03:00:00+07:00,PM10',
    'HD-AQ-03,2026-11-22T03:00:00+07:00,PM10,"12,ug/m3',
    'HD-AQ-03,2026-11-22T03:00:00+07:00,PM10,abc,ug/m3',
    'HD-AQ-03,2026-11-22T03:00:00+07:00,CO,2000,mg/m3',
    'HD-AQ-03,2026-02-30T03:00:00,CO,1,mg/m3',
  ].join('\n');
  const batch = parseEnvironmentCsv(numberedLines(body), await haiDuongContext());
  assert.equal(batch.accepted, 1);
  const reasons = batch.rejected.map((r) => `${r.line}: ${r.reason}`);
  const expected: [number, RegExp][] = [
    [3, /particulate matter has no molar mass/],
    [4, /unit "kg"/],
    [5, /not on the hour/],
    [6, /negative/],
    [7, /XX-99.*not a station of the region pack/],
    [8, /benzene/],
    [9, /3 fields, the header has 5/],
    [10, /not a CSV record/],
    [11, /"abc" is not a number/],
    [12, /implausible/],
    [13, /not a valid date/],
  ];
  assert.equal(reasons.length, expected.length, reasons.join('\n'));
  expected.forEach(([line, pattern], index) => {
    assert.ok(reasons[index]?.startsWith(`${line}: `) && pattern.test(reasons[index] ?? ''), `${reasons[index]} should be line ${line} ${pattern}`);
  });
});

test('JSON readings: an array (records numbered by element) or JSON Lines; same tracker across batches', async () => {
  const context = new SourceContext();
  const array = JSON.stringify([
    { station: 'S1', time: '2026-11-22T05:00:00+07:00', parameter: 'PM10', value: 100, unit: 'µg/m³' },
    { station: 'S1', time: '2026-11-22T05:00:00+07:00', parameter: 'PM10', value: 'x', unit: 'µg/m³' },
    'not an object',
  ]);
  const first = parseEnvironmentJson(numberedLines(array), context);
  assert.equal(first.accepted, 1);
  assert.deepEqual(first.rejected.map((r) => r.line), [2, 3]);
  const lines = [
    JSON.stringify({ station: 'S1', time: '2026-11-22 06:00', parameter: 'pm10', value: 100, unit: 'ug/m3' }),
    '{"station":"S1","time":"2026-11-22T07:00',
  ].join('\n');
  const second = parseEnvironmentJson(numberedLines(lines), context);
  assert.equal(second.accepted, 1);
  assert.deepEqual(second.rejected.map((r) => r.line), [2]);
  const reading = EnvironmentData.parse(second.items[0]);
  // 05:00 and 06:00 both 100 µg/m³ (the second in local time without offset): NowCast 100 → PM10 sub-index 75.
  assert.ok(reading.kind === 'reading');
  assert.equal(reading.hourEnd, Date.parse('2026-11-22T06:00:00+07:00'));
  assert.deepEqual(reading.hourly, { aqi: 75, dominant: 'pm10', band: 2, sub: { pm10: 75 } });
});

test('a reading for an hour older than the last one emitted feeds the tracker but publishes nothing for that hour', () => {
  const context = new SourceContext();
  const row = (time: string, value: number): string => JSON.stringify({ station: 'S', time, parameter: 'pm25', value, unit: 'ug/m3' });
  parseEnvironmentJson(numberedLines([row('2026-11-22T10:00:00Z', 10), row('2026-11-22T11:00:00Z', 10)].join('\n')), context).afterCommit?.();
  const late = parseEnvironmentJson(numberedLines(row('2026-11-22T09:00:00Z', 10)), context);
  assert.equal(late.accepted, 1);
  assert.equal(late.items.length, 0);
});

test('a batch whose commit failed publishes every one of its hours when it is sent again, not only the newest', () => {
  const context = new SourceContext();
  const row = (time: string, value: number): string => JSON.stringify({ station: 'S', time, parameter: 'pm25', value, unit: 'ug/m3' });
  const body = [row('2026-11-22T08:00:00Z', 10), row('2026-11-22T09:00:00Z', 20), row('2026-11-22T10:00:00Z', 30)].join('\n');
  const hoursOf = (items: readonly unknown[]): number[] => items.map((item) => EnvironmentData.parse(item)).map((r) => (r.kind === 'reading' ? r.hourEnd : 0));
  const hours = [8, 9, 10].map((h) => Date.parse(`2026-11-22T${String(h).padStart(2, '0')}:00:00Z`));
  // First attempt: parsed, but the append failed, so afterCommit is never called.
  assert.deepEqual(hoursOf(parseEnvironmentJson(numberedLines(body), context).items), hours);
  const retry = parseEnvironmentJson(numberedLines(body), context);
  assert.deepEqual(hoursOf(retry.items), hours, 'all three hours again');
  retry.afterCommit?.();
  assert.deepEqual(hoursOf(parseEnvironmentJson(numberedLines(row('2026-11-22T09:00:00Z', 20)), context).items), [], 'once committed, older hours publish nothing');
});

test('a station CSV without a header is refused whole, every line, naming the missing columns', async () => {
  const body = 'HD-AQ-01,2026-11-22T01:00:00+07:00,PM2.5,35,ug/m3\nHD-AQ-01,2026-11-22T02:00:00+07:00,PM2.5,40,ug/m3\n';
  const batch = parseEnvironmentCsv(numberedLines(body), await haiDuongContext());
  assert.equal(batch.accepted, 0);
  assert.deepEqual(batch.rejected.map((r) => r.line), [1, 2]);
  assert.match(batch.rejected[0]?.reason ?? '', /header \(line 1\) lacks the column\(s\) station, time, parameter, value, unit/);
  // A header missing only one column names that one.
  const partial = parseEnvironmentCsv(numberedLines('station,time,parameter,value\nHD-AQ-01,2026-11-22T01:00:00+07:00,PM2.5,35\n'), await haiDuongContext());
  assert.match(partial.rejected[0]?.reason ?? '', /lacks the column\(s\) unit:/);
});

test('CSV and JSON readings for stations named like Object.prototype members, with a "__proto__" column, fold as stations', () => {
  const csv = [
    'station,time,parameter,value,unit,__proto__',
    ...PROTOTYPE_IDS.map((id, n) => `${id},2026-11-22T02:00:00+07:00,PM2.5,${10 + n},µg/m³,x`),
  ].join('\n');
  const context = new SourceContext();
  const batch = parseEnvironmentCsv(numberedLines(csv), context);
  assert.equal(batch.rejected.length, 0, JSON.stringify(batch.rejected));
  const json = parseEnvironmentJson(numberedLines('{"station":"__proto__","time":"2026-11-22T03:00:00+07:00","parameter":"PM10","value":50,"unit":"µg/m³","__proto__":{"polluted":true}}'), context);
  assert.equal(json.rejected.length, 0, JSON.stringify(json.rejected));
  const state = environmentReducer.create();
  [...batch.items, ...json.items].forEach((item, i) => environmentReducer.fold(state, EnvironmentData.parse(item), H2 + i, i + 1));
  assert.deepEqual(Object.keys(state.stations).sort(), [...PROTOTYPE_IDS].sort());
  // "__proto__" reported again for 03:00 (PM10 only): its latest values are that hour's.
  assert.deepEqual(PROTOTYPE_IDS.map((id) => state.stations[id]?.values.pm25), [null, 11, 12, 13, 14]);
  assert.equal(state.stations['__proto__']?.values.pm10, 50);
  assertPrototypeClean();
});
