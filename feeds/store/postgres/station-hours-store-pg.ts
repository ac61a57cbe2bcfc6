import { readStationHourRow, type StationHoursStore } from '../station-hours-store.js';
import type { StationReading } from '../../environment/station-reading.js';
import { storableText } from '../row-values.js';
import type { PgDatabase } from './pg-database.js';

const CHUNK = 200;

/** The station_hour_means table on PostgreSQL. */
export class PgStationHoursStore implements StationHoursStore {
  readonly #db: PgDatabase;

  constructor(db: PgDatabase) {
    this.#db = db;
  }

  save(readings: readonly StationReading[]): Promise<void> {
    if (readings.length === 0) return Promise.resolve();
    return this.#db.transaction(async (tx) => {
      for (let i = 0; i < readings.length; i += CHUNK) {
        // One row per key per statement: ON CONFLICT DO UPDATE cannot touch a row twice, and a batch may carry an
        // hour twice (a re-sent reading); the later one wins, as with SQLite's row-by-row upsert.
        const latest = new Map<string, StationReading>();
        for (const reading of readings.slice(i, i + CHUNK)) latest.set(JSON.stringify([storableText(reading.station), reading.hourEnd, reading.pollutant]), reading);
        const chunk = [...latest.values()];
        const values = chunk.map((_, r) => `($${r * 4 + 1}, $${r * 4 + 2}, $${r * 4 + 3}, $${r * 4 + 4})`).join(', ');
        await tx.query(
          `INSERT INTO station_hour_means (station, hour_end, pollutant, ug_m3) VALUES ${values}
           ON CONFLICT (station, hour_end, pollutant) DO UPDATE SET ug_m3 = excluded.ug_m3`,
          chunk.flatMap((r) => [storableText(r.station), r.hourEnd, r.pollutant, r.ugM3]),
        );
      }
    });
  }

  async load(fromHourEnd: number): Promise<StationReading[]> {
    const { rows } = await this.#db.query(
      'SELECT station, hour_end, pollutant, ug_m3 FROM station_hour_means WHERE hour_end >= $1 ORDER BY hour_end, station, pollutant',
      [fromHourEnd],
    );
    return rows.flatMap((row) => readStationHourRow(row) ?? []);
  }

  async prune(beforeHourEnd: number): Promise<number> {
    return (await this.#db.query('DELETE FROM station_hour_means WHERE hour_end < $1', [beforeHourEnd])).rowCount;
  }
}
