import type { OperationOutcome } from '../hub/incident-operations.js';
import { createHash } from 'node:crypto';
import type { Incident } from '../protocol/incident.js';
import { SqliteDatabase } from './sqlite-database.js';

/** One audit row before it is chained (id, prev_hash and hash are assigned by the store). */
export interface AuditEntry {
  readonly at: number;
  /** Token name, or "hub" for the engine. */
  readonly actor: string;
  readonly role: string;
  /** opened | escalated | ack | assign | resolve */
  readonly action: string;
  readonly incidentId: string;
  readonly opId: string | null;
  /** "ok", or the refusal code (forbidden, illegal-transition, not-found). */
  readonly outcome: string;
  /** Small JSON-able details (note, to, level, severity…). */
  readonly detail: Record<string, unknown>;
}

export interface AuditRow extends AuditEntry {
  readonly id: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** The stored answer to an operation (what the hub sent), so a repeated opId gets the first answer. */
export type StoredOutcome = OperationOutcome;

export interface AppliedOp {
  readonly opId: string;
  readonly op: string;
  readonly incidentId: string;
  readonly actor: string;
  readonly at: number;
  readonly outcome: StoredOutcome;
}

/** What one commit writes, all in one transaction. */
export interface IncidentCommit {
  readonly incident?: Incident;
  readonly op?: AppliedOp;
  readonly audit?: readonly AuditEntry[];
}

export const GENESIS_HASH = '0'.repeat(64);

const SCHEMA = `
CREATE TABLE IF NOT EXISTS incidents (
  id TEXT PRIMARY KEY,
  dedupe_key TEXT NOT NULL,
  state TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_dedupe ON incidents (dedupe_key, opened_at);
CREATE INDEX IF NOT EXISTS incidents_state ON incidents (state);
CREATE TABLE IF NOT EXISTS incident_ops (
  op_id TEXT PRIMARY KEY,
  op TEXT NOT NULL,
  incident_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  at INTEGER NOT NULL,
  outcome TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS incident_audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  incident_id TEXT NOT NULL,
  op_id TEXT,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
-- Append-only: the hub never updates or deletes audit rows. (Whoever can drop these triggers can edit the file,
-- which is what the hash chain is for: npm run audit -- verify.)
CREATE TRIGGER IF NOT EXISTS incident_audit_no_update BEFORE UPDATE ON incident_audit
  BEGIN SELECT RAISE(ABORT, 'incident_audit is append-only'); END;
CREATE TRIGGER IF NOT EXISTS incident_audit_no_delete BEFORE DELETE ON incident_audit
  BEGIN SELECT RAISE(ABORT, 'incident_audit is append-only'); END;
`;

/** One row of the incident_audit table as SQLite returns it. */
export interface AuditDbRow {
  id: number;
  at: number;
  actor: string;
  role: string;
  action: string;
  incident_id: string;
  op_id: string | null;
  outcome: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** The exact text hashed for a row: its fields in a fixed order, detail as stored. */
export function canonicalAuditRow(row: Omit<AuditDbRow, 'prev_hash' | 'hash'>): string {
  return JSON.stringify([row.id, row.at, row.actor, row.role, row.action, row.incident_id, row.op_id, row.outcome, row.detail]);
}

export function auditHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash + canonical, 'utf8').digest('hex');
}

/**
 * The incident engine's durable state in SQLite: current incidents (JSON + dedupe index), applied operations by opId,
 * and the hash-chained audit table. Its own connection with synchronous=FULL (the file may be the hub's log file);
 * commits are serialised so the audit chain has one writer.
 */
export class IncidentStore {
  readonly #db: SqliteDatabase;
  #chain: Promise<unknown> = Promise.resolve();

  private constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  static async open(path: string): Promise<IncidentStore> {
    const db = await SqliteDatabase.open(path);
    await db.exec('PRAGMA journal_mode = WAL;');
    // A confirmed transition must survive power loss, whatever the log's own setting (issue 4).
    await db.exec('PRAGMA synchronous = FULL;');
    await db.exec('PRAGMA busy_timeout = 10000;');
    await db.exec(SCHEMA);
    return new IncidentStore(db);
  }

  /** Incidents not resolved, plus those resolved since `resolvedSince`. */
  async load(resolvedSince: number): Promise<Incident[]> {
    const rows = await this.#db.all<{ json: string }>(
      "SELECT json FROM incidents WHERE state != 'resolved' OR updated_at >= ? ORDER BY opened_at, id",
      [resolvedSince],
    );
    return rows.map((row) => JSON.parse(row.json) as Incident);
  }

  async get(id: string): Promise<Incident | null> {
    const row = await this.#db.get<{ json: string }>('SELECT json FROM incidents WHERE id = ?', [id]);
    return row ? (JSON.parse(row.json) as Incident) : null;
  }

  /** The most recent incident with this dedupe key (for previousId when a resolved condition recurs). */
  async latestByKey(dedupeKey: string): Promise<Incident | null> {
    const row = await this.#db.get<{ json: string }>('SELECT json FROM incidents WHERE dedupe_key = ? ORDER BY opened_at DESC, rowid DESC LIMIT 1', [
      dedupeKey,
    ]);
    return row ? (JSON.parse(row.json) as Incident) : null;
  }

  async findOp(opId: string): Promise<AppliedOp | null> {
    const row = await this.#db.get<{ op_id: string; op: string; incident_id: string; actor: string; at: number; outcome: string }>(
      'SELECT * FROM incident_ops WHERE op_id = ?',
      [opId],
    );
    return row
      ? { opId: row.op_id, op: row.op, incidentId: row.incident_id, actor: row.actor, at: row.at, outcome: JSON.parse(row.outcome) as StoredOutcome }
      : null;
  }

  #transactions = 0;

  /** Write transactions begun so far (each one fsync at COMMIT): what batching is measured by. */
  get transactionCount(): number {
    return this.#transactions;
  }

  /** Write incident + op + audit rows in one transaction; resolves after COMMIT (fsynced). */
  commit(change: IncidentCommit): Promise<void> {
    return this.commitAll([change]);
  }

  /**
   * Several changes, in order, in one transaction: one fsync for a batch of detections or escalations instead of
   * one each, so a file of a thousand severity-1 alerts does not hold an operator's ack behind a thousand fsyncs.
   */
  commitAll(changes: readonly IncidentCommit[]): Promise<void> {
    if (changes.length === 0) return this.#chain.then(() => undefined);
    const run = this.#chain.then(() =>
      this.#db.transaction(async () => {
        this.#transactions += 1;
        // The chain's head is read once per transaction, not once per change.
        const last = await this.#db.get<{ id: number; hash: string }>('SELECT id, hash FROM incident_audit ORDER BY id DESC LIMIT 1');
        let head = { id: last?.id ?? 0, hash: last?.hash ?? GENESIS_HASH };
        for (const change of changes) head = await this.#write(change, head);
      }),
    );
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /** Write one change after the audit chain's `head`; returns the new head. */
  async #write(change: IncidentCommit, head: { id: number; hash: string }): Promise<{ id: number; hash: string }> {
    const incident = change.incident;
    if (incident) {
      const updatedAt = Math.max(incident.lastSeenAt, incident.resolvedAt ?? 0, incident.assignedAt ?? 0, incident.ackedAt ?? 0, incident.openedAt);
      await this.#db.run(
        `INSERT INTO incidents (id, dedupe_key, state, opened_at, updated_at, json) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, json = excluded.json`,
        [incident.id, incident.dedupeKey, incident.state, incident.openedAt, updatedAt, JSON.stringify(incident)],
      );
    }
    if (change.op) {
      const op = change.op;
      await this.#db.run('INSERT INTO incident_ops (op_id, op, incident_id, actor, at, outcome) VALUES (?, ?, ?, ?, ?, ?)', [
        op.opId,
        op.op,
        op.incidentId,
        op.actor,
        op.at,
        JSON.stringify(op.outcome),
      ]);
    }
    let prevHash = head.hash;
    let id = head.id;
    for (const entry of change.audit ?? []) {
      id += 1;
      const row = {
        id,
        at: entry.at,
        actor: entry.actor,
        role: entry.role,
        action: entry.action,
        incident_id: entry.incidentId,
        op_id: entry.opId,
        outcome: entry.outcome,
        detail: JSON.stringify(entry.detail),
      };
      const hash = auditHash(prevHash, canonicalAuditRow(row));
      await this.#db.run(
        'INSERT INTO incident_audit (id, at, actor, role, action, incident_id, op_id, outcome, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [row.id, row.at, row.actor, row.role, row.action, row.incident_id, row.op_id, row.outcome, row.detail, prevHash, hash],
      );
      prevHash = hash;
    }
    return { id, hash: prevHash };
  }

  async auditRows(): Promise<AuditRow[]> {
    return (await readAuditRows(this.#db)).map(toAuditRow);
  }

  close(): Promise<void> {
    return this.#chain.then(() => this.#db.close());
  }
}

function toAuditRow(row: AuditDbRow): AuditRow {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    role: row.role,
    action: row.action,
    incidentId: row.incident_id,
    opId: row.op_id,
    outcome: row.outcome,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function readAuditRows(db: SqliteDatabase): Promise<AuditDbRow[]> {
  return db.all<AuditDbRow>('SELECT * FROM incident_audit ORDER BY id');
}

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

/** Open a database file read-only and verify its audit chain (used by `npm run audit -- verify`). */
export async function verifyAuditFile(path: string): Promise<AuditVerdict> {
  const db = await SqliteDatabase.open(path, { readOnly: true });
  try {
    return verifyAuditRows(await readAuditRows(db));
  } finally {
    await db.close();
  }
}

export const AUDIT_CSV_COLUMNS = ['id', 'at', 'at_iso', 'actor', 'role', 'action', 'incident_id', 'op_id', 'outcome', 'detail', 'prev_hash', 'hash'] as const;

export async function exportAuditCsv(path: string, write: (line: string) => void): Promise<number> {
  const db = await SqliteDatabase.open(path, { readOnly: true });
  try {
    const rows = await readAuditRows(db);
    write(AUDIT_CSV_COLUMNS.join(','));
    for (const row of rows) {
      const values = [row.id, row.at, new Date(row.at).toISOString(), row.actor, row.role, row.action, row.incident_id, row.op_id ?? '', row.outcome, row.detail, row.prev_hash, row.hash];
      write(values.map(csvField).join(','));
    }
    return rows.length;
  } finally {
    await db.close();
  }
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function hasAuditTable(path: string): Promise<boolean> {
  const db = await SqliteDatabase.open(path, { readOnly: true });
  try {
    const row = await db.get<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'incident_audit'");
    return row !== undefined;
  } finally {
    await db.close();
  }
}
