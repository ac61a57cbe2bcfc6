import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import pg from 'pg';
import { cleanupStack, createDatabase, dropDatabase, freshDatabaseName, POSTGRES_BACKEND, postgresUrl, useFreshStore } from '../../../test/support/store-backends.js';
import { openStateStores } from '../state-stores.js';
import { parseStoreLocation } from '../store-location.js';
import { migrate, MIGRATIONS_DIR, readMigrations } from './migrations.js';
import { PgDatabase, type PgLocation } from './pg-database.js';
import { openPgStateStores } from './pg-state-stores.js';

/** What only PostgreSQL has to prove: TRUNCATE, database creation, and the migration runner. The rest is shared. */

function location(database: string): PgLocation {
  const parsed = parseStoreLocation(postgresUrl(database));
  assert.ok(parsed.kind === 'postgres');
  return parsed;
}

/**
 * A database of its own, created empty or left for the code to create; dropped when the test ends (also on failure),
 * after whatever the test registered with the returned `defer`.
 */
async function scratchDatabase(t: TestContext, create: boolean): Promise<{ where: PgLocation; defer: (cleanup: () => Promise<unknown>) => void }> {
  const name = freshDatabaseName();
  const defer = cleanupStack(t);
  defer(() => dropDatabase(name));
  if (create) await createDatabase(name);
  return { where: location(name), defer };
}

async function copyOfMigrations(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ioc-migrations-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

/** The versions the shipped folder holds (1…n), and the file name of the one after them. */
async function shipped(): Promise<{ versions: number[]; next: (name: string, plus?: number) => string }> {
  const versions = (await readMigrations(MIGRATIONS_DIR)).map((migration) => migration.version);
  const last = versions.length;
  return { versions, next: (name, plus = 1) => `${String(last + plus).padStart(3, '0')}_${name}.sql` };
}

async function appliedVersions(where: PgLocation): Promise<number[]> {
  const client = new pg.Client({ connectionString: where.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    return rows.map((row) => row.version);
  } finally {
    await client.end();
  }
}

describe('PostgreSQL state stores', () => {
  test('the audit table refuses UPDATE, DELETE and TRUNCATE, each per statement (also one that matches no row)', async (t) => {
    const fresh = await useFreshStore(t, POSTGRES_BACKEND);
    const stores = await fresh.open();
    await stores.incidents.commit({ audit: [{ at: 1, actor: 'a', role: 'operator', action: 'ack', incidentId: 'INC-1', opId: 'op-1', outcome: 'ok', detail: {} }] });
    await assert.rejects(fresh.exec("UPDATE incident_audit SET actor = 'Mallory'"), /incident_audit is append-only: UPDATE refused/);
    await assert.rejects(fresh.exec('UPDATE incident_audit SET actor = actor WHERE false'), /append-only: UPDATE refused/);
    await assert.rejects(fresh.exec('DELETE FROM incident_audit'), /incident_audit is append-only: DELETE refused/);
    await assert.rejects(fresh.exec('TRUNCATE incident_audit'), /incident_audit is append-only: TRUNCATE refused/);
    assert.equal((await stores.incidents.auditRows()).length, 1, 'the row is still there');
  });

  test('a database that does not exist is created (with a log line), then migrated; two hubs racing to do it both start', { timeout: 60_000 }, async (t) => {
    const { where, defer } = await scratchDatabase(t, false);
    const info = t.mock.method(console, 'info', () => undefined);
    const [first, second] = await Promise.all([openStateStores(where), openStateStores(where)]);
    defer(() => Promise.all([first.close(), second.close()]));
    const lines = info.mock.calls.map((call) => String(call.arguments[0]));
    assert.equal(lines.filter((line) => line.includes(`created PostgreSQL database "${where.database}"`)).length, 1, lines.join('\n'));
    assert.equal(lines.filter((line) => /applied migration\(s\) 001/.test(line)).length, 1, 'one of the two applied the migrations');
    assert.deepEqual(await appliedVersions(where), (await shipped()).versions);
    assert.match(first.describe, /^PostgreSQL postgres:\/\/.*\/ioc_t_[0-9a-f]{12}$/);
    // Both work on the same tables.
    await first.quarantine.add([{ feed: 'soc', format: 'wazuh', origin: 'ingest x', line: 1, reason: 'r', raw: 'x', receivedAt: 1 }]);
    assert.equal(await second.quarantine.count(), 1);
  });

  test('migrations: two runners at once on an empty database apply each version once (advisory lock)', { timeout: 60_000 }, async (t) => {
    const { where, defer } = await scratchDatabase(t, true);
    const dir = await copyOfMigrations(t);
    const { versions, next } = await shipped();
    const all = [...versions, versions.length + 1];
    // One more migration that is not idempotent: run twice, or concurrently without the lock, it fails.
    await writeFile(join(dir, next('shift_notes')), 'CREATE TABLE shift_notes (id BIGINT PRIMARY KEY, note TEXT NOT NULL);\nINSERT INTO shift_notes VALUES (1, \'first\');\n');
    const migrations = await readMigrations(dir);
    const runners = Array.from({ length: 4 }, () => new PgDatabase(where, { max: 1, applicationName: 'migration test' }));
    defer(() => Promise.all(runners.map((db) => db.close())));
    const applied = await Promise.all(runners.map((db) => migrate(db, migrations)));
    assert.deepEqual(applied.flat().sort((a, b) => a - b), all, `each version applied by exactly one runner: ${JSON.stringify(applied)}`);
    assert.deepEqual(await appliedVersions(where), all);
    const again = runners[0];
    assert.ok(again);
    assert.deepEqual(await migrate(again, migrations), [], 'an up-to-date database has nothing to apply');
  });

  test('migrations: a changed applied file is an error naming the file, and nothing after it is applied', { timeout: 60_000 }, async (t) => {
    const { where } = await scratchDatabase(t, true);
    const dir = await copyOfMigrations(t);
    const stores = await openPgStateStores(where, { migrationsDir: dir });
    await stores.close();
    const file = join(dir, '001_initial.sql');
    await writeFile(file, `${await readFile(file, 'utf8')}\n-- an innocent-looking edit\n`);
    const { versions, next } = await shipped();
    await writeFile(join(dir, next('more')), 'CREATE TABLE more_things (id BIGINT);\n');
    await assert.rejects(openPgStateStores(where, { migrationsDir: dir }), (error: Error) => error.message.includes(file) && /changed after it was applied/.test(error.message));
    assert.deepEqual(await appliedVersions(where), versions);
  });

  test('migrations: an applied version the folder lacks, a gap or a stray name are errors', async (t) => {
    const { where } = await scratchDatabase(t, true);
    const dir = await copyOfMigrations(t);
    const { next } = await shipped();
    const later = next('later');
    await writeFile(join(dir, later), 'SELECT 1;\n');
    await (await openPgStateStores(where, { migrationsDir: dir })).close();
    await rm(join(dir, later));
    await assert.rejects(openPgStateStores(where, { migrationsDir: dir }), new RegExp(`migration ${later.replace('.sql', '')} applied, which this hub does not have`));
    const gap = next('gap', 2);
    await writeFile(join(dir, gap), 'SELECT 1;\n');
    await assert.rejects(readMigrations(dir), new RegExp(`${gap.replace('.', '\\.')}: expected version ${later.slice(0, 3)}`));
    await rm(join(dir, gap));
    await writeFile(join(dir, `${later.slice(0, 3)} Bad Name.sql`), 'SELECT 1;\n');
    await assert.rejects(readMigrations(dir), /a migration is named NNN_name\.sql/);
  });

  test('a server that cannot be reached is an error naming the URL without its password', async () => {
    const parsed = parseStoreLocation('postgres://hub:s3cret@127.0.0.1:1/ioc');
    assert.ok(parsed.kind === 'postgres');
    await assert.rejects(openStateStores(parsed), (error: Error) => /cannot connect to PostgreSQL postgres:\/\/hub:\*\*\*@127\.0\.0\.1:1\/ioc/.test(error.message) && !error.message.includes('s3cret'));
  });
});
