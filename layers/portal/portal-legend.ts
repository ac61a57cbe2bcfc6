import { rampLegendStops } from '../common/colors.js';
import { STALE_LEGEND_NOTE, type LegendSpec } from '../common/legend-spec.js';
import { NO_DATA_COLOR, ON_TIME_COLORS, ON_TIME_DOMAIN } from './portal-style.js';

export const PORTAL_LEGEND: LegendSpec = {
  id: 'portal',
  // Also the title of the key drawn on the map itself: the choropleth must read as data, not as land.
  title: { vi: 'Hồ sơ giải quyết đúng hạn theo huyện', en: 'Dossiers resolved on time, by district' },
  items: [
    {
      label: { vi: 'Đúng hạn / đã giải quyết (hôm nay)', en: 'On time / resolved (today)' },
      gradient: {
        stops: rampLegendStops(ON_TIME_DOMAIN, ON_TIME_COLORS),
        startLabel: { vi: '≤ 60 %', en: '≤ 60 %' },
        endLabel: { vi: '100 %', en: '100 %' },
      },
    },
    { label: { vi: 'Chưa có hồ sơ được giải quyết', en: 'No dossier resolved yet' }, color: NO_DATA_COLOR, shape: 'square' },
  ],
  note: STALE_LEGEND_NOTE,
};
