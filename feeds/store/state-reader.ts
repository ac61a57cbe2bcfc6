import { verifyAuditRows, type AuditDbRow, type AuditVerdict } from './audit-chain.js';
import { openPgStateReader } from './postgres/pg-state-reader.js';
import type { QuarantineEntry, QuarantineListOptions } from './quarantine-store.js';
import { openSqliteStateReader } from './sqlite/sqlite-state-reader.js';
import { parseStoreLocation, type StoreLocation } from './store-location.js';

/**
 * Read-only access to a hub's state tables for the tools (`npm run audit`, `npm run quarantine`), safe beside a
 * running hub: SQLite is opened read-only, PostgreSQL sessions are read-only (default_transaction_read_only), and
 * neither creates nor migrates anything — a mistyped location is an error, not a new empty database.
 */
export interface StateReader {
  readonly describe: string;
  /** Every audit row by id; null when there is no audit table (not a hub database with incidents). */
  auditRows(): Promise<AuditDbRow[] | null>;
  /** Newest first; [] when there is no quarantine table (no hub ran sources on it). */
  quarantine(options?: QuarantineListOptions): Promise<QuarantineEntry[]>;
  close(): Promise<void>;
}

/** The location names no existing database (the tools answer this with a usage error, exit 2). */
export class StoreNotFoundError extends Error {
  override readonly name = 'StoreNotFoundError';
}

export function openStateReader(location: string | StoreLocation): Promise<StateReader> {
  const parsed = typeof location === 'string' ? parseStoreLocation(location) : location;
  return parsed.kind === 'sqlite' ? openSqliteStateReader(parsed.path) : openPgStateReader(parsed);
}

/** Read a store's audit chain and verify it (null: no audit table). */
export async function verifyStoredAudit(location: string | StoreLocation): Promise<AuditVerdict | null> {
  const reader = await openStateReader(location);
  try {
    const rows = await reader.auditRows();
    return rows ? verifyAuditRows(rows) : null;
  } finally {
    await reader.close();
  }
}
