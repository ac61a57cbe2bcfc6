import type { Incident } from '../../feeds/protocol/incident.js';
import type { I18n } from '../i18n/i18n.js';
import { h } from '../app/dom.js';
import { wallText } from './wall-messages.js';

/**
 * The wall's critical-incident banner, on every display: shown for as long as a critical incident is open (not
 * yet acknowledged), newest first, whatever layout is up. Unlike the console's banner it does not time out or wait
 * for a *new* incident: a wall reloaded by its watchdog must still show a critical incident that is waiting.
 */
export class CriticalStrip {
  readonly #element: HTMLElement;
  readonly #i18n: I18n;

  constructor(element: HTMLElement, i18n: I18n) {
    this.#element = element;
    this.#i18n = i18n;
  }

  update(incidents: readonly Incident[]): void {
    const open = incidents.filter((incident) => incident.severity === 'critical' && incident.state === 'open').sort((a, b) => b.openedAt - a.openedAt);
    const newest = open[0];
    this.#element.hidden = !newest;
    if (!newest) return;
    this.#element.dataset['incident'] = newest.id;
    // The count of the others has its own box that never shrinks: the title may wrap to two lines, "+4" never goes.
    const title = h('span', { class: 'wall-critical-title' }, `⚠ ${wallText(this.#i18n, 'criticalOpen')}: ${this.#i18n.pick(newest.title)}`);
    const more = open.length > 1 ? [h('span', { class: 'wall-critical-more', 'data-testid': 'critical-more' }, wallText(this.#i18n, 'criticalMore', { n: open.length - 1 }))] : [];
    this.#element.replaceChildren(title, ...more);
  }
}
