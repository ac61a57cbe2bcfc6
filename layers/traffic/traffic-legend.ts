import { rampLegendStops } from '../common/colors.js';
import { STALE_LEGEND_NOTE, type LegendSpec } from '../common/legend-spec.js';
import { ACCIDENT_COLORS, ACCIDENT_OUTLINE, NO_SPEED_COLOR, SPEED_RATIO_COLORS, SPEED_RATIO_DOMAIN } from './traffic-style.js';

export const TRAFFIC_LEGEND: LegendSpec = {
  id: 'traffic',
  title: { vi: 'Giao thông', en: 'Traffic' },
  items: [
    {
      label: { vi: 'Tốc độ so với tốc độ thông thoáng', en: 'Speed relative to free flow' },
      gradient: {
        stops: rampLegendStops(SPEED_RATIO_DOMAIN, SPEED_RATIO_COLORS),
        startLabel: { vi: 'Ùn tắc (≤ 10 %)', en: 'Jam (≤ 10 %)' },
        endLabel: { vi: 'Thông thoáng (≥ 90 %)', en: 'Free flow (≥ 90 %)' },
      },
    },
    { label: { vi: 'Chưa có số liệu tốc độ', en: 'No speed data' }, color: NO_SPEED_COLOR, shape: 'line' },
    { label: { vi: 'Tai nạn nhẹ', en: 'Minor accident' }, color: ACCIDENT_COLORS.minor, outline: ACCIDENT_OUTLINE },
    { label: { vi: 'Tai nạn nghiêm trọng', en: 'Serious accident' }, color: ACCIDENT_COLORS.serious, outline: ACCIDENT_OUTLINE },
    { label: { vi: 'Tai nạn chết người', en: 'Fatal accident' }, color: ACCIDENT_COLORS.fatal, outline: ACCIDENT_OUTLINE },
  ],
  note: STALE_LEGEND_NOTE,
};
