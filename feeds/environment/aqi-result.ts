import { bandForAqi, type AqiBand } from './bands.js';
import { POLLUTANTS, type Pollutant } from './pollutants.js';
import { roundAqi } from './rounding.js';

/** A station's VN_AQI for one hour or one day; the shape of the protocol's AqiSummary. */
export interface AqiResult {
  /** Integer: the largest sub-index, rounded. */
  aqi: number;
  /** The pollutant with the largest sub-index. */
  dominant: Pollutant;
  band: AqiBand['level'];
  /** Integer sub-index of each pollutant that has one. */
  sub: Partial<Record<Pollutant, number>>;
}

/**
 * Combine unrounded sub-indices (QĐ 1459 §2.1): no VN_AQI unless PM10 or PM2.5 has one; the AQI is the maximum,
 * rounded once. The dominant pollutant is chosen on the unrounded values; an exact tie goes to the first in
 * POLLUTANTS order (PM first).
 */
export function combineSubIndices(subIndices: Partial<Record<Pollutant, number | null>>): AqiResult | null {
  if (subIndices.pm25 == null && subIndices.pm10 == null) return null;
  const sub: Partial<Record<Pollutant, number>> = {};
  let dominant: Pollutant | null = null;
  let highest = -Infinity;
  for (const pollutant of POLLUTANTS) {
    const value = subIndices[pollutant];
    if (value == null) continue;
    sub[pollutant] = roundAqi(value);
    if (value > highest) {
      highest = value;
      dominant = pollutant;
    }
  }
  if (dominant === null) return null;
  const aqi = roundAqi(highest);
  return { aqi, dominant, band: bandForAqi(aqi).level, sub };
}
