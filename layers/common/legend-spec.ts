import type { LocalizedText } from '../../feeds/protocol/feed-data.js';
import type { Rgb } from './colors.js';

/**
 * What a map legend shows for one feed. Plain data (no DOM): renderer/ draws it, the wall and the operator desk alike.
 * Every label is bilingual; the app picks `vi` or `en` by its locale.
 */
export interface LegendSpec {
  /** Stable key (the feed name), for React-less renderers that diff legends by key. */
  id: string;
  title: LocalizedText;
  items: LegendItem[];
  /** Optional footnote, e.g. how stale data looks. */
  note?: LocalizedText;
}

/** A swatch: one colour for one class (an AQI band, a vehicle kind, a severity). */
export interface LegendSwatch {
  label: LocalizedText;
  color: Rgb;
  /** How the swatch is drawn; defaults to a filled circle. `ring` = hollow (e.g. offline stations). */
  shape?: 'circle' | 'ring' | 'line' | 'square' | 'arc';
  /** The outline the map draws around the mark (a black fatal-accident dot has a white one); the legend shows it. */
  outline?: Rgb;
}

/** A continuous ramp: `stops` at offsets 0…1 along the bar, labelled at both ends. */
export interface LegendGradient {
  label: LocalizedText;
  gradient: {
    stops: { offset: number; color: Rgb }[];
    startLabel: LocalizedText;
    endLabel: LocalizedText;
  };
}

export type LegendItem = LegendSwatch | LegendGradient;

export function isLegendGradient(item: LegendItem): item is LegendGradient {
  return 'gradient' in item;
}

/** The note every legend carries: how a feed whose data stopped arriving is drawn (see stale-style.ts). */
export const STALE_LEGEND_NOTE: LocalizedText = {
  vi: 'Lớp mờ và xám: dữ liệu đã cũ (mất kết nối nguồn)',
  en: 'Faded and greyed: data is stale (source not updating)',
};
