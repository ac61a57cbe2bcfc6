import type { INCIDENT_KINDS, Incident, IncidentEvent, IncidentSeverity } from '../../feeds/protocol/incident.js';
import type { I18n } from '../i18n/i18n.js';
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
  manual: { vi: 'Ghi nhận thủ công', en: 'Logged by hand' },
};

export const HISTORY_LABELS: Record<IncidentEvent['action'], MessageKey> = {
  opened: 'historyOpened',
  repeated: 'historyRepeated',
  escalated: 'historyEscalated',
  acknowledged: 'historyAcknowledged',
  assigned: 'historyAssigned',
  resolved: 'historyResolved',
  snoozed: 'historySnoozed',
  woken: 'historyWoken',
  commented: 'historyCommented',
  reopened: 'historyReopened',
};

/** The hub's incident engine signs its own entries "hub": the control room calls it the system. */
export const SYSTEM_ACTOR = 'hub';

/** Who did it, in the console's language: the system, or a person by their token name (data, not translated). */
export function actorName(i18n: I18n, by: string): string {
  return by === SYSTEM_ACTOR ? i18n.t('actorSystem') : by;
}

/** One timeline entry after its time: "Nâng cấp báo động (cấp 2) · Hệ thống → Đội 1 — note". */
/** `teamName`: a team id (assign's `to`) as the centre calls it; an older free-text assignee stays as it was. */
export function historyText(i18n: I18n, entry: IncidentEvent, teamName: (id: string) => string = (id) => id): string {
  const level =
    entry.action === 'escalated' && entry.level !== undefined
      ? ` (${i18n.t('historyLevel', { n: i18n.number(entry.level) })})`
      : entry.action === 'snoozed' && entry.until !== undefined
        ? ` (${i18n.t('historyUntil', { time: i18n.time(entry.until) })})`
        : '';
  const who = entry.by ? ` · ${actorName(i18n, entry.by)}` : '';
  // A person opening an incident logged it (a call, a patrol); the system detected it.
  const label = entry.action === 'opened' && entry.by !== SYSTEM_ACTOR ? 'historyLogged' : HISTORY_LABELS[entry.action];
  return `${i18n.t(label)}${level}${who}${entry.to ? ` → ${teamName(entry.to)}` : ''}${entry.note ? ` — ${entry.note}` : ''}`;
}
