/** Counts events in a sliding window (e.g. bad frames per minute) with a ring of timestamps. */
export class SlidingWindowCounter {
  readonly #windowMs: number;
  #times: number[] = [];

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
  }

  /** Record one event at `now`; returns how many fall in the window including it. */
  hit(now: number): number {
    this.#times.push(now);
    const cutoff = now - this.#windowMs;
    let drop = 0;
    while (drop < this.#times.length && (this.#times[drop] ?? now) <= cutoff) drop++;
    if (drop > 0) this.#times = this.#times.slice(drop);
    return this.#times.length;
  }
}

/** Token bucket for inbound frames: `ratePerSecond` sustained, bursts up to `burst`. */
export class TokenBucket {
  readonly #rate: number;
  readonly #burst: number;
  #tokens: number;
  #last: number;

  constructor(ratePerSecond: number, burst: number, now: number) {
    this.#rate = ratePerSecond;
    this.#burst = burst;
    this.#tokens = burst;
    this.#last = now;
  }

  take(now: number): boolean {
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#last) / 1000) * this.#rate);
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
