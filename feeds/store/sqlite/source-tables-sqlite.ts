import { SqliteDatabase } from '../sqlite-database.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS quarantine (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  feed TEXT NOT NULL,
  format TEXT NOT NULL,
  origin TEXT NOT NULL,
  line INTEGER NOT NULL,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  dedupe_key TEXT UNIQUE
);
CREATE INDEX IF NOT EXISTS quarantine_received ON quarantine (received_at);
CREATE TABLE IF NOT EXISTS station_hour_means (
  station TEXT NOT NULL,
  hour_end INTEGER NOT NULL,
  pollutant TEXT NOT NULL,
  ug_m3 REAL NOT NULL,
  PRIMARY KEY (station, hour_end, pollutant)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS station_hour_means_hour ON station_hour_means (hour_end);
CREATE TABLE IF NOT EXISTS source_offsets (
  source TEXT PRIMARY KEY,
  file TEXT NOT NULL,
  generation INTEGER NOT NULL,
  byte_offset INTEGER NOT NULL,
  line INTEGER NOT NULL,
  pending TEXT,
  updated_at INTEGER NOT NULL
);
`;

/**
 * The sources' tables (quarantine, station_hour_means, source_offsets) on one connection to the hub's SQLite file
 * (WAL lets it sit beside the log store's and the incident store's connections; the tables do not overlap). node-sqlite3
 * runs a connection's statements in order, so a transaction is only safe if nothing else is issued on the connection
 * meanwhile: every write goes through `serialize`, and a file source's transaction (quarantine rows + its offset)
 * never interleaves with another write.
 */
export class SqliteSourceTables {
  readonly db: SqliteDatabase;
  #chain: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(db: SqliteDatabase) {
    this.db = db;
  }

  static async open(path: string): Promise<SqliteSourceTables> {
    const db = await SqliteDatabase.open(path);
    await db.exec('PRAGMA journal_mode = WAL;');
    await db.exec('PRAGMA busy_timeout = 5000;');
    await db.exec(SCHEMA);
    return new SqliteSourceTables(db);
  }

  /** Run `work` after every earlier write on this connection (and not concurrently with any). */
  serialize<T>(work: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('source tables are closed'));
    const run = this.#chain.then(work, work);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /** `work` in one transaction, queued behind every earlier write. */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.serialize(() => this.db.transaction(work));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#chain;
    await this.db.close();
  }
}
