import { bandForAqi } from '../../feeds/environment/bands.js';
import type { EnvironmentState } from '../../feeds/environment/environment-reducer.js';
import type { AqiSummary, LocalizedText } from '../../feeds/protocol/feed-data.js';
import { ownValue } from '../../feeds/protocol/own-record.js';
import { memoizeFormat } from '../common/format-memo.js';
import type { MapPick } from '../common/layer-input.js';
import { stationRadiusPx } from './environment-style.js';

/** Where a station is (region pack `stations.geojson`); `name` may be one string (Vietnamese) or bilingual. */
export interface StationPlace {
  id: string;
  name: string | LocalizedText;
  /** Short label for the map; derived from the name when absent (stationShortName). */
  shortName?: string;
  position: readonly [number, number];
}

export type StationStatus = 'live' | 'no-aqi' | 'offline' | 'unknown';

export interface StationDatum extends MapPick {
  feed: 'environment';
  position: [number, number];
  shortName: string;
  /** Hourly VN_AQI (also `value`), null when offline-without-reading or not computable. */
  aqi: number | null;
  /** Band level 1…6 of `aqi` (bands.ts), null without an AQI. */
  band: number | null;
  dominant: AqiSummary['dominant'] | null;
  status: StationStatus;
  /** Outage reason while offline. */
  outageReason: LocalizedText | null;
  radius: number;
  /** The two-line map label: AQI number, then the short name. */
  label: string;
}

/**
 * The map's short name of a station: "Trạm Quang Trung (trung tâm TP Hải Dương)" → "Quang Trung": drops a leading
 * "Trạm", any parenthesised part, and cuts past 22 characters at a word boundary.
 */
export function stationShortName(name: string): string {
  let short = name.replace(/\s*\([^)]*\)\s*/g, ' ').replace(/^\s*trạm\s+/iu, '').replace(/\s+/g, ' ').trim();
  if (short.length > 22) {
    const cut = short.slice(0, 22);
    const space = cut.lastIndexOf(' ');
    short = `${(space > 8 ? cut.slice(0, space) : cut).trim()}…`;
  }
  return short || name;
}

function bilingual(name: string | LocalizedText): LocalizedText {
  return typeof name === 'string' ? { vi: name, en: name } : name;
}

/**
 * Pure: state + station places → one datum per station place (a station in the state with no place cannot be drawn
 * and is left out; a place with no state yet is drawn as 'unknown', hollow grey like an offline one).
 * The AQI shown is the hourly VN_AQI; the colour comes from bandForAqi (official RGB) of that same number.
 */
export function formatEnvironmentData(state: EnvironmentState, stations: readonly StationPlace[]): StationDatum[] {
  return stations.map((place): StationDatum => {
    const station = ownValue(state.stations, place.id);
    const name = bilingual(place.name);
    const shortName = place.shortName ?? stationShortName(name.vi);
    const status: StationStatus = !station ? 'unknown' : !station.online ? 'offline' : station.hourly ? 'live' : 'no-aqi';
    // An offline station keeps its last values in the state, but a number on the map would read as current.
    const aqi = status === 'live' && station?.hourly ? station.hourly.aqi : null;
    return {
      feed: 'environment',
      id: place.id,
      name,
      value: aqi,
      unit: 'VN_AQI',
      position: [place.position[0], place.position[1]],
      shortName,
      aqi,
      band: aqi === null ? null : bandForAqi(aqi).level,
      dominant: status === 'live' ? (station?.hourly?.dominant ?? null) : null,
      status,
      outageReason: station?.outageReason ?? null,
      radius: stationRadiusPx(aqi),
      label: `${aqi === null ? '–' : String(aqi)}\n${shortName}`,
    };
  });
}

/** formatEnvironmentData memoised by (state, version, stations): see common/format-memo.ts. */
export const formatEnvironmentDataCached = memoizeFormat(formatEnvironmentData);
