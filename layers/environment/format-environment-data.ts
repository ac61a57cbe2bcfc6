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
  /** The map label: AQI number, then the short name (on two lines when long). */
  label: string;
}

/**
 * A station's short name for bars and the map: "Trạm Quang Trung (trung tâm TP Hải Dương)" → "Quang Trung". Drops
 * any parenthesised note, and a leading "Trạm" only before a proper name: "Trạm giao thông QL5 – Việt Hòa" and
 * "Trạm nền nông thôn Thanh Miện" keep their type words and their capital, "KCN", "Thị trấn", "Xi măng" stay.
 * Never cut: a long name wraps (stationLabelName), it does not end in "…".
 */
export function stationShortName(name: string): string {
  const short = name.replace(/\s*\([^)]*\)\s*/g, ' ').replace(/\s+/g, ' ').trim().replace(/^Trạm\s+(?=\p{Lu})/u, '');
  return short || name;
}

/** Names longer than this wrap onto a second line on the map, at the space nearest their middle. */
export const STATION_LABEL_WRAP = 18;

export function stationLabelName(short: string): string {
  if (short.length <= STATION_LABEL_WRAP) return short;
  const middle = short.length / 2;
  let best = -1;
  for (let i = short.indexOf(' '); i >= 0; i = short.indexOf(' ', i + 1)) if (best < 0 || Math.abs(i - middle) < Math.abs(best - middle)) best = i;
  return best < 0 ? short : `${short.slice(0, best)}\n${short.slice(best + 1)}`;
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
      label: `${aqi === null ? '–' : String(aqi)}\n${stationLabelName(shortName)}`,
    };
  });
}

/** formatEnvironmentData memoised by (state, version, stations): see common/format-memo.ts. */
export const formatEnvironmentDataCached = memoizeFormat(formatEnvironmentData);
