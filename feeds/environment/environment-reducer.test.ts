import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertPlainJson, assertPrototypeClean, PROTOTYPE_IDS, throughJson } from '../../test/support/prototype-ids.js';
import type { AqiSummary, EnvironmentData } from '../protocol/feed-data.js';
import { aqiByStation, stationsReporting, worstStation } from './environment-kpis.js';
import { environmentReducer, type EnvironmentState } from './environment-reducer.js';

const T = Date.UTC(2025, 0, 14, 3, 0, 5);
const HOUR_END = Date.UTC(2025, 0, 14, 3, 0, 0);
const hourly: AqiSummary = { aqi: 128, dominant: 'pm25', band: 3, sub: { pm25: 128, pm10: 80, no2: 31 } } as AqiSummary;
const dailyAqi: AqiSummary = { aqi: 112, dominant: 'pm25', band: 3, sub: { pm25: 112, pm10: 71 } } as AqiSummary;

function reading(station: string, pm25: number, summary: AqiSummary | null = hourly): EnvironmentData {
  return {
    kind: 'reading',
    station,
    values: { pm25, pm10: 80.2, no2: 31.5, so2: null, co: 1020, o3: 44 },
    hourEnd: HOUR_END,
    hourly: summary,
    daily: { date: '2025-01-13', aqi: dailyAqi },
  };
}

function fold(state: EnvironmentState, items: EnvironmentData[], ts = T): void {
  items.forEach((item, i) => environmentReducer.fold(state, item, ts + i, i + 1));
}

test('a reading sets values, hourly and daily AQI, online, ts', () => {
  const state = environmentReducer.create();
  assert.equal(JSON.stringify(state), '{"stations":{}}');
  fold(state, [reading('HD-AQ-01', 61.2)]);
  assert.deepEqual(state.stations['HD-AQ-01'], {
    values: { pm25: 61.2, pm10: 80.2, no2: 31.5, so2: null, co: 1020, o3: 44 },
    hourEnd: HOUR_END,
    hourly,
    daily: { date: '2025-01-13', aqi: dailyAqi },
    online: true,
    outageReason: null,
    ts: T,
  });
  fold(state, [reading('HD-AQ-01', 70.4, null)], T + 5000);
  assert.equal(state.stations['HD-AQ-01']?.values.pm25, 70.4);
  assert.equal(state.stations['HD-AQ-01']?.hourly, null, 'a reading without an hourly AQI clears the old one');
  assert.equal(state.stations['HD-AQ-01']?.ts, T + 5000);
});

test('outage keeps the last values and sets the reason; restored and readings bring the station back', () => {
  const state = environmentReducer.create();
  const reason = { vi: 'Mất kết nối truyền dữ liệu', en: 'Data link lost' };
  fold(state, [reading('HD-AQ-02', 45), { kind: 'outage', station: 'HD-AQ-02', reason }], T);
  const station = state.stations['HD-AQ-02']!;
  assert.equal(station.online, false);
  assert.deepEqual(station.outageReason, reason);
  assert.equal(station.values.pm25, 45, 'last values kept');
  assert.equal(station.ts, T, 'ts stays the time of the last reading');
  assert.deepEqual(station.hourly, hourly);

  fold(state, [{ kind: 'restored', station: 'HD-AQ-02' }], T + 3_600_000);
  assert.equal(state.stations['HD-AQ-02']?.online, true);
  assert.equal(state.stations['HD-AQ-02']?.outageReason, null);
  assert.equal(state.stations['HD-AQ-02']?.ts, T);

  // A reading is proof of life even if the `restored` was lost.
  fold(state, [{ kind: 'outage', station: 'HD-AQ-02', reason }, reading('HD-AQ-02', 50)], T + 7_200_000);
  assert.equal(state.stations['HD-AQ-02']?.online, true);
  assert.equal(state.stations['HD-AQ-02']?.outageReason, null);
});

test('an outage or restored of a station never seen creates it with empty values', () => {
  const state = environmentReducer.create();
  fold(state, [{ kind: 'outage', station: 'HD-AQ-07', reason: { vi: 'Bảo trì thiết bị', en: 'Equipment maintenance' } }]);
  assert.deepEqual(state.stations['HD-AQ-07'], {
    values: { pm25: null, pm10: null, no2: null, so2: null, co: null, o3: null },
    hourEnd: 0,
    hourly: null,
    daily: null,
    online: false,
    outageReason: { vi: 'Bảo trì thiết bị', en: 'Equipment maintenance' },
    ts: 0,
  });
  fold(state, [{ kind: 'restored', station: 'HD-AQ-08' }]);
  assert.equal(state.stations['HD-AQ-08']?.online, true);
  assert.equal(state.stations['HD-AQ-08']?.ts, 0);
});

test('state is plain JSON, independent of the items folded into it', () => {
  const state = environmentReducer.create();
  const item = reading('HD-AQ-03', 33.3);
  fold(state, [item, { kind: 'outage', station: 'HD-AQ-04', reason: { vi: 'Mất điện tại trạm', en: 'Power failure at the station' } }]);
  assertPlainJson(state);
  if (item.kind === 'reading') {
    item.values.pm25 = 999;
    if (item.hourly) item.hourly.sub.pm25 = 999;
  }
  assert.equal(state.stations['HD-AQ-03']?.values.pm25, 33.3);
  assert.equal(state.stations['HD-AQ-03']?.hourly?.sub.pm25, 128);
});

test('stations named like Object.prototype members are stations like any other, also after JSON', () => {
  const [proto, ...others] = PROTOTYPE_IDS;
  const state = environmentReducer.create();
  // Readings with rising AQI down the list, then an outage for one of them.
  fold(state, others.map((id, n) => reading(id, 20 + n, { ...hourly, aqi: 100 + n, sub: { pm25: 100 + n } })));
  fold(state, [{ kind: 'outage', station: 'valueOf', reason: { vi: 'Mất điện', en: 'Power cut' } }], T + 100);
  assert.equal(Object.getPrototypeOf(state.stations), null);
  assert.deepEqual(Object.keys(state.stations), others);
  assert.equal(state.stations['toString']?.values.pm25, 21);
  assert.equal(state.stations['valueOf']?.online, false);
  assertPrototypeClean();

  // Through JSON (a snapshot, a checkpoint), then "__proto__" reports for the first time and another goes down.
  const parsed = throughJson(state);
  assert.equal(JSON.stringify(parsed), JSON.stringify(state));
  fold(parsed, [reading(proto, 99, { ...hourly, aqi: 250, band: 5, sub: { pm25: 250 } }), { kind: 'outage', station: 'constructor', reason: { vi: 'x', en: 'x' } }], T + 200);
  fold(parsed, [{ kind: 'restored', station: 'valueOf' }], T + 300);
  assert.deepEqual(Object.keys(parsed.stations).sort(), [...PROTOTYPE_IDS].sort());
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype, 'the parsed state keeps its own prototype');
  assert.equal(parsed.stations[proto]?.values.pm25, 99);
  assert.equal(Object.hasOwn(parsed.stations, proto), true);
  assert.deepEqual(stationsReporting(parsed, T + 400, 10_000), { reporting: 4, total: 5, offline: ['constructor'], stale: [] });
  assert.deepEqual(aqiByStation(parsed).map((row) => [row.station, row.aqi]), [
    [proto, 250],
    ['valueOf', 103],
    ['hasOwnProperty', 102],
    ['toString', 101],
    ['constructor', 100],
  ]);
  assert.equal(worstStation(parsed)?.station, proto);
  assertPlainJson(parsed);
  assertPrototypeClean();
});
