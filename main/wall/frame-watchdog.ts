/**
 * The wall's frame watchdog, as pure bookkeeping over a clock the caller passes in (tests use virtual time): each
 * window reports painted frames; a window silent for longer than the timeout is due for a reload. A window that
 * was just reloaded (or just added) gets the full timeout again before it can be due, so a slow start is not a
 * reload loop.
 */
export class FrameWatchdog {
  readonly #timeoutMs: number;
  readonly #lastFrame = new Map<number, number>();

  constructor(timeoutMs: number) {
    if (!(timeoutMs > 0)) throw new RangeError(`watchdog timeout must be positive, got ${timeoutMs}`);
    this.#timeoutMs = timeoutMs;
  }

  /** Start watching a window (or restart its clock after a reload). */
  watch(id: number, now: number): void {
    this.#lastFrame.set(id, now);
  }

  forget(id: number): void {
    this.#lastFrame.delete(id);
  }

  /** A frame report; ignored for windows not watched (a closed window's late message). */
  frame(id: number, now: number): void {
    if (this.#lastFrame.has(id)) this.#lastFrame.set(id, Math.max(now, this.#lastFrame.get(id) ?? now));
  }

  /** Windows silent for longer than the timeout at `now`. Each one's clock restarts: it is being reloaded. */
  overdue(now: number): number[] {
    const due: number[] = [];
    for (const [id, last] of this.#lastFrame) {
      if (now - last > this.#timeoutMs) {
        due.push(id);
        this.#lastFrame.set(id, now);
      }
    }
    return due;
  }

  /** How often the caller should call overdue(): often enough to catch a stall within 1.25× the timeout. */
  get checkEveryMs(): number {
    return Math.max(250, Math.floor(this.#timeoutMs / 4));
  }
}
