/**
 * Whether a concentration can enter the calculation: finite and not negative. The decision computes only from
 * QA/QC'd means, so anything else (a NaN from a parser, an analyser's negative zero-drift reading) counts as missing.
 */
export function isValidConcentration(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
