import { STALE_LEGEND_NOTE, type LegendSpec } from '../common/legend-spec.js';
import { INCIDENT_SEVERITIES, INCIDENT_SEVERITY_COLORS, INCIDENT_SEVERITY_LABELS, UNACKED_OUTLINE } from './incident-style.js';

export const INCIDENTS_LEGEND: LegendSpec = {
  id: 'incidents',
  title: { vi: 'Sự cố theo mức độ', en: 'Incidents by severity' },
  items: [
    ...INCIDENT_SEVERITIES.map((severity) => ({ label: INCIDENT_SEVERITY_LABELS[severity], color: INCIDENT_SEVERITY_COLORS[severity] })),
    {
      label: { vi: 'Chưa tiếp nhận (lớn hơn, viền trắng, nhấp nháy)', en: 'Not yet acknowledged (larger, white outline, pulsing)' },
      color: UNACKED_OUTLINE,
      shape: 'ring' as const,
    },
  ],
  note: STALE_LEGEND_NOTE,
};
