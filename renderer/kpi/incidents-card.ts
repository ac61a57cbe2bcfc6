import type { IncidentsState } from '../../feeds/incidents/incidents-reducer.js';
import { h } from '../app/dom.js';
import type { I18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { meanTimeToAcknowledge, oldestUnacknowledged, openCounts } from '../incidents/incident-order.js';
import { KpiCard, KpiNumber, levelAbove } from './kpi-card.js';

const SEVERITIES: readonly { key: 'critical' | 'high' | 'medium' | 'low'; label: MessageKey; warn: number; bad: number }[] = [
  { key: 'critical', label: 'severityCritical', warn: 1, bad: 1 },
  { key: 'high', label: 'severityHigh', warn: 1, bad: 3 },
  { key: 'medium', label: 'severityMedium', warn: 3, bad: 10 },
  { key: 'low', label: 'severityLow', warn: 10, bad: 30 },
];

/** Incidents: open by severity, mean time to acknowledge, and how long the oldest unacknowledged one has waited. */
export class IncidentsKpiCard {
  readonly card: KpiCard;
  readonly #i18n: I18n;
  readonly #bySeverity = SEVERITIES.map((severity) => new KpiNumber(`kpi-incidents-${severity.key}`));
  readonly #mtta = new KpiNumber('kpi-incidents-mtta');
  readonly #oldest = new KpiNumber('kpi-incidents-oldest');
  readonly #caption = h('div', { class: 'kpi-caption' });
  #state: IncidentsState | null = null;
  #now = Date.now();

  constructor(i18n: I18n) {
    this.#i18n = i18n;
    this.card = new KpiCard(i18n, 'kpiIncidents', 'kpi-incidents');
    // "Open by severity" said once above the four counts, each then labelled by its severity alone.
    const severities = h('div', { class: 'kpi-numbers kpi-severities' }, ...this.#bySeverity.map((n) => n.element));
    const times = h('div', { class: 'kpi-numbers' }, this.#mtta.element, this.#oldest.element);
    this.card.body.append(this.#caption, severities, times);
    this.render();
  }

  /** `now`: the moment shown (the replay clock while replaying), from which the oldest wait is counted. */
  update(state: IncidentsState, now: number = Date.now()): void {
    this.#state = state;
    this.#now = now;
    this.render();
  }

  render(): void {
    const t = this.#i18n;
    const incidents = Object.values(this.#state?.incidents ?? {});
    const counts = openCounts(incidents);
    this.#caption.textContent = t.t('kpiOpenBySeverity');
    SEVERITIES.forEach((severity, i) => {
      const count = counts[severity.key];
      this.#bySeverity[i]?.set(t.number(count), t.t(severity.label), count === 0 ? 'good' : levelAbove(count, severity.warn, severity.bad));
    });
    const mean = meanTimeToAcknowledge(incidents);
    this.#mtta.set(mean === null ? '—' : t.duration(mean), t.t('kpiMeanTimeToAck'), mean === null ? 'neutral' : levelAbove(mean, 5 * 60_000, 15 * 60_000));
    const oldest = oldestUnacknowledged(incidents);
    const waited = oldest ? this.#now - oldest.openedAt : null;
    this.#oldest.set(waited === null ? '—' : t.duration(waited), t.t('kpiOldestUnacked'), waited === null ? 'good' : levelAbove(waited, 2 * 60_000, 10 * 60_000));
  }
}
