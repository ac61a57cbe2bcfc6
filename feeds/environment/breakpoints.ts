/**
 * Bảng 2 of QĐ 1459/QĐ-TCMT: the index values I_i and, per column, the concentration breakpoints BP_i in µg/m³
 * (CO too: 10 000 µg/m³ = 10 mg/m³). BREAKPOINTS[column][i] belongs to INDEX_VALUES[i].
 * Level 8 is printed "≥ BP_8"; what happens above it is decided in sub-index.ts.
 */
export type BreakpointColumn = 'o3_1h' | 'o3_8h' | 'co' | 'so2' | 'no2' | 'pm10' | 'pm25';

export const BREAKPOINT_COLUMNS: readonly BreakpointColumn[] = ['o3_1h', 'o3_8h', 'co', 'so2', 'no2', 'pm10', 'pm25'];

export const INDEX_VALUES: readonly number[] = [0, 50, 100, 150, 200, 300, 400, 500];

export const BREAKPOINTS: Readonly<Record<BreakpointColumn, readonly number[]>> = {
  o3_1h: [0, 160, 200, 300, 400, 800, 1000, 1200],
  // Stops at level 6 (400 µg/m³): the table prints "–" for levels 7–8 and the 8-h O3 index is not computed above.
  o3_8h: [0, 100, 120, 170, 210, 400],
  co: [0, 10_000, 30_000, 45_000, 60_000, 90_000, 120_000, 150_000],
  so2: [0, 125, 350, 550, 800, 1600, 2100, 2630],
  no2: [0, 100, 200, 700, 1200, 2350, 3100, 3850],
  pm10: [0, 50, 150, 250, 350, 420, 500, 600],
  pm25: [0, 25, 50, 80, 150, 250, 350, 500],
};
