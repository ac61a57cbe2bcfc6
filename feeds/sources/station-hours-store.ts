import { POLLUTANTS, type Pollutant } from '../environment/pollutants.js';
import type { QuarantineStore } from '../store/quarantine-store.js';
import type { StationReading } from './station-reading.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS station_hour_means (
  station TEXT NOT NULL,
  hour_end INTEGER NOT NULL,
  pollutant TEXT NOT NULL,
  ug_m3 REAL NOT NULL,
  PRIMARY KEY (station, hour_end, pollutant)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS station_hour_means_hour ON station_hour_means (hour_end);
`;

const CHUNK = 200;

/**
 * The hour means behind ingested station readings, saved once their batch is in the log, so that after a restart
 * the ingest's VN_AQI trackers start where they were: without them NowCast needs 2 of the last 3 hours again and a
 * station shows no index for up to two hours. In the quarantine store's connection (the hub's SQLite file), through
 * its write queue. The log's `reading` items cannot serve: the simulator's carry latest samples, not hour means.
 */
export class StationHoursStore {
  readonly #store: QuarantineStore;

  private constructor(store: QuarantineStore) {
    this.#store = store;
  }

  static async open(store: QuarantineStore): Promise<StationHoursStore> {
    await store.serialize(() => store.db.exec(SCHEMA));
    return new StationHoursStore(store);
  }

  /** Upsert (a re-sent hour replaces its mean), in one transaction. */
  save(readings: readonly StationReading[]): Promise<void> {
    if (readings.length === 0) return Promise.resolve();
    const db = this.#store.db;
    return this.#store.serialize(() =>
      db.transaction(async () => {
        for (let i = 0; i < readings.length; i += CHUNK) {
          const chunk = readings.slice(i, i + CHUNK);
          await db.run(
            `INSERT INTO station_hour_means (station, hour_end, pollutant, ug_m3) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}
             ON CONFLICT (station, hour_end, pollutant) DO UPDATE SET ug_m3 = excluded.ug_m3`,
            chunk.flatMap((r) => [r.station, r.hourEnd, r.pollutant, r.ugM3]),
          );
        }
      }),
    );
  }

  /** The saved means with hour_end ≥ `fromHourEnd`, oldest hour first. */
  async load(fromHourEnd: number): Promise<StationReading[]> {
    const rows = await this.#store.db.all<{ station: string; hour_end: number; pollutant: string; ug_m3: number }>(
      'SELECT station, hour_end, pollutant, ug_m3 FROM station_hour_means WHERE hour_end >= ? ORDER BY hour_end, station, pollutant',
      [fromHourEnd],
    );
    const known = (name: string): name is Pollutant => (POLLUTANTS as readonly string[]).includes(name);
    return rows.flatMap((row) => (known(row.pollutant) ? [{ station: row.station, hourEnd: row.hour_end, pollutant: row.pollutant, ugM3: row.ug_m3 }] : []));
  }

  prune(beforeHourEnd: number): Promise<number> {
    return this.#store.serialize(async () => (await this.#store.db.run('DELETE FROM station_hour_means WHERE hour_end < ?', [beforeHourEnd])).changes);
  }
}
