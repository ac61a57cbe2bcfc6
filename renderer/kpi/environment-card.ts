import { bandForAqi } from '../../feeds/environment/bands.js';
import { aqiByStation, stationsReporting, worstStation } from '../../feeds/environment/environment-kpis.js';
import type { EnvironmentState } from '../../feeds/environment/environment-reducer.js';
import { hexToRgb } from '../../layers/common/colors.js';
import { h } from '../app/dom.js';
import type { I18n } from '../i18n/i18n.js';
import { BarList } from './bar-list.js';
import { barOutline, CARD_COLORS, pillColors } from './card-colors.js';
import { KpiCard, KpiNumber, levelBelow } from './kpi-card.js';

/** Environment: AQI per station as bars in the official band colours, worst station, stations reporting / total. */
export class EnvironmentKpiCard {
  readonly card: KpiCard;
  readonly #i18n: I18n;
  readonly #names: ReadonlyMap<string, string>;
  readonly #worst = new KpiNumber('kpi-worst-station');
  readonly #reporting = new KpiNumber('kpi-stations-reporting');
  readonly #bars = new BarList('kpi-aqi-bars');
  readonly #maxRows: number;
  /** A wall card: draw only the rows that fit its cell. */
  readonly #fit: boolean;
  #state: EnvironmentState | null = null;
  #now = 0;

  /** `maxRows`: a wall keeps the worst ten in large type; the desk shows every station. */
  constructor(i18n: I18n, stationNames: ReadonlyMap<string, string>, maxRows = Number.POSITIVE_INFINITY, fit = false) {
    this.#maxRows = maxRows;
    this.#fit = fit;
    this.#i18n = i18n;
    this.#names = stationNames;
    this.card = new KpiCard(i18n, 'kpiEnvironment', 'kpi-environment');
    const numbers = h('div', { class: 'kpi-numbers' }, this.#worst.element, this.#reporting.element);
    this.#bars.element.classList.add('chips-when-compact');
    this.card.body.append(numbers, this.#bars.element);
  }

  update(state: EnvironmentState, now: number): void {
    this.#state = state;
    this.#now = now;
    this.render();
  }

  render(): void {
    const state = this.#state;
    const t = this.#i18n;
    if (!state) return;
    const worst = worstStation(state);
    if (worst) {
      const band = bandForAqi(worst.hourly.aqi);
      // The number on a pill of its band colour: maroon "Nguy hại" text on the navy card was unreadable (1.2:1).
      const colors = pillColors(band.rgb);
      const pill = h('span', { class: 'aqi-pill', style: `background: ${colors.background}; color: ${colors.color}` }, t.number(worst.hourly.aqi));
      const name = h('span', { class: 'station' }, this.#names.get(worst.station) ?? worst.station);
      this.#worst.setContent([pill, name], `${t.t('kpiWorstStation')} — ${t.pick(band.quality)}`, `${worst.station}:${worst.hourly.aqi}:${t.locale}`);
    }
    const reporting = stationsReporting(state, this.#now, 15_000);
    this.#reporting.set(`${reporting.reporting}/${reporting.total}`, t.t('kpiStationsReporting'), levelBelow(reporting.reporting / Math.max(1, reporting.total), 0.9, 0.7));
    const rows = aqiByStation(state).filter((row) => row.aqi !== null);
    this.#bars.draw(
      rows.map((row) => {
        const color = row.online ? bandForAqi(row.aqi ?? 0).hex : CARD_COLORS.stationOffline;
        const outline = barOutline(color);
        const chip = pillColors(hexToRgb(color));
        return {
          key: row.station,
          label: this.#names.get(row.station) ?? row.station,
          value: row.aqi ?? 0,
          color,
          ...(outline ? { outline } : {}),
          chipText: chip.color,
          text: t.number(row.aqi ?? 0),
        };
      }),
      Math.max(200, ...rows.map((row) => row.aqi ?? 0)),
      this.#maxRows,
      (n) => t.t('barsMore', { n: t.number(n) }),
      this.#fit ? this.card.element : null,
    );
  }
}
