import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { integerColumn, textColumn } from '../row-values.js';
import type { PgDatabase } from './pg-database.js';

/**
 * The SQL files of the PostgreSQL schema, read from disk beside this module when a hub opens a postgres:// store
 * (`npm run hub`, `npm run serve`, the tools: all run from the source tree through tsx). The Electron bundle
 * (scripts/build-main.mjs) does not carry them and does not need to: its embedded hub always uses SQLite, and a
 * PostgreSQL store opened from a bundle fails at start with the missing folder named.
 */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Any fixed number: the transaction-level advisory lock every migrating hub takes, so two never migrate at once. */
const MIGRATION_LOCK = 7_411_203_517;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly file: string;
  readonly sql: string;
  readonly checksum: string;
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/** `NNN_name.sql` files of `dir`, by version; a gap, a duplicate version or a stray file name is an error. */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new MigrationError(`cannot read the PostgreSQL migrations in ${dir}: ${(error as Error).message}`);
  }
  const migrations: Migration[] = [];
  for (const name of names.filter((entry) => entry.endsWith('.sql')).sort()) {
    const match = /^(\d{3})_([a-z0-9_]+)\.sql$/.exec(name);
    if (!match?.[1] || !match[2]) throw new MigrationError(`${join(dir, name)}: a migration is named NNN_name.sql (lower case, digits, _)`);
    const sql = await readFile(join(dir, name), 'utf8');
    migrations.push({ version: Number(match[1]), name: match[2], file: join(dir, name), sql, checksum: createHash('sha256').update(sql, 'utf8').digest('hex') });
  }
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new MigrationError(`${migration.file}: expected version ${String(index + 1).padStart(3, '0')} (versions run 001, 002, … without gaps)`);
  });
  if (migrations.length === 0) throw new MigrationError(`no migrations in ${dir}`);
  return migrations;
}

/**
 * Bring the database's schema up to date, in ONE transaction under an advisory lock: a second hub starting at the same
 * moment waits for the lock, then sees the versions the first applied and has nothing left to do. Refused (nothing
 * applied): an applied migration whose file changed since (checksum) or disappeared — the database would no longer
 * match the code. Returns the versions applied now.
 */
export async function migrate(db: PgDatabase, migrations: readonly Migration[]): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      checksum TEXT NOT NULL,
      applied_at BIGINT NOT NULL
    )`);
    const { rows } = await tx.query('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
    const applied = new Map(rows.map((row) => [integerColumn(row, 'schema_migrations', 'version'), { name: textColumn(row, 'schema_migrations', 'name'), checksum: textColumn(row, 'schema_migrations', 'checksum') }]));
    const byVersion = new Map(migrations.map((migration) => [migration.version, migration]));
    for (const [version, done] of applied) {
      const migration = byVersion.get(version);
      if (!migration) {
        throw new MigrationError(`the database has migration ${String(version).padStart(3, '0')}_${done.name} applied, which this hub does not have (a newer hub migrated it?)`);
      }
      if (migration.checksum !== done.checksum) {
        throw new MigrationError(`${migration.file} was changed after it was applied to this database (checksum ${migration.checksum.slice(0, 12)}…, applied ${done.checksum.slice(0, 12)}…): put the change in a new migration file`);
      }
    }
    const now: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      try {
        await tx.query(migration.sql);
      } catch (error) {
        throw new MigrationError(`${migration.file}: ${(error as Error).message}`);
      }
      await tx.query('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)', [migration.version, migration.name, migration.checksum, Date.now()]);
      now.push(migration.version);
    }
    return now;
  });
}
