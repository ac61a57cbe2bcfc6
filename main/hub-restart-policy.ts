export interface HubRestartLimits {
  /** Restarts allowed inside `windowMs` before main gives up. */
  readonly maxRestarts: number;
  readonly windowMs: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_HUB_RESTART_LIMITS: HubRestartLimits = { maxRestarts: 5, windowMs: 60_000, baseDelayMs: 500, maxDelayMs: 8_000 };

/**
 * Bounded restarts of the embedded hub: a hub that keeps dying (a corrupt database, a full disk) must not be
 * restarted in a tight loop forever. Delays double per recent restart; restarts older than the window are forgotten,
 * so a hub that crashes once a day is always brought back.
 */
export class HubRestartPolicy {
  readonly #limits: HubRestartLimits;
  #recent: number[] = [];

  constructor(limits: HubRestartLimits = DEFAULT_HUB_RESTART_LIMITS) {
    this.#limits = limits;
  }

  /** Record a crash at `nowMs`; returns the delay before restarting, or null when the budget is spent. */
  nextDelay(nowMs: number): number | null {
    this.#recent = this.#recent.filter((at) => nowMs - at < this.#limits.windowMs);
    if (this.#recent.length >= this.#limits.maxRestarts) return null;
    const delay = Math.min(this.#limits.baseDelayMs * 2 ** this.#recent.length, this.#limits.maxDelayMs);
    this.#recent.push(nowMs);
    return delay;
  }
}
