import { STALE_LEGEND_NOTE, type LegendSpec } from '../common/legend-spec.js';
import { SOC_MAX_ARCS, SOC_RECENT_MINUTES } from './format-soc-data.js';
import { SOURCE_PREFIX_V4 } from './source-network.js';
import { SOC_BURST_RING, SOC_SEVERITY_COLORS } from './soc-style.js';

export const SOC_LEGEND: LegendSpec = {
  id: 'soc',
  title: { vi: 'An toàn thông tin (SOC)', en: 'Cyber security (SOC)' },
  items: [
    {
      label: {
        vi: `Cơ quan bị tấn công, cảnh báo mức cao (kích thước: số cảnh báo ${SOC_RECENT_MINUTES} phút gần nhất)`,
        en: `Targeted agency, high-severity alerts (size: alerts in the last ${SOC_RECENT_MINUTES} min)`,
      },
      color: SOC_SEVERITY_COLORS[1],
    },
    { label: { vi: 'Cảnh báo mức trung bình', en: 'Medium-severity alerts' }, color: SOC_SEVERITY_COLORS[2] },
    { label: { vi: 'Cảnh báo mức thấp', en: 'Low-severity alerts' }, color: SOC_SEVERITY_COLORS[3] },
    {
      label: { vi: 'Đột biến số cảnh báo (vòng nhấp nháy)', en: 'Alert burst (pulsing ring)' },
      color: SOC_BURST_RING,
      shape: 'ring',
    },
    {
      label: {
        vi: `Cung: mạng nguồn (/${SOURCE_PREFIX_V4}) → cơ quan bị nhắm, dày theo số cảnh báo, mờ dần theo thời gian; tối đa ${SOC_MAX_ARCS} cung mạnh nhất; nguồn bên ngoài trên vòng tròn quanh tỉnh`,
        en: `Arc: source network (/${SOURCE_PREFIX_V4}) → targeted agency, width by alert count, fading with age; at most the ${SOC_MAX_ARCS} strongest; external sources on a ring around the province`,
      },
      color: SOC_SEVERITY_COLORS[1],
      shape: 'arc',
    },
  ],
  note: STALE_LEGEND_NOTE,
};
