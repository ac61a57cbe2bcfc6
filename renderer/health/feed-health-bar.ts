import type { FeedHealthMap } from '../../feeds/client/feed-health.js';
import { FEED_NAMES, type FeedName } from '../../feeds/protocol/feed-names.js';
import { h } from '../app/dom.js';
import type { I18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';

export const FEED_LABELS: Record<FeedName, MessageKey> = {
  traffic: 'feedTraffic',
  vehicles: 'feedVehicles',
  environment: 'feedEnvironment',
  soc: 'feedSoc',
  portal: 'feedPortal',
  incidents: 'feedIncidents',
};

const STATE_LABELS = { live: 'healthLive', stale: 'healthStale', reconnecting: 'healthReconnecting', down: 'healthDown' } as const;

/** One pill per feed: live / stale / reconnecting / down, with the age of its last update. */
export class FeedHealthBar {
  readonly #pills = new Map<FeedName, { pill: HTMLElement; name: HTMLElement; age: HTMLElement }>();
  readonly #i18n: I18n;
  #health: FeedHealthMap | null = null;
  /** Which hub the console is on (host:port): with several hubs an operator must see which one carries the desk. */
  readonly #hub = h('div', { class: 'feed hub', 'data-feed': 'hub' });
  #hubHost = '';

  constructor(container: HTMLElement, i18n: I18n) {
    this.#i18n = i18n;
    container.append(this.#hub);
    for (const feed of FEED_NAMES) {
      const name = h('span', { class: 'name' });
      const age = h('span', { class: 'age' });
      const pill = h('div', { class: 'feed', 'data-feed': feed, 'data-state': 'connecting' }, h('span', { class: 'dot' }), name, age);
      container.append(pill);
      this.#pills.set(feed, { pill, name, age });
    }
    this.render(Date.now());
  }

  /** The hub URL of the current connection (HubConnection.hub$). */
  setHub(url: string): void {
    try {
      this.#hubHost = new URL(url).host;
    } catch {
      this.#hubHost = url;
    }
    this.render(Date.now());
  }

  update(health: FeedHealthMap, now: number): void {
    this.#health = health;
    this.render(now);
  }

  render(now: number): void {
    this.#hub.textContent = this.#hubHost === '' ? '' : this.#i18n.t('healthHub', { host: this.#hubHost });
    this.#hub.title = this.#i18n.t('healthHubTitle');
    for (const [feed, parts] of this.#pills) {
      const health = this.#health?.[feed];
      const state = health?.state ?? 'connecting';
      parts.pill.dataset['state'] = state;
      parts.name.textContent = this.#i18n.t(FEED_LABELS[feed]);
      const stateText = state === 'connecting' ? this.#i18n.t('healthConnecting') : this.#i18n.t(STATE_LABELS[state]);
      const age = health?.lastUpdate != null ? this.#i18n.age(now - health.lastUpdate) : this.#i18n.t('ageNever');
      parts.age.textContent = state === 'live' ? age : `${stateText} · ${age}`;
      parts.pill.title = `${this.#i18n.t(FEED_LABELS[feed])}: ${stateText}`;
    }
  }

  /**
   * While replaying: each pill says "phát lại" and how old the feed's last item is at the moment shown (`lastTs`:
   * ts of the last replayed item, null when none since the moment sought). `render` returns to live health.
   */
  showReplay(lastTs: Partial<Record<FeedName, number | null>>, clock: number): void {
    for (const [feed, parts] of this.#pills) {
      const ts = lastTs[feed];
      parts.pill.dataset['state'] = 'replay';
      parts.name.textContent = this.#i18n.t(FEED_LABELS[feed]);
      parts.age.textContent = ts === undefined || ts === null ? '' : this.#i18n.age(Math.max(0, clock - ts));
      parts.pill.title = `${this.#i18n.t(FEED_LABELS[feed])}: ${this.#i18n.t('healthReplay')}`;
    }
  }

  state(feed: FeedName): string {
    return this.#health?.[feed].state ?? 'connecting';
  }
}
