import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AqiResult } from '../feeds/environment/aqi-result.js';
import { DAILY_MEAN_MIN_HOURS, EIGHT_HOUR_MEAN_MIN_HOURS } from '../feeds/environment/daily-aqi.js';
import { POLLUTANTS, type Pollutant } from '../feeds/environment/pollutants.js';
import { StationAqiTracker } from '../feeds/environment/station-aqi-tracker.js';
import { parseCsvLines } from '../feeds/sources/csv-lines.js';
import { numberedLines } from '../feeds/sources/source-result.js';
import { toStationReading, type StationReading } from '../feeds/environment/station-reading.js';
import { cliUsageError, parseCli } from './cli-support.js';

const USAGE = `Usage: npm run aqi -- [--daily] [--tz +07:00] readings.csv

VN_AQI (Decision 1459/QĐ-TCMT) of one station, with the hub's own code (feeds/environment, feeds/sources).

Input: CSV with a header; columns time,parameter,value,unit (a station column is allowed if it names one station).
  time       end of the hour the value is the mean of (the decision labels hours by their end; the day runs
             from the hour ending 01:00 to the one ending 24:00): ISO 8601 with offset, or local time
             "2026-11-22 08:00" in the --tz offset (default +07:00, Việt Nam)
  parameter  PM2.5, PM10, NO2, SO2, CO, O3 (any case; pm25, pm2_5 … accepted)
  value      the hourly mean
  unit       µg/m³ (ug/m3), mg/m³, ppb or ppm; ppb/ppm converted at 25 °C, 1 atm: µg/m³ = ppb × M / 24.45
             (M: NO2 46.01, SO2 64.07, O3 48.00, CO 28.01); PM must be in µg/m³ or mg/m³

Output (stdout), CSV:
  hourly (default): time,aqi,dominant,band,<one column per parameter in the file> — one row for every hour from
             the first to the last in the file, missing hours included; sub-indices are AQIx, rounded
  --daily:   date,aqi,dominant,band,<…> — one row per local day
  An empty aqi means no VN_AQI (no PM2.5 or PM10 sub-index); an empty sub-index means no value for it.
  Rows the tool cannot read are reported on stderr as "line N: reason" and left out (exit code 1).

Choices where the decision is silent:
  rounding   half up (112.5 → 113), after snapping to 9 decimals so that a value that is x.5 by hand but
             x.4999… in binary rounds up as by hand; AQI = the largest unrounded sub-index, rounded once
  NowCast    PM2.5 and PM10 hourly: w* = Cmin/Cmax over the present hours of the last 12, w = max(w*, ½); needs 2
             of the 3 most recent hours, else no sub-index; a missing hour has weight 0; both branches use the
             normalised form Σ w^(i−1)·c_i / Σ w^(i−1) (the printed w = ½ form without division is biased low
             when an hour is missing; with all 12 hours the two differ by 0.024 %)
  above top  a concentration above the last breakpoint gives 500 (the scale's top)
  daily PM   24-h mean needs ${DAILY_MEAN_MIN_HOURS} of 24 hours; O3 8-h mean needs ${EIGHT_HOUR_MEAN_MIN_HOURS} of 8 (75 %, as EU 2008/50/EC);
             SO2, NO2, CO and O3 1-h: the day's largest hourly mean of the hours present; an 8-h O3 mean above
             400 µg/m³ is not used (only the 1-h index), as the decision says
  exit codes 0 ok · 1 some rows rejected (results still printed) · 2 usage or unreadable file`;

const HOUR_MS = 3_600_000;

function offsetMinutes(text: string): number | null {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : null;
}

function localIso(ms: number, offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${new Date(ms + offset * 60_000).toISOString().slice(0, 16)}${zone}`;
}

function row(label: string, result: AqiResult | null, columns: readonly Pollutant[]): string {
  const cells = result ? [String(result.aqi), result.dominant, String(result.band)] : ['', '', ''];
  return [label, ...cells, ...columns.map((p) => (result?.sub[p] === undefined ? '' : String(result.sub[p])))].join(',');
}

class UsageError extends Error {}

/** Hourly or daily rows for a CSV text: the tool without its I/O (the tests call it too). */
export function aqiReport(text: string, options: { daily: boolean; offsetMinutes: number }): { lines: string[]; errors: string[] } {
  const { header, rows } = parseCsvLines(numberedLines(text), null);
  if (!header) throw new UsageError('the file is empty');
  for (const column of ['time', 'parameter', 'value', 'unit']) {
    if (!header.includes(column)) throw new UsageError(`the header has no "${column}" column (found: ${header.join(', ')})`);
  }
  const errors: string[] = [];
  const readings: StationReading[] = [];
  const stations = new Set<string>();
  for (const result of rows) {
    if (!result.ok) {
      errors.push(`line ${result.line}: ${result.reason}`);
      continue;
    }
    const f = result.row.fields;
    const reading = toStationReading(
      { station: f['station'], time: f['time'], parameter: f['parameter'], value: f['value'], unit: f['unit'] },
      { offsetMinutes: options.offsetMinutes, stations: null, defaultStation: 'station' },
    );
    if (typeof reading === 'string') errors.push(`line ${result.row.line}: ${reading}`);
    else {
      readings.push(reading);
      stations.add(reading.station);
    }
  }
  if (stations.size > 1) throw new UsageError(`one station per file; found ${[...stations].join(', ')}`);
  if (readings.length === 0) return { lines: [], errors };
  const columns = POLLUTANTS.filter((p) => readings.some((r) => r.pollutant === p));
  const byHour = new Map<number, StationReading[]>();
  for (const reading of readings) byHour.set(reading.hourEnd, [...(byHour.get(reading.hourEnd) ?? []), reading]);
  const hours = [...byHour.keys()];
  const first = Math.min(...hours);
  const last = Math.max(...hours);
  const tracker = new StationAqiTracker(options.offsetMinutes);
  const dateOf = (hourEnd: number): string => new Date(hourEnd - 1 + options.offsetMinutes * 60_000).toISOString().slice(0, 10);
  const out = [`${options.daily ? 'date' : 'time'},aqi,dominant,band,${columns.join(',')}`];
  // Hour by hour, oldest first: the tracker keeps only the hours the next results need, so each day's index is
  // taken when its last hour (ending 24:00) has been added, before later hours push its lead-in out.
  for (let hourEnd = first; hourEnd <= last; hourEnd += HOUR_MS) {
    for (const reading of byHour.get(hourEnd) ?? []) tracker.addHourlyMean(hourEnd, reading.pollutant, reading.ugM3);
    if (!options.daily) out.push(row(localIso(hourEnd, options.offsetMinutes), tracker.hourly(hourEnd), columns));
    else if (dateOf(hourEnd + HOUR_MS) !== dateOf(hourEnd) || hourEnd === last) out.push(row(dateOf(hourEnd), tracker.daily(dateOf(hourEnd)), columns));
  }
  return { lines: out, errors };
}

async function main(): Promise<void> {
  const usage: (message: string) => never = cliUsageError('aqi', USAGE);
  const { values, positionals } = parseCli('aqi', USAGE, { daily: { type: 'boolean' }, tz: { type: 'string' } });
  const offset = offsetMinutes(values.tz ?? '+07:00');
  if (offset === null) usage(`--tz: expected ±HH:MM, got "${values.tz ?? ''}"`);
  if (positionals.length !== 1) usage('expected one readings file');
  const file = positionals[0] ?? '';
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    console.error(`aqi: cannot read ${file}: ${(error as Error).message}`);
    process.exit(2);
  }
  let report;
  try {
    report = aqiReport(text, { daily: values.daily ?? false, offsetMinutes: offset });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`aqi: ${file}: ${error.message}`);
    process.exit(2);
  }
  process.stdout.write(report.lines.map((line) => `${line}\n`).join(''));
  for (const error of report.errors) console.error(`aqi: ${file}: ${error}`);
  if (report.errors.length > 0) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
