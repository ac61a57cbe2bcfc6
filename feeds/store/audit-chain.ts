import { createHash } from 'node:crypto';
import { integerColumn, nullableTextColumn, textColumn, type DbRow } from './row-values.js';

/**
 * The hash chain of the incident audit table, the same on every backend: the row format, how a row is hashed, how a
 * batch of new rows is chained after the head, and how a stored chain is verified and exported.
 */

/** One row of the incident_audit table, as stored (detail is the JSON text that was hashed). */
export interface AuditDbRow {
  readonly id: number;
  readonly at: number;
  readonly actor: string;
  readonly role: string;
  readonly action: string;
  readonly incident_id: string;
  readonly op_id: string | null;
  readonly outcome: string;
  readonly detail: string;
  readonly prev_hash: string;
  readonly hash: string;
}

/** The last row of the chain (id 0 and the genesis hash before the first row). */
export interface AuditHead {
  readonly id: number;
  readonly hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
export const GENESIS_HEAD: AuditHead = { id: 0, hash: GENESIS_HASH };

/** The exact text hashed for a row: its fields in a fixed order, detail as stored. */
export function canonicalAuditRow(row: Omit<AuditDbRow, 'prev_hash' | 'hash'>): string {
  return JSON.stringify([row.id, row.at, row.actor, row.role, row.action, row.incident_id, row.op_id, row.outcome, row.detail]);
}

export function auditHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash + canonical, 'utf8').digest('hex');
}

/** Chain rows (without id and hashes) after `head`: ids continue from head.id, each prev_hash is the row before's hash. */
export function chainAuditRows(head: AuditHead, rows: readonly Omit<AuditDbRow, 'id' | 'prev_hash' | 'hash'>[]): AuditDbRow[] {
  let { id, hash: prevHash } = head;
  return rows.map((row) => {
    id += 1;
    const hash = auditHash(prevHash, canonicalAuditRow({ ...row, id }));
    const chained = { ...row, id, prev_hash: prevHash, hash };
    prevHash = hash;
    return chained;
  });
}

/** An incident_audit row from either backend, every column type-checked. */
export function readAuditDbRow(row: DbRow): AuditDbRow {
  const where = 'incident_audit';
  return {
    id: integerColumn(row, where, 'id'),
    at: integerColumn(row, where, 'at'),
    actor: textColumn(row, where, 'actor'),
    role: textColumn(row, where, 'role'),
    action: textColumn(row, where, 'action'),
    incident_id: textColumn(row, where, 'incident_id'),
    op_id: nullableTextColumn(row, where, 'op_id'),
    outcome: textColumn(row, where, 'outcome'),
    detail: textColumn(row, where, 'detail'),
    prev_hash: textColumn(row, where, 'prev_hash'),
    hash: textColumn(row, where, 'hash'),
  };
}

/** `id` and `hash` of a row (the last audit row, or PostgreSQL's head row). */
export function readAuditHead(row: DbRow, where: string): AuditHead {
  return { id: integerColumn(row, where, 'id'), hash: textColumn(row, where, 'hash') };
}

export const AUDIT_COLUMNS = 'id, at, actor, role, action, incident_id, op_id, outcome, detail, prev_hash, hash';

export type AuditVerdict =
  | { readonly ok: true; readonly rows: number; readonly lastHash: string }
  | { readonly ok: false; readonly rows: number; readonly rowId: number; readonly reason: string };

/** Check the chain row by row: ids contiguous from 1, prev_hash = previous row's hash, hash recomputed. */
export function verifyAuditRows(rows: readonly AuditDbRow[]): AuditVerdict {
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  for (const row of rows) {
    if (row.id !== expectedId) {
      return { ok: false, rows: rows.length, rowId: row.id, reason: `row id ${row.id} follows ${expectedId - 1}: a row is missing or was inserted` };
    }
    if (row.prev_hash !== prevHash) {
      return { ok: false, rows: rows.length, rowId: row.id, reason: `prev_hash does not match the hash of row ${row.id - 1}` };
    }
    const hash = auditHash(prevHash, canonicalAuditRow(row));
    if (hash !== row.hash) return { ok: false, rows: rows.length, rowId: row.id, reason: 'hash does not match the row content (row altered)' };
    prevHash = row.hash;
    expectedId += 1;
  }
  return { ok: true, rows: rows.length, lastHash: prevHash };
}

export const AUDIT_CSV_COLUMNS = ['id', 'at', 'at_iso', 'actor', 'role', 'action', 'incident_id', 'op_id', 'outcome', 'detail', 'prev_hash', 'hash'] as const;

/** The CSV export: a header line, then one line per row (RFC 4180 quoting where needed). */
export function auditCsvLines(rows: readonly AuditDbRow[]): string[] {
  const lines = [AUDIT_CSV_COLUMNS.join(',')];
  for (const row of rows) {
    const values = [row.id, row.at, new Date(row.at).toISOString(), row.actor, row.role, row.action, row.incident_id, row.op_id ?? '', row.outcome, row.detail, row.prev_hash, row.hash];
    lines.push(values.map(csvField).join(','));
  }
  return lines;
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
