import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AqiSummary } from '../protocol/feed-data.js';
import * as environment from './index.js';

test('the public API is exported from index.ts', () => {
  const functions = [
    'bandForAqi', 'subIndex', 'nowcast', 'roundAqi', 'hourlyAqi', 'dailyAqi', 'combineSubIndices', 'parseUnit',
    'toMicrogramsPerCubicMetre', 'isValidConcentration', 'StationAqiTracker',
  ] as const;
  for (const name of functions) {
    assert.equal(typeof environment[name], 'function', name);
  }
  assert.equal(environment.AQI_BANDS.length, 6);
  assert.equal(environment.POLLUTANTS.length, 6);
});

test('a result with all six sub-indices satisfies the protocol’s AqiSummary', () => {
  const flat = (value: number): number[] => Array<number>(12).fill(value);
  const result = environment.hourlyAqi({ pm25: flat(35), pm10: flat(100), no2: 450, so2: 575, co: 20_000, o3: 180 });
  assert.equal(Object.keys(result?.sub ?? {}).length, 6);
  assert.equal(AqiSummary.safeParse(result).success, true);
});
