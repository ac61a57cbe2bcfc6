import { access } from 'node:fs/promises';
import type { StateReader } from '../state-reader.js';
import { StoreNotFoundError } from '../state-reader.js';
import { SqliteDatabase } from '../sqlite-database.js';
import { readSqliteAuditRows } from './incident-store-sqlite.js';
import { listSqliteQuarantine } from './quarantine-store-sqlite.js';

/** A hub's SQLite file opened read-only: the tools never write, even while the hub runs. */
export async function openSqliteStateReader(path: string): Promise<StateReader> {
  try {
    await access(path);
  } catch {
    throw new StoreNotFoundError(`no database at ${path}`);
  }
  const db = await SqliteDatabase.open(path, { readOnly: true });
  await db.exec('PRAGMA busy_timeout = 5000;');
  const hasTable = async (name: string): Promise<boolean> =>
    (await db.get<Record<string, unknown>>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", [name])) !== undefined;
  return {
    describe: path,
    async auditRows() {
      return (await hasTable('incident_audit')) ? readSqliteAuditRows(db) : null;
    },
    async quarantine(options = {}) {
      return (await hasTable('quarantine')) ? listSqliteQuarantine(db, options) : [];
    },
    close: () => db.close(),
  };
}
