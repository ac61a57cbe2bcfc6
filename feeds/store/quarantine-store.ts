import { SqliteDatabase } from './sqlite-database.js';

/** A record a source format refused, kept with its raw text so an operator can see and fix what was sent. */
export interface QuarantineRecord {
  readonly feed: string;
  readonly format: string;
  /** Where it came from: "ingest <token name>" or "file <path>". */
  readonly origin: string;
  /** 1-based line (entity / element number for GTFS-RT and JSON arrays; 0 = the whole body). */
  readonly line: number;
  readonly reason: string;
  readonly raw: string;
  /** ms since the epoch when it was refused. */
  readonly receivedAt: number;
  /**
   * Unique key for records that may be read twice (a file source re-reading after a crash: path, inode, byte
   * offset): a second insert with the same key is ignored. Null for ingest bodies (every POST is new).
   */
  readonly dedupeKey?: string | null;
}

export interface QuarantineEntry extends QuarantineRecord {
  readonly id: number;
}

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
`;

const INSERT_CHUNK = 100;

/**
 * The quarantine table, in its own connection to the hub's SQLite file (WAL lets it sit beside the log store's
 * connection; the tables do not overlap). Writes go through one queue so that a transaction of a file source
 * (quarantine rows + its offset) never interleaves with another write on this connection.
 */
export class QuarantineStore {
  readonly db: SqliteDatabase;
  #chain: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(db: SqliteDatabase) {
    this.db = db;
  }

  static async open(path: string): Promise<QuarantineStore> {
    const db = await SqliteDatabase.open(path);
    await db.exec('PRAGMA journal_mode = WAL;');
    await db.exec('PRAGMA busy_timeout = 5000;');
    await db.exec(SCHEMA);
    return new QuarantineStore(db);
  }

  /** Run `work` after every earlier write of this store (and not concurrently with any). */
  serialize<T>(work: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('quarantine store is closed'));
    const run = this.#chain.then(work, work);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /** Insert rows; call inside `serialize` (alone or within a transaction of the caller). */
  async insertRows(records: readonly QuarantineRecord[]): Promise<void> {
    for (let i = 0; i < records.length; i += INSERT_CHUNK) {
      const chunk = records.slice(i, i + INSERT_CHUNK);
      await this.db.run(
        `INSERT OR IGNORE INTO quarantine (feed, format, origin, line, reason, raw, received_at, dedupe_key) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        chunk.flatMap((r) => [r.feed, r.format, r.origin, r.line, r.reason, r.raw, r.receivedAt, r.dedupeKey ?? null]),
      );
    }
  }

  /** Add rows in one transaction; resolves once they are committed. */
  add(records: readonly QuarantineRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return this.serialize(() => this.db.transaction(() => this.insertRows(records)));
  }

  /** Newest first. */
  list(options: QuarantineListOptions = {}): Promise<QuarantineEntry[]> {
    return listRows(this.db, options);
  }

  /** Delete records received before `beforeTs` (retention); the number deleted. */
  prune(beforeTs: number): Promise<number> {
    return this.serialize(async () => (await this.db.run('DELETE FROM quarantine WHERE received_at < ?', [beforeTs])).changes);
  }

  async count(): Promise<number> {
    return (await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM quarantine'))?.n ?? 0;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#chain;
    await this.db.close();
  }
}

export interface QuarantineListOptions {
  readonly limit?: number;
  readonly feed?: string;
}

/**
 * For `npm run quarantine`: the records of a hub's database file, opened read-only (the tool never writes, even while
 * the hub runs). A database without the table (no hub has run sources on it) has no records.
 */
export async function listQuarantineFile(path: string, options: QuarantineListOptions = {}): Promise<QuarantineEntry[]> {
  const db = await SqliteDatabase.open(path, { readOnly: true });
  try {
    await db.exec('PRAGMA busy_timeout = 5000;');
    const table = await db.get<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'quarantine'");
    return table ? await listRows(db, options) : [];
  } finally {
    await db.close();
  }
}

async function listRows(db: SqliteDatabase, options: QuarantineListOptions): Promise<QuarantineEntry[]> {
  const limit = options.limit ?? 100;
  const rows = await db.all<{ id: number; feed: string; format: string; origin: string; line: number; reason: string; raw: string; received_at: number; dedupe_key: string | null }>(
    `SELECT * FROM quarantine ${options.feed ? 'WHERE feed = ?' : ''} ORDER BY id DESC LIMIT ?`,
    options.feed ? [options.feed, limit] : [limit],
  );
  return rows.map((row) => ({
    id: row.id,
    feed: row.feed,
    format: row.format,
    origin: row.origin,
    line: row.line,
    reason: row.reason,
    raw: row.raw,
    receivedAt: row.received_at,
    dedupeKey: row.dedupe_key,
  }));
}
