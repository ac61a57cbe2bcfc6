/**
 * JSON.parse as a result instead of a throw, with the reason every ingest path reports ("malformed JSON: …"), so a
 * bad line is one rejected record with its cause, never an exception through a batch.
 */
export function parseJson(text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: `malformed JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
