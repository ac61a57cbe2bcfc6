import type { IncidentsState } from '../../feeds/incidents/incidents-reducer.js';
import type { I18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { KpiCard, KpiNumber, levelAbove } from './kpi-card.js';

const SEVERITIES: readonly { key: string; label: MessageKey; warn: number; bad: number }[] = [
  { key: 'critical', label: 'severityCritical', warn: 1, bad: 1 },
  { key: 'high', label: 'severityHigh', warn: 1, bad: 3 },
  { key: 'medium', label: 'severityMedium', warn: 3, bad: 10 },
  { key: 'low', label: 'severityLow', warn: 10, bad: 30 },
];

/** Incidents: open by severity and mean time to acknowledge (over incidents acknowledged in the state). */
export class IncidentsKpiCard {
  readonly card: KpiCard;
  readonly #i18n: I18n;
  readonly #bySeverity = SEVERITIES.map((severity) => new KpiNumber(`kpi-incidents-${severity.key}`));
  readonly #mtta = new KpiNumber('kpi-incidents-mtta');
  #state: IncidentsState | null = null;

  constructor(i18n: I18n) {
    this.#i18n = i18n;
    this.card = new KpiCard(i18n, 'kpiIncidents', 'kpi-incidents');
    const numbers = document.createElement('div');
    numbers.className = 'kpi-numbers';
    numbers.append(...this.#bySeverity.map((n) => n.element), this.#mtta.element);
    this.card.body.append(numbers);
    this.render();
  }

  update(state: IncidentsState): void {
    this.#state = state;
    this.render();
  }

  render(): void {
    const t = this.#i18n;
    const incidents = Object.values(this.#state?.incidents ?? {});
    const open = incidents.filter((incident) => incident['state'] !== 'resolved');
    SEVERITIES.forEach((severity, i) => {
      const count = open.filter((incident) => incident['severity'] === severity.key).length;
      this.#bySeverity[i]?.set(t.number(count), `${t.t('kpiOpenBySeverity')}: ${t.t(severity.label)}`, count === 0 ? 'good' : levelAbove(count, severity.warn, severity.bad));
    });
    const acked = incidents.filter((incident) => typeof incident['ackedAt'] === 'number' && typeof incident['openedAt'] === 'number');
    const mean = acked.length === 0 ? null : acked.reduce((sum, incident) => sum + (Number(incident['ackedAt']) - Number(incident['openedAt'])), 0) / acked.length;
    this.#mtta.set(mean === null ? '—' : t.age(mean).replace(/ trước| ago/, ''), t.t('kpiMeanTimeToAck'));
  }
}
