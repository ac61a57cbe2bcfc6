import type { AppendEntry } from './log-store.js';

/**
 * 1–256 printable ASCII characters other than space, `"` and `\`: ids and hashes fit, and such a key travels
 * unchanged as a NATS header value and inside a JSON string without escaping (JetStream stores it in both). Both
 * backends apply the same rule so a key accepted by one is accepted by the other.
 */
const KEY_PATTERN = /^[!#-[\]-~]{1,256}$/;

export function isValidKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** An entry's key, or null; throws a TypeError naming the entry when its ts, json or key is unusable. */
export function entryKey(entry: AppendEntry, index: number): string | null {
  if (typeof entry.ts !== 'number' || !Number.isFinite(entry.ts)) throw new TypeError(`append: entry ${index} has no finite ts`);
  if (typeof entry.json !== 'string') throw new TypeError(`append: entry ${index} has no json text`);
  const key = entry.key ?? null;
  if (key !== null && (typeof key !== 'string' || !isValidKey(key))) {
    throw new TypeError(`append: entry ${index} has an invalid key (1–256 printable ASCII characters other than space, " and \\)`);
  }
  return key;
}

/** The keys of a batch, validated, in entry order. */
export function entryKeys(entries: readonly AppendEntry[]): (string | null)[] {
  return entries.map((entry, index) => entryKey(entry, index));
}
