import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hourlyAqi, type HourlyInputs } from './hourly-aqi.js';

const flat = (value: number): number[] => Array<number>(12).fill(value);
const noGases = { no2: null, so2: null, co: null, o3: null };

test('no PM sub-index → no VN_AQI, whatever the gases', () => {
  assert.equal(hourlyAqi({ pm25: [], pm10: [], no2: 450, so2: 575, co: 20_000, o3: 180 }), null);
  // PM present but only c1 of c1…c3: NowCast has no value.
  assert.equal(hourlyAqi({ pm25: [35], pm10: [null, null, 80], no2: 450, so2: null, co: null, o3: null }), null);
});

test('one PM is enough', () => {
  // PM10 12 × 100 → NowCast 100 → 50 + 50/100 × 50 = 75
  const result = hourlyAqi({ pm25: [], pm10: flat(100), ...noGases });
  assert.deepEqual(result, { aqi: 75, dominant: 'pm10', band: 2, sub: { pm10: 75 } });
});

test('AQI = largest sub-index; each sub-index rounded; dominant pollutant', () => {
  const inputs: HourlyInputs = {
    pm25: flat(35), // NowCast 35 → 50 + 2 × 10 = 70
    pm10: flat(100), // → 75
    no2: 450, // 100 + 50/500 × 250 = 125
    so2: null,
    co: 20_000, // 50 + 50/20 000 × 10 000 = 75
    o3: 180, // O3 1h: 50 + 50/40 × 20 = 75
  };
  assert.deepEqual(hourlyAqi(inputs), {
    aqi: 125,
    dominant: 'no2',
    band: 3,
    sub: { pm25: 70, pm10: 75, no2: 125, co: 75, o3: 75 },
  });
});

test('hourly O3 uses the 1-h column', () => {
  // O3 110: 1h column → 50/160 × 110 = 34.375 → 34 (the 8h column would give 75)
  const result = hourlyAqi({ pm25: flat(5), pm10: [], ...noGases, o3: 110 });
  assert.equal(result?.sub.o3, 34);
});

test('PM goes through NowCast, not the current hour alone', () => {
  // c1 = 100, c2…c12 = 10 → NowCast 55.010989… (see nowcast.test.ts)
  // → PM2.5 segment 50–80: 100 + 50/30 × 5.010989 = 108.35 → 108
  // (the current hour alone, 100, would give 150 + 50/70 × 20 = 164)
  const result = hourlyAqi({ pm25: [100, ...Array<number>(11).fill(10)], pm10: [], ...noGases });
  assert.equal(result?.aqi, 108);
});

test('rounding half up on an exact .5', () => {
  // NO2 121: 50 + 50/100 × 21 = 60.5 exactly → 61; PM2.5 10 → 20
  assert.deepEqual(hourlyAqi({ pm25: flat(10), pm10: [], ...noGases, no2: 121 }), {
    aqi: 61,
    dominant: 'no2',
    band: 2,
    sub: { pm25: 20, no2: 61 },
  });
  // NO2 120.98: 60.49 → 60
  assert.equal(hourlyAqi({ pm25: flat(10), pm10: [], ...noGases, no2: 120.98 })?.aqi, 60);
  // PM2.5 30.25 through NowCast (12 equal hours): 50 + 2 × 5.25 = 60.5 → 61
  assert.equal(hourlyAqi({ pm25: flat(30.25), pm10: [], ...noGases })?.aqi, 61);
});

test('a tie goes to PM (POLLUTANTS order)', () => {
  // PM2.5 25 → 50; NO2 100 → 50
  assert.equal(hourlyAqi({ pm25: flat(25), pm10: [], ...noGases, no2: 100 })?.dominant, 'pm25');
});

test('invalid gas values are left out', () => {
  assert.deepEqual(hourlyAqi({ pm25: flat(25), pm10: [], no2: -2, so2: Number.NaN, co: null, o3: null })?.sub, { pm25: 50 });
});

test('above the top: PM2.5 600 → 500, band 6', () => {
  const result = hourlyAqi({ pm25: flat(600), pm10: [], ...noGases });
  assert.deepEqual(result, { aqi: 500, dominant: 'pm25', band: 6, sub: { pm25: 500 } });
});
