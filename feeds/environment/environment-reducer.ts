import type { AqiSummary, LocalizedText, PollutantValues } from '../protocol/feed-data.js';
import { emptyRecord, ownValue, setOwn } from '../protocol/own-record.js';
import type { FeedReducer } from '../state/feed-reducer.js';

/** What the console knows about one monitoring station: its latest reading and whether it is reporting. */
export interface EnvironmentStationState {
  /** Latest short-interval concentrations (µg/m³); kept through an outage (shown greyed). */
  values: PollutantValues;
  /** End of the hour `hourly` describes (ms); 0 before the first reading. */
  hourEnd: number;
  /** VN_AQI of the hour ending at `hourEnd` (NowCast for PM), null when not computable. */
  hourly: AqiSummary | null;
  /** VN_AQI of the last complete local day. */
  daily: { date: string; aqi: AqiSummary } | null;
  online: boolean;
  outageReason: LocalizedText | null;
  /** Item ts (hub clock, ms) of the last `reading`; 0 when the station has only been heard of through an outage. */
  ts: number;
}

export interface EnvironmentState {
  /** By station id, as the source names it: read and write with the own-record helpers. */
  stations: Record<string, EnvironmentStationState>;
}

function emptyStation(): EnvironmentStationState {
  return {
    values: { pm25: null, pm10: null, no2: null, so2: null, co: null, o3: null },
    hourEnd: 0,
    hourly: null,
    daily: null,
    online: false,
    outageReason: null,
    ts: 0,
  };
}

function copySummary(summary: AqiSummary): AqiSummary {
  return { aqi: summary.aqi, dominant: summary.dominant, band: summary.band, sub: { ...summary.sub } };
}

/**
 * `reading` replaces the station's values and AQI and marks it online (a reading is proof of life, even without a
 * `restored`); `outage` marks it offline with the reason and keeps the last values; `restored` marks it online.
 * The state holds copies, never the item objects, so it stays plain JSON whatever the caller does with the item.
 */
export const environmentReducer: FeedReducer<'environment', EnvironmentState> = {
  feed: 'environment',
  create: () => ({ stations: emptyRecord() }),
  fold(state, data, ts) {
    // A station id is text from a source ("__proto__" included): own keys only, never Object.prototype's.
    const existing = ownValue(state.stations, data.station);
    switch (data.kind) {
      case 'reading': {
        setOwn(state.stations, data.station, {
          values: { ...data.values },
          hourEnd: data.hourEnd,
          hourly: data.hourly ? copySummary(data.hourly) : null,
          daily: data.daily ? { date: data.daily.date, aqi: copySummary(data.daily.aqi) } : null,
          online: true,
          outageReason: null,
          ts,
        });
        break;
      }
      case 'outage': {
        const station = existing ?? emptyStation();
        station.online = false;
        station.outageReason = { vi: data.reason.vi, en: data.reason.en };
        setOwn(state.stations, data.station, station);
        break;
      }
      case 'restored': {
        const station = existing ?? emptyStation();
        station.online = true;
        station.outageReason = null;
        setOwn(state.stations, data.station, station);
        break;
      }
    }
  },
};
