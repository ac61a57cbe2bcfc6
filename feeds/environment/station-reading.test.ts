import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHourEnd, parseParameter, toStationReading } from './station-reading.js';

test('parseHourEnd: ISO with offset or Z, or local time in the region offset; must be on the hour', () => {
  const expected = Date.parse('2026-11-22T01:00:00Z');
  for (const text of ['2026-11-22T08:00:00+07:00', '2026-11-22T08:00+07:00', '2026-11-22T08:00:00+0700', '2026-11-22T01:00:00Z', '2026-11-22 08:00', '2026-11-22T08:00:00']) {
    assert.equal(parseHourEnd(text, 420), expected, text);
  }
  // 24:00 local is 00:00 of the next day: the hour that ends the day.
  assert.equal(parseHourEnd('2026-11-22 24:00', 420), Date.parse('2026-11-22T17:00:00Z'));
  // The same with an offset (ISO 8601 end of day), also across a month end; a day that does not exist is refused.
  assert.equal(parseHourEnd('2026-11-22T24:00:00+07:00', 420), Date.parse('2026-11-22T17:00:00Z'));
  assert.equal(parseHourEnd('2026-11-30T24:00+07:00', 420), Date.parse('2026-11-30T17:00:00Z'));
  assert.equal(parseHourEnd('2026-12-31T24:00:00Z', 420), Date.parse('2027-01-01T00:00:00Z'));
  assert.equal(typeof parseHourEnd('2026-02-30T24:00:00+07:00', 420), 'string');
  assert.match(String(parseHourEnd('2026-11-22T08:15:00+07:00', 420)), /not on the hour/);
  assert.match(String(parseHourEnd('22/11/2026 08:00', 420)), /not ISO 8601/);
  // "On the hour" is in the region's local time: a half-hour zone moves the boundary.
  assert.equal(typeof parseHourEnd('2026-11-22T08:00:00+05:30', 330), 'number');
  assert.equal(typeof parseHourEnd('2026-11-22T08:00:00+05:30', 420), 'string');
});

test('parseParameter: the spellings analysers use', () => {
  assert.deepEqual(['PM2.5', 'pm2_5', 'PM25', 'PM 10', 'NO₂', 'so2', 'CO', 'O3', 'O₃'].map(parseParameter), ['pm25', 'pm25', 'pm25', 'pm10', 'no2', 'so2', 'co', 'o3', 'o3']);
  assert.equal(parseParameter('NOx'), null);
});

test('toStationReading converts to µg/m³ (ppb at 25 °C, 1 atm; mg/m³ × 1000) and names what is wrong', () => {
  const options = { offsetMinutes: 420, stations: new Set(['S1']) };
  const reading = toStationReading({ station: 'S1', time: '2026-11-22 08:00', parameter: 'SO2', value: '10', unit: 'ppb' }, options);
  assert.ok(typeof reading === 'object');
  assert.ok(Math.abs(reading.ugM3 - (10 * 64.07) / 24.45) < 1e-9);
  const co = toStationReading({ station: 'S1', time: '2026-11-22 08:00', parameter: 'CO', value: 2.5, unit: 'mg/m³' }, options);
  assert.ok(typeof co === 'object' && co.ugM3 === 2500);
  assert.equal(toStationReading({ time: '2026-11-22 08:00', parameter: 'CO', value: 1, unit: 'mg/m3' }, options), 'station: missing');
  assert.match(String(toStationReading({ station: 'S1', time: '2026-11-22 08:00', parameter: 'CO', value: '', unit: 'mg/m3' }, options)), /is not a number/);
});
