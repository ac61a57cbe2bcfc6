import type { AqiResult } from './aqi-result.js';
import { dailyAqi } from './daily-aqi.js';
import { hourlyAqi } from './hourly-aqi.js';
import { isValidConcentration } from './valid-concentration.js';
import type { Pollutant } from './pollutants.js';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * Hour-ends kept, counted back from the newest: enough for the previous local day's daily AQI until the current
 * day completes — 23 hours of the current day + 24 of the previous day + its 7 O3 lead-in hours (18:00 … 00:00).
 */
export const RETAINED_HOURS = 23 + 24 + 7;

type HourlyMeans = Partial<Record<Pollutant, number>>;

/**
 * One station's hourly means and its VN_AQI, for the simulator and the ingest path. Hours are identified by
 * their end (ms since epoch), on the hour in the station's fixed UTC offset. It has no clock: `daily()` of an
 * unfinished day computes from the hours present so far (with the completeness rules of dailyAqi).
 */
export class StationAqiTracker {
  readonly #offsetMs: number;
  readonly #hours = new Map<number, HourlyMeans>();
  #newestHourEndMs = -Infinity;

  /** Default: Asia/Ho_Chi_Minh, UTC+7 all year (no daylight saving). */
  constructor(timeZoneOffsetMinutes = 420) {
    if (!Number.isInteger(timeZoneOffsetMinutes) || Math.abs(timeZoneOffsetMinutes) > 14 * 60) {
      const got = timeZoneOffsetMinutes;
      throw new RangeError(`StationAqiTracker: time-zone offset must be whole minutes within ±14 h, got ${got}`);
    }
    this.#offsetMs = timeZoneOffsetMinutes * MINUTE_MS;
  }

  /**
   * Record the mean (µg/m³) of the hour ending at `hourEndMs`. A second value for the same hour replaces the first
   * (a corrected re-send); hours older than the retained window are dropped.
   */
  addHourlyMean(hourEndMs: number, pollutant: Pollutant, valueUgM3: number): void {
    this.#checkHourEnd(hourEndMs);
    if (!isValidConcentration(valueUgM3)) {
      throw new RangeError(`StationAqiTracker: ${pollutant} hourly mean must be finite and ≥ 0 µg/m³, got ${valueUgM3}`);
    }
    const means = this.#hours.get(hourEndMs) ?? {};
    means[pollutant] = valueUgM3;
    this.#hours.set(hourEndMs, means);
    if (hourEndMs > this.#newestHourEndMs) this.#newestHourEndMs = hourEndMs;
    this.prune(this.#newestHourEndMs - (RETAINED_HOURS - 1) * HOUR_MS);
  }

  /** Hourly VN_AQI of the hour ending at `hourEndMs` (NowCast over it and the 11 hours before). */
  hourly(hourEndMs: number): AqiResult | null {
    this.#checkHourEnd(hourEndMs);
    const pmSeries = (pollutant: 'pm25' | 'pm10'): (number | null)[] =>
      Array.from({ length: 12 }, (_, age) => this.#mean(hourEndMs - age * HOUR_MS, pollutant));
    return hourlyAqi({
      pm25: pmSeries('pm25'),
      pm10: pmSeries('pm10'),
      no2: this.#mean(hourEndMs, 'no2'),
      so2: this.#mean(hourEndMs, 'so2'),
      co: this.#mean(hourEndMs, 'co'),
      o3: this.#mean(hourEndMs, 'o3'),
    });
  }

  /** Daily VN_AQI of a local date: the hours ending 01:00 … 24:00 (00:00 of the next day) local time. */
  daily(localDate: string): AqiResult | null {
    const midnightMs = this.#localMidnightMs(localDate);
    const day = (pollutant: Pollutant): (number | null)[] =>
      Array.from({ length: 24 }, (_, hour) => this.#mean(midnightMs + (hour + 1) * HOUR_MS, pollutant));
    return dailyAqi({
      pm25: day('pm25'),
      pm10: day('pm10'),
      no2: day('no2'),
      so2: day('so2'),
      co: day('co'),
      o3: day('o3'),
      o3Previous7: Array.from({ length: 7 }, (_, index) => this.#mean(midnightMs + (index - 6) * HOUR_MS, 'o3')),
    });
  }

  /** Forget the hours ending before `beforeMs`. */
  prune(beforeMs: number): void {
    for (const hourEndMs of this.#hours.keys()) {
      if (hourEndMs < beforeMs) this.#hours.delete(hourEndMs);
    }
  }

  #mean(hourEndMs: number, pollutant: Pollutant): number | null {
    return this.#hours.get(hourEndMs)?.[pollutant] ?? null;
  }

  #checkHourEnd(hourEndMs: number): void {
    const localMs = hourEndMs + this.#offsetMs;
    if (!Number.isFinite(localMs) || localMs % HOUR_MS !== 0) {
      const zone = `UTC${this.#offsetLabel()}`;
      throw new RangeError(`StationAqiTracker: ${hourEndMs} is not an hour boundary (ms since epoch, on the hour in ${zone})`);
    }
  }

  #localMidnightMs(localDate: string): number {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
    const utcMidnightMs = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
    // Date.UTC rolls 2025-02-30 over to March; round-tripping rejects such dates.
    if (!Number.isFinite(utcMidnightMs) || new Date(utcMidnightMs).toISOString().slice(0, 10) !== localDate) {
      throw new RangeError(`StationAqiTracker: "${localDate}" is not a date YYYY-MM-DD`);
    }
    return utcMidnightMs - this.#offsetMs;
  }

  #offsetLabel(): string {
    const minutes = this.#offsetMs / MINUTE_MS;
    const sign = minutes < 0 ? '−' : '+';
    const hours = Math.floor(Math.abs(minutes) / 60);
    const rest = Math.abs(minutes) % 60;
    return `${sign}${hours}${rest === 0 ? '' : `:${String(rest).padStart(2, '0')}`}`;
  }
}
