import { h } from '../app/dom.js';
import type { I18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';

export type KpiLevel = 'good' | 'warn' | 'bad' | 'neutral';

/** A KPI card: title, stale badge, body. A stale card is greyed and says so — it never looks live. */
export class KpiCard {
  readonly element: HTMLElement;
  readonly body: HTMLElement;
  readonly #title: HTMLElement;
  readonly #badge: HTMLElement;
  readonly #i18n: I18n;
  readonly #titleKey: MessageKey;

  constructor(i18n: I18n, titleKey: MessageKey, testId: string) {
    this.#i18n = i18n;
    this.#titleKey = titleKey;
    this.#title = h('span');
    this.#badge = h('span', { class: 'stale-badge' });
    this.body = h('div');
    this.element = h('article', { class: 'kpi-card', 'data-testid': testId }, h('h2', {}, this.#title, this.#badge), this.body);
    this.renderTitle();
  }

  renderTitle(): void {
    this.#title.textContent = this.#i18n.t(this.#titleKey);
    this.#badge.textContent = this.#i18n.t('staleBadge');
  }

  setStale(stale: boolean): void {
    this.element.classList.toggle('stale', stale);
    this.element.dataset['stale'] = String(stale);
  }
}

/** A big number with a label and a threshold level. */
export class KpiNumber {
  readonly element: HTMLElement;
  readonly #value: HTMLElement;
  readonly #label: HTMLElement;

  constructor(testId: string) {
    this.#value = h('div', { class: 'value' }, '—');
    this.#label = h('div', { class: 'label' });
    this.element = h('div', { class: 'kpi-number', 'data-testid': testId }, this.#value, this.#label);
  }

  #contentKey: string | null = null;

  set(value: string, label: string, level: KpiLevel = 'neutral'): void {
    this.#contentKey = null;
    if (this.#value.textContent !== value) this.#value.textContent = value;
    if (this.#label.textContent !== label) this.#label.textContent = label;
    this.element.dataset['level'] = level;
  }

  /** A value made of elements (a coloured pill and a name); `key` says when they changed, so nothing is redrawn idly. */
  setContent(value: readonly Node[], label: string, key: string, level: KpiLevel = 'neutral'): void {
    if (this.#contentKey !== key) {
      this.#contentKey = key;
      this.#value.replaceChildren(...value);
    }
    if (this.#label.textContent !== label) this.#label.textContent = label;
    this.element.dataset['level'] = level;
  }
}

export function levelAbove(value: number, warn: number, bad: number): KpiLevel {
  return value >= bad ? 'bad' : value >= warn ? 'warn' : 'good';
}

export function levelBelow(value: number, warn: number, bad: number): KpiLevel {
  return value <= bad ? 'bad' : value <= warn ? 'warn' : 'good';
}
