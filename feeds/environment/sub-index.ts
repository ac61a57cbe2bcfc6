import { BREAKPOINTS, INDEX_VALUES, type BreakpointColumn } from './breakpoints.js';
import { isValidConcentration } from './valid-concentration.js';

const TOP_INDEX = INDEX_VALUES[INDEX_VALUES.length - 1] ?? 500;

/**
 * Sub-index AQIx of a concentration (µg/m³) on one column of Bảng 2, by linear interpolation (Công thức 1):
 *   AQIx = I_i + (I_i+1 − I_i) × (Cx − BP_i) / (BP_i+1 − BP_i),   BP_i ≤ Cx ≤ BP_i+1.
 * Unrounded: only the reported AQI and sub-indices are rounded. The scale is continuous, so a concentration on a
 * breakpoint gives that breakpoint's I from either side (exactly: (Cx − BP_i)/(BP_i+1 − BP_i) is then 1 or 0).
 *
 * null when there is no index: a missing (null), negative or non-finite concentration (see isValidConcentration), or O3 8-h
 * above 400 µg/m³ — that column has no levels 7–8 and the decision says not to compute the 8-h O3 index there.
 * Above the top breakpoint of a full column (printed "≥ BP_8") the text is silent; we cap at 500, the top of the
 * scale, as one public implementation does: the band (Nguy hại) is the same, and no index above 500 is defined.
 */
export function subIndex(column: BreakpointColumn, concentration: number | null): number | null {
  if (!isValidConcentration(concentration)) return null;
  const breakpoints = BREAKPOINTS[column];
  for (let i = 0; i + 1 < breakpoints.length; i++) {
    const low = breakpoints[i]!;
    const high = breakpoints[i + 1]!;
    if (concentration <= high) {
      const indexLow = INDEX_VALUES[i]!;
      const indexHigh = INDEX_VALUES[i + 1]!;
      return indexLow + ((indexHigh - indexLow) * (concentration - low)) / (high - low);
    }
  }
  return breakpoints.length === INDEX_VALUES.length ? TOP_INDEX : null;
}
