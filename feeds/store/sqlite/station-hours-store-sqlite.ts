import { readStationHourRow, type StationHoursStore } from '../station-hours-store.js';
import type { StationReading } from '../../environment/station-reading.js';
import { storableText, type DbRow } from '../row-values.js';
import type { SqliteSourceTables } from './source-tables-sqlite.js';

const CHUNK = 200;

/** The station_hour_means table in the hub's SQLite file, on the sources' shared connection and write queue. */
export class SqliteStationHoursStore implements StationHoursStore {
  readonly #tables: SqliteSourceTables;

  constructor(tables: SqliteSourceTables) {
    this.#tables = tables;
  }

  save(readings: readonly StationReading[]): Promise<void> {
    if (readings.length === 0) return Promise.resolve();
    const db = this.#tables.db;
    return this.#tables.transaction(async () => {
      for (let i = 0; i < readings.length; i += CHUNK) {
        const chunk = readings.slice(i, i + CHUNK);
        await db.run(
          `INSERT INTO station_hour_means (station, hour_end, pollutant, ug_m3) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}
           ON CONFLICT (station, hour_end, pollutant) DO UPDATE SET ug_m3 = excluded.ug_m3`,
          chunk.flatMap((r) => [storableText(r.station), r.hourEnd, r.pollutant, r.ugM3]),
        );
      }
    });
  }

  async load(fromHourEnd: number): Promise<StationReading[]> {
    const rows = await this.#tables.db.all<DbRow>(
      'SELECT station, hour_end, pollutant, ug_m3 FROM station_hour_means WHERE hour_end >= ? ORDER BY hour_end, station, pollutant',
      [fromHourEnd],
    );
    return rows.flatMap((row) => readStationHourRow(row) ?? []);
  }

  prune(beforeHourEnd: number): Promise<number> {
    return this.#tables.serialize(async () => (await this.#tables.db.run('DELETE FROM station_hour_means WHERE hour_end < ?', [beforeHourEnd])).changes);
  }
}
