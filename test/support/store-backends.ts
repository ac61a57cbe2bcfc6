import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { SqliteDatabase } from '../../feeds/store/sqlite-database.js';
import { openStateStores, type StateStores } from '../../feeds/store/state-stores.js';
import { makeTempDir } from './temp-dir.js';

/**
 * One suite, two backends: a fixture per test that yields a fresh, empty state store — a SQLite file in a temporary
 * folder, or a PostgreSQL database of its own (created through the `postgres` database, dropped afterwards). The
 * server is IOC_TEST_POSTGRES (default postgres://postgres@127.0.0.1:5432, trust auth); no PostgreSQL is mocked.
 */
export const POSTGRES_SERVER = process.env['IOC_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432';

export interface FreshStore {
  /** What openStateStores / --store / the tools take. */
  readonly location: string;
  /** A folder for whatever else the test needs (the hub's log file, a source file). */
  readonly dir: string;
  open(): Promise<StateStores>;
  /** One SQL statement on the store's database, outside any store (tests that tamper, or look under the hood). */
  exec(sql: string): Promise<void>;
  /** Delete it (idempotent): call from t.after / after so it goes also when the test fails. */
  drop(): Promise<void>;
}

export interface StoreBackend {
  readonly name: 'sqlite' | 'postgres';
  fresh(): Promise<FreshStore>;
}

export function postgresUrl(database: string): string {
  return `${POSTGRES_SERVER.replace(/\/+$/, '')}/${database}`;
}

/** A database name no other test file uses: ioc_t_ + 12 hex digits. */
export function freshDatabaseName(): string {
  return `ioc_t_${randomBytes(6).toString('hex')}`;
}

/** Run statements on the server's `postgres` database (CREATE / DROP DATABASE cannot run inside the one dropped). */
export async function onMaintenanceDb<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(name: string): Promise<void> {
  await onMaintenanceDb((client) => client.query(`CREATE DATABASE "${name}"`));
}

/** Drop a test database, even with connections still open to it (a failed test's pool). */
export async function dropDatabase(name: string): Promise<void> {
  await onMaintenanceDb((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export const SQLITE_BACKEND: StoreBackend = {
  name: 'sqlite',
  async fresh() {
    const dir = await makeTempDir();
    const location = join(dir.path, 'hub.db');
    return {
      location,
      dir: dir.path,
      open: () => openStateStores(location),
      async exec(sql) {
        const db = await SqliteDatabase.open(location);
        try {
          await db.exec(sql);
        } finally {
          await db.close();
        }
      },
      drop: () => dir.remove(),
    };
  },
};

export const POSTGRES_BACKEND: StoreBackend = {
  name: 'postgres',
  async fresh() {
    const dir = await makeTempDir();
    const database = freshDatabaseName();
    // Not created here: the first open creates it, as a hub does (ensureDatabase), which the suite then covers too.
    const location = postgresUrl(database);
    let dropped = false;
    return {
      location,
      dir: dir.path,
      open: () => openStateStores(location),
      async exec(sql) {
        const client = new pg.Client({ connectionString: location });
        await client.connect();
        try {
          await client.query(sql);
        } finally {
          await client.end();
        }
      },
      async drop() {
        if (dropped) return;
        dropped = true;
        await dropDatabase(database);
        await dir.remove();
      },
    };
  },
};

export const BACKENDS: readonly StoreBackend[] = [SQLITE_BACKEND, POSTGRES_BACKEND];

/** What `useFreshStore` gives a test: the fresh store, with `open` closing what it opened when the test ends. */
export interface TestStore extends FreshStore {
  /** Run `cleanup` when the test ends, before the stores it opened are closed (last registered, first run). */
  defer(cleanup: () => Promise<unknown>): void;
}

/**
 * Cleanups for one test, run when it ends (also when it fails) in reverse order of registration: node:test runs
 * `after` hooks in registration order, so a database registered for dropping first would go before the pools on it
 * are closed.
 */
export function cleanupStack(t: { after(fn: () => Promise<void>): void }): (cleanup: () => Promise<unknown>) => void {
  const cleanups: (() => Promise<unknown>)[] = [];
  t.after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error('test cleanup failed', error));
  });
  return (cleanup) => {
    cleanups.push(cleanup);
  };
}

/** A fresh store for one test: everything it opens is closed when the test ends, then the database or file is dropped. */
export async function useFreshStore(t: { after(fn: () => Promise<void>): void }, backend: StoreBackend): Promise<TestStore> {
  const store = await backend.fresh();
  const defer = cleanupStack(t);
  defer(() => store.drop());
  return {
    ...store,
    defer,
    async open() {
      const stores = await store.open();
      defer(() => stores.close());
      return stores;
    },
  };
}
