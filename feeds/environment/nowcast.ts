import { isValidConcentration } from './valid-concentration.js';

const HOURS = 12;
const WEIGHT_FLOOR = 0.5;

/**
 * NowCast of PM2.5 or PM10 (Công thức 2 of QĐ 1459), in µg/m³. `hourlyMeans[0]` = c1, the current hour's mean;
 * `hourlyMeans[11]` = c12, the mean 11 hours earlier; later entries are ignored, missing ones are null (or the
 * array is shorter). Invalid values (negative, non-finite) count as missing.
 *
 * As printed: w* = Cmin/Cmax over the hours present, w = max(w*, 1/2); a missing c_i gets weight 0; at least 2
 * of c1, c2, c3 must be present, else no value (null).
 *
 * Where the text is silent:
 * - Both branches use the normalised form Σ w^(i−1)·c_i / Σ w^(i−1) over the hours present. For w = 1/2 the
 *   decision prints Σ (1/2)^i·c_i without a division; with all 12 hours that differs from the normalised form by a
 *   factor 1 − 2^−12 (0.024 %, under the 0.05 % the spec notes), but with a missing hour it is biased low (drop c1
 *   and the sum loses half its weight, so the NowCast roughly halves). Normalising keeps it an average.
 * - All present values 0 (Cmax = 0, w* undefined): the NowCast is 0.
 */
export function nowcast(hourlyMeans: readonly (number | null)[]): number | null {
  const hours = hourlyMeans.slice(0, HOURS);
  const recentPresent = hours.slice(0, 3).filter(isValidConcentration).length;
  if (recentPresent < 2) return null;

  const present = hours.flatMap((value, age) => (isValidConcentration(value) ? [{ value, age }] : []));
  const values = present.map(({ value }) => value);
  const cMax = Math.max(...values);
  if (cMax === 0) return 0;
  const weight = Math.max(Math.min(...values) / cMax, WEIGHT_FLOOR);

  let weighted = 0;
  let weights = 0;
  for (const { value, age } of present) {
    weighted += weight ** age * value;
    weights += weight ** age;
  }
  return weighted / weights;
}
