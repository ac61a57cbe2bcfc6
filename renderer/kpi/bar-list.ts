import { h } from '../app/dom.js';
import { fitRows } from './fit-rows.js';

export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  /** CSS colour of the bar. */
  readonly color: string;
  /** Light outline when the bar's colour does not stand 3:1 off the card (card-colors.ts), else absent. */
  readonly outline?: string;
  /** The value as a chip of the bar's colour (compact desk cards hide the track): its text colour for contrast. */
  readonly chipText?: string;
  readonly text: string;
}

/**
 * Horizontal bars as HTML (AQI per station, dossiers per district): text at real pixel sizes, in one column at a
 * wall or in as many columns as the desk's compact card has room for (CSS grid, `--bar-rows`), labels that wrap
 * instead of being cut. `maxRows` keeps the first rows (callers pass them worst-first); the others are counted
 * in a last line, never silently dropped.
 */
export class BarList {
  readonly element: HTMLOListElement;
  readonly #rows = new Map<string, { item: HTMLLIElement; label: HTMLElement; bar: HTMLElement; value: HTMLElement }>();
  readonly #more = h('li', { class: 'bar-more' });

  constructor(testId: string) {
    this.element = h('ol', { class: 'kpi-bars', 'data-testid': testId });
  }

  /** `fitTo`: the card whose box the rows must fit (a wall); fewer rows are drawn, the rest counted. */
  draw(bars: readonly Bar[], max: number, maxRows = Number.POSITIVE_INFINITY, moreText: (n: number) => string = (n) => `+${n}`, fitTo: HTMLElement | null = null): void {
    fitRows(fitTo, Math.min(bars.length, maxRows), (count) => this.#draw(bars, max, count, moreText));
  }

  #draw(bars: readonly Bar[], max: number, maxRows: number, moreText: (n: number) => string): void {
    const shown = bars.slice(0, maxRows);
    const keep = new Set(shown.map((bar) => bar.key));
    for (const [key, row] of this.#rows) {
      if (!keep.has(key)) {
        row.item.remove();
        this.#rows.delete(key);
      }
    }
    const scale = Math.max(1, max);
    const items: HTMLLIElement[] = shown.map((bar) => {
      let row = this.#rows.get(bar.key);
      if (!row) {
        const label = h('span', { class: 'bar-label' });
        const fill = h('span', { class: 'bar-fill' });
        const value = h('span', { class: 'bar-value' });
        row = { item: h('li', { 'data-key': bar.key }, label, h('span', { class: 'bar-track' }, fill), value), label, bar: fill, value };
        this.#rows.set(bar.key, row);
      }
      if (row.label.textContent !== bar.label) row.label.textContent = bar.label;
      if (row.value.textContent !== bar.text) row.value.textContent = bar.text;
      row.bar.style.width = `${Math.max(1, Math.min(100, (bar.value / scale) * 100)).toFixed(1)}%`;
      row.bar.style.background = bar.color;
      row.bar.style.boxShadow = bar.outline ? `inset 0 0 0 1.5px ${bar.outline}` : '';
      row.item.style.setProperty('--chip-bg', bar.color);
      if (bar.chipText) row.item.style.setProperty('--chip-fg', bar.chipText);
      return row.item;
    });
    const hidden = bars.length - shown.length;
    this.#more.textContent = hidden > 0 ? moreText(hidden) : '';
    this.element.style.setProperty('--bar-rows', String(Math.ceil(shown.length / 2)));
    this.element.replaceChildren(...items, ...(hidden > 0 ? [this.#more] : []));
  }
}
