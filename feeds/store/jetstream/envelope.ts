/**
 * The body of a log message: `{"ts":<ts>,"key":<null|"key">,"data":<item JSON>}`. Valid JSON for any NATS tool, and
 * decoded without a JSON parse: the prefix is matched by one regular expression and `data` is the text between it
 * and the final `}` — the same bytes the hub appended, so a replay sends them without re-encoding. Keeping ts and key
 * in the body rather than in headers matters for `read` throughput: decoding NATS headers per message costs about a
 * sixth of the client's time per item.
 */
const PREFIX = /^\{"ts":(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?),"key":(null|"([!#-[\]-~]{1,256})"),"data":/;

export interface Envelope {
  readonly ts: number;
  readonly key: string | null;
  readonly json: string;
}

/** `key` must already be valid (append-entries.ts): it is written into the JSON string without escaping. */
export function encodeEnvelope(ts: number, key: string | null, json: string): string {
  return `{"ts":${JSON.stringify(ts)},"key":${key === null ? 'null' : `"${key}"`},"data":${json}}`;
}

/** The envelope in a message body, or null when the body is not one (a message some other writer put there). */
export function decodeEnvelope(body: string): Envelope | null {
  const match = PREFIX.exec(body);
  if (!match || body.charCodeAt(body.length - 1) !== 0x7d /* } */) return null;
  const ts = Number(match[1]);
  if (!Number.isFinite(ts)) return null;
  return { ts, key: match[3] ?? null, json: body.slice(match[0].length, -1) };
}
