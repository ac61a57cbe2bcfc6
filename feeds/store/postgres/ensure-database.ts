import pg from 'pg';
import { redactUrl } from '../store-location.js';
import { pgErrorCode, type PgLocation } from './pg-database.js';

/** The same server and credentials, database `postgres` (which every cluster has): where CREATE DATABASE is sent. */
export function maintenanceUrl(location: PgLocation): string {
  const url = new URL(location.url);
  url.pathname = '/postgres';
  return url.toString();
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Connect once to the database of `location`; if the server says it does not exist (3D000), create it through the
 * `postgres` database and log that — a newcomer following the deployment doc needs no `createdb`. Two hubs racing
 * to create it is fine: the loser's "already exists" counts as success. Returns whether it was created here.
 */
export async function ensureDatabase(location: PgLocation): Promise<boolean> {
  const probe = new pg.Client({ connectionString: location.url, connectionTimeoutMillis: 10_000 });
  try {
    await probe.connect();
    return false;
  } catch (error) {
    if (pgErrorCode(error) !== '3D000') throw new Error(`cannot connect to PostgreSQL ${redactUrl(location.url)}: ${(error as Error).message}`);
  } finally {
    await probe.end().catch(() => undefined);
  }
  const admin = new pg.Client({ connectionString: maintenanceUrl(location), connectionTimeoutMillis: 10_000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${quoteIdentifier(location.database)}`);
  } catch (error) {
    const code = pgErrorCode(error);
    // 42P04 duplicate_database; 23505 when two CREATE DATABASE of one name collide in the catalog.
    if (code === '42P04' || code === '23505') return false;
    throw new Error(`PostgreSQL database "${location.database}" does not exist and cannot be created through ${redactUrl(maintenanceUrl(location))}: ${(error as Error).message}`);
  } finally {
    await admin.end().catch(() => undefined);
  }
  console.info(`store: created PostgreSQL database "${location.database}" (${redactUrl(location.url)})`);
  return true;
}
