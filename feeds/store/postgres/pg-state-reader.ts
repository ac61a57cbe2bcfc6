import type { StateReader } from '../state-reader.js';
import { StoreNotFoundError } from '../state-reader.js';
import { redactUrl } from '../store-location.js';
import { readPgAuditRows } from './incident-store-pg.js';
import { PgDatabase, pgErrorCode, type PgLocation } from './pg-database.js';
import { listPgQuarantine } from './quarantine-store-pg.js';

/** A hub's PostgreSQL database through read-only sessions; neither created nor migrated here. */
export async function openPgStateReader(location: PgLocation): Promise<StateReader> {
  const db = new PgDatabase(location, { max: 1, applicationName: 'ioc-console tool', readOnly: true });
  try {
    await db.query('SELECT 1');
  } catch (error) {
    await db.close();
    if (pgErrorCode(error) === '3D000') throw new StoreNotFoundError(`no PostgreSQL database "${location.database}" at ${redactUrl(location.url)}`);
    throw error;
  }
  const hasTable = async (name: string): Promise<boolean> => (await db.query('SELECT to_regclass($1) IS NOT NULL AS present', [name])).rows[0]?.['present'] === true;
  return {
    describe: redactUrl(location.url),
    async auditRows() {
      return (await hasTable('incident_audit')) ? readPgAuditRows(db) : null;
    },
    async quarantine(options = {}) {
      return (await hasTable('quarantine')) ? listPgQuarantine(db, options) : [];
    },
    close: () => db.close(),
  };
}
