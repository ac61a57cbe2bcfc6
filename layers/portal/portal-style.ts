import { colorRamp, type Rgb } from '../common/colors.js';

/**
 * On-time rate = resolvedOnTime / (resolvedOnTime + resolvedLate). Sequential ramp red (low) → green (high), the
 * 5-class ColorBrewer RdYlGn colours as stops, interpolated in RGB and clamped:
 *   ≤ 60 %  #D73027   70 %  #FC8D59   80 %  #FEE08B   90 %  #91CF60   100 %  #1A9850
 * The domain starts at 60 %, not 0: provincial units resolve most dossiers on time (targets are ≥ 95 %), so a
 * 0–100 % ramp would paint every district the same green; below 60 % is "as bad as it gets" for the choropleth.
 * Monotonic: along the ramp green − red strictly increases, so a better rate is always a greener colour.
 */
export const ON_TIME_DOMAIN = [0.6, 0.7, 0.8, 0.9, 1] as const;
export const ON_TIME_COLORS: readonly Rgb[] = [
  [215, 48, 39],
  [252, 141, 89],
  [254, 224, 139],
  [145, 207, 96],
  [26, 152, 80],
];
export const onTimeColor = colorRamp(ON_TIME_DOMAIN, ON_TIME_COLORS);

/** A district with nothing resolved yet today (or no stats at all). */
export const NO_DATA_COLOR: Rgb = [170, 170, 170];
export const FILL_ALPHA = 170;
export const NO_DATA_ALPHA = 90;
export const DISTRICT_LINE_COLOR: Rgb = [255, 255, 255];
export const DISTRICT_HIGHLIGHT_LINE_COLOR: Rgb = [33, 33, 33];
