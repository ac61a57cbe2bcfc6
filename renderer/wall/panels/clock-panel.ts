import { h } from '../../app/dom.js';
import type { PanelContext, WallPanel } from './wall-panel.js';

/** A large clock with the date and the province name (the region's time zone, whatever the machine's). */
export class ClockPanel implements WallPanel {
  readonly element: HTMLElement;
  readonly feeds = [] as const;
  readonly #time = h('div', { class: 'wall-clock-time', 'data-testid': 'wall-clock-time' });
  readonly #date = h('div', { class: 'wall-clock-date' });
  readonly #context: PanelContext;

  constructor(context: PanelContext) {
    this.#context = context;
    this.element = h('div', { class: 'wall-clock' }, this.#time, this.#date, h('div', { class: 'wall-clock-place' }, context.i18n.pick(context.region.manifest.name)));
    this.tick(Date.now());
  }

  tick(now: number): void {
    const tag = this.#context.i18n.tag;
    this.#time.textContent = new Intl.DateTimeFormat(tag, { timeZone: this.#context.timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(now);
    this.#date.textContent = new Intl.DateTimeFormat(tag, { timeZone: this.#context.timeZone, weekday: 'long', day: 'numeric', month: 'numeric', year: 'numeric' }).format(now);
  }

  destroy(): void {}
}
