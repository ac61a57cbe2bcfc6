/**
 * When to bring a broken wall window back. The issue asks for a crashed or unresponsive renderer to be reloaded
 * within 5 s: a crash reloads after 1 s; a renderer that keeps crashing (3 times within a minute) waits the full 5 s
 * between attempts so a crash loop does not spin the CPU, and still never waits longer.
 */
export const RELOAD_DELAY_MS = 1000;
export const RELOAD_BACKOFF_MS = 5000;
/** An 'unresponsive' renderer gets this long to recover (a long GC, a slow WebGL frame) before it is reloaded. */
export const UNRESPONSIVE_GRACE_MS = 3000;
const CRASH_WINDOW_MS = 60_000;
const CRASHES_BEFORE_BACKOFF = 3;

/** Delay before reloading, given the times of this window's recent crashes (including the one just now). */
export function reloadDelayMs(crashTimes: readonly number[], now: number): number {
  const recent = crashTimes.filter((time) => now - time <= CRASH_WINDOW_MS).length;
  return recent >= CRASHES_BEFORE_BACKOFF ? RELOAD_BACKOFF_MS : RELOAD_DELAY_MS;
}

/** Keep only what reloadDelayMs still looks at, so the list cannot grow over weeks. */
export function pruneCrashTimes(crashTimes: readonly number[], now: number): number[] {
  return crashTimes.filter((time) => now - time <= CRASH_WINDOW_MS);
}
