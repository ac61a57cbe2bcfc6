/**
 * Round an AQI or sub-index to an integer, half up (112.5 → 113). QĐ 1459 says only "làm tròn thành số nguyên";
 * half-up reproduces its worked examples but one (an NO2 sub-index printed 60 where the formula gives 59.35).
 * The value is first snapped to 9 decimals so that a result which is exactly x.5 in decimal, as a hand or
 * spreadsheet calculation sees it, but x.4999… in binary (O3 1-h = 36.8 µg/m³ gives 11.499999999999998) rounds
 * up as the hand calculation does; no measurement is that precise. Math.round is half-up for the non-negative
 * values an AQI takes.
 */
export function roundAqi(x: number): number {
  return Math.round(Math.round(x * 1e9) / 1e9);
}
