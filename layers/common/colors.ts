import { color as parseColor, interpolateRgb, scaleLinear } from 'd3';

/** Colours as deck.gl takes them: 0–255 channels. */
export type Rgb = readonly [number, number, number];
export type Rgba = readonly [number, number, number, number];

export function rgba(rgb: Rgb, alpha = 255): Rgba {
  return [rgb[0], rgb[1], rgb[2], alpha];
}

/** `#rrggbb` (or any CSS colour d3 understands) → [r, g, b]; throws on a typo so a bad constant fails at load. */
export function hexToRgb(css: string): Rgb {
  const parsed = parseColor(css)?.rgb();
  if (!parsed) throw new Error(`not a colour: ${css}`);
  return [Math.round(parsed.r), Math.round(parsed.g), Math.round(parsed.b)];
}

/**
 * A piecewise-linear colour ramp over `domain` (ascending), interpolated in RGB between the given stops and clamped
 * outside the domain. Returns integer channels. Precomputed: the ramp is called once per segment/feature per update.
 */
export function colorRamp(domain: readonly number[], stops: readonly Rgb[]): (value: number) => Rgb {
  if (domain.length !== stops.length || domain.length < 2) throw new Error('colorRamp: domain and stops must match (≥ 2)');
  const scale = scaleLinear<string>()
    .domain([...domain])
    .range(stops.map((c) => `rgb(${c[0]},${c[1]},${c[2]})`))
    .interpolate(interpolateRgb)
    .clamp(true);
  return (value: number): Rgb => hexToRgb(scale(value));
}

/** The legend stops of a ramp: its colour stops at offsets 0…1 along the domain. */
export function rampLegendStops(domain: readonly number[], stops: readonly Rgb[]): { offset: number; color: Rgb }[] {
  const first = domain[0] ?? 0;
  const last = domain[domain.length - 1] ?? 1;
  const span = last - first || 1;
  return stops.map((color, i) => ({ offset: ((domain[i] ?? first) - first) / span, color }));
}
