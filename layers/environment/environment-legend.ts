import { AQI_BANDS } from '../../feeds/environment/bands.js';
import { STALE_LEGEND_NOTE, type LegendSpec } from '../common/legend-spec.js';
import { NO_AQI_COLOR, OFFLINE_COLOR } from './environment-style.js';

/** VN_AQI bands with their official colours and ranges (bands.ts), then the station states. */
export const ENVIRONMENT_LEGEND: LegendSpec = {
  id: 'environment',
  title: { vi: 'Chất lượng không khí (VN_AQI)', en: 'Air quality (VN_AQI)' },
  items: [
    ...AQI_BANDS.map((band) => ({
      label: { vi: `${band.min}–${band.max} ${band.quality.vi}`, en: `${band.min}–${band.max} ${band.quality.en}` },
      color: band.rgb,
    })),
    { label: { vi: 'Chưa tính được AQI', en: 'AQI not available' }, color: NO_AQI_COLOR },
    { label: { vi: 'Trạm mất kết nối', en: 'Station offline' }, color: OFFLINE_COLOR, shape: 'ring' as const },
  ],
  note: STALE_LEGEND_NOTE,
};
