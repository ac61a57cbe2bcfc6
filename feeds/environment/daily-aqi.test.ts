import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dailyAqi, type DailyInputs } from './daily-aqi.js';

const hours = (value: number | null, count = 24): (number | null)[] => Array<number | null>(count).fill(value);

/** A day with only PM2.5 at 10 µg/m³ (sub-index 20), to which each test adds what it checks. */
function day(overrides: Partial<DailyInputs>): DailyInputs {
  return { pm25: hours(10), pm10: [], no2: [], so2: [], co: [], o3: [], o3Previous7: hours(null, 7), ...overrides };
}

test('PM: the 24-h mean', () => {
  // 12 hours of 30 and 12 of 40: mean 35 → 50 + 2 × 10 = 70 (the largest hour, 40, would give 75)
  const pm25 = Array.from({ length: 24 }, (_, hour) => (hour % 2 === 0 ? 30 : 40));
  assert.deepEqual(dailyAqi(day({ pm25 })), { aqi: 70, dominant: 'pm25', band: 2, sub: { pm25: 70 } });
});

test('PM completeness: 18 of 24 hours give a mean, 17 do not', () => {
  // 18 × 35 + 6 missing: mean of present = 35 → 70
  const eighteen = [...hours(35, 18), ...hours(null, 6)];
  assert.equal(dailyAqi(day({ pm25: eighteen }))?.sub.pm25, 70);
  // 17 present: no PM2.5 24-h mean; with no PM10 either there is no VN_AQI
  const seventeen = [null, ...hours(35, 17), ...hours(null, 6)];
  assert.equal(dailyAqi(day({ pm25: seventeen })), null);
  // …but PM10 alone keeps the day: 24 × 100 → 75
  assert.deepEqual(dailyAqi(day({ pm25: seventeen, pm10: hours(100) }))?.sub, { pm10: 75 });
});

test('SO2, NO2, CO: the largest 1-h mean', () => {
  // NO2: 23 h of 50 and one of 450 → max 450 → 125 (the mean, 66.7, would give 33)
  // SO2: max 575 → 155; CO: max 20 000 → 75
  const result = dailyAqi(day({
    no2: [...hours(50, 23), 450],
    so2: [575, ...hours(10, 23)],
    co: [...hours(1000, 12), 20_000, ...hours(1000, 11)],
  }));
  assert.deepEqual(result, { aqi: 155, dominant: 'so2', band: 4, sub: { pm25: 20, no2: 125, so2: 155, co: 75 } });
});

test('gases: a day with few hours still has a largest 1-h mean', () => {
  assert.equal(dailyAqi(day({ no2: [null, 450] }))?.sub.no2, 125);
});

test('O3: the 8-h index wins when larger', () => {
  // O3 110 all day and the evening before: 1h → 50/160 × 110 = 34.375; 8h mean 110 → 50 + 50/20 × 10 = 75
  assert.equal(dailyAqi(day({ o3: hours(110), o3Previous7: hours(110, 7) }))?.sub.o3, 75);
});

test('O3: the 1-h index wins when larger', () => {
  // One hour of 300, the rest 50: 1h 300 → 150; largest 8-h mean (300 + 7 × 50)/8 = 81.25 → 40.625
  const o3 = [...hours(50, 12), 300, ...hours(50, 11)];
  assert.equal(dailyAqi(day({ o3, o3Previous7: hours(50, 7) }))?.sub.o3, 150);
});

test('O3: an 8-h mean above 400 µg/m³ is not used, only the 1-h one', () => {
  // 450 all day: 1h → 200 + 100/400 × 50 = 212.5 → 213; 8h mean 450 > 400 → no 8-h index
  assert.equal(dailyAqi(day({ o3: hours(450), o3Previous7: hours(450, 7) }))?.sub.o3, 213);
  // 400 all day: 1h → 200; 8h mean 400 → 300 (still computed)
  assert.equal(dailyAqi(day({ o3: hours(400), o3Previous7: hours(400, 7) }))?.sub.o3, 300);
});

test('O3 8-h means are labelled by end hour: the 01:00 one averages 18:00 … 01:00', () => {
  // Previous evening 18:00…00:00 and 01:00 at 200, the rest of the day 0.
  // With the evening: the 8-h mean ending 01:00 = 200 → 150 + 50/40 × 30 = 187.5 → 188.
  const o3 = [200, ...hours(0, 23)];
  assert.equal(dailyAqi(day({ o3, o3Previous7: hours(200, 7) }))?.sub.o3, 188);
  // Without it: 8-h means with ≥ 6 hours start at 06:00 and hold one 200 → at most 200/6 = 33.3 → 16.7;
  // the 1-h index (200 → 100) wins.
  assert.equal(dailyAqi(day({ o3 }))?.sub.o3, 100);
});

test('O3 8-h completeness: 6 of 8 hours give a mean, 5 do not', () => {
  // No evening data. 200 in the hours ending 01:00…05:00 (5 hours), nothing after: no window holds 6 hours,
  // so only the 1-h index counts: 200 → 100.
  assert.equal(dailyAqi(day({ o3: hours(200, 5) }))?.sub.o3, 100);
  // One more hour (01:00…06:00): the window ending 06:00 holds 6 → mean 200 → 187.5 → 188.
  assert.equal(dailyAqi(day({ o3: hours(200, 6) }))?.sub.o3, 188);
});

test('no PM → no daily VN_AQI', () => {
  assert.equal(dailyAqi(day({ pm25: [], no2: hours(450) })), null);
});

test('arrays of the wrong length are rejected', () => {
  assert.throws(() => dailyAqi(day({ pm25: hours(10, 25) })), /pm25.*25/);
  assert.throws(() => dailyAqi(day({ o3Previous7: hours(10, 6) })), /o3Previous7/);
});
