import type { QuarantineListOptions, QuarantineRecord, QuarantineStats, QuarantineStore } from '../store/quarantine-store.js';

export interface QuarantineBudgetLimits {
  readonly maxRows: number;
  readonly maxBytes: number;
}

/** How soon after an add the budget is enforced: a burst of requests costs one trim, not one each. */
const TRIM_DELAY_MS = 1000;

/**
 * The quarantine with a size budget (docs/security.md): every add schedules a trim of the oldest rows within a
 * second, so a source that keeps sending junk fills at most the budget plus one second of its requests — on top of
 * the 30-day retention, which alone would let a busy bad sender grow the table without bound.
 */
export class BudgetedQuarantine implements QuarantineStore {
  readonly #store: QuarantineStore;
  readonly #limits: QuarantineBudgetLimits;
  readonly #onTrimmed: (deleted: number) => void;
  #timer: NodeJS.Timeout | null = null;
  #trimming: Promise<unknown> = Promise.resolve();

  constructor(store: QuarantineStore, limits: QuarantineBudgetLimits, onTrimmed: (deleted: number) => void = () => undefined) {
    this.#store = store;
    this.#limits = limits;
    this.#onTrimmed = onTrimmed;
  }

  async add(records: readonly QuarantineRecord[]): Promise<void> {
    await this.#store.add(records);
    if (records.length > 0) this.#schedule();
  }

  /** Enforce the budget now (also called by the hourly retention). */
  trimNow(): Promise<number> {
    const run = this.#trimming.then(() => this.#store.trim(this.#limits.maxRows, this.#limits.maxBytes));
    this.#trimming = run.then(
      (deleted) => {
        if (deleted > 0) this.#onTrimmed(deleted);
      },
      (error: unknown) => console.error('sources: quarantine budget trim failed', error),
    );
    return run;
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.trimNow().catch(() => undefined);
    }, TRIM_DELAY_MS);
    this.#timer.unref();
  }

  list(options?: QuarantineListOptions): ReturnType<QuarantineStore['list']> {
    return this.#store.list(options);
  }
  prune(beforeTs: number): Promise<number> {
    return this.#store.prune(beforeTs);
  }
  count(): Promise<number> {
    return this.#store.count();
  }
  stats(): Promise<QuarantineStats> {
    return this.#store.stats();
  }
  trim(maxRows: number, maxBytes: number): Promise<number> {
    return this.#store.trim(maxRows, maxBytes);
  }
  /** Stops the pending trim; the store itself belongs to whoever opened it (run-hub closes the state stores). */
  async close(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#trimming;
  }
}
