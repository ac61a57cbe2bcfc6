import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BREAKPOINT_COLUMNS, BREAKPOINTS, INDEX_VALUES } from './breakpoints.js';
import { subIndex } from './sub-index.js';

function assertClose(actual: number | null, expected: number, tolerance = 1e-9): void {
  assert.ok(actual !== null && Math.abs(actual - expected) <= tolerance, `expected ${expected}, got ${actual}`);
}

test('a concentration on any breakpoint of any column gives exactly that breakpoint’s I', () => {
  for (const column of BREAKPOINT_COLUMNS) {
    BREAKPOINTS[column].forEach((concentration, i) => {
      assert.equal(subIndex(column, concentration), INDEX_VALUES[i], `${column} at ${concentration}`);
    });
  }
});

test('mid-segment values by Công thức 1: I_i + (I_i+1 − I_i)/(BP_i+1 − BP_i) × (C − BP_i)', () => {
  // PM2.5 35: segment 25–50 → 50 + 50/25 × 10 = 70
  assertClose(subIndex('pm25', 35), 70);
  // PM2.5 12.5: segment 0–25 → 0 + 50/25 × 12.5 = 25
  assertClose(subIndex('pm25', 12.5), 25);
  // PM2.5 400: segment 350–500 → 400 + 100/150 × 50 = 433.33…
  assertClose(subIndex('pm25', 400), 400 + 100 / 3);
  // PM10 100: segment 50–150 → 50 + 50/100 × 50 = 75
  assertClose(subIndex('pm10', 100), 75);
  // NO2 450: segment 200–700 → 100 + 50/500 × 250 = 125
  assertClose(subIndex('no2', 450), 125);
  // SO2 575: segment 550–800 → 150 + 50/250 × 25 = 155
  assertClose(subIndex('so2', 575), 155);
  // O3 1h 180: segment 160–200 → 50 + 50/40 × 20 = 75
  assertClose(subIndex('o3_1h', 180), 75);
  // O3 8h 110: segment 100–120 → 50 + 50/20 × 10 = 75 (the 8-h scale is stricter than the 1-h one)
  assertClose(subIndex('o3_8h', 110), 75);
  // O3 8h 300: segment 210–400 → 200 + 100/190 × 90 = 247.368…
  assertClose(subIndex('o3_8h', 300), 200 + 9000 / 190);
});

test('CO is in µg/m³: 10 000 µg/m³ (10 mg/m³) is the top of level 2', () => {
  // 5 000: segment 0–10 000 → 50/10 000 × 5 000 = 25
  assertClose(subIndex('co', 5000), 25);
  // 20 000: segment 10 000–30 000 → 50 + 50/20 000 × 10 000 = 75
  assertClose(subIndex('co', 20_000), 75);
  // 75 000: segment 60 000–90 000 → 200 + 100/30 000 × 15 000 = 250
  assertClose(subIndex('co', 75_000), 250);
  // 1 000 µg/m³ (1 mg/m³): 50/10 000 × 1 000 = 5 — a mg/m³ value passed unconverted would read as 0.005
  assertClose(subIndex('co', 1000), 5);
});

test('zero gives 0', () => {
  for (const column of BREAKPOINT_COLUMNS) assert.equal(subIndex(column, 0), 0, column);
});

test('above the top breakpoint of a full column: capped at 500', () => {
  assert.equal(subIndex('pm25', 600), 500);
  assert.equal(subIndex('pm10', 600.1), 500);
  assert.equal(subIndex('co', 200_000), 500);
  assert.equal(subIndex('o3_1h', 1500), 500);
  assert.equal(subIndex('no2', 1e9), 500);
});

test('O3 8h above 400 µg/m³ has no index; 400 itself is 300', () => {
  assert.equal(subIndex('o3_8h', 400), 300);
  assert.equal(subIndex('o3_8h', 401), null);
  assert.equal(subIndex('o3_8h', 10_000), null);
});

test('missing, negative or non-finite concentrations have no index', () => {
  assert.equal(subIndex('pm25', -1), null);
  assert.equal(subIndex('pm25', -0.001), null);
  assert.equal(subIndex('no2', Number.NaN), null);
  assert.equal(subIndex('no2', Number.POSITIVE_INFINITY), null);
  assert.equal(subIndex('co', null), null);
});
