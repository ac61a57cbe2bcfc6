import { pendingJson, readSourcePositionRow, type SourceOffsets, type SourcePosition } from '../source-offsets.js';
import type { QuarantineRecord } from '../quarantine-store.js';
import type { DbRow } from '../row-values.js';
import { insertQuarantineRows } from './quarantine-store-sqlite.js';
import type { SqliteSourceTables } from './source-tables-sqlite.js';

/**
 * File source positions in the hub's SQLite file, on the quarantine's connection: a position and the quarantine rows
 * of the same lines are one transaction there.
 */
export class SqliteSourceOffsets implements SourceOffsets {
  readonly #tables: SqliteSourceTables;

  constructor(tables: SqliteSourceTables) {
    this.#tables = tables;
  }

  async load(source: string): Promise<SourcePosition | null> {
    const row = await this.#tables.db.get<DbRow>('SELECT file, generation, byte_offset, line, pending FROM source_offsets WHERE source = ?', [source]);
    return row ? readSourcePositionRow(row) : null;
  }

  save(source: string, position: SourcePosition, quarantine: readonly QuarantineRecord[] = []): Promise<void> {
    const db = this.#tables.db;
    return this.#tables.transaction(async () => {
      await insertQuarantineRows(db, quarantine);
      await db.run(
        'INSERT INTO source_offsets (source, file, generation, byte_offset, line, pending, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
          'ON CONFLICT (source) DO UPDATE SET file = excluded.file, generation = excluded.generation, byte_offset = excluded.byte_offset, ' +
          'line = excluded.line, pending = excluded.pending, updated_at = excluded.updated_at',
        [source, position.file, position.generation, position.offset, position.line, pendingJson(position), Date.now()],
      );
    });
  }
}
