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
import { integerColumn } from '../row-values.js';
import type { PgDatabase, PgQueryable } from './pg-database.js';

const INSERT_CHUNK = 100;
const COLUMNS_PER_ROW = 8;

/** Insert rows inside the caller's transaction; a row whose dedupe_key is stored already is skipped. */
export async function insertPgQuarantineRows(tx: PgQueryable, records: readonly QuarantineRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += INSERT_CHUNK) {
    const chunk = records.slice(i, i + INSERT_CHUNK).map(storableRecord);
    const values = chunk.map((_, r) => `(${Array.from({ length: COLUMNS_PER_ROW }, (_unused, c) => `$${r * COLUMNS_PER_ROW + c + 1}`).join(', ')})`).join(', ');
    await tx.query(
      `INSERT INTO quarantine (feed, format, origin, line, reason, raw, received_at, dedupe_key) VALUES ${values} ON CONFLICT (dedupe_key) DO NOTHING`,
      // raw as UTF-8 bytes (BYTEA): NUL and all, exactly as SQLite's TEXT keeps it.
      chunk.flatMap((r) => [r.feed, r.format, r.origin, r.line, r.reason, Buffer.from(r.raw, 'utf8'), r.receivedAt, r.dedupeKey ?? null]),
    );
  }
}

export async function listPgQuarantine(db: PgQueryable, options: QuarantineListOptions = {}): Promise<QuarantineEntry[]> {
  const limit = options.limit ?? DEFAULT_LIST_LIMIT;
  const { rows } = await db.query(
    `SELECT ${QUARANTINE_COLUMNS} FROM quarantine ${options.feed !== undefined ? 'WHERE feed = $2' : ''} ORDER BY id DESC LIMIT $1`,
    options.feed !== undefined ? [limit, options.feed] : [limit],
  );
  return rows.map(readQuarantineRow);
}

/** The quarantine table on PostgreSQL, on the sources' pool (shared with station hours and offsets). */
export class PgQuarantineStore implements QuarantineStore {
  readonly #db: PgDatabase;
  #closed = false;

  constructor(db: PgDatabase) {
    this.#db = db;
  }

  add(records: readonly QuarantineRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return this.#db.transaction((tx) => insertPgQuarantineRows(tx, records));
  }

  list(options: QuarantineListOptions = {}): Promise<QuarantineEntry[]> {
    return listPgQuarantine(this.#db, options);
  }

  async prune(beforeTs: number): Promise<number> {
    return (await this.#db.query('DELETE FROM quarantine WHERE received_at < $1', [beforeTs])).rowCount;
  }

  async trim(maxRows: number, maxBytes: number): Promise<number> {
    // The newest rows are kept: the cut is the newest id past either budget, counted from the newest down.
    const { rowCount } = await this.#db.query(
      `DELETE FROM quarantine WHERE id <= (
         SELECT MAX(id) FROM (
           SELECT id, ROW_NUMBER() OVER (ORDER BY id DESC) AS n,
                  SUM(octet_length(raw) + octet_length(reason)) OVER (ORDER BY id DESC) AS bytes
           FROM quarantine) ranked
         WHERE n > $1 OR bytes > $2)`,
      [maxRows, maxBytes],
    );
    return rowCount;
  }

  async count(): Promise<number> {
    return (await this.stats()).count;
  }

  async stats(): Promise<QuarantineStats> {
    const { rows } = await this.#db.query('SELECT COUNT(*) AS n, COALESCE(SUM(octet_length(raw)), 0) AS bytes FROM quarantine');
    const row = rows[0];
    return row ? { count: integerColumn(row, 'quarantine', 'n'), rawBytes: integerColumn(row, 'quarantine', 'bytes') } : { count: 0, rawBytes: 0 };
  }

  /** Ends the sources' pool (station hours and offsets have no close of their own), as SQLite's closes its connection. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#db.close();
  }
}
