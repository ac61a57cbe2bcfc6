import { socHourTotals, socSeverityMinutes, socTopSignatures, socTopTargets } from '../../feeds/soc/soc-selectors.js';
import type { SocState } from '../../feeds/soc/soc-state.js';
import { h } from '../app/dom.js';
import type { I18n } from '../i18n/i18n.js';
import { CARD_COLORS } from './card-colors.js';
import { fitRows } from './fit-rows.js';
import { createSvg, drawStackedColumns } from './charts.js';
import { KpiCard, KpiNumber, levelAbove } from './kpi-card.js';


/** SOC: alerts per minute by severity (stacked, last hour), high-severity count, top targets, top signatures. */
export class SocKpiCard {
  readonly card: KpiCard;
  readonly #i18n: I18n;
  readonly #agencyNames: ReadonlyMap<string, { vi: string; en: string }>;
  readonly #total = new KpiNumber('kpi-soc-total');
  readonly #high = new KpiNumber('kpi-soc-high');
  readonly #chart = createSvg(400, 70, 'kpi-soc-stacked');
  readonly #targets = h('ul', { class: 'kpi-list', 'data-testid': 'kpi-top-targets' });
  readonly #signatures = h('ul', { class: 'kpi-list', 'data-testid': 'kpi-top-signatures' });
  #state: SocState | null = null;
  readonly #fit: boolean;

  /** `fit`: a wall card, whose lists keep only the rows its cell has room for. */
  constructor(i18n: I18n, agencyNames: ReadonlyMap<string, { vi: string; en: string }>, fit = false) {
    this.#fit = fit;
    this.#i18n = i18n;
    this.#agencyNames = agencyNames;
    this.card = new KpiCard(i18n, 'kpiSoc', 'kpi-soc');
    const numbers = h('div', { class: 'kpi-numbers' }, this.#total.element, this.#high.element);
    this.#chart.setAttribute('preserveAspectRatio', 'none');
    this.card.body.append(numbers, this.#chart, h('div', { class: 'soc-lists' }, this.#targets, this.#signatures));
  }

  update(state: SocState): void {
    this.#state = state;
    this.render();
  }

  render(): void {
    const state = this.#state;
    const t = this.#i18n;
    if (!state) return;
    const totals = socHourTotals(state);
    const minutes = socSeverityMinutes(state);
    const last = minutes[minutes.length - 1];
    const perMinute = last ? last.sev1 + last.sev2 + last.sev3 : 0;
    this.#total.set(t.number(perMinute), t.t('kpiAlertsPerMinute'), levelAbove(perMinute, 10, 30));
    this.#high.set(t.number(totals.sev1), t.t('socHighLastHour', { severity: t.t('severityHigh') }), levelAbove(totals.sev1, 1, 5));
    drawStackedColumns(this.#chart, minutes.map((m) => ({ sev1: m.sev1, sev2: m.sev2, sev3: m.sev3 })), ['sev1', 'sev2', 'sev3'], CARD_COLORS.socSeverity);
    const targets = socTopTargets(state, 5);
    const signatures = socTopSignatures(state, 5);
    fitRows(this.#fit ? this.card.element : null, 5, (count) => {
      this.#targets.replaceChildren(
        h('li', {}, h('strong', {}, t.t('kpiTopTargets')), h('span')),
        ...targets.slice(0, count).map((row) => {
          const name = this.#agencyNames.get(row.agency);
          return h('li', {}, h('span', {}, name ? t.pick(name) : row.agency), h('span', {}, t.number(row.count)));
        }),
      );
      this.#signatures.replaceChildren(
        h('li', {}, h('strong', {}, t.t('kpiTopSignatures')), h('span')),
        ...signatures.slice(0, count).map((row) => h('li', {}, h('span', {}, row.signature), h('span', {}, t.number(row.count)))),
      );
    });
  }
}
