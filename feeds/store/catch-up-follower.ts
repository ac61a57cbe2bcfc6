import type { FollowListener, StoredItem } from './log-store.js';

const PAGE = 1000;
const RETRY_MS = 1000;

/**
 * A follower of a log owned by this process (SqliteLogStore): first the committed items after `afterSeq` read from
 * the log, then the batches the store commits. Batches committed while it is still reading are queued and handed on
 * after the read part, minus what the read already delivered, so every item comes exactly once and in seq order.
 */
export class CatchUpFollower {
  readonly #listener: FollowListener;
  readonly #label: string;
  #last: number;
  #queued: StoredItem[][] | null = null;
  #stopped = false;

  /**
   * `headSeq`: the last committed seq when the follower was registered; every later commit reaches `deliver`.
   * `read` returns committed items after a seq, as LogStore.read does.
   */
  constructor(
    afterSeq: number,
    headSeq: number,
    read: (afterSeq: number, limit: number) => Promise<StoredItem[]>,
    listener: FollowListener,
    label: string,
  ) {
    this.#last = afterSeq;
    this.#listener = listener;
    this.#label = label;
    if (afterSeq < headSeq) {
      this.#queued = [];
      void this.#catchUp(headSeq, read);
    }
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** A batch the store just committed (ascending seqs). */
  deliver(items: readonly StoredItem[]): void {
    if (this.#stopped || items.length === 0) return;
    if (this.#queued) this.#queued.push([...items]);
    else this.#emit(items);
  }

  stop(): void {
    this.#stopped = true;
    this.#queued = null;
  }

  async #catchUp(headSeq: number, read: (afterSeq: number, limit: number) => Promise<StoredItem[]>): Promise<void> {
    while (!this.#stopped && this.#last < headSeq) {
      let page: StoredItem[];
      try {
        page = await read(this.#last, PAGE);
      } catch (error) {
        console.error(`log store: ${this.#label}: a follower cannot read the log (retrying)`, error);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        continue;
      }
      if (this.#stopped) return;
      if (page.length === 0) break;
      this.#emit(page);
    }
    const queued = this.#queued ?? [];
    this.#queued = null;
    for (const batch of queued) this.#emit(batch);
  }

  #emit(items: readonly StoredItem[]): void {
    if (this.#stopped) return;
    const fresh = items.filter((item) => item.seq > this.#last);
    const last = fresh[fresh.length - 1];
    if (!last) return;
    this.#last = last.seq;
    try {
      this.#listener(fresh);
    } catch (error) {
      // One listener's bug must not stop the store from committing or the other followers from hearing about it.
      console.error(`log store: ${this.#label}: a follow listener threw`, error);
    }
  }
}
