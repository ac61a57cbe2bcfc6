import { toAqiSummary } from '../environment/environment-simulator.js';
import { StationAqiTracker } from '../environment/station-aqi-tracker.js';
import type { EnvironmentData, PollutantValues } from '../protocol/feed-data.js';
import type { StationReading } from '../environment/station-reading.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Hour means kept per station for the `values` of re-emitted hours (the tracker keeps its own, longer window). */
const KEPT_HOURS = 48;

interface StationHours {
  readonly tracker: StationAqiTracker;
  readonly values: Map<number, PollutantValues>;
  /** Newest hour a reading was emitted for; older hours still feed the tracker but emit nothing (no going back). */
  lastEmitted: number;
}

function emptyValues(): PollutantValues {
  return { pm25: null, pm10: null, no2: null, so2: null, co: null, o3: null };
}

/**
 * Station readings → `reading` items, with the hub's own VN_AQI code: one StationAqiTracker per station (hourly
 * means in, NowCast and daily index out). For each station and hour a batch touched (newest hours only, see
 * lastEmitted) one reading: `values` = that hour's means in µg/m³, `hourly` = VN_AQI of that hour, `daily` = the
 * VN_AQI of the last complete local day before it (the day whose hour ending 24:00 is at or before hourEnd).
 *
 * The hour means are saved once their batch is in the log and restored at start (station-hours-store.ts), so NowCast
 * and the daily index carry on across a hub restart; re-sent hours replace, they do not add up.
 */
export class EnvironmentAggregator {
  readonly #offsetMinutes: number;
  readonly #stations = new Map<string, StationHours>();

  constructor(timeZoneOffsetMinutes: number) {
    this.#offsetMinutes = timeZoneOffsetMinutes;
  }

  #station(id: string): StationHours {
    let station = this.#stations.get(id);
    if (!station) {
      station = { tracker: new StationAqiTracker(this.#offsetMinutes), values: new Map(), lastEmitted: -Infinity };
      this.#stations.set(id, station);
    }
    return station;
  }

  add(reading: StationReading): void {
    const station = this.#station(reading.station);
    station.tracker.addHourlyMean(reading.hourEnd, reading.pollutant, reading.ugM3);
    const values = station.values.get(reading.hourEnd) ?? emptyValues();
    values[reading.pollutant] = reading.ugM3;
    station.values.set(reading.hourEnd, values);
    for (const hour of station.values.keys()) if (hour < reading.hourEnd - KEPT_HOURS * HOUR_MS) station.values.delete(hour);
  }

  /**
   * After a restart: an hour mean saved once its batch was in the log (station-hours-store.ts). NowCast and the
   * daily index go on from it, and an hour older than the newest saved stays unpublished, as before the restart.
   */
  restore(reading: StationReading): void {
    this.add(reading);
    const station = this.#station(reading.station);
    station.lastEmitted = Math.max(station.lastEmitted, reading.hourEnd);
  }

  /**
   * The reading items for the touched station-hours, oldest hour first; `line` of each is its first record's.
   * Nothing moves until `emitted` is called with the same map once the items are in the log: a batch whose commit
   * failed, sent again, must publish all of its hours again, not only the newest.
   */
  readings(touched: ReadonlyMap<string, ReadonlyMap<number, number>>): { item: EnvironmentData; line: number }[] {
    const out: { item: EnvironmentData; line: number; hourEnd: number }[] = [];
    for (const [id, hours] of touched) {
      const station = this.#station(id);
      for (const hourEnd of [...hours.keys()].sort((a, b) => a - b)) {
        if (hourEnd < station.lastEmitted) continue;
        out.push({ item: this.reading(id, hourEnd), line: hours.get(hourEnd) ?? 0, hourEnd });
      }
    }
    out.sort((a, b) => a.hourEnd - b.hourEnd);
    return out.map(({ item, line }) => ({ item, line }));
  }

  /** The touched hours of a batch are in the log: from now on older hours of those stations publish nothing. */
  emitted(touched: ReadonlyMap<string, ReadonlyMap<number, number>>): void {
    for (const [id, hours] of touched) {
      const station = this.#station(id);
      for (const hourEnd of hours.keys()) station.lastEmitted = Math.max(station.lastEmitted, hourEnd);
    }
  }

  reading(id: string, hourEnd: number): EnvironmentData {
    const station = this.#station(id);
    const hourly = station.tracker.hourly(hourEnd);
    const date = new Date(hourEnd + this.#offsetMinutes * 60_000 - DAY_MS).toISOString().slice(0, 10);
    const daily = station.tracker.daily(date);
    return {
      kind: 'reading',
      station: id,
      values: { ...(station.values.get(hourEnd) ?? emptyValues()) },
      hourEnd,
      hourly: hourly ? toAqiSummary(hourly) : null,
      daily: daily ? { date, aqi: toAqiSummary(daily) } : null,
    };
  }
}
