import { parse } from 'csv-parse/sync';
import { NO_PARSE_LIMITS, stopAt, type NumberedLine, type ParseLimits, type Unexamined } from './source-result.js';

export interface CsvRow {
  readonly line: number;
  readonly text: string;
  /** Field values by normalised header name (see normaliseHeader). */
  readonly fields: Readonly<Record<string, string>>;
}

export type CsvLineResult = { readonly ok: true; readonly row: CsvRow } | { readonly ok: false; readonly line: number; readonly text: string; readonly reason: string };

/** "Resolved On-Time" → "resolvedontime": header matching ignores case, spaces, "_" and "-". */
export function normaliseHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_\-.]/g, '');
}

/** Split one CSV line into fields with csv-parse (quotes, escaped quotes, delimiters inside quotes). */
export function splitCsvLine(text: string): string[] {
  const records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  if (records.length !== 1 || !records[0]) throw new Error(records.length === 0 ? 'empty record' : 'a record must fit on one line');
  return records[0];
}

/**
 * CSV whose records are single lines (station and portal exports are): parsed line by line with csv-parse, so a
 * broken line (an unclosed quote, a missing column) is one rejected record with its own line number instead of
 * swallowing the rest of the file. `header` is the file's first line when the caller has it (a file source
 * resuming mid-file); otherwise the first line of `lines` is the header. A header that lacks a `required` column
 * (most often: a body with no header at all, whose first data row was read as one) rejects every line, that first
 * one included, with a reason naming the missing columns — rather than rejecting each row for an empty field.
 */
export function parseCsvLines(
  lines: readonly NumberedLine[],
  header: readonly string[] | null,
  required: readonly string[] = [],
  limits: ParseLimits = NO_PARSE_LIMITS,
): { header: string[] | null; rows: CsvLineResult[]; unexamined: Unexamined | null } {
  let columns = header ? header.map(normaliseHeader) : null;
  const rows: CsvLineResult[] = [];
  let missing: string | null = columns ? missingColumns(columns, required) : null;
  let errors = 0;
  const reject = (line: number, text: string, reason: string): void => {
    errors += 1;
    rows.push({ ok: false, line, text, reason });
  };
  for (let i = 0; i < lines.length; i++) {
    const unexamined = stopAt(lines, i, errors, limits);
    if (unexamined) return { header: columns, rows, unexamined };
    const { line, text } = lines[i] as NumberedLine;
    if (missing !== null) {
      reject(line, text, missing);
      continue;
    }
    let fields: string[];
    try {
      fields = splitCsvLine(text);
    } catch (error) {
      reject(line, text, `not a CSV record: ${(error as Error).message}`);
      continue;
    }
    if (columns === null) {
      columns = fields.map(normaliseHeader);
      missing = missingColumns(columns, required, line);
      if (missing !== null) reject(line, text, missing);
      continue;
    }
    if (fields.length !== columns.length) {
      reject(line, text, `${fields.length} fields, the header has ${columns.length}`);
      continue;
    }
    const record: Record<string, string> = Object.create(null) as Record<string, string>;
    columns.forEach((column, index) => {
      record[column] = fields[index] ?? '';
    });
    rows.push({ ok: true, row: { line, text, fields: record } });
  }
  return { header: columns, rows, unexamined: null };
}

function missingColumns(columns: readonly string[], required: readonly string[], headerLine?: number): string | null {
  const absent = required.filter((column) => !columns.includes(normaliseHeader(column)));
  if (absent.length === 0) return null;
  const where = headerLine === undefined ? 'the header' : `the header (line ${headerLine})`;
  return `${where} lacks the column(s) ${absent.join(', ')}: a CSV body starts with a header line naming ${required.join(', ')}`;
}
