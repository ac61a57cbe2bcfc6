import { parseJson } from '../protocol/parse-json.js';
import { NO_PARSE_LIMITS, stopAt, type NumberedLine, type ParseLimits, type Unexamined } from './source-result.js';

/** A record that could not even be read as JSON (or was not the expected container). */
export interface JsonRecordError {
  readonly line: number;
  readonly text: string;
  readonly error: string;
}

/**
 * JSON bodies of the tabular formats: either one JSON array (records numbered by element from 1) or JSON Lines
 * (numbered by line). A body that starts with "[" but is not a valid array is one rejected record at line 0,
 * because there is no element to blame.
 */
export function jsonRecords<R>(
  lines: readonly NumberedLine[],
  fromValue: (value: unknown, line: number, text: string) => R | JsonRecordError,
  what: string,
  limits: ParseLimits = NO_PARSE_LIMITS,
): { records: (R | JsonRecordError)[]; unexamined: Unexamined | null } {
  const first = lines[0]?.text.trimStart() ?? '';
  if (first.startsWith('[')) {
    const body = lines.map((l) => l.text).join('\n');
    const json = parseJson(body);
    if (!json.ok) return { records: [{ line: 0, text: body, error: json.reason.replace('malformed JSON', 'malformed JSON array') }], unexamined: null };
    const array = json.value;
    if (!Array.isArray(array)) return { records: [{ line: 0, text: body, error: `expected a JSON array of ${what}` }], unexamined: null };
    return { records: array.map((value, index) => fromValue(value, index + 1, JSON.stringify(value))), unexamined: null };
  }
  const records: (R | JsonRecordError)[] = [];
  let errors = 0;
  for (let i = 0; i < lines.length; i++) {
    const unexamined = stopAt(lines, i, errors, limits);
    if (unexamined) return { records, unexamined };
    const { line, text } = lines[i] as NumberedLine;
    const json = parseJson(text);
    if (json.ok) records.push(fromValue(json.value, line, text));
    else {
      errors += 1;
      records.push({ line, text, error: json.reason });
    }
  }
  return { records, unexamined: null };
}
