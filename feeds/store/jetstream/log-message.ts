import type { StoredItem } from '../log-store.js';
import { decodeEnvelope } from './envelope.js';

/**
 * A stored message of a feed's stream as a StoredItem. A body that is not this store's envelope (something else
 * published on the feed's subject) still takes its seq — seqs stay contiguous — with the server's receive time as ts,
 * no key and the body as json: the hub's feed schema then refuses it, as it does a hand-edited SQLite row.
 */
export function toStoredItem(seq: number, body: string, serverTimeMs: () => number, onForeign: (seq: number) => void): StoredItem {
  const envelope = decodeEnvelope(body);
  if (envelope) return { seq, ts: envelope.ts, json: envelope.json, key: envelope.key };
  onForeign(seq);
  // Asked for only here: reading the server time costs a Date per message, a measurable share of `read`.
  return { seq, ts: serverTimeMs(), json: body, key: null };
}

/** A stream seq from a message's delivery info, checked before it is trusted. */
export function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}
