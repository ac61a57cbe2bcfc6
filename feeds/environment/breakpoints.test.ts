import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BREAKPOINT_COLUMNS, BREAKPOINTS, INDEX_VALUES } from './breakpoints.js';

test('Bảng 2 matches the machine-readable copy in VN_AQI.md §2 (o3_8h nulls = no levels 7–8)', () => {
  const spec = {
    I: [0, 50, 100, 150, 200, 300, 400, 500],
    o3_1h: [0, 160, 200, 300, 400, 800, 1000, 1200],
    o3_8h: [0, 100, 120, 170, 210, 400, null, null],
    co: [0, 10000, 30000, 45000, 60000, 90000, 120000, 150000],
    so2: [0, 125, 350, 550, 800, 1600, 2100, 2630],
    no2: [0, 100, 200, 700, 1200, 2350, 3100, 3850],
    pm10: [0, 50, 150, 250, 350, 420, 500, 600],
    pm25: [0, 25, 50, 80, 150, 250, 350, 500],
  };
  assert.deepEqual(INDEX_VALUES, spec.I);
  for (const column of BREAKPOINT_COLUMNS) {
    assert.deepEqual(BREAKPOINTS[column], spec[column].filter((value) => value !== null), column);
  }
});

test('every column starts at 0 and rises strictly', () => {
  for (const column of BREAKPOINT_COLUMNS) {
    const values = BREAKPOINTS[column];
    assert.equal(values[0], 0, column);
    values.slice(1).forEach((value, i) => assert.ok(value > values[i]!, `${column}[${i + 1}]`));
  }
});
