import { congestedKm, meanNetworkSpeedKmh } from '../../feeds/traffic/traffic-kpis.js';
import type { TrafficState } from '../../feeds/traffic/traffic-reducer.js';
import type { I18n } from '../i18n/i18n.js';
import { CARD_COLORS } from './card-colors.js';
import { createSvg, drawSparkline } from './charts.js';
import { KpiCard, KpiNumber, levelAbove, levelBelow } from './kpi-card.js';

const HISTORY = 60;

/** Traffic: mean network speed (with a sparkline of the last minutes), congested km, vehicles online, accidents. */
export class TrafficKpiCard {
  readonly card: KpiCard;
  readonly #i18n: I18n;
  readonly #speed = new KpiNumber('kpi-mean-speed');
  readonly #congested = new KpiNumber('kpi-congested-km');
  readonly #vehicles = new KpiNumber('kpi-vehicles-online');
  readonly #accidents = new KpiNumber('kpi-accidents');
  readonly #sparkline = createSvg(400, 50, 'kpi-speed-sparkline');
  readonly #history: number[] = [];
  #lastSample = 0;
  #vehicleCount: number | null = null;
  #state: TrafficState | null = null;

  constructor(i18n: I18n) {
    this.#i18n = i18n;
    this.card = new KpiCard(i18n, 'kpiTraffic', 'kpi-traffic');
    const numbers = document.createElement('div');
    numbers.className = 'kpi-numbers';
    numbers.append(this.#speed.element, this.#congested.element, this.#vehicles.element, this.#accidents.element);
    this.card.body.append(numbers, this.#sparkline);
  }

  update(state: TrafficState, now: number): void {
    this.#state = state;
    const speed = meanNetworkSpeedKmh(state);
    // One sparkline sample per 5 s keeps an hour-ish of history readable at any update rate.
    if (speed !== null && now - this.#lastSample >= 5000) {
      this.#lastSample = now;
      this.#history.push(speed);
      if (this.#history.length > HISTORY) this.#history.shift();
      drawSparkline(this.#sparkline, this.#history, CARD_COLORS.sparkline);
    }
    this.render();
  }

  updateVehicles(count: number): void {
    this.#vehicleCount = count;
    this.render();
  }

  render(): void {
    const t = this.#i18n;
    const state = this.#state;
    const speed = state ? meanNetworkSpeedKmh(state) : null;
    this.#speed.set(speed === null ? '—' : `${t.number(speed)} ${t.t('unitKmh')}`, t.t('kpiMeanSpeed'), speed === null ? 'neutral' : levelBelow(speed, 45, 30));
    const km = state ? congestedKm(state) : null;
    this.#congested.set(km === null ? '—' : `${t.number(km, 1)} ${t.t('unitKm')}`, t.t('kpiCongestedKm'), km === null ? 'neutral' : levelAbove(km, 3, 10));
    this.#vehicles.set(this.#vehicleCount === null ? '—' : t.number(this.#vehicleCount), t.t('kpiVehiclesOnline'));
    const accidents = state ? Object.keys(state.accidents).length : null;
    this.#accidents.set(accidents === null ? '—' : t.number(accidents), t.t('kpiAccidents'), accidents === null ? 'neutral' : levelAbove(accidents, 1, 3));
  }
}
