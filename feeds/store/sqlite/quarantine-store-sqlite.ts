import {
  DEFAULT_LIST_LIMIT,
  QUARANTINE_COLUMNS,
  readQuarantineRow,
  storableRecord,
  type QuarantineEntry,
  type QuarantineListOptions,
  type QuarantineRecord,
  type QuarantineStats,
  type QuarantineStore,
} from '../quarantine-store.js';
import { integerColumn, type DbRow } from '../row-values.js';
import type { SqliteDatabase } from '../sqlite-database.js';
import type { SqliteSourceTables } from './source-tables-sqlite.js';

const INSERT_CHUNK = 100;

/** Insert rows on `db` (inside the caller's transaction); a row whose dedupe_key is stored already is skipped. */
export async function insertQuarantineRows(db: SqliteDatabase, records: readonly QuarantineRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += INSERT_CHUNK) {
    const chunk = records.slice(i, i + INSERT_CHUNK).map(storableRecord);
    await db.run(
      `INSERT INTO quarantine (feed, format, origin, line, reason, raw, received_at, dedupe_key) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
       ON CONFLICT (dedupe_key) DO NOTHING`,
      chunk.flatMap((r) => [r.feed, r.format, r.origin, r.line, r.reason, r.raw, r.receivedAt, r.dedupeKey ?? null]),
    );
  }
}

/** Newest first, from an open connection (the store's, or the read-only one of `npm run quarantine`). */
export async function listSqliteQuarantine(db: SqliteDatabase, options: QuarantineListOptions = {}): Promise<QuarantineEntry[]> {
  const limit = options.limit ?? DEFAULT_LIST_LIMIT;
  const rows = await db.all<DbRow>(
    `SELECT ${QUARANTINE_COLUMNS} FROM quarantine ${options.feed !== undefined ? 'WHERE feed = ?' : ''} ORDER BY id DESC LIMIT ?`,
    options.feed !== undefined ? [options.feed, limit] : [limit],
  );
  return rows.map(readQuarantineRow);
}

/** The quarantine table in the hub's SQLite file, on the sources' shared connection. */
export class SqliteQuarantineStore implements QuarantineStore {
  readonly #tables: SqliteSourceTables;

  constructor(tables: SqliteSourceTables) {
    this.#tables = tables;
  }

  add(records: readonly QuarantineRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return this.#tables.transaction(() => insertQuarantineRows(this.#tables.db, records));
  }

  list(options: QuarantineListOptions = {}): Promise<QuarantineEntry[]> {
    return listSqliteQuarantine(this.#tables.db, options);
  }

  prune(beforeTs: number): Promise<number> {
    return this.#tables.serialize(async () => (await this.#tables.db.run('DELETE FROM quarantine WHERE received_at < ?', [beforeTs])).changes);
  }

  trim(maxRows: number, maxBytes: number): Promise<number> {
    return this.#tables.serialize(async () => {
      // The newest rows are kept: the cut is the newest id past either budget, counted from the newest down.
      const cut = await this.#tables.db.get<DbRow>(
        `SELECT MAX(id) AS id FROM (
           SELECT id, ROW_NUMBER() OVER (ORDER BY id DESC) AS n,
                  SUM(length(CAST(raw AS BLOB)) + length(CAST(reason AS BLOB))) OVER (ORDER BY id DESC) AS bytes
           FROM quarantine)
         WHERE n > ? OR bytes > ?`,
        [maxRows, maxBytes],
      );
      const id = cut?.['id'];
      if (typeof id !== 'number') return 0;
      return (await this.#tables.db.run('DELETE FROM quarantine WHERE id <= ?', [id])).changes;
    });
  }

  async count(): Promise<number> {
    return (await this.stats()).count;
  }

  async stats(): Promise<QuarantineStats> {
    // length() of a BLOB is its byte count: the raw text's UTF-8 size, as PostgreSQL's octet_length gives it.
    const row = await this.#tables.db.get<DbRow>('SELECT COUNT(*) AS n, COALESCE(SUM(length(CAST(raw AS BLOB))), 0) AS bytes FROM quarantine');
    return row ? { count: integerColumn(row, 'quarantine', 'n'), rawBytes: integerColumn(row, 'quarantine', 'bytes') } : { count: 0, rawBytes: 0 };
  }

  /** Closes the sources' shared connection, after its queued writes (station hours and offsets have no close of their own). */
  close(): Promise<void> {
    return this.#tables.close();
  }
}
