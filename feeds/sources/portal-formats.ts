import { PortalUnitStats, type PortalData } from '../protocol/feed-data.js';
import { describeIssues } from '../protocol/frames.js';
import { normaliseHeader, parseCsvLines } from './csv-lines.js';
import { jsonRecords } from './json-records.js';
import type { SourceContext } from './source-context.js';
import { clipRaw, emptyBatch, NO_PARSE_LIMITS, type NumberedLine, type ParseLimits, type SourceBatch, type Unexamined } from './source-result.js';

/** The counters, by their normalised name (CSV header or JSON key: `resolved_on_time`, `resolvedOnTime`, …). */
const COUNTERS = [
  ['received', 'received'],
  ['resolvedontime', 'resolvedOnTime'],
  ['resolvedlate', 'resolvedLate'],
  ['pendingintime', 'pendingInTime'],
  ['pendingoverdue', 'pendingOverdue'],
  ['receivedonline', 'receivedOnline'],
] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One unit's counters for one local day, the shape one-stop systems (OpenCPS and the like) report: dossiers
 * received, resolved on time, resolved late, pending within the deadline, pending overdue, and received online.
 * Counters are whole numbers ≥ 0 and cumulative for the day; received_online ≤ received. Returns the stats or why not.
 */
export function toUnitStats(fields: Readonly<Record<string, unknown>>, units: ReadonlySet<string> | null): { date: string; stats: PortalUnitStats } | string {
  const unit = typeof fields['unit'] === 'string' ? fields['unit'].trim() : typeof fields['unit'] === 'number' ? String(fields['unit']) : '';
  if (unit === '') return 'unit: missing';
  if (units && !units.has(unit)) return `unit "${unit}" is not a district or agency of the region pack`;
  const date = typeof fields['date'] === 'string' ? fields['date'].trim() : '';
  if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    return `date "${date}" is not a date YYYY-MM-DD`;
  }
  const stats: Record<string, number | string> = { unit };
  for (const [key, name] of COUNTERS) {
    const raw = fields[key];
    if (raw === undefined || raw === '') return `${name}: missing`;
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < 0) return `${name}: "${String(raw)}" is not a whole number ≥ 0`;
    stats[name] = value;
  }
  // The counters were checked above with field-named reasons; the schema confirms the whole shape without a cast.
  const parsed = PortalUnitStats.safeParse(stats);
  if (!parsed.success) return describeIssues(parsed.error, '(record)');
  const result = parsed.data;
  if (result.receivedOnline > result.received) return `receivedOnline ${result.receivedOnline} > received ${result.received}`;
  return { date, stats: result };
}

/** Accepted rows → `stats` items, one per run of consecutive rows of the same date (so the reducer's day order holds). */
function toBatch(records: readonly ({ line: number; text: string; fields: Readonly<Record<string, unknown>> } | { line: number; text: string; error: string })[], context: SourceContext, unexamined: Unexamined | null = null): SourceBatch {
  const batch = emptyBatch('portal');
  batch.unexamined = unexamined;
  let current = null as { date: string; units: PortalUnitStats[] } | null;
  for (const record of records) {
    const result = 'error' in record ? record.error : toUnitStats(record.fields, context.region.portalUnits);
    if (typeof result === 'string') {
      batch.rejected.push({ line: record.line, reason: result, raw: clipRaw(record.text) });
      continue;
    }
    batch.accepted += 1;
    if (current?.date !== result.date) {
      current = { date: result.date, units: [] };
      const item: PortalData = { kind: 'stats', date: current.date, units: current.units };
      batch.items.push(item);
      batch.itemLines.push(record.line);
    }
    // Latest wins per unit and day in the reducer; inside one item keep only the last row of a unit.
    const index = current.units.findIndex((unit) => unit.unit === result.stats.unit);
    if (index >= 0) current.units.splice(index, 1);
    current.units.push(result.stats);
  }
  return batch;
}

/** CSV: unit,date,received,resolved_on_time,resolved_late,pending_in_time,pending_overdue,received_online. */
export function parsePortalCsv(
  lines: readonly NumberedLine[],
  context: SourceContext,
  header: readonly string[] | null = null,
  limits: ParseLimits = NO_PARSE_LIMITS,
): SourceBatch {
  const columns = ['unit', 'date', 'received', 'resolved_on_time', 'resolved_late', 'pending_in_time', 'pending_overdue', 'received_online'];
  const { rows, unexamined } = parseCsvLines(lines, header, columns, limits);
  const records = rows.map((row) => (row.ok ? { line: row.row.line, text: row.row.text, fields: row.row.fields } : { line: row.line, text: row.text, error: row.reason }));
  return toBatch(records, context, unexamined);
}

function normaliseKeys(value: unknown): Record<string, unknown> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, field] of Object.entries(value)) out[normaliseHeader(key)] = field;
  return out;
}

/** JSON: an array of unit-day objects (numbered by element) or JSON Lines (numbered by line); keys as in the CSV. */
export function parsePortalJson(lines: readonly NumberedLine[], context: SourceContext, limits: ParseLimits = NO_PARSE_LIMITS): SourceBatch {
  type Record_ = { line: number; text: string; fields: Record<string, unknown> } | { line: number; text: string; error: string };
  const fromValue = (value: unknown, line: number, text: string): Record_ => {
    const fields = normaliseKeys(value);
    return fields ? { line, text, fields } : { line, text, error: 'expected an object {unit, date, received, …}' };
  };
  const { records, unexamined } = jsonRecords(lines, fromValue, 'unit statistics', limits);
  return toBatch(records, context, unexamined);
}
