import { parseJson } from '../protocol/parse-json.js';
import type { NumberedLine } from './source-result.js';

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
): (R | JsonRecordError)[] {
  const first = lines[0]?.text.trimStart() ?? '';
  if (first.startsWith('[')) {
    const body = lines.map((l) => l.text).join('\n');
    const json = parseJson(body);
    if (!json.ok) return [{ line: 0, text: body, error: json.reason.replace('malformed JSON', 'malformed JSON array') }];
    const array = json.value;
    if (!Array.isArray(array)) return [{ line: 0, text: body, error: `expected a JSON array of ${what}` }];
    return array.map((value, index) => fromValue(value, index + 1, JSON.stringify(value)));
  }
  return lines.map(({ line, text }) => {
    const json = parseJson(text);
    return json.ok ? fromValue(json.value, line, text) : { line, text, error: json.reason };
  });
}
