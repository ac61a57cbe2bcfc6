import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUnit, toMicrogramsPerCubicMetre } from './units.js';

function assertClose(actual: number, expected: number, tolerance = 1e-9): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `expected ${expected}, got ${actual}`);
}

test('ppb → µg/m³ = ppb × M / 24.45 (25 °C, 1 atm)', () => {
  // NO2 100 ppb: 100 × 46.01 / 24.45 = 188.1799…
  assertClose(toMicrogramsPerCubicMetre('no2', 100, 'ppb'), 4601 / 24.45);
  assert.equal(toMicrogramsPerCubicMetre('no2', 100, 'ppb').toFixed(2), '188.18');
  // O3 100 ppb: 100 × 48.00 / 24.45 = 196.319…
  assertClose(toMicrogramsPerCubicMetre('o3', 100, 'ppb'), 4800 / 24.45);
  // SO2 10 ppb: 10 × 64.07 / 24.45 = 26.204…
  assertClose(toMicrogramsPerCubicMetre('so2', 10, 'ppb'), 640.7 / 24.45);
});

test('ppm = 1000 ppb: CO 1 ppm → 1000 × 28.01 / 24.45 = 1145.6 µg/m³', () => {
  assertClose(toMicrogramsPerCubicMetre('co', 1, 'ppm'), 28_010 / 24.45);
  assert.equal(toMicrogramsPerCubicMetre('co', 1, 'ppm').toFixed(1), '1145.6');
});

test('mg/m³ × 1000; µg/m³ unchanged', () => {
  assert.equal(toMicrogramsPerCubicMetre('co', 1, 'mg/m3'), 1000);
  assertClose(toMicrogramsPerCubicMetre('pm25', 0.035, 'mg/m3'), 35);
  assert.equal(toMicrogramsPerCubicMetre('pm10', 87.5, 'ug/m3'), 87.5);
  assert.equal(toMicrogramsPerCubicMetre('no2', 40, 'ug/m3'), 40);
});

test('PM in ppb or ppm throws, naming the pollutant and unit', () => {
  assert.throws(() => toMicrogramsPerCubicMetre('pm25', 10, 'ppb'), /PM2\.5.*ppb/);
  assert.throws(() => toMicrogramsPerCubicMetre('pm10', 10, 'ppm'), /PM10.*ppm/);
});

test('parseUnit accepts common spellings', () => {
  const cases: [string, string][] = [
    ['µg/m³', 'ug/m3'], // micro sign U+00B5
    ['μg/m3', 'ug/m3'], // Greek mu U+03BC
    ['µg/m3', 'ug/m3'],
    ['ug/m3', 'ug/m3'],
    ['UG/M3', 'ug/m3'],
    ['ug/m^3', 'ug/m3'],
    [' µg / m³ ', 'ug/m3'],
    ['mg/m³', 'mg/m3'],
    ['mg/m3', 'mg/m3'],
    ['MG/M3', 'mg/m3'],
    ['ppb', 'ppb'],
    ['PPB', 'ppb'],
    ['ppm', 'ppm'],
    ['Ppm', 'ppm'],
  ];
  for (const [text, unit] of cases) assert.equal(parseUnit(text), unit, text);
});

test('parseUnit rejects anything else', () => {
  for (const text of ['', 'g/m3', 'ppt', 'ug', 'constructor', 'toString', '%']) assert.equal(parseUnit(text), null, text);
});
