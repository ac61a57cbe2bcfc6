import type { FeedHealthMap } from '../../../feeds/client/feed-health.js';
import { h } from '../../app/dom.js';
import { FeedHealthBar } from '../../health/feed-health-bar.js';
import { wallText } from '../wall-messages.js';
import type { PanelContext, WallPanel } from './wall-panel.js';

/** The console's feed health pills, one per feed, stacked large. */
export class HealthPanel implements WallPanel {
  readonly element: HTMLElement;
  readonly feeds = [] as const;
  readonly #bar: FeedHealthBar;
  #health: FeedHealthMap | null = null;
  readonly #hub: { unsubscribe(): void };

  constructor(context: PanelContext) {
    const pills = h('div', { class: 'health wall-health-pills', 'data-testid': 'wall-health' });
    this.#bar = new FeedHealthBar(pills, context.i18n);
    this.#hub = context.streams.connection.hub$.subscribe((url) => this.#bar.setHub(url));
    this.element = h('div', { class: 'wall-health' }, h('h2', {}, wallText(context.i18n, 'healthTitle')), pills);
  }

  tick(now: number, health: FeedHealthMap | null): void {
    if (health && health !== this.#health) {
      this.#health = health;
      this.#bar.update(health, now);
    } else this.#bar.render(now);
  }

  destroy(): void {
    this.#hub.unsubscribe();
  }
}
