import type { QuarantineRecord, QuarantineStore } from '../store/quarantine-store.js';

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

const SCHEMA = `
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
 * File source positions, in the quarantine store's connection (same SQLite file as the log): a position and the
 * quarantine rows of the same lines are written in one transaction, so they can never disagree.
 */
export class SourceOffsets {
  readonly #store: QuarantineStore;
  #ready: Promise<void> | null = null;

  constructor(store: QuarantineStore) {
    this.#store = store;
  }

  #init(): Promise<void> {
    this.#ready ??= this.#store.serialize(() => this.#store.db.exec(SCHEMA));
    return this.#ready;
  }

  async load(source: string): Promise<SourcePosition | null> {
    await this.#init();
    const row = await this.#store.db.get<{ file: string; generation: number; byte_offset: number; line: number; pending: string | null }>(
      'SELECT file, generation, byte_offset, line, pending FROM source_offsets WHERE source = ?',
      [source],
    );
    if (!row) return null;
    return { file: row.file, generation: row.generation, offset: row.byte_offset, line: row.line, pending: row.pending ? (JSON.parse(row.pending) as PendingBatch) : null };
  }

  /** Save a position (with its pending batch, if any) and the quarantine rows of its lines, in one transaction. */
  async save(source: string, position: SourcePosition, quarantine: readonly QuarantineRecord[] = []): Promise<void> {
    await this.#init();
    await this.#store.serialize(() =>
      this.#store.db.transaction(async () => {
        await this.#store.insertRows(quarantine);
        await this.#store.db.run(
          'INSERT INTO source_offsets (source, file, generation, byte_offset, line, pending, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
            'ON CONFLICT (source) DO UPDATE SET file = excluded.file, generation = excluded.generation, byte_offset = excluded.byte_offset, ' +
            'line = excluded.line, pending = excluded.pending, updated_at = excluded.updated_at',
          [source, position.file, position.generation, position.offset, position.line, position.pending ? JSON.stringify(position.pending) : null, Date.now()],
        );
      }),
    );
  }
}
