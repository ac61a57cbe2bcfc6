import { BREAKPOINTS } from './breakpoints.js';
import type { Pollutant } from './pollutants.js';
import { parseUnit, toMicrogramsPerCubicMetre } from './units.js';
import { parseEveTimestamp } from '../soc/eve-timestamp.js';

/** One accepted station reading: the mean of the hour ending at `hourEnd`, in µg/m³. */
export interface StationReading {
  readonly station: string;
  readonly hourEnd: number;
  readonly pollutant: Pollutant;
  readonly ugM3: number;
}

const HOUR_MS = 3_600_000;

/** "PM2.5", "pm2_5", "PM25", "NO2", "NO₂", "O3" … → our key; null when not a VN_AQI parameter. */
export function parseParameter(text: string): Pollutant | null {
  const key = text.toLowerCase().replace(/₂/g, '2').replace(/₃/g, '3').replace(/[\s_.\-]/g, '');
  switch (key) {
    case 'pm25':
      return 'pm25';
    case 'pm10':
      return 'pm10';
    case 'no2':
      return 'no2';
    case 'so2':
      return 'so2';
    case 'co':
      return 'co';
    case 'o3':
      return 'o3';
    default:
      return null;
  }
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A reading's time, the END of the hour its mean covers (QĐ 1459 labels hours by their end: the day runs from the
 * hour ending 01:00 to the one ending 24:00). ISO 8601 with an offset or Z; without one it is local time of the
 * region (`offsetMinutes`). Must fall on the hour: the formulas take hourly means, not raw analyser values.
 */
export function parseHourEnd(text: string, offsetMinutes: number): number | string {
  let ms: number | null = parseEveTimestamp(endOfDayAsNextMidnight(text).replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T').replace(/T(\d{2}):(\d{2})([Z+-])/, 'T$1:$2:00$3'));
  if (ms === null) {
    const m = LOCAL_TIME.exec(text);
    if (!m) return `time "${text}" is not ISO 8601 (e.g. 2026-11-22T08:00:00+07:00, or 2026-11-22 08:00 local)`;
    const [year, month, day, hour, minute] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
    const second = Number(m[6] ?? 0);
    const utc = Date.UTC(year, month - 1, day, hour, minute, second);
    if (month < 1 || month > 12 || hour > 24 || minute > 59 || second > 59 || new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) {
      return `time "${text}" is not a valid date and time`;
    }
    ms = utc - offsetMinutes * 60_000;
  }
  if ((ms + offsetMinutes * 60_000) % HOUR_MS !== 0) return `time "${text}" is not on the hour: send hourly means labelled by the end of their hour`;
  return ms;
}

const END_OF_DAY_ZONED = /^(\d{4})-(\d{2})-(\d{2})[T ]24:00(?::00)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * ISO 8601 allows 24:00 for the end of a day, and hour-ending data uses it ("2026-11-22T24:00+07:00"); the date
 * parser does not, so it becomes 00:00 of the next day in the same offset. An invalid date is left for the parser
 * to refuse. (Without an offset, 24:00 is handled with the local times below.)
 */
function endOfDayAsNextMidnight(text: string): string {
  const m = END_OF_DAY_ZONED.exec(text);
  if (!m) return text;
  const [year, month, day] = m.slice(1, 4).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return text;
  const next = new Date(date.getTime() + 24 * HOUR_MS).toISOString().slice(0, 10);
  return `${next}T00:00:00${m[4] ?? ''}`;
}

/** Above 10 × the top breakpoint no analyser is measuring air: a unit mix-up or a fault code. */
function plausibleMax(pollutant: Pollutant): number {
  const column = BREAKPOINTS[pollutant === 'o3' ? 'o3_1h' : pollutant];
  return 10 * (column[column.length - 1] ?? 0);
}

export interface RawReading {
  readonly station?: string | undefined;
  readonly time?: string | undefined;
  readonly parameter?: string | undefined;
  readonly value?: string | number | undefined;
  readonly unit?: string | undefined;
}

/**
 * Validate and convert one reading (CSV row or JSON object, values as text or numbers). Units: µg/m³, mg/m³, ppb,
 * ppm (any usual spelling); ppb/ppm converted at 25 °C, 1 atm (feeds/environment/units.ts); PM only in mass units.
 * `stations` limits the station ids (the region pack's), null accepts any. Returns the reading or the reason.
 */
export function toStationReading(
  raw: RawReading,
  options: { readonly offsetMinutes: number; readonly stations: ReadonlySet<string> | null; readonly defaultStation?: string },
): StationReading | string {
  const station = (raw.station ?? options.defaultStation ?? '').trim();
  if (station === '') return 'station: missing';
  if (options.stations && !options.stations.has(station)) return `station "${station}" is not a station of the region pack`;
  if (raw.time === undefined || String(raw.time).trim() === '') return 'time: missing';
  const hourEnd = parseHourEnd(String(raw.time).trim(), options.offsetMinutes);
  if (typeof hourEnd === 'string') return hourEnd;
  const pollutant = parseParameter(String(raw.parameter ?? ''));
  if (pollutant === null) return `parameter "${raw.parameter ?? ''}" is not one of PM2.5, PM10, NO2, SO2, CO, O3`;
  const valueText = typeof raw.value === 'number' ? String(raw.value) : (raw.value ?? '').trim();
  const value = valueText === '' ? Number.NaN : Number(valueText);
  if (!Number.isFinite(value)) return `value "${valueText}" is not a number`;
  if (value < 0) return `value ${value} is negative`;
  const unit = parseUnit(String(raw.unit ?? ''));
  if (unit === null) return `unit "${raw.unit ?? ''}" is not one of µg/m³, mg/m³, ppb, ppm`;
  let ugM3: number;
  try {
    ugM3 = toMicrogramsPerCubicMetre(pollutant, value, unit);
  } catch (error) {
    return (error as Error).message;
  }
  if (ugM3 > plausibleMax(pollutant)) return `value ${value} ${raw.unit ?? ''} = ${Math.round(ugM3)} µg/m³ is implausible for ${pollutant} (unit?)`;
  return { station, hourEnd, pollutant, ugM3 };
}
