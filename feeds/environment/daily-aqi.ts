import { combineSubIndices, type AqiResult } from './aqi-result.js';
import { subIndex } from './sub-index.js';
import { isValidConcentration } from './valid-concentration.js';

const HOURS_PER_DAY = 24;
const O3_LEAD_IN_HOURS = 7;

/**
 * Hours of 24 needed for a PM 24-h mean. The decision gives no completeness rule; we use 75 % (18 of 24), the
 * rule of EU Directive 2008/50/EC Annex VII and US EPA for daily means.
 */
export const DAILY_MEAN_MIN_HOURS = 18;

/** Hours of 8 needed for an O3 8-h mean: 75 % (6 of 8), as EU Directive 2008/50/EC Annex VII. The text is silent. */
export const EIGHT_HOUR_MEAN_MIN_HOURS = 6;

/**
 * One local day of hourly means (µg/m³), each array ordered by hour end 01:00 … 00:00 of the next day (index 0 = the
 * hour ending 01:00, index 23 = the hour ending 24:00); null where missing, a shorter array = the later hours missing.
 */
export interface DailyInputs {
  pm25: readonly (number | null)[];
  pm10: readonly (number | null)[];
  no2: readonly (number | null)[];
  so2: readonly (number | null)[];
  co: readonly (number | null)[];
  o3: readonly (number | null)[];
  /** O3 hourly means ending 18:00 … 00:00 of the previous day (7 values): the 8-h means ending 01:00 … 07:00 use them. */
  o3Previous7: readonly (number | null)[];
}

/**
 * Daily VN_AQI (AQI^d, QĐ 1459 §2.2.2). PM: 24-h mean (needs DAILY_MEAN_MIN_HOURS). SO2, NO2, CO: the day's
 * largest 1-h mean. O3: the larger of the index of the largest 1-h mean (O3 1h column) and of the largest 8-h mean
 * (O3 8h column); when that 8-h mean is above 400 µg/m³ only the 1-h index counts (subIndex gives null there).
 * A largest 1-h or 8-h mean is taken over the values present, with no completeness rule (the text has none): a
 * measured high hour is real, and more data could only raise a maximum.
 */
export function dailyAqi(day: DailyInputs): AqiResult | null {
  for (const pollutant of ['pm25', 'pm10', 'no2', 'so2', 'co', 'o3'] as const) {
    if (day[pollutant].length > HOURS_PER_DAY) {
      throw new RangeError(`dailyAqi: ${pollutant} has ${day[pollutant].length} hourly means, a day ${HOURS_PER_DAY}`);
    }
  }
  if (day.o3Previous7.length !== O3_LEAD_IN_HOURS) {
    const got = day.o3Previous7.length;
    throw new RangeError(`dailyAqi: o3Previous7 must hold ${O3_LEAD_IN_HOURS} hourly means (18:00 … 00:00), got ${got}`);
  }
  return combineSubIndices({
    pm25: subIndex('pm25', dailyMean(day.pm25)),
    pm10: subIndex('pm10', dailyMean(day.pm10)),
    no2: subIndex('no2', maximum(day.no2)),
    so2: subIndex('so2', maximum(day.so2)),
    co: subIndex('co', maximum(day.co)),
    o3: largest(subIndex('o3_1h', maximum(day.o3)), subIndex('o3_8h', maximum(eightHourMeans(day)))),
  });
}

/** The 24 O3 8-h means of the day, labelled by end hour: the one ending 01:00 averages 18:00 … 01:00. */
function eightHourMeans(day: DailyInputs): (number | null)[] {
  const series = [...day.o3Previous7, ...Array.from({ length: HOURS_PER_DAY }, (_, hour) => day.o3[hour] ?? null)];
  return Array.from({ length: HOURS_PER_DAY }, (_, hour) => {
    const window = series.slice(hour, hour + O3_LEAD_IN_HOURS + 1).filter(isValidConcentration);
    return window.length >= EIGHT_HOUR_MEAN_MIN_HOURS ? mean(window) : null;
  });
}

function dailyMean(hourly: readonly (number | null)[]): number | null {
  const present = hourly.filter(isValidConcentration);
  return present.length >= DAILY_MEAN_MIN_HOURS ? mean(present) : null;
}

function maximum(hourly: readonly (number | null)[]): number | null {
  const present = hourly.filter(isValidConcentration);
  return present.length > 0 ? Math.max(...present) : null;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function largest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
