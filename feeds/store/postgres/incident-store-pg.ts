import type { Incident } from '../../protocol/incident.js';
import { AUDIT_COLUMNS, chainAuditRows, readAuditDbRow, readAuditHead, type AuditDbRow, type AuditHead } from '../audit-chain.js';
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
import { storableText } from '../row-values.js';
import type { PgDatabase, PgQueryable } from './pg-database.js';

const AUDIT_INSERT_CHUNK = 500;
const OP_COLUMNS = 'op_id, op, incident_id, actor, at, outcome';

/**
 * The incident store on PostgreSQL (schema: migrations/001_initial.sql), with SQLite's guarantees:
 *
 * - commit resolves after COMMIT returned (synchronous_commit forced on: see PgDatabase.transaction);
 * - an opId is inserted with ON CONFLICT DO NOTHING against its primary key; when that inserts nothing the stored
 *   operation (the winner, possibly another hub's, committed a moment before) is read back and returned, and nothing
 *   else of that change is written — no check-then-insert window;
 * - every transaction first locks the one-row chain head FOR UPDATE: commits of this instance are queued anyway, and
 *   those of other instances (other hubs on the database) wait for the lock, then chain after the head it left.
 *   Taking the head before anything else also fixes the lock order (head, then incident rows): no deadlock.
 */
export class PgIncidentStore implements IncidentStore {
  readonly #db: PgDatabase;
  #chain: Promise<unknown> = Promise.resolve();
  #transactions = 0;
  #closed = false;

  constructor(db: PgDatabase) {
    this.#db = db;
  }

  async load(resolvedSince: number): Promise<Incident[]> {
    // Ids compared byte by byte, as SQLite does, whatever the database's collation.
    const { rows } = await this.#db.query(`SELECT json FROM incidents WHERE state <> 'resolved' OR updated_at >= $1 ORDER BY opened_at, id COLLATE "C"`, [resolvedSince]);
    return rows.map(readIncidentRow);
  }

  async get(id: string): Promise<Incident | null> {
    const { rows } = await this.#db.query('SELECT json FROM incidents WHERE id = $1', [storableText(id)]);
    return rows[0] ? readIncidentRow(rows[0]) : null;
  }

  async latestByKey(dedupeKey: string): Promise<Incident | null> {
    const { rows } = await this.#db.query('SELECT json FROM incidents WHERE dedupe_key = $1 ORDER BY opened_at DESC, row_seq DESC LIMIT 1', [storableText(dedupeKey)]);
    return rows[0] ? readIncidentRow(rows[0]) : null;
  }

  findOp(opId: string): Promise<AppliedOp | null> {
    return findOpOn(this.#db, opId);
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
    if (this.#closed) return Promise.reject(new Error('incident store is closed'));
    if (changes.length === 0) return this.#chain.then(() => []);
    const run = this.#chain.then(() =>
      this.#db.transaction(async (tx) => {
        this.#transactions += 1;
        const { rows } = await tx.query('SELECT id, hash FROM incident_audit_head WHERE singleton FOR UPDATE');
        if (!rows[0]) throw new Error('incident store: the audit chain head row is missing (incident_audit_head)');
        const start = readAuditHead(rows[0], 'incident_audit_head');
        let head = start;
        const results: CommitResult[] = [];
        for (const change of changes) {
          const written = await writeChange(tx, change, head);
          results.push(written.result);
          head = written.head;
        }
        if (head.id !== start.id) await tx.query('UPDATE incident_audit_head SET id = $1, hash = $2 WHERE singleton', [head.id, head.hash]);
        return results;
      }),
    );
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async auditRows(): Promise<AuditRow[]> {
    return (await readPgAuditRows(this.#db)).map(toAuditRow);
  }

  /** Waits for queued commits; the pool is this store's own and ends here. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#chain;
    await this.#db.close();
  }
}

async function findOpOn(db: PgQueryable, opId: string): Promise<AppliedOp | null> {
  const { rows } = await db.query(`SELECT ${OP_COLUMNS} FROM incident_ops WHERE op_id = $1`, [storableText(opId)]);
  return rows[0] ? readAppliedOpRow(rows[0]) : null;
}

/** One change after `head`, inside the caller's transaction: the op first, so a change whose opId lost writes nothing. */
async function writeChange(tx: PgQueryable, change: IncidentCommit, head: AuditHead): Promise<{ result: CommitResult; head: AuditHead }> {
  if (change.op) {
    const op = storableOp(change.op);
    const inserted = await tx.query(`INSERT INTO incident_ops (${OP_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (op_id) DO NOTHING`, [
      op.opId,
      op.op,
      op.incidentId,
      op.actor,
      op.at,
      JSON.stringify(op.outcome),
    ]);
    if (inserted.rowCount === 0) {
      // Read COMMITTED: this statement sees the winner's committed row (ON CONFLICT waited for its transaction).
      const winner = await findOpOn(tx, op.opId);
      if (!winner) throw new Error(`incident store: opId ${op.opId} conflicted but is not stored`);
      return { result: { applied: false, winner }, head };
    }
  }
  const incident = change.incident;
  if (incident) {
    await tx.query(
      `INSERT INTO incidents (id, dedupe_key, state, opened_at, updated_at, json) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, json = excluded.json`,
      [storableText(incident.id), storableText(incident.dedupeKey), incident.state, incident.openedAt, incidentUpdatedAt(incident), JSON.stringify(incident)],
    );
  }
  const rows = chainAuditRows(head, auditRowsOf(change.audit ?? []));
  for (let i = 0; i < rows.length; i += AUDIT_INSERT_CHUNK) {
    const chunk = rows.slice(i, i + AUDIT_INSERT_CHUNK);
    const values = chunk.map((_, r) => `(${Array.from({ length: 11 }, (_unused, c) => `$${r * 11 + c + 1}`).join(', ')})`).join(', ');
    await tx.query(
      `INSERT INTO incident_audit (${AUDIT_COLUMNS}) VALUES ${values}`,
      chunk.flatMap((row) => [row.id, row.at, row.actor, row.role, row.action, row.incident_id, row.op_id, row.outcome, row.detail, row.prev_hash, row.hash]),
    );
  }
  const last = rows.at(-1);
  return { result: { applied: true }, head: last ? { id: last.id, hash: last.hash } : head };
}

export async function readPgAuditRows(db: PgQueryable): Promise<AuditDbRow[]> {
  const { rows } = await db.query(`SELECT ${AUDIT_COLUMNS} FROM incident_audit ORDER BY id`);
  return rows.map(readAuditDbRow);
}
