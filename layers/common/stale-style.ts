import type { Rgba } from './colors.js';

/**
 * How stale data looks (every layer of every feed, the same rule):
 *
 * When a feed's data stopped arriving (`stale: true` from the pipeline's stale detector), its layers stay on the map
 * — an operator must still see where the last known jams or alerts were — but are visibly not live:
 *   1. grey-shift: each channel moves STALE_GREY_MIX (60 %) of the way to the colour's own luminance grey
 *      (Rec. 601 weights), so hues fade but light/dark order is kept;
 *   2. dim: alpha × STALE_ALPHA_FACTOR (0.35).
 * Applied inside the colour accessors (with `stale` in their updateTriggers) and to binary colour buffers, so the
 * legend, the tooltip swatch and the map agree. Flipping stale recomputes colours once; it is rare.
 */
export const STALE_ALPHA_FACTOR = 0.35;
export const STALE_GREY_MIX = 0.6;

export function staleColor(color: Rgba, stale: boolean): Rgba {
  if (!stale) return color;
  const [r, g, b, a] = color;
  const grey = 0.299 * r + 0.587 * g + 0.114 * b;
  const mix = (c: number): number => Math.round(c + (grey - c) * STALE_GREY_MIX);
  return [mix(r), mix(g), mix(b), Math.round(a * STALE_ALPHA_FACTOR)];
}

/** The same transform written into a RGBA byte buffer at `offset` (binary attributes). */
export function writeStaleColor(target: Uint8Array, offset: number, color: Rgba, stale: boolean): void {
  const out = staleColor(color, stale);
  target[offset] = out[0];
  target[offset + 1] = out[1];
  target[offset + 2] = out[2];
  target[offset + 3] = out[3];
}
