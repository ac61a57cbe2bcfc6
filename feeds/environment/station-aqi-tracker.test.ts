import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dailyAqi } from './daily-aqi.js';
import { hourlyAqi } from './hourly-aqi.js';
import { StationAqiTracker } from './station-aqi-tracker.js';

const HOUR = 3_600_000;
/** Local (UTC+7) wall-clock time as ms since epoch. */
const local = (year: number, month: number, day: number, hour: number): number => Date.UTC(year, month - 1, day, hour) - 7 * HOUR;

test('hourly() equals hourlyAqi() on the same 12 hours (13 fed)', () => {
  const tracker = new StationAqiTracker();
  const now = local(2025, 1, 15, 10);
  // 13 hours of PM2.5 and PM10 (the oldest must not count), gases at every hour.
  const pm25 = [62, 55, 48, 40, 35, 33, 30, 31, 29, 27, 26, 25, 900]; // newest first; 900 is 12 h before `now`
  const pm10 = pm25.map((value) => value * 1.6);
  pm25.forEach((value, age) => {
    tracker.addHourlyMean(now - age * HOUR, 'pm25', value);
    tracker.addHourlyMean(now - age * HOUR, 'pm10', pm10[age]!);
    tracker.addHourlyMean(now - age * HOUR, 'no2', 40 + age);
    tracker.addHourlyMean(now - age * HOUR, 'o3', 120 - age);
  });
  tracker.addHourlyMean(now, 'co', 1200);
  const expected = hourlyAqi({ pm25: pm25.slice(0, 12), pm10: pm10.slice(0, 12), no2: 40, so2: null, co: 1200, o3: 120 });
  assert.notEqual(expected, null);
  assert.deepEqual(tracker.hourly(now), expected);
});

test('hourly() with too little PM history is null; a later value for an hour replaces the earlier one', () => {
  const tracker = new StationAqiTracker();
  const now = local(2025, 1, 15, 10);
  tracker.addHourlyMean(now, 'pm25', 35);
  assert.equal(tracker.hourly(now), null);
  tracker.addHourlyMean(now - HOUR, 'pm25', 35);
  assert.equal(tracker.hourly(now)?.aqi, 70); // 35, 35 → NowCast 35 → 70
  tracker.addHourlyMean(now, 'pm25', 25);
  tracker.addHourlyMean(now - HOUR, 'pm25', 25);
  assert.equal(tracker.hourly(now)?.aqi, 50);
});

test('daily(): hours ending 01:00 … 24:00 local; the hours either side belong to other days', () => {
  const tracker = new StationAqiTracker();
  // 15 Jan: every hour 35 µg/m³ PM2.5 → 70. The hour ending 00:00 on the 15th (previous day) and the one ending
  // 01:00 on the 16th (next day) are 500: if either leaked in, the mean would no longer be 35.
  tracker.addHourlyMean(local(2025, 1, 15, 0), 'pm25', 500);
  for (let hour = 1; hour <= 24; hour++) tracker.addHourlyMean(local(2025, 1, 15, hour), 'pm25', 35);
  tracker.addHourlyMean(local(2025, 1, 16, 1), 'pm25', 500);
  assert.deepEqual(tracker.daily('2025-01-15'), { aqi: 70, dominant: 'pm25', band: 2, sub: { pm25: 70 } });
});

test('daily() equals dailyAqi() on the same day, O3 lead-in included', () => {
  const tracker = new StationAqiTracker();
  // From 12:00 on 14 Jan to 06:00 on 16 Jan, every value different, so any misalignment changes the result.
  const start = local(2025, 1, 14, 12);
  const value = (hourEnd: number, scale: number): number => scale * (1 + ((hourEnd - start) / HOUR) % 17);
  for (let hourEnd = start; hourEnd <= local(2025, 1, 16, 6); hourEnd += HOUR) {
    tracker.addHourlyMean(hourEnd, 'pm25', value(hourEnd, 3));
    tracker.addHourlyMean(hourEnd, 'pm10', value(hourEnd, 5));
    tracker.addHourlyMean(hourEnd, 'no2', value(hourEnd, 11));
    tracker.addHourlyMean(hourEnd, 'so2', value(hourEnd, 7));
    tracker.addHourlyMean(hourEnd, 'co', value(hourEnd, 500));
    tracker.addHourlyMean(hourEnd, 'o3', value(hourEnd, 9));
  }
  const day = (scale: number): number[] => Array.from({ length: 24 }, (_, i) => value(local(2025, 1, 15, i + 1), scale));
  const expected = dailyAqi({
    pm25: day(3), pm10: day(5), no2: day(11), so2: day(7), co: day(500), o3: day(9),
    o3Previous7: Array.from({ length: 7 }, (_, i) => value(local(2025, 1, 14, 18 + i), 9)),
  });
  assert.notEqual(expected, null);
  assert.deepEqual(tracker.daily('2025-01-15'), expected);
});

test('keeps the 54 hour-ends that yesterday’s daily AQI needs at 23:00 today, and no more', () => {
  const tracker = new StationAqiTracker();
  const newest = local(2025, 1, 16, 23);
  // PM2.5 35 all along. O3: 400 in the hour ending 18:00 on the 14th, 200 from 19:00 on the 14th to 01:00 on the
  // 15th, 0 otherwise.
  const o3At = (hourEnd: number): number => {
    if (hourEnd === local(2025, 1, 14, 18)) return 400;
    return hourEnd > local(2025, 1, 14, 18) && hourEnd <= local(2025, 1, 15, 1) ? 200 : 0;
  };
  for (let hourEnd = local(2025, 1, 14, 12); hourEnd <= newest; hourEnd += HOUR) {
    tracker.addHourlyMean(hourEnd, 'pm25', 35);
    tracker.addHourlyMean(hourEnd, 'o3', o3At(hourEnd));
  }
  // 15 Jan, 8-h mean ending 01:00 = (400 + 7 × 200)/8 = 225 → 200 + 100/190 × 15 = 207.9 → 208. It needs the hour
  // ending 18:00 on the 14th, 53 h before `newest`.
  assert.equal(tracker.daily('2025-01-15')?.sub.o3, 208);
  // PM: hour-ends newest − 53 h … newest are kept. 52 h back has c1, c2 → NowCast; 53 h back only c1 → null.
  assert.notEqual(tracker.hourly(newest - 52 * HOUR), null);
  assert.equal(tracker.hourly(newest - 53 * HOUR), null);
  // At 00:00 on the 17th (15 Jan is two days old) 18:00 on the 14th is dropped: 7 hours of 200 → 187.5 → 188.
  tracker.addHourlyMean(newest + HOUR, 'pm25', 35);
  assert.equal(tracker.daily('2025-01-15')?.sub.o3, 188);
});

test('prune() forgets older hours', () => {
  const tracker = new StationAqiTracker();
  const now = local(2025, 1, 15, 10);
  for (let age = 0; age < 12; age++) tracker.addHourlyMean(now - age * HOUR, 'pm25', 35);
  tracker.prune(now - HOUR); // keeps the hour-ends now − 1 h and now
  assert.equal(tracker.hourly(now)?.aqi, 70);
  tracker.prune(now);
  assert.equal(tracker.hourly(now), null);
});

test('hour boundaries are validated, in the tracker’s offset', () => {
  const tracker = new StationAqiTracker();
  const now = local(2025, 1, 15, 10);
  assert.throws(() => tracker.addHourlyMean(now + 1, 'pm25', 35), /not an hour boundary.*UTC\+7/);
  assert.throws(() => tracker.addHourlyMean(now + 30 * 60_000, 'pm25', 35), RangeError);
  assert.throws(() => tracker.addHourlyMean(Number.NaN, 'pm25', 35), RangeError);
  assert.throws(() => tracker.hourly(now - 1), RangeError);
  // UTC+5:30: hour boundaries fall on the half hour UTC.
  const india = new StationAqiTracker(330);
  assert.throws(() => india.addHourlyMean(Date.UTC(2025, 0, 15, 4), 'pm25', 35), /UTC\+5:30/);
  india.addHourlyMean(Date.UTC(2025, 0, 15, 4, 30), 'pm25', 35);
});

test('invalid values, dates and offsets are rejected', () => {
  const tracker = new StationAqiTracker();
  const now = local(2025, 1, 15, 10);
  assert.throws(() => tracker.addHourlyMean(now, 'no2', -1), /no2/);
  assert.throws(() => tracker.addHourlyMean(now, 'no2', Number.NaN), RangeError);
  for (const date of ['2025-02-30', '15/01/2025', '2025-1-15', '']) {
    assert.throws(() => tracker.daily(date), RangeError, date);
  }
  assert.throws(() => new StationAqiTracker(7.5), RangeError);
  assert.throws(() => new StationAqiTracker(15 * 60), RangeError);
});
