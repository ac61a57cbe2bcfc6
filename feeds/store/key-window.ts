/**
 * The keys stored in the last `windowMs`, with the seq holding each: SqliteLogStore's dedupe index. It applies the
 * rule JetStream applies with `duplicate_window`: a key counts from the time its first copy was stored, and is
 * forgotten `windowMs` later. Insertion order is storage order, so expired keys are always at the front.
 */
export class KeyWindow {
  readonly #windowMs: number;
  readonly #byKey = new Map<string, { readonly seq: number; readonly storedAt: number }>();

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
  }

  get size(): number {
    return this.#byKey.size;
  }

  /** The seq holding `key` if it was stored within the window before `now`. */
  seqOf(key: string, now: number): number | undefined {
    this.#expire(now);
    return this.#byKey.get(key)?.seq;
  }

  add(key: string, seq: number, storedAt: number): void {
    // Re-inserted at the end so the front stays the oldest (a key can only come back after it expired).
    this.#byKey.delete(key);
    this.#byKey.set(key, { seq, storedAt });
  }

  clear(): void {
    this.#byKey.clear();
  }

  #expire(now: number): void {
    for (const [key, entry] of this.#byKey) {
      if (now - entry.storedAt < this.#windowMs) break;
      this.#byKey.delete(key);
    }
  }
}
