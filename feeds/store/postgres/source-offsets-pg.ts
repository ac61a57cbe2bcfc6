import { pendingJson, readSourcePositionRow, type SourceOffsets, type SourcePosition } from '../source-offsets.js';
import type { QuarantineRecord } from '../quarantine-store.js';
import type { PgDatabase } from './pg-database.js';
import { insertPgQuarantineRows } from './quarantine-store-pg.js';

/** File source positions on PostgreSQL: the position and its lines' quarantine rows in one transaction. */
export class PgSourceOffsets implements SourceOffsets {
  readonly #db: PgDatabase;

  constructor(db: PgDatabase) {
    this.#db = db;
  }

  async load(source: string): Promise<SourcePosition | null> {
    const { rows } = await this.#db.query('SELECT file, generation, byte_offset, line, pending FROM source_offsets WHERE source = $1', [source]);
    return rows[0] ? readSourcePositionRow(rows[0]) : null;
  }

  save(source: string, position: SourcePosition, quarantine: readonly QuarantineRecord[] = []): Promise<void> {
    return this.#db.transaction(async (tx) => {
      await insertPgQuarantineRows(tx, quarantine);
      await tx.query(
        `INSERT INTO source_offsets (source, file, generation, byte_offset, line, pending, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (source) DO UPDATE SET file = excluded.file, generation = excluded.generation, byte_offset = excluded.byte_offset,
           line = excluded.line, pending = excluded.pending, updated_at = excluded.updated_at`,
        [source, position.file, position.generation, position.offset, position.line, pendingJson(position), Date.now()],
      );
    });
  }
}
