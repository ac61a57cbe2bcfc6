import { onlineSharePercent, onTimePercent, overdue, portalTotals, receivedToday } from '../../feeds/portal/portal-kpis.js';
import type { PortalState } from '../../feeds/portal/portal-reducer.js';
import type { I18n } from '../i18n/i18n.js';
import { createSvg, DESK_BARS, drawBars, type BarMetrics } from './charts.js';
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
  readonly #bars = createSvg(400, 200, 'kpi-portal-bars');
  readonly #barMetrics: BarMetrics;
  #state: PortalState | null = null;

  constructor(i18n: I18n, districtNames: ReadonlyMap<string, string>, bars: BarMetrics = DESK_BARS) {
    this.#barMetrics = bars;
    this.#i18n = i18n;
    this.#districtNames = districtNames;
    this.card = new KpiCard(i18n, 'kpiPortal', 'kpi-portal');
    const numbers = document.createElement('div');
    numbers.className = 'kpi-numbers';
    numbers.append(this.#received.element, this.#onTime.element, this.#overdue.element, this.#online.element);
    this.card.body.append(numbers, this.#bars);
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
    drawBars(
      this.#bars,
      districts
        .sort((a, b) => b.received - a.received)
        .map((unit) => {
          const rate = onTimePercent(unit);
          return {
            key: unit.unit,
            label: this.#districtNames.get(unit.unit) ?? unit.unit,
            value: unit.received,
            color: rate === null ? '#64748b' : rate >= 95 ? '#2ecc71' : rate >= 85 ? '#f5a524' : '#ef4444',
            text: t.number(unit.received),
          };
        }),
      undefined,
      this.#barMetrics,
    );
  }
}
