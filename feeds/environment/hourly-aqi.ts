import { combineSubIndices, type AqiResult } from './aqi-result.js';
import { nowcast } from './nowcast.js';
import { subIndex } from './sub-index.js';

export type { AqiResult } from './aqi-result.js';

/** Everything in µg/m³ (CO too). */
export interface HourlyInputs {
  /** The last 12 hourly means, newest (the current hour) first; null where missing. */
  pm25: readonly (number | null)[];
  pm10: readonly (number | null)[];
  /** The current hour's 1-h means. */
  no2: number | null;
  so2: number | null;
  co: number | null;
  o3: number | null;
}

/**
 * Hourly VN_AQI (AQI^h, QĐ 1459 §2.2.1): PM2.5 and PM10 by NowCast of their last 12 hourly means, SO2, CO, NO2
 * and O3 by the current hour's 1-h mean (O3 on the O3 1h column). null when neither PM has a sub-index.
 */
export function hourlyAqi(inputs: HourlyInputs): AqiResult | null {
  return combineSubIndices({
    pm25: subIndex('pm25', nowcast(inputs.pm25)),
    pm10: subIndex('pm10', nowcast(inputs.pm10)),
    no2: subIndex('no2', inputs.no2),
    so2: subIndex('so2', inputs.so2),
    co: subIndex('co', inputs.co),
    o3: subIndex('o3_1h', inputs.o3),
  });
}
