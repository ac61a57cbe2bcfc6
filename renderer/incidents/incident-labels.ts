import type { INCIDENT_KINDS, Incident, IncidentSeverity } from '../../feeds/protocol/incident.js';
import type { MessageKey } from '../i18n/messages.js';

/** What the console's queue and the wall's board call states, severities and kinds. */
export const STATE_LABELS: Record<Incident['state'], MessageKey> = {
  open: 'stateOpen',
  acknowledged: 'stateAcknowledged',
  assigned: 'stateAssigned',
  resolved: 'stateResolved',
};
export const SEVERITY_LABELS: Record<IncidentSeverity, MessageKey> = { critical: 'severityCritical', high: 'severityHigh', medium: 'severityMedium', low: 'severityLow' };
export const KIND_LABELS: Record<(typeof INCIDENT_KINDS)[number], { vi: string; en: string }> = {
  'air-quality': { vi: 'Chất lượng không khí', en: 'Air quality' },
  'station-silent': { vi: 'Trạm mất tín hiệu', en: 'Station silent' },
  'traffic-congestion': { vi: 'Ùn tắc', en: 'Congestion' },
  'traffic-accident': { vi: 'Tai nạn', en: 'Accident' },
  'soc-high-severity': { vi: 'Cảnh báo ATTT mức cao', en: 'High-severity alert' },
  'soc-burst': { vi: 'Tấn công dồn dập', en: 'Alert burst' },
  'soc-wazuh': { vi: 'Wazuh mức nghiêm trọng', en: 'Wazuh critical rule' },
  'portal-overdue': { vi: 'Hồ sơ quá hạn', en: 'Overdue dossiers' },
};
