import { bytesAsTextColumn, integerColumn, nullableTextColumn, storableText, textColumn, type DbRow } from './row-values.js';

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

export interface QuarantineListOptions {
  readonly limit?: number;
  readonly feed?: string;
}

/** How much the quarantine holds: rows, and bytes of raw text (UTF-8), what a size budget would be measured in. */
export interface QuarantineStats {
  readonly count: number;
  readonly rawBytes: number;
}

/**
 * The quarantine table. Implementations: SQLite (feeds/store/sqlite/quarantine-store-sqlite.ts, in the hub's --db
 * file) and PostgreSQL (feeds/store/postgres/quarantine-store-pg.ts). A file source writes its quarantine rows
 * together with its position through SourceOffsets.save (one transaction), not through `add`.
 */
export interface QuarantineStore {
  /** Add rows in one transaction (a row whose dedupeKey is already stored is skipped); resolves once committed. */
  add(records: readonly QuarantineRecord[]): Promise<void>;
  /** Newest first (default at most 100). */
  list(options?: QuarantineListOptions): Promise<QuarantineEntry[]>;
  /** Delete records received before `beforeTs` (retention); the number deleted. */
  prune(beforeTs: number): Promise<number>;
  count(): Promise<number>;
  stats(): Promise<QuarantineStats>;
  /**
   * Delete the oldest records until at most `maxRows` remain and their raw text and reasons take at most `maxBytes`
   * (the size budget beside the retention); the number deleted.
   */
  trim(maxRows: number, maxBytes: number): Promise<number>;
  close(): Promise<void>;
}

export const QUARANTINE_COLUMNS = 'id, feed, format, origin, line, reason, raw, received_at, dedupe_key';

/** A quarantine row from either backend (raw is TEXT on SQLite, BYTEA on PostgreSQL). */
export function readQuarantineRow(row: DbRow): QuarantineEntry {
  const where = 'quarantine';
  return {
    id: integerColumn(row, where, 'id'),
    feed: textColumn(row, where, 'feed'),
    format: textColumn(row, where, 'format'),
    origin: textColumn(row, where, 'origin'),
    line: integerColumn(row, where, 'line'),
    reason: textColumn(row, where, 'reason'),
    raw: bytesAsTextColumn(row, where, 'raw'),
    receivedAt: integerColumn(row, where, 'received_at'),
    dedupeKey: nullableTextColumn(row, where, 'dedupe_key'),
  };
}

/** The text columns of a record as both backends store them (NUL in free text replaced: see storableText). */
export function storableRecord(record: QuarantineRecord): QuarantineRecord {
  return {
    ...record,
    feed: storableText(record.feed),
    format: storableText(record.format),
    origin: storableText(record.origin),
    reason: storableText(record.reason),
    dedupeKey: record.dedupeKey === undefined || record.dedupeKey === null ? null : storableText(record.dedupeKey),
  };
}

export const DEFAULT_LIST_LIMIT = 100;
