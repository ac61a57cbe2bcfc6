import type { Random } from '../sim/random.js';

/**
 * A Poisson-distributed count with the given mean (Knuth's method; the simulator's means are far below 1, so the
 * loop runs once or twice). Means above 30 fall back to a rounded normal approximation.
 */
export function poissonSample(random: Random, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.normal()));
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random.next();
  while (product > limit) {
    count += 1;
    product *= random.next();
  }
  return count;
}
