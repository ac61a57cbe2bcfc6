import type { Pollutant } from './pollutants.js';

/**
 * What the environment simulator knows about a monitoring station and how each kind of site behaves.
 *
 * Levels are the concentrations (µg/m³, CO too) of a typical day at the annual mean of the season and weather
 * factors; the simulator multiplies them by a diurnal cycle, a month factor, slow regional "weather" and local
 * autocorrelated noise, and adds pollution episodes on top. They are calibrated to the northern Red River delta
 * (docs/simulation.md has the sources): town stations at an annual PM2.5 mean of about 34 µg/m³ (Hải Dương is above
 * the 25 µg/m³ national limit, below Hà Nội's ~41), about 15–20 in July and 45–50 in December, haze days 80–120;
 * NO2 20–60 µg/m³; CO around 1 mg/m³; SO2 low except at cement kilns and coal power plants; O3 peaking at
 * 100–150 µg/m³ on sunny afternoons.
 */

export type StationSiteKind = 'urban' | 'industrial' | 'traffic' | 'background' | 'cement' | 'power-plant';

/** A monitoring station as the region pack describes it (structural: the region loader builds these). */
export interface StationSite {
  readonly id: string;
  readonly name: string;
  readonly site: StationSiteKind;
  readonly parameters: readonly Pollutant[];
}

export interface SiteProfile {
  /** Typical level (µg/m³) before the diurnal, seasonal and weather factors. */
  readonly base: Readonly<Record<Pollutant, number>>;
  /** How strongly the PM diurnal cycle shows (1 = the urban curve; < 1 flattens it). */
  readonly pmAmplitude: number;
  /** How strongly the traffic cycle of NO2 / CO shows. */
  readonly trafficAmplitude: number;
  /** Diurnal factors of SO2 by local hour (industrial sites follow their process, others follow traffic). */
  readonly so2Diurnal: readonly number[];
  /** Relative chance of being in a straw-burning plume (rural surroundings). */
  readonly strawExposure: number;
  /** Whether a traffic jam next to the station can happen (traffic peaks episodes). */
  readonly trafficExposure: number;
  /** Relative chance of an industrial upset at this site (0 = none). */
  readonly upsetWeight: number;
}

/** Local hour 0…23 → factor. PM: rush hours 07–09 and 17–19, high at night under the inversion, low mid-afternoon. */
export const PM_DIURNAL: readonly number[] = [
  1.18, 1.14, 1.1, 1.06, 1.05, 1.1, 1.2, 1.34, 1.38, 1.22, 1.02, 0.86, 0.76, 0.7, 0.68, 0.7, 0.8, 0.98, 1.2, 1.3,
  1.34, 1.3, 1.26, 1.22,
];

/** NO2 and CO: traffic rush hours, moderate at night (shallow boundary layer), low at midday (mixing, photolysis). */
export const TRAFFIC_GAS_DIURNAL: readonly number[] = [
  0.95, 0.88, 0.82, 0.8, 0.82, 0.95, 1.2, 1.55, 1.6, 1.3, 1.0, 0.85, 0.75, 0.7, 0.7, 0.78, 0.95, 1.3, 1.6, 1.55, 1.3,
  1.15, 1.05, 1.0,
];

/** O3: photochemical, peaking 14–15 h, lowest just before sunrise (titrated by NO overnight). */
export const O3_DIURNAL: readonly number[] = [
  0.42, 0.38, 0.35, 0.33, 0.31, 0.3, 0.3, 0.36, 0.5, 0.72, 0.98, 1.25, 1.52, 1.75, 1.92, 1.95, 1.78, 1.4, 1.0, 0.75,
  0.6, 0.52, 0.48, 0.45,
];

/** SO2 near a coal power plant: plume fumigation late morning / midday when the inversion breaks up. */
const SO2_POWER_PLANT: readonly number[] = [
  0.8, 0.78, 0.76, 0.75, 0.75, 0.78, 0.85, 0.95, 1.15, 1.35, 1.45, 1.45, 1.35, 1.2, 1.1, 1.0, 0.95, 0.92, 0.9, 0.88,
  0.86, 0.84, 0.82, 0.8,
];

/** SO2 at a cement works / industrial park: kilns run day and night, day shift (crushing, trucks) adds a little. */
const SO2_INDUSTRIAL: readonly number[] = [
  0.92, 0.9, 0.9, 0.9, 0.9, 0.92, 0.98, 1.06, 1.12, 1.14, 1.14, 1.12, 1.08, 1.08, 1.1, 1.1, 1.08, 1.04, 1.0, 0.98,
  0.96, 0.95, 0.94, 0.93,
];

/** SO2 elsewhere: small, from diesel and small boilers, loosely following traffic. */
const SO2_OTHER: readonly number[] = [
  0.95, 0.92, 0.9, 0.9, 0.9, 0.95, 1.05, 1.15, 1.18, 1.08, 1.0, 0.95, 0.92, 0.9, 0.9, 0.95, 1.0, 1.1, 1.15, 1.12,
  1.05, 1.0, 0.98, 0.96,
];

/** Month (0 = January) factors. Northern Vietnam: dry NE monsoon winters are the polluted season, rainy summers clean. */
export const PM_SEASON: readonly number[] = [1.45, 1.25, 1.1, 0.95, 0.8, 0.65, 0.6, 0.6, 0.75, 1.0, 1.3, 1.5];
export const GAS_SEASON: readonly number[] = [1.2, 1.12, 1.05, 1.0, 0.92, 0.85, 0.82, 0.82, 0.9, 1.0, 1.12, 1.2];
export const O3_SEASON: readonly number[] = [0.85, 0.9, 1.0, 1.1, 1.15, 1.05, 1.0, 1.0, 1.1, 1.1, 0.95, 0.85];

/**
 * Straw-burning season weights (expected plume events in the province per day). Rice harvests in the Red River
 * delta end in June (spring crop) and October (summer crop); burning the straw in the fields is the classic evening
 * smoke of those months, with a tail in May, September and November and a little residue burning all year.
 */
export const STRAW_BURNING_PER_DAY: readonly number[] = [0.12, 0.12, 0.08, 0.08, 0.35, 1.2, 0.3, 0.1, 0.35, 1.2, 0.3, 0.12];

/**
 * Winter stagnation (haze) episodes per day, by month: calm anticyclonic spells with a low inversion after a cold
 * surge, about a dozen multi-day ones from October to February.
 */
export const HAZE_PER_DAY: readonly number[] = [0.08, 0.06, 0.03, 0.01, 0, 0, 0, 0, 0, 0.03, 0.07, 0.08];

/** Summer downpours that wash particles out, per day, by month (mostly afternoons). */
export const RAIN_PER_DAY: readonly number[] = [0.02, 0.05, 0.1, 0.2, 0.45, 0.6, 0.7, 0.75, 0.5, 0.2, 0.05, 0.02];

export const SITE_PROFILES: Readonly<Record<StationSiteKind, SiteProfile>> = {
  urban: {
    base: { pm25: 27, pm10: 46, no2: 30, so2: 12, co: 950, o3: 48 },
    pmAmplitude: 1,
    trafficAmplitude: 1,
    so2Diurnal: SO2_OTHER,
    strawExposure: 1,
    trafficExposure: 0.5,
    upsetWeight: 0,
  },
  traffic: {
    base: { pm25: 31, pm10: 56, no2: 46, so2: 14, co: 1400, o3: 38 },
    pmAmplitude: 1.15,
    trafficAmplitude: 1.2,
    so2Diurnal: SO2_OTHER,
    strawExposure: 0.6,
    trafficExposure: 1,
    upsetWeight: 0,
  },
  industrial: {
    base: { pm25: 29, pm10: 52, no2: 28, so2: 32, co: 950, o3: 48 },
    pmAmplitude: 0.8,
    trafficAmplitude: 0.7,
    so2Diurnal: SO2_INDUSTRIAL,
    strawExposure: 1,
    trafficExposure: 0.2,
    upsetWeight: 1,
  },
  cement: {
    base: { pm25: 31, pm10: 80, no2: 26, so2: 55, co: 1000, o3: 52 },
    pmAmplitude: 0.7,
    trafficAmplitude: 0.6,
    so2Diurnal: SO2_INDUSTRIAL,
    strawExposure: 1,
    trafficExposure: 0.1,
    upsetWeight: 1.3,
  },
  'power-plant': {
    base: { pm25: 28, pm10: 50, no2: 30, so2: 72, co: 820, o3: 54 },
    pmAmplitude: 0.6,
    trafficAmplitude: 0.5,
    so2Diurnal: SO2_POWER_PLANT,
    strawExposure: 0.8,
    trafficExposure: 0,
    upsetWeight: 0.7,
  },
  background: {
    base: { pm25: 20, pm10: 33, no2: 11, so2: 6, co: 520, o3: 64 },
    pmAmplitude: 0.7,
    trafficAmplitude: 0.5,
    so2Diurnal: SO2_OTHER,
    strawExposure: 2.5,
    trafficExposure: 0,
    upsetWeight: 0,
  },
};

/** Linear interpolation of an hourly (24-entry) factor table at a fractional local hour. */
export function diurnal(table: readonly number[], localHour: number): number {
  const h = ((localHour % 24) + 24) % 24;
  const i = Math.floor(h);
  const a = table[i] ?? 1;
  const b = table[(i + 1) % 24] ?? a;
  return a + (b - a) * (h - i);
}

/** `1 + amplitude × (factor − 1)`: flattens (amplitude < 1) or sharpens a cycle. */
export function scaled(factor: number, amplitude: number): number {
  return Math.max(0.05, 1 + amplitude * (factor - 1));
}
