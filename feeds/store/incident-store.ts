import { z } from 'zod';
import type { OperationOutcome } from '../hub/incident-operations.js';
import { Incident } from '../protocol/incident.js';
import type { AuditDbRow } from './audit-chain.js';
import { integerColumn, jsonColumn, storableText, textColumn, type DbRow } from './row-values.js';

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

/**
 * What became of one change of a commit. `applied: false` only for a change with an `op` whose opId was already
 * stored (by this hub earlier, or by another hub on the same database a moment before): nothing of that change was
 * written, and `winner` is the stored operation, whose outcome is the answer.
 */
export type CommitResult = { readonly applied: true } | { readonly applied: false; readonly winner: AppliedOp };

/**
 * The incident engine's durable state: current incidents (JSON + dedupe key), applied operations by opId, and the
 * hash-chained, append-only audit table. Implementations: SQLite (feeds/store/sqlite/incident-store-sqlite.ts) and
 * PostgreSQL (feeds/store/postgres/incident-store-pg.ts), with the same guarantees:
 *
 * - `commit` / `commitAll` resolve only after the transaction is durably committed;
 * - an opId is stored at most once (a primary key decides, not a check before the insert), and a change whose
 *   opId lost comes back as `applied: false` with the winner;
 * - the audit chain has one writer at a time, also across store instances (two hubs) on one database.
 */
export interface IncidentStore {
  /** Incidents not resolved, plus those resolved since `resolvedSince`, by opening time. */
  load(resolvedSince: number): Promise<Incident[]>;
  get(id: string): Promise<Incident | null>;
  /** The most recent incident with this dedupe key (for previousId when a resolved condition recurs). */
  latestByKey(dedupeKey: string): Promise<Incident | null>;
  findOp(opId: string): Promise<AppliedOp | null>;
  /** Write incident + op + audit rows in one transaction; resolves after COMMIT. */
  commit(change: IncidentCommit): Promise<CommitResult>;
  /**
   * Several changes, in order, in one transaction: one durable commit for a batch of detections or escalations
   * instead of one each, so a file of a thousand severity-1 alerts does not hold an operator's ack behind a thousand
   * fsyncs. One result per change.
   */
  commitAll(changes: readonly IncidentCommit[]): Promise<CommitResult[]>;
  auditRows(): Promise<AuditRow[]>;
  /** Write transactions begun so far by this instance (each one durable commit): what batching is measured by. */
  readonly transactionCount: number;
  close(): Promise<void>;
}

/** The incident_ops columns of an operation as stored (the opId as a client sent it may hold NUL: see storableText). */
export function storableOp(op: AppliedOp): AppliedOp {
  return { ...op, opId: storableText(op.opId), op: storableText(op.op), incidentId: storableText(op.incidentId), actor: storableText(op.actor) };
}

/** The `updated_at` column: the latest time the incident changed (resolved incidents are kept by it). */
export function incidentUpdatedAt(incident: Incident): number {
  return Math.max(incident.lastSeenAt, incident.resolvedAt ?? 0, incident.assignedAt ?? 0, incident.ackedAt ?? 0, incident.openedAt);
}

const StoredOutcomeSchema: z.ZodType<StoredOutcome> = z.union([
  z.object({ ok: z.literal(true), incident: z.record(z.string(), z.unknown()) }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

const DetailSchema = z.record(z.string(), z.unknown());

/** The `json` column of an incidents row, checked against the protocol's schema. */
export function readIncidentRow(row: DbRow): Incident {
  return jsonColumn(row, 'incidents', 'json', Incident);
}

/** An incident_ops row. */
export function readAppliedOpRow(row: DbRow): AppliedOp {
  const where = 'incident_ops';
  return {
    opId: textColumn(row, where, 'op_id'),
    op: textColumn(row, where, 'op'),
    incidentId: textColumn(row, where, 'incident_id'),
    actor: textColumn(row, where, 'actor'),
    at: integerColumn(row, where, 'at'),
    outcome: jsonColumn(row, where, 'outcome', StoredOutcomeSchema),
  };
}

/** An audit row as the engine and tests see it (detail parsed). */
export function toAuditRow(row: AuditDbRow): AuditRow {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    role: row.role,
    action: row.action,
    incidentId: row.incident_id,
    opId: row.op_id,
    outcome: row.outcome,
    detail: jsonColumn({ detail: row.detail }, 'incident_audit', 'detail', DetailSchema),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The audit entries of a change as rows to chain (detail serialised once: that text is what is hashed). Text columns
 * a client or the config chose (incident and op ids, actor) are made storable first (storableText), so the hash is
 * computed over what every backend stores.
 */
export function auditRowsOf(entries: readonly AuditEntry[]): Omit<AuditDbRow, 'id' | 'prev_hash' | 'hash'>[] {
  return entries.map((entry) => ({
    at: entry.at,
    actor: storableText(entry.actor),
    role: storableText(entry.role),
    action: storableText(entry.action),
    incident_id: storableText(entry.incidentId),
    op_id: entry.opId === null ? null : storableText(entry.opId),
    outcome: storableText(entry.outcome),
    // Throws for a value JSON cannot hold (a BigInt): inside the transaction, so the whole commit rolls back.
    detail: JSON.stringify(entry.detail),
  }));
}
