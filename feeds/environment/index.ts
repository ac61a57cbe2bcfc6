// VN_AQI (Decision 1459/QĐ-TCMT): pure calculation, no I/O. Where the decision is silent, the choice made is
// documented beside the code that makes it (sub-index, nowcast, rounding, units, daily-aqi, station-aqi-tracker).
export type { AqiResult } from './aqi-result.js';
export { combineSubIndices } from './aqi-result.js';
export type { AqiBand } from './bands.js';
export { AQI_BANDS, bandForAqi } from './bands.js';
export type { BreakpointColumn } from './breakpoints.js';
export { BREAKPOINT_COLUMNS, BREAKPOINTS, INDEX_VALUES } from './breakpoints.js';
export type { DailyInputs } from './daily-aqi.js';
export { DAILY_MEAN_MIN_HOURS, EIGHT_HOUR_MEAN_MIN_HOURS, dailyAqi } from './daily-aqi.js';
export type { HourlyInputs } from './hourly-aqi.js';
export { hourlyAqi } from './hourly-aqi.js';
export { nowcast } from './nowcast.js';
export type { Pollutant, PollutantName } from './pollutants.js';
export { POLLUTANT_NAMES, POLLUTANTS } from './pollutants.js';
export { roundAqi } from './rounding.js';
export { StationAqiTracker } from './station-aqi-tracker.js';
export { subIndex } from './sub-index.js';
export type { ConcentrationUnit } from './units.js';
export { MOLAR_MASS_G_PER_MOL, MOLAR_VOLUME_L_PER_MOL, parseUnit, toMicrogramsPerCubicMetre } from './units.js';
export { isValidConcentration } from './valid-concentration.js';
