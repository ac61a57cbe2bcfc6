import type { AqiSummary } from '../protocol/feed-data.js';
import type { EnvironmentState } from './environment-reducer.js';
import type { Pollutant } from './pollutants.js';

/** Pure helpers for the KPI wall over the environment feed's state. */

export interface StationsReporting {
  /** Stations online with a reading no older than `staleMs`. */
  readonly reporting: number;
  /** Stations the state knows of. */
  readonly total: number;
  /** Ids of the stations in outage (sorted). */
  readonly offline: readonly string[];
  /** Ids of the stations online but silent for longer than `staleMs` (sorted). */
  readonly stale: readonly string[];
}

/** "18/20 trạm đang truyền dữ liệu": online and a reading within `staleMs` of `nowMs` (item ts, hub clock). */
export function stationsReporting(state: EnvironmentState, nowMs: number, staleMs: number): StationsReporting {
  let reporting = 0;
  let total = 0;
  const offline: string[] = [];
  const stale: string[] = [];
  for (const [id, station] of Object.entries(state.stations)) {
    total += 1;
    if (!station.online) offline.push(id);
    else if (station.ts <= 0 || nowMs - station.ts > staleMs) stale.push(id);
    else reporting += 1;
  }
  return { reporting, total, offline: offline.sort(compareIds), stale: stale.sort(compareIds) };
}

export interface StationAqi {
  readonly station: string;
  /** Hourly VN_AQI, null when the station has none (no reading yet, or not computable). */
  readonly aqi: number | null;
  readonly band: number | null;
  readonly dominant: Pollutant | null;
  readonly hourEnd: number;
  readonly online: boolean;
}

/** Every station's hourly AQI, worst first; stations without an AQI last; ties by id. */
export function aqiByStation(state: EnvironmentState): StationAqi[] {
  const rows: StationAqi[] = Object.entries(state.stations).map(([station, s]) => ({
    station,
    aqi: s.hourly?.aqi ?? null,
    band: s.hourly?.band ?? null,
    dominant: s.hourly?.dominant ?? null,
    hourEnd: s.hourEnd,
    online: s.online,
  }));
  return rows.sort((a, b) => {
    if (a.aqi !== b.aqi) {
      if (a.aqi === null) return 1;
      if (b.aqi === null) return -1;
      return b.aqi - a.aqi;
    }
    return compareIds(a.station, b.station);
  });
}

export interface WorstStation {
  readonly station: string;
  readonly hourly: AqiSummary;
  readonly hourEnd: number;
  readonly online: boolean;
}

/**
 * The station with the highest hourly AQI (ties: the lower id), or null when none has one. Stations in outage are
 * left out by default: their last AQI is history, not the air now; pass `includeOffline` to rank them too.
 */
export function worstStation(state: EnvironmentState, options: { readonly includeOffline?: boolean } = {}): WorstStation | null {
  let worst: WorstStation | null = null;
  for (const [id, s] of Object.entries(state.stations)) {
    if (s.hourly === null || (!s.online && !options.includeOffline)) continue;
    if (
      worst === null ||
      s.hourly.aqi > worst.hourly.aqi ||
      (s.hourly.aqi === worst.hourly.aqi && compareIds(id, worst.station) < 0)
    ) {
      worst = { station: id, hourly: s.hourly, hourEnd: s.hourEnd, online: s.online };
    }
  }
  return worst;
}

/** Code-unit order: the same on every machine and locale (ids are codes such as HD-AQ-01). */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
