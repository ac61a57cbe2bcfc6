/**
 * Records keyed by ids from outside (station, unit, agency, segment, incident ids, signature keys …) inside
 * JSON-shaped data: feed states are JSON on the wire and in checkpoints (docs/PROTOCOL.md §6), so they stay plain
 * objects rather than Maps. An id is text like any other, and "__proto__", "constructor" or "toString" must neither
 * reach Object.prototype nor read one of its members.
 *
 * Records we create have no prototype (`emptyRecord`). A record parsed with JSON.parse (a checkpoint, a snapshot)
 * has the ordinary one, so every read and write of an outside key goes through these helpers, which see own
 * properties only and behave the same on either kind. No conversion is needed where JSON is parsed.
 */

/** A record with no prototype: no inherited member can be read through it, no key can replace its prototype. */
export function emptyRecord<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** The value stored under `key` itself, never an inherited member (`constructor`, `toString`, `__proto__` …). */
export function ownValue<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function hasOwnKey(record: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.hasOwn(record, key);
}

/**
 * Store `value` under `key` as an own, enumerable property. Plain assignment would call Object.prototype's
 * `__proto__` setter on an ordinary object (a parsed state) and silently replace its prototype instead.
 */
export function setOwn<V>(record: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}

export function deleteOwn(record: Record<string, unknown>, key: string): void {
  if (Object.hasOwn(record, key)) delete record[key];
}
