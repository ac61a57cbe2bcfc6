import type { StateStores } from '../state-stores.js';
import { describeLocation } from '../store-location.js';
import { ensureDatabase } from './ensure-database.js';
import { PgIncidentStore } from './incident-store-pg.js';
import { migrate, readMigrations, MIGRATIONS_DIR } from './migrations.js';
import { PgDatabase, type PgLocation } from './pg-database.js';
import { PgQuarantineStore } from './quarantine-store-pg.js';
import { PgReplayHistory } from './replay-history-pg.js';
import { PgSourceOffsets } from './source-offsets-pg.js';
import { PgStationHoursStore } from './station-hours-store-pg.js';

export interface PgOpenOptions {
  /** Another migrations folder (tests of the runner); default the shipped one. */
  readonly migrationsDir?: string;
}

/**
 * The state stores on PostgreSQL: create the database if it is missing, apply the migrations, then two pools as
 * SQLite has two connections — the incident store's (its commits are queued, so 2 connections: one committing, one
 * reading) and the sources' (quarantine, station hours, offsets; ingest requests and file sources write at once).
 */
export async function openPgStateStores(location: PgLocation, options: PgOpenOptions = {}): Promise<StateStores> {
  await ensureDatabase(location);
  const migrations = await readMigrations(options.migrationsDir ?? MIGRATIONS_DIR);
  const sourcesDb = new PgDatabase(location, { max: 4, applicationName: 'ioc-hub sources' });
  let incidentsDb: PgDatabase | null = null;
  try {
    const applied = await migrate(sourcesDb, migrations);
    if (applied.length > 0) console.info(`store: PostgreSQL ${location.database}: applied migration(s) ${applied.map((v) => String(v).padStart(3, '0')).join(', ')}`);
    incidentsDb = new PgDatabase(location, { max: 2, applicationName: 'ioc-hub incidents' });
  } catch (error) {
    await sourcesDb.close();
    throw error;
  }
  const incidents = new PgIncidentStore(incidentsDb);
  const quarantine = new PgQuarantineStore(sourcesDb);
  return {
    incidents,
    quarantine,
    stationHours: new PgStationHoursStore(sourcesDb),
    offsets: new PgSourceOffsets(sourcesDb),
    history: new PgReplayHistory(sourcesDb),
    describe: describeLocation(location),
    async close() {
      await Promise.all([incidents.close(), quarantine.close()]);
    },
  };
}
