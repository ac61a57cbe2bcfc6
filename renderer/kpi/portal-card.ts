import { onlineSharePercent, onTimePercent, overdue, portalTotals, receivedToday } from '../../feeds/portal/portal-kpis.js';
import type { PortalState } from '../../feeds/portal/portal-reducer.js';
import type { I18n } from '../i18n/i18n.js';
import { BarList } from './bar-list.js';
import { CARD_COLORS } from './card-colors.js';
import { KpiCard, KpiNumber, levelAbove, levelBelow } from './kpi-card.js';

/** Portal: received today, on-time %, overdue, online share, dossiers received per district. */
export class PortalKpiCard {
  readonly card: KpiCard;
  readonly #i18n: I18n;
  readonly #districtNames: ReadonlyMap<string, string>;
  readonly #received = new KpiNumber('kpi-portal-received');
  readonly #onTime = new KpiNumber('kpi-portal-on-time');
  readonly #overdue = new KpiNumber('kpi-portal-overdue');
  readonly #online = new KpiNumber('kpi-portal-online');
  readonly #bars = new BarList('kpi-portal-bars');
  readonly #maxRows: number;
  /** A wall card: draw only the rows that fit its cell. */
  readonly #fit: boolean;
  #state: PortalState | null = null;

  constructor(i18n: I18n, districtNames: ReadonlyMap<string, string>, maxRows = Number.POSITIVE_INFINITY, fit = false) {
    this.#maxRows = maxRows;
    this.#fit = fit;
    this.#i18n = i18n;
    this.#districtNames = districtNames;
    this.card = new KpiCard(i18n, 'kpiPortal', 'kpi-portal');
    const numbers = document.createElement('div');
    numbers.className = 'kpi-numbers';
    numbers.append(this.#received.element, this.#onTime.element, this.#overdue.element, this.#online.element);
    this.card.body.append(numbers, this.#bars.element);
  }

  update(state: PortalState): void {
    this.#state = state;
    this.render();
  }

  render(): void {
    const state = this.#state;
    const t = this.#i18n;
    if (!state) return;
    const totals = portalTotals(state);
    this.#received.set(t.number(receivedToday(totals)), t.t('kpiReceivedToday'));
    const onTime = onTimePercent(totals);
    this.#onTime.set(onTime === null ? '—' : t.percent(onTime / 100), t.t('kpiOnTime'), onTime === null ? 'neutral' : levelBelow(onTime, 95, 85));
    const late = overdue(totals);
    this.#overdue.set(t.number(late), t.t('kpiOverdue'), levelAbove(late, 1, 20));
    const online = onlineSharePercent(totals);
    this.#online.set(online === null ? '—' : t.percent(online / 100), t.t('kpiOnlineShare'));
    const districts = Object.values(state.units).filter((unit) => this.#districtNames.has(unit.unit));
    const bars = districts
      .sort((a, b) => b.received - a.received)
      .map((unit) => {
        const rate = onTimePercent(unit);
        return {
          key: unit.unit,
          label: this.#districtNames.get(unit.unit) ?? unit.unit,
          value: unit.received,
          color: rate === null ? CARD_COLORS.portalNoData : rate >= 95 ? CARD_COLORS.portalGood : rate >= 85 ? CARD_COLORS.portalWarn : CARD_COLORS.portalBad,
          text: t.number(unit.received),
        };
      });
    this.#bars.draw(bars, Math.max(1, ...bars.map((bar) => bar.value)), this.#maxRows, (n) => t.t('barsMore', { n: t.number(n) }), this.#fit ? this.card.element : null);
  }
}
