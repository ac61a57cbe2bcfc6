import type { LocalizedText } from '../protocol/feed-data.js';
import { roundAqi } from './rounding.js';

/** One row of Bảng 1 (ranges, quality, colour) with the health message of Bảng 4 (short form). */
export interface AqiBand {
  readonly level: 1 | 2 | 3 | 4 | 5 | 6;
  readonly min: number;
  readonly max: number;
  readonly quality: LocalizedText;
  readonly colour: LocalizedText;
  readonly rgb: readonly [number, number, number];
  /** '#RRGGBB', upper case, derived from `rgb` so the two cannot disagree. */
  readonly hex: string;
  readonly health: LocalizedText;
}

type BandRow = Omit<AqiBand, 'hex'>;

const ROWS: readonly BandRow[] = [
  {
    level: 1, min: 0, max: 50,
    quality: { vi: 'Tốt', en: 'Good' },
    colour: { vi: 'Xanh', en: 'Green' },
    rgb: [0, 228, 0],
    health: {
      vi: 'Chất lượng không khí tốt, không ảnh hưởng tới sức khỏe.',
      en: 'Good air quality, no effect on health.',
    },
  },
  {
    level: 2, min: 51, max: 100,
    quality: { vi: 'Trung bình', en: 'Moderate' },
    colour: { vi: 'Vàng', en: 'Yellow' },
    rgb: [255, 255, 0],
    health: {
      vi: 'Chất lượng không khí ở mức chấp nhận được; người nhạy cảm có thể chịu tác động nhất định tới sức khỏe.',
      en: 'Acceptable air quality; sensitive people may experience some health effects.',
    },
  },
  {
    level: 3, min: 101, max: 150,
    quality: { vi: 'Kém', en: 'Poor' },
    colour: { vi: 'Da cam', en: 'Orange' },
    rgb: [255, 126, 0],
    health: {
      vi: 'Người nhạy cảm gặp vấn đề về sức khỏe, người bình thường ít bị ảnh hưởng.',
      en: 'Sensitive people have health problems; others are little affected.',
    },
  },
  {
    level: 4, min: 151, max: 200,
    quality: { vi: 'Xấu', en: 'Bad' },
    colour: { vi: 'Đỏ', en: 'Red' },
    rgb: [255, 0, 0],
    health: {
      vi: 'Mọi người bắt đầu bị ảnh hưởng tới sức khỏe, nhóm người nhạy cảm bị ảnh hưởng nghiêm trọng hơn.',
      en: 'Everyone starts to be affected; sensitive groups more seriously.',
    },
  },
  {
    level: 5, min: 201, max: 300,
    quality: { vi: 'Rất xấu', en: 'Very bad' },
    colour: { vi: 'Tím', en: 'Purple' },
    rgb: [143, 63, 151],
    health: {
      vi: 'Cảnh báo sức khỏe: mọi người bị ảnh hưởng tới sức khỏe nghiêm trọng hơn.',
      en: 'Health warning: everyone is affected more seriously.',
    },
  },
  {
    level: 6, min: 301, max: 500,
    quality: { vi: 'Nguy hại', en: 'Hazardous' },
    colour: { vi: 'Nâu', en: 'Brown' },
    rgb: [126, 0, 35],
    health: {
      vi: 'Cảnh báo khẩn cấp về sức khỏe: toàn bộ dân số bị ảnh hưởng tới sức khỏe nghiêm trọng.',
      en: 'Health emergency: the whole population is seriously affected.',
    },
  },
];

function hexOf(rgb: readonly [number, number, number]): string {
  return `#${rgb.map((channel) => channel.toString(16).padStart(2, '0')).join('').toUpperCase()}`;
}

export const AQI_BANDS: readonly AqiBand[] = ROWS.map((row) => ({ ...row, hex: hexOf(row.rgb) }));

const HAZARDOUS = AQI_BANDS[AQI_BANDS.length - 1]!;

/**
 * The band of an AQI. The AQI is rounded first (roundAqi) so the colour always matches the integer shown:
 * 50.4 → 50 → level 1. Above 500 (possible only if a caller does not cap) stays level 6, the top of the scale.
 */
export function bandForAqi(aqi: number): AqiBand {
  if (!Number.isFinite(aqi) || aqi < 0) throw new RangeError(`VN_AQI must be a finite number ≥ 0, got ${aqi}`);
  const rounded = roundAqi(aqi);
  return AQI_BANDS.find((band) => rounded <= band.max) ?? HAZARDOUS;
}
