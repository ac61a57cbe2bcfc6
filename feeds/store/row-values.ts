import type { z } from 'zod';

/**
 * A row as a database driver hands it over: column name → value of whatever type the driver chose. Both backends read
 * their rows through the functions below, so a column of the wrong type (a schema edited by hand, a driver default
 * that changed) is an error naming the table and column, never a wrong value passed on.
 */
export type DbRow = Readonly<Record<string, unknown>>;

export class StoredRowError extends Error {
  override readonly name = 'StoredRowError';
}

function fail(where: string, column: string, what: string, value: unknown): never {
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : String(value);
  throw new StoredRowError(`${where}.${column}: expected ${what}, got ${shown}`);
}

/**
 * An integer column. SQLite hands INTEGER over as a number; node-postgres hands BIGINT (int8) over as a decimal string
 * because it may not fit a double. Both become a number only when it is exactly representable (|n| ≤ 2^53 − 1):
 * ms times, ids and byte offsets are far below that, and a value beyond it is refused instead of rounded.
 */
export function integerColumn(row: DbRow, where: string, column: string): number {
  const value = row[column];
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return value;
    return fail(where, column, 'a safe integer', value);
  }
  if (typeof value === 'string' && /^-?\d{1,16}$/.test(value)) {
    const parsed = Number(value);
    if (Number.isSafeInteger(parsed)) return parsed;
  }
  if (typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)) return Number(value);
  return fail(where, column, 'a safe integer', value);
}

export function realColumn(row: DbRow, where: string, column: string): number {
  const value = row[column];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return fail(where, column, 'a finite number', value);
}

export function textColumn(row: DbRow, where: string, column: string): string {
  const value = row[column];
  if (typeof value === 'string') return value;
  return fail(where, column, 'text', value);
}

export function nullableTextColumn(row: DbRow, where: string, column: string): string | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  return textColumn(row, where, column);
}

/** Text stored as bytes (PostgreSQL BYTEA, for text that may hold NUL) or as text (SQLite), decoded as UTF-8. */
export function bytesAsTextColumn(row: DbRow, where: string, column: string): string {
  const value = row[column];
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'string') return value;
  return fail(where, column, 'bytes or text', value);
}

/** A column holding JSON written by the store itself, parsed and checked against its schema. */
export function jsonColumn<T>(row: DbRow, where: string, column: string, schema: z.ZodType<T>): T {
  const text = textColumn(row, where, column);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(where, column, `JSON (${(error as Error).message})`, text);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    return fail(where, column, `its schema (${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'})`, text);
  }
  return result.data;
}

/**
 * PostgreSQL text cannot hold U+0000 (SQLite can). Free text that reaches a store from outside — a rejection reason
 * quoting a bad line, a config name — has NUL replaced by U+2400 (␀, "symbol for null") on both backends, so both
 * store and return the same string. Raw record text keeps its NULs (stored as bytes on PostgreSQL).
 */
export function storableText(text: string): string {
  return text.includes('\u0000') ? text.replace(/\u0000/g, '\u2400') : text;
}
