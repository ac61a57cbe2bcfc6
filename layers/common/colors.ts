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

/** WCAG 2.x relative luminance of an sRGB colour (0 black … 1 white). */
export function relativeLuminance(rgb: Rgb): number {
  const linear = (channel: number): number => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
}

/** WCAG contrast ratio of two opaque colours, 1…21 (order does not matter). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** WCAG AA: 4.5:1 for text, 3:1 for graphics (swatches, bars, symbol outlines) and large text. */
export const AA_TEXT = 4.5;
export const AA_GRAPHICS = 3;

/** Text on a coloured ground (a band-coloured pill): near-black or white, whichever reads better. */
export const INK_DARK: Rgb = [17, 17, 17];
export const INK_LIGHT: Rgb = [255, 255, 255];
export function readableTextOn(background: Rgb): Rgb {
  return contrastRatio(INK_DARK, background) >= contrastRatio(INK_LIGHT, background) ? INK_DARK : INK_LIGHT;
}

/**
 * The light outline a mark gets when its fill alone does not stand 3:1 off the ground (the black fatal-accident
 * swatch, VN_AQI maroon and purple on the dark theme), or null when the fill is enough.
 */
export const MARK_OUTLINE_LIGHT: Rgb = [230, 237, 247];
export function outlineFor(fill: Rgb, background: Rgb): Rgb | null {
  return contrastRatio(fill, background) >= AA_GRAPHICS ? null : MARK_OUTLINE_LIGHT;
}

/** The dark theme's grounds that marks and text sit on (renderer/styles/console.css :root and the basemap). */
export const THEME_GROUNDS = {
  /** --bg: page, wall background, basemap outside the province. */
  page: [11, 18, 32],
  /** --panel: side column, wall panels, the layer panel. */
  panel: [17, 26, 43],
  /** --panel-2: KPI cards, incident rows. */
  card: [22, 34, 58],
  /** The basemap's province fill (renderer/map/basemap-style.ts). */
  province: [20, 32, 51],
} as const satisfies Record<string, Rgb>;

/** `[r, g, b]` → `#rrggbb` for CSS. */
export function rgbToHex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}
