import type { ConnectionStatus } from '../../feeds/client/hub-streams.js';
import { h } from '../app/dom.js';
import type { I18n } from '../i18n/i18n.js';
import { wallText } from './wall-messages.js';

const HUB_TEXT = { open: 'hubLive', silent: 'hubSilent', down: 'hubDown', connecting: 'hubConnecting', reconnecting: 'hubReconnecting' } as const;

/** Title and province on the left, the layout's name, a quiet hub indicator and the clock on the right. */
export class WallHeader {
  readonly element: HTMLElement;
  readonly #i18n: I18n;
  readonly #layout = h('div', { class: 'wall-layout-name', 'data-testid': 'wall-layout-name' });
  readonly #hub = h('div', { class: 'wall-hub', 'data-status': 'connecting', 'data-testid': 'wall-hub' }, h('span', { class: 'dot' }), h('span', { class: 'text' }));
  readonly #clock = h('div', { class: 'wall-header-clock', 'data-testid': 'clock' });
  #status: ConnectionStatus | null = null;

  readonly #timeZone: string;

  constructor(i18n: I18n, province: { vi: string; en: string }, timeZone: string) {
    this.#i18n = i18n;
    this.#timeZone = timeZone;
    this.element = h(
      'header',
      { class: 'wall-header' },
      h('div', { class: 'wall-title' }, h('strong', {}, i18n.pick(province)), h('span', {}, i18n.t('appTitle'))),
      this.#layout,
      h('div', { class: 'spacer' }),
      this.#hub,
      this.#clock,
    );
    this.setHub(null);
    this.tick(Date.now());
  }

  setLayout(title: string, position: string): void {
    this.#layout.replaceChildren(h('span', {}, title), ...(position ? [h('small', {}, position)] : []));
  }

  /** Quiet while connected (a small green dot and "Hub"); says what is wrong otherwise. */
  setHub(status: ConnectionStatus | null, silent = false): void {
    this.#status = status;
    const t = this.#i18n;
    const state =
      status === null || status === 'connecting' ? 'connecting' : status === 'open' ? (silent ? 'silent' : 'open') : status === 'unauthorized' || status === 'closed' ? 'down' : 'reconnecting';
    this.#hub.dataset['status'] = state;
    const text = this.#hub.querySelector('.text');
    if (text) text.textContent = wallText(t, HUB_TEXT[state]);
  }

  get hubStatus(): ConnectionStatus | null {
    return this.#status;
  }

  tick(now: number): void {
    this.#clock.textContent = new Intl.DateTimeFormat(this.#i18n.tag, { timeZone: this.#timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(now);
  }
}
