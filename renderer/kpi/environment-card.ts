import { bandForAqi } from '../../feeds/environment/bands.js';
import { aqiByStation, stationsReporting, worstStation } from '../../feeds/environment/environment-kpis.js';
import type { EnvironmentState } from '../../feeds/environment/environment-reducer.js';
import type { I18n } from '../i18n/i18n.js';
import { createSvg, DESK_BARS, drawBars, type BarMetrics } from './charts.js';
import { KpiCard, KpiNumber, levelBelow } from './kpi-card.js';

/** Environment: AQI per station as bars in the official band colours, worst station, stations reporting / total. */
export class EnvironmentKpiCard {
  readonly card: KpiCard;
  readonly #i18n: I18n;
  readonly #names: ReadonlyMap<string, string>;
  readonly #worst = new KpiNumber('kpi-worst-station');
  readonly #reporting = new KpiNumber('kpi-stations-reporting');
  readonly #bars = createSvg(400, 320, 'kpi-aqi-bars');
  readonly #barMetrics: BarMetrics;
  #state: EnvironmentState | null = null;
  #now = 0;

  constructor(i18n: I18n, stationNames: ReadonlyMap<string, string>, bars: BarMetrics = DESK_BARS) {
    this.#barMetrics = bars;
    this.#i18n = i18n;
    this.#names = stationNames;
    this.card = new KpiCard(i18n, 'kpiEnvironment', 'kpi-environment');
    const numbers = document.createElement('div');
    numbers.className = 'kpi-numbers';
    numbers.append(this.#worst.element, this.#reporting.element);
    this.card.body.append(numbers, this.#bars);
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
      this.#worst.set(`${t.number(worst.hourly.aqi)} · ${this.#names.get(worst.station) ?? worst.station}`, `${t.t('kpiWorstStation')} — ${t.pick(band.quality)}`);
      this.#worst.element.style.setProperty('--band', band.hex);
      (this.#worst.element.querySelector('.value') as HTMLElement).style.color = band.hex;
    }
    const reporting = stationsReporting(state, this.#now, 15_000);
    this.#reporting.set(`${reporting.reporting}/${reporting.total}`, t.t('kpiStationsReporting'), levelBelow(reporting.reporting / Math.max(1, reporting.total), 0.9, 0.7));
    const rows = aqiByStation(state).filter((row) => row.aqi !== null);
    drawBars(
      this.#bars,
      rows.map((row) => ({
        key: row.station,
        label: this.#names.get(row.station) ?? row.station,
        value: row.aqi ?? 0,
        color: row.online ? bandForAqi(row.aqi ?? 0).hex : '#4b5563',
        text: t.number(row.aqi ?? 0),
      })),
      Math.max(200, ...rows.map((row) => row.aqi ?? 0)),
      this.#barMetrics,
    );
  }
}
