import { jsonDepthExceeds } from './json-depth.js';

/**
 * Deepest nesting accepted from outside (frames, ingest lines and bodies). Our own items nest at most 6 levels (an
 * incident's MultiPolygon geometry inside its item); 32 leaves room for sources' extra fields without letting a
 * hostile value reach code that recurses (docs/security.md).
 */
export const MAX_JSON_DEPTH = 32;

/**
 * JSON.parse as a result instead of a throw, with the reason every ingest path reports ("malformed JSON: …"), so a
 * bad line is one rejected record with its cause, never an exception through a batch. Text nested deeper than
 * `maxDepth` is refused before parsing.
 */
export function parseJson(
  text: string,
  maxDepth: number = MAX_JSON_DEPTH,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string } {
  if (jsonDepthExceeds(text, maxDepth)) return { ok: false, reason: `JSON nested deeper than ${maxDepth} levels` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: `malformed JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
