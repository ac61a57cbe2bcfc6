import { z } from 'zod';
import type { QuarantineRecord } from './quarantine-store.js';
import { integerColumn, jsonColumn, textColumn, type DbRow } from './row-values.js';

/** A batch read from a file and being published: enough to tell after a crash whether it reached the log. */
export interface PendingBatch {
  readonly toOffset: number;
  readonly toLine: number;
  /** The feed's seq before publishing: the batch's items, if logged, come after it. */
  readonly afterSeq: number;
  readonly count: number;
  /** sha256 of the first item's canonical JSON and of all of them (publish-batch.ts batchFingerprint). */
  readonly firstHash: string;
  readonly hash: string;
}

/** Where a file source is: the file (device:inode), its truncation generation, the byte offset and line count read. */
export interface SourcePosition {
  readonly file: string;
  readonly generation: number;
  readonly offset: number;
  readonly line: number;
  readonly pending: PendingBatch | null;
}

/**
 * File source positions. A position and the quarantine rows of the same lines are written in ONE transaction on
 * every backend, so they can never disagree (feeds/sources/file-source.ts relies on it across a crash).
 * Implementations: feeds/store/sqlite/source-offsets-sqlite.ts (table source_offsets of the hub's --db file, on the
 * quarantine's connection) and feeds/store/postgres/source-offsets-pg.ts.
 */
export interface SourceOffsets {
  load(source: string): Promise<SourcePosition | null>;
  /** Save a position (with its pending batch, if any) and the quarantine rows of its lines, in one transaction. */
  save(source: string, position: SourcePosition, quarantine?: readonly QuarantineRecord[]): Promise<void>;
}

const safeInt = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const PendingBatchSchema: z.ZodType<PendingBatch> = z.object({
  toOffset: safeInt,
  toLine: safeInt,
  afterSeq: safeInt,
  count: safeInt,
  firstHash: z.string(),
  hash: z.string(),
});

/** A source_offsets row from either backend. */
export function readSourcePositionRow(row: DbRow): SourcePosition {
  const where = 'source_offsets';
  return {
    file: textColumn(row, where, 'file'),
    generation: integerColumn(row, where, 'generation'),
    offset: integerColumn(row, where, 'byte_offset'),
    line: integerColumn(row, where, 'line'),
    pending: row['pending'] === null || row['pending'] === undefined ? null : jsonColumn(row, where, 'pending', PendingBatchSchema),
  };
}

/** The pending column as stored: the batch's JSON, or null. */
export function pendingJson(position: SourcePosition): string | null {
  return position.pending ? JSON.stringify(position.pending) : null;
}
