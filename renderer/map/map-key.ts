import { isLegendGradient, type LegendSpec } from '../../layers/index.js';
import { h } from '../app/dom.js';
import type { I18n } from '../i18n/i18n.js';

const rgb = (color: readonly number[]): string => `rgb(${color[0] ?? 0}, ${color[1] ?? 0}, ${color[2] ?? 0})`;

/**
 * A key drawn on the map itself for a layer that paints whole areas (the portal choropleth): its title and ramp,
 * so green and red districts read as figures ("dossiers resolved on time, by district"), not as land cover. The
 * layer panel may be closed and a wall has none; this stays while the layer is shown.
 */
export class MapKey {
  readonly element: HTMLElement;
  readonly #i18n: I18n;
  readonly #spec: LegendSpec;
  #shown = false;

  constructor(i18n: I18n, spec: LegendSpec) {
    this.#i18n = i18n;
    this.#spec = spec;
    this.element = h('div', { class: 'map-key', hidden: '', 'data-testid': `map-key-${spec.id}` });
    i18n.onChange(() => this.#render());
  }

  show(shown: boolean): void {
    if (shown === this.#shown) return;
    this.#shown = shown;
    this.element.hidden = !shown;
    if (shown) this.#render();
  }

  #render(): void {
    const t = this.#i18n;
    const rows: HTMLElement[] = [h('strong', {}, t.pick(this.#spec.title))];
    for (const item of this.#spec.items) {
      if (isLegendGradient(item)) {
        const stops = item.gradient.stops.map((stop) => `${rgb(stop.color)} ${Math.round(stop.offset * 100)}%`).join(', ');
        rows.push(
          h('div', { class: 'key-ramp' }, h('span', {}, t.pick(item.gradient.startLabel)), h('span', { class: 'ramp', style: `background: linear-gradient(90deg, ${stops})` }), h('span', {}, t.pick(item.gradient.endLabel))),
          h('small', {}, t.pick(item.label)),
        );
      } else {
        rows.push(h('div', { class: 'key-swatch' }, h('span', { class: 'swatch', style: `background: ${rgb(item.color)}` }), t.pick(item.label)));
      }
    }
    this.element.replaceChildren(...rows);
  }
}
