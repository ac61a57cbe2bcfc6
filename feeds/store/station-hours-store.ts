import { POLLUTANTS, type Pollutant } from '../environment/pollutants.js';
import { integerColumn, realColumn, textColumn, type DbRow } from './row-values.js';
import type { StationReading } from '../environment/station-reading.js';

/**
 * The hour means behind ingested station readings, saved once their batch is in the log, so that after a restart
 * the ingest's VN_AQI trackers start where they were: without them NowCast needs 2 of the last 3 hours again and a
 * station shows no index for up to two hours. The log's `reading` items cannot serve: the simulator's carry latest
 * samples, not hour means. Implementations: feeds/store/sqlite/station-hours-store-sqlite.ts (table
 * station_hour_means of the hub's --db file) and feeds/store/postgres/station-hours-store-pg.ts.
 */
export interface StationHoursStore {
  /** Upsert (a re-sent hour replaces its mean), in one transaction. */
  save(readings: readonly StationReading[]): Promise<void>;
  /** The saved means with hour_end ≥ `fromHourEnd`, oldest hour first (then station, pollutant). */
  load(fromHourEnd: number): Promise<StationReading[]>;
  /** Delete the means of hours ending before `beforeHourEnd`; the number deleted. */
  prune(beforeHourEnd: number): Promise<number>;
}

const isPollutant = (name: string): name is Pollutant => (POLLUTANTS as readonly string[]).includes(name);

/** A station_hour_means row from either backend; null for a pollutant this version does not know (skipped). */
export function readStationHourRow(row: DbRow): StationReading | null {
  const where = 'station_hour_means';
  const pollutant = textColumn(row, where, 'pollutant');
  if (!isPollutant(pollutant)) return null;
  return { station: textColumn(row, where, 'station'), hourEnd: integerColumn(row, where, 'hour_end'), pollutant, ugM3: realColumn(row, where, 'ug_m3') };
}
