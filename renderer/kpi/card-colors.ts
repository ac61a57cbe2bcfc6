import { hexToRgb, outlineFor, readableTextOn, rgbToHex, THEME_GROUNDS, type Rgb } from '../../layers/common/colors.js';

/**
 * Colours the KPI cards draw with from TypeScript (the CSS ones are custom properties in console.css). Every one
 * is checked against the card's ground by the contrast test (test/renderer/contrast.test.ts): 3:1 for marks,
 * 4.5:1 for text; a mark that cannot be given a brighter colour (an official VN_AQI band) gets an outline.
 */
export const CARD_GROUND: Rgb = THEME_GROUNDS.card;

export const CARD_COLORS = {
  sparkline: '#38bdf8',
  /** SOC alerts per minute, severity 1 / 2 / 3. */
  socSeverity: ['#ef4444', '#f97316', '#3b82f6'],
  /** Dossiers per district by on-time rate: ≥ 95 %, ≥ 85 %, below, nothing resolved. */
  portalGood: '#2ecc71',
  portalWarn: '#f5a524',
  portalBad: '#ef4444',
  portalNoData: '#7c8798',
  /** A station bar whose station is offline. */
  stationOffline: '#7c8798',
} as const;

/** The outline a bar of this colour needs on a card (VN_AQI purple and maroon), or undefined. */
export function barOutline(css: string): string | undefined {
  const outline = outlineFor(hexToRgb(css), CARD_GROUND);
  return outline ? rgbToHex(outline) : undefined;
}

/** A number on a band-coloured pill: the band as the ground, near-black or white text, whichever reads. */
export function pillColors(band: Rgb): { background: string; color: string } {
  return { background: rgbToHex(band), color: rgbToHex(readableTextOn(band)) };
}
