import { outlineFor, THEME_GROUNDS } from '../../layers/common/colors.js';
import { isLegendGradient, type LegendSpec } from '../../layers/index.js';
import type { FeedName } from '../../feeds/protocol/feed-names.js';
import { FEED_LABELS } from '../health/feed-health-bar.js';
import type { I18n } from '../i18n/i18n.js';
import { h } from './dom.js';

const rgb = (color: readonly number[]): string => `rgb(${color[0] ?? 0}, ${color[1] ?? 0}, ${color[2] ?? 0})`;

/** Layer toggles (keys 1–6) with each feed's legend; a stale feed is marked beside its name. */
export class LayerPanel {
  readonly #container: HTMLElement;
  readonly #i18n: I18n;
  readonly #order: readonly FeedName[];
  readonly #legends: ReadonlyMap<string, LegendSpec>;
  readonly #visible: Map<FeedName, boolean>;
  readonly #stale = new Map<FeedName, boolean>();
  readonly #onChange: () => void;
  readonly #onReset: (() => void) | null;

  /** `onReset`: "Đặt lại giao diện" at the panel's foot (layers, filters, view back to the defaults). */
  constructor(container: HTMLElement, i18n: I18n, order: readonly FeedName[], legends: readonly LegendSpec[], onChange: () => void, onReset: (() => void) | null = null) {
    this.#onReset = onReset;
    this.#container = container;
    this.#i18n = i18n;
    this.#order = order;
    this.#legends = new Map(legends.map((legend) => [legend.id, legend]));
    this.#visible = new Map(order.map((feed) => [feed, true]));
    this.#onChange = onChange;
    this.render();
    i18n.onChange(() => this.render());
  }

  isVisible(feed: FeedName): boolean {
    return this.#visible.get(feed) ?? true;
  }

  setVisible(feed: FeedName, visible: boolean): void {
    this.#visible.set(feed, visible);
    this.render();
    this.#onChange();
  }

  toggle(index: number): void {
    const feed = this.#order[index];
    if (feed) this.setVisible(feed, !this.isVisible(feed));
  }

  setStale(feed: FeedName, stale: boolean): void {
    if (this.#stale.get(feed) === stale) return;
    this.#stale.set(feed, stale);
    this.render();
  }

  render(): void {
    const t = this.#i18n;
    const rows: HTMLElement[] = [h('h2', {}, t.t('layers'))];
    this.#order.forEach((feed, index) => {
      const checkbox = h('input', { type: 'checkbox', id: `layer-${feed}`, 'data-feed': feed });
      checkbox.checked = this.isVisible(feed);
      checkbox.addEventListener('change', () => this.setVisible(feed, checkbox.checked));
      const label = h('label', { for: `layer-${feed}`, 'data-stale': t.t('staleBadge') }, t.t(FEED_LABELS[feed]));
      const row = h('div', { class: `layer-row${this.#stale.get(feed) ? ' stale' : ''}` }, checkbox, label, h('span', { class: 'key' }, String(index + 1)));
      rows.push(row);
      const legend = this.#legends.get(feed);
      if (legend && this.isVisible(feed)) rows.push(this.#legend(legend));
    });
    const onReset = this.#onReset;
    if (onReset) {
      const reset = h('button', { type: 'button', class: 'reset-view', 'data-action': 'reset-view', title: t.t('resetViewHint') }, t.t('resetView'));
      reset.addEventListener('click', () => onReset());
      rows.push(reset);
    }
    this.#container.replaceChildren(...rows);
  }

  #legend(spec: LegendSpec): HTMLElement {
    const t = this.#i18n;
    const items = spec.items.map((item) => {
      if (isLegendGradient(item)) {
        const stops = item.gradient.stops.map((stop) => `${rgb(stop.color)} ${Math.round(stop.offset * 100)}%`).join(', ');
        return h(
          'div',
          { class: 'item' },
          h('span', {}, t.pick(item.gradient.startLabel)),
          h('span', { class: 'ramp', style: `background: linear-gradient(90deg, ${stops}); flex: 1` }),
          h('span', {}, t.pick(item.gradient.endLabel)),
        );
      }
      const ring = item.shape === 'ring';
      // The map's own outline (accident marks), or a light one where the colour alone is under 3:1 on the panel.
      const outline = item.outline ?? outlineFor(item.color, THEME_GROUNDS.panel);
      const style = ring
        ? `border: 2px solid ${rgb(item.color)}; border-radius: 50%; width: 10px; height: 10px`
        : `background: ${rgb(item.color)}${outline ? `; box-shadow: 0 0 0 1.5px ${rgb(outline)}` : ''}`;
      return h('div', { class: 'item' }, h('span', { class: 'swatch', style }), t.pick(item.label));
    });
    return h('div', { class: 'legend' }, ...items);
  }
}
