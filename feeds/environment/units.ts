import { POLLUTANT_NAMES, type Pollutant } from './pollutants.js';

export type ConcentrationUnit = 'ug/m3' | 'mg/m3' | 'ppb' | 'ppm';

/**
 * Molar volume (L/mol) at 25 °C and 1 atm. QĐ 1459 states no conversion condition; QCVN 05:2023/BTNMT uses
 * 25 °C, 1 atm, and so do US EPA analysers' µg/m³ outputs.
 */
export const MOLAR_VOLUME_L_PER_MOL = 24.45;

/** g/mol of the gases; PM has none, so a mixing ratio of PM cannot be converted. */
export const MOLAR_MASS_G_PER_MOL: Readonly<Partial<Record<Pollutant, number>>> = {
  no2: 46.01,
  so2: 64.07,
  o3: 48.0,
  co: 28.01,
};

/** A concentration in µg/m³, the unit of every breakpoint of Bảng 2 (CO included). */
export function toMicrogramsPerCubicMetre(pollutant: Pollutant, value: number, unit: ConcentrationUnit): number {
  switch (unit) {
    case 'ug/m3':
      return value;
    case 'mg/m3':
      return value * 1000;
    case 'ppb':
    case 'ppm': {
      const molarMass = MOLAR_MASS_G_PER_MOL[pollutant];
      if (molarMass === undefined) {
        const name = POLLUTANT_NAMES[pollutant].symbol;
        throw new Error(`Cannot convert ${name} from ${unit}: particulate matter has no molar mass; use µg/m³ or mg/m³`);
      }
      const ppb = unit === 'ppm' ? value * 1000 : value;
      return (ppb * molarMass) / MOLAR_VOLUME_L_PER_MOL;
    }
  }
}

const UNITS: readonly ConcentrationUnit[] = ['ug/m3', 'mg/m3', 'ppb', 'ppm'];

/**
 * A unit as analysers and CSV headers spell it: 'µg/m³', 'μg/m3' (micro sign or Greek mu), 'ug/m3', 'UG/M3',
 * 'mg/m³', 'ug/m^3', 'ppb', 'PPM', with or without spaces. null if unknown.
 */
export function parseUnit(text: string): ConcentrationUnit | null {
  const normalised = text
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[µμ]/g, 'u')
    .replace(/³|\^3/g, '3');
  return UNITS.find((unit) => unit === normalised) ?? null;
}
