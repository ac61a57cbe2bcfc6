/**
 * Exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS Architecture Blog): the n-th retry
 * waits a uniformly random time in [0, min(cap, base · 2ⁿ)). Full jitter spreads a control room's consoles and walls
 * over the whole window when a hub restarts, instead of having them all knock at the same instant.
 */
export interface BackoffPolicy {
  /** Ceiling of the first retry (attempt 0). */
  readonly baseMs: number;
  /** Largest ceiling, reached after log2(cap / base) attempts. */
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000 };

/** The upper bound of the wait before retry number `attempt` (0-based). */
export function backoffCeilingMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.floor(attempt));
  // 2 ** 1100 is Infinity, which Math.min turns back into the cap: no overflow to worry about.
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
}

/**
 * The wait before retry number `attempt` (0-based): `random()` (expected in [0, 1)) scaled to the ceiling, rounded
 * down to whole milliseconds. A `random` that strays outside [0, 1) is clamped, so the result never exceeds the cap.
 */
export function backoffDelayMs(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const ceiling = backoffCeilingMs(attempt, policy);
  const draw = random();
  const unit = Number.isFinite(draw) ? Math.min(Math.max(draw, 0), 1) : 0;
  return Math.min(Math.floor(unit * ceiling), Math.max(0, ceiling - 1));
}
