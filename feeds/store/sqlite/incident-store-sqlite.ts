import type { Incident } from '../../protocol/incident.js';
import { AUDIT_COLUMNS, chainAuditRows, GENESIS_HEAD, readAuditDbRow, readAuditHead, type AuditDbRow, type AuditHead } from '../audit-chain.js';
import {
  auditRowsOf,
  incidentUpdatedAt,
  readAppliedOpRow,
  storableOp,
  readIncidentRow,
  toAuditRow,
  type AppliedOp,
  type AuditRow,
  type CommitResult,
  type IncidentCommit,
  type IncidentStore,
} from '../incident-store.js';
import { storableText, type DbRow } from '../row-values.js';
import { SqliteDatabase } from '../sqlite-database.js';

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
-- which is what the hash chain is for: npm run audit -- verify.) SQLite has no TRUNCATE: DELETE covers it.
CREATE TRIGGER IF NOT EXISTS incident_audit_no_update BEFORE UPDATE ON incident_audit
  BEGIN SELECT RAISE(ABORT, 'incident_audit is append-only'); END;
CREATE TRIGGER IF NOT EXISTS incident_audit_no_delete BEFORE DELETE ON incident_audit
  BEGIN SELECT RAISE(ABORT, 'incident_audit is append-only'); END;
`;

/**
 * The incident store in the hub's SQLite file, on its own connection with synchronous=FULL (the file may be the
 * hub's log file, whose connection may run NORMAL). Commits of this instance are queued one after another; BEGIN
 * IMMEDIATE takes SQLite's write lock, so a second connection (another process on the same file) waits for it and
 * then reads the chain head the first one left.
 */
export class SqliteIncidentStore implements IncidentStore {
  readonly #db: SqliteDatabase;
  #chain: Promise<unknown> = Promise.resolve();
  #transactions = 0;

  private constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  static async open(path: string): Promise<SqliteIncidentStore> {
    const db = await SqliteDatabase.open(path);
    await db.exec('PRAGMA journal_mode = WAL;');
    // A confirmed transition must survive power loss, whatever the log's own setting (issue 4).
    await db.exec('PRAGMA synchronous = FULL;');
    await db.exec('PRAGMA busy_timeout = 10000;');
    await db.exec(SCHEMA);
    return new SqliteIncidentStore(db);
  }

  async load(resolvedSince: number): Promise<Incident[]> {
    const rows = await this.#db.all<DbRow>("SELECT json FROM incidents WHERE state != 'resolved' OR updated_at >= ? ORDER BY opened_at, id", [resolvedSince]);
    return rows.map(readIncidentRow);
  }

  async get(id: string): Promise<Incident | null> {
    const row = await this.#db.get<DbRow>('SELECT json FROM incidents WHERE id = ?', [storableText(id)]);
    return row ? readIncidentRow(row) : null;
  }

  async latestByKey(dedupeKey: string): Promise<Incident | null> {
    const row = await this.#db.get<DbRow>('SELECT json FROM incidents WHERE dedupe_key = ? ORDER BY opened_at DESC, rowid DESC LIMIT 1', [storableText(dedupeKey)]);
    return row ? readIncidentRow(row) : null;
  }

  async findOp(opId: string): Promise<AppliedOp | null> {
    const row = await this.#db.get<DbRow>('SELECT op_id, op, incident_id, actor, at, outcome FROM incident_ops WHERE op_id = ?', [storableText(opId)]);
    return row ? readAppliedOpRow(row) : null;
  }

  get transactionCount(): number {
    return this.#transactions;
  }

  async commit(change: IncidentCommit): Promise<CommitResult> {
    const [result] = await this.commitAll([change]);
    if (!result) throw new Error('incident store: a commit of one change returned no result');
    return result;
  }

  commitAll(changes: readonly IncidentCommit[]): Promise<CommitResult[]> {
    if (changes.length === 0) return this.#chain.then(() => []);
    const run = this.#chain.then(() =>
      this.#db.transaction(async () => {
        this.#transactions += 1;
        // Read inside BEGIN IMMEDIATE (the write lock is held), once per transaction, not once per change.
        const last = await this.#db.get<DbRow>('SELECT id, hash FROM incident_audit ORDER BY id DESC LIMIT 1');
        let head = last ? readAuditHead(last, 'incident_audit') : GENESIS_HEAD;
        const results: CommitResult[] = [];
        for (const change of changes) {
          const written = await this.#write(change, head);
          results.push(written.result);
          head = written.head;
        }
        return results;
      }),
    );
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /** Write one change after the audit chain's `head`: the op first, so a change whose opId lost writes nothing. */
  async #write(change: IncidentCommit, head: AuditHead): Promise<{ result: CommitResult; head: AuditHead }> {
    if (change.op) {
      const op = storableOp(change.op);
      const inserted = await this.#db.run(
        'INSERT INTO incident_ops (op_id, op, incident_id, actor, at, outcome) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (op_id) DO NOTHING',
        [op.opId, op.op, op.incidentId, op.actor, op.at, JSON.stringify(op.outcome)],
      );
      if (inserted.changes === 0) {
        const winner = await this.findOp(op.opId);
        if (!winner) throw new Error(`incident store: opId ${op.opId} conflicted but is not stored`);
        return { result: { applied: false, winner }, head };
      }
    }
    const incident = change.incident;
    if (incident) {
      await this.#db.run(
        `INSERT INTO incidents (id, dedupe_key, state, opened_at, updated_at, json) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, json = excluded.json`,
        [storableText(incident.id), storableText(incident.dedupeKey), incident.state, incident.openedAt, incidentUpdatedAt(incident), JSON.stringify(incident)],
      );
    }
    const rows = chainAuditRows(head, auditRowsOf(change.audit ?? []));
    for (const row of rows) {
      await this.#db.run(`INSERT INTO incident_audit (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        row.id,
        row.at,
        row.actor,
        row.role,
        row.action,
        row.incident_id,
        row.op_id,
        row.outcome,
        row.detail,
        row.prev_hash,
        row.hash,
      ]);
    }
    const last = rows.at(-1);
    return { result: { applied: true }, head: last ? { id: last.id, hash: last.hash } : head };
  }

  async auditRows(): Promise<AuditRow[]> {
    return (await readSqliteAuditRows(this.#db)).map(toAuditRow);
  }

  close(): Promise<void> {
    return this.#chain.then(() => this.#db.close());
  }
}

export async function readSqliteAuditRows(db: SqliteDatabase): Promise<AuditDbRow[]> {
  return (await db.all<DbRow>(`SELECT ${AUDIT_COLUMNS} FROM incident_audit ORDER BY id`)).map(readAuditDbRow);
}
