import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AqiSummary } from '../protocol/feed-data.js';
import { aqiByStation, stationsReporting, worstStation } from './environment-kpis.js';
import type { EnvironmentState, EnvironmentStationState } from './environment-reducer.js';

const NOW = Date.UTC(2025, 0, 14, 3, 30, 0);
const HOUR_END = Date.UTC(2025, 0, 14, 3, 0, 0);

function aqi(value: number, band: number, dominant: AqiSummary['dominant'] = 'pm25'): AqiSummary {
  return { aqi: value, dominant, band, sub: { [dominant]: value } } as AqiSummary;
}

function station(partial: Partial<EnvironmentStationState>): EnvironmentStationState {
  return {
    values: { pm25: 40, pm10: 60, no2: null, so2: null, co: null, o3: null },
    hourEnd: HOUR_END,
    hourly: null,
    daily: null,
    online: true,
    outageReason: null,
    ts: NOW - 2_000,
    ...partial,
  };
}

const state: EnvironmentState = {
  stations: {
    'HD-AQ-03': station({ hourly: aqi(128, 3) }),
    'HD-AQ-01': station({ hourly: aqi(87, 2) }),
    'HD-AQ-12': station({ hourly: aqi(176, 4, 'so2') }),
    // Offline with the worst last AQI: history, not the air now.
    'HD-AQ-15': station({ hourly: aqi(240, 5), online: false, outageReason: { vi: 'Mất kết nối truyền dữ liệu', en: 'Data link lost' } }),
    // Online but silent for a minute.
    'HD-AQ-07': station({ hourly: aqi(128, 3), ts: NOW - 60_000 }),
    // Online without an AQI (back from an outage, NowCast not computable yet).
    'HD-AQ-09': station({ hourly: null }),
    // Known only from a restored item.
    'HD-AQ-20': station({ ts: 0, hourEnd: 0 }),
  },
};

test('stationsReporting counts online stations with a recent reading', () => {
  assert.deepEqual(stationsReporting(state, NOW, 10_000), {
    reporting: 4,
    total: 7,
    offline: ['HD-AQ-15'],
    stale: ['HD-AQ-07', 'HD-AQ-20'],
  });
  // A reading exactly staleMs old still counts.
  assert.equal(stationsReporting(state, NOW, 60_000).reporting, 5);
  assert.deepEqual(stationsReporting({ stations: {} }, NOW, 10_000), { reporting: 0, total: 0, offline: [], stale: [] });
});

test('worstStation: highest hourly AQI among online stations, offline ones on request', () => {
  assert.deepEqual(worstStation(state), { station: 'HD-AQ-12', hourly: aqi(176, 4, 'so2'), hourEnd: HOUR_END, online: true });
  assert.equal(worstStation(state, { includeOffline: true })?.station, 'HD-AQ-15');
  assert.equal(worstStation({ stations: {} }), null);
  assert.equal(worstStation({ stations: { a: station({}) } }), null, 'no AQI anywhere');
  // Ties go to the lower id, whatever the insertion order.
  const tie: EnvironmentState = { stations: { 'HD-AQ-07': station({ hourly: aqi(128, 3) }), 'HD-AQ-03': station({ hourly: aqi(128, 3) }) } };
  assert.equal(worstStation(tie)?.station, 'HD-AQ-03');
});

test('aqiByStation: worst first, ties by id, stations without an AQI last', () => {
  const rows = aqiByStation(state);
  assert.deepEqual(
    rows.map((r) => [r.station, r.aqi]),
    [
      ['HD-AQ-15', 240],
      ['HD-AQ-12', 176],
      ['HD-AQ-03', 128],
      ['HD-AQ-07', 128],
      ['HD-AQ-01', 87],
      ['HD-AQ-09', null],
      ['HD-AQ-20', null],
    ],
  );
  assert.deepEqual(rows[0], { station: 'HD-AQ-15', aqi: 240, band: 5, dominant: 'pm25', hourEnd: HOUR_END, online: false });
  assert.deepEqual(rows[1], { station: 'HD-AQ-12', aqi: 176, band: 4, dominant: 'so2', hourEnd: HOUR_END, online: true });
  assert.deepEqual(rows[6], { station: 'HD-AQ-20', aqi: null, band: null, dominant: null, hourEnd: 0, online: true });
  assert.deepEqual(aqiByStation({ stations: {} }), []);
});
