import { parse } from 'csv-parse/sync';
import type { NumberedLine } from './source-result.js';

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
 * resuming mid-file); otherwise the first line of `lines` is the header.
 */
export function parseCsvLines(lines: readonly NumberedLine[], header: readonly string[] | null): { header: string[] | null; rows: CsvLineResult[] } {
  let columns = header ? header.map(normaliseHeader) : null;
  const rows: CsvLineResult[] = [];
  for (const { line, text } of lines) {
    let fields: string[];
    try {
      fields = splitCsvLine(text);
    } catch (error) {
      rows.push({ ok: false, line, text, reason: `not a CSV record: ${(error as Error).message}` });
      continue;
    }
    if (columns === null) {
      columns = fields.map(normaliseHeader);
      continue;
    }
    if (fields.length !== columns.length) {
      rows.push({ ok: false, line, text, reason: `${fields.length} fields, the header has ${columns.length}` });
      continue;
    }
    const record: Record<string, string> = Object.create(null) as Record<string, string>;
    columns.forEach((column, index) => {
      record[column] = fields[index] ?? '';
    });
    rows.push({ ok: true, row: { line, text, fields: record } });
  }
  return { header: columns, rows };
}
