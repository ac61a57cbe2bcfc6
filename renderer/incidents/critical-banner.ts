import type { Incident } from '../../feeds/protocol/incident.js';
import { h } from '../app/dom.js';
import type { I18n } from '../i18n/i18n.js';

/**
 * A banner for every critical incident the console has not seen open before (`onFresh` hears of it too: the desk's
 * tone and notification, alert-tone.ts).
 * Incidents present in the first snapshot do not trigger it: they are not new to the control room.
 */
export class CriticalBanner {
  readonly #element: HTMLElement;
  readonly #i18n: I18n;
  readonly #seen = new Set<string>();
  #primed = false;
  #timer: number | null = null;
  readonly #onFresh: ((incident: Incident) => void) | null;

  constructor(element: HTMLElement, i18n: I18n, onClick: (id: string) => void, onFresh: ((incident: Incident) => void) | null = null) {
    this.#element = element;
    this.#i18n = i18n;
    this.#onFresh = onFresh;
    element.addEventListener('click', () => {
      const id = element.dataset['incident'];
      if (id) onClick(id);
      this.hide();
    });
  }

  update(incidents: readonly Incident[]): void {
    const fresh = incidents.filter((incident) => incident.severity === 'critical' && incident.state === 'open' && !this.#seen.has(incident.id));
    for (const incident of incidents) this.#seen.add(incident.id);
    if (!this.#primed) {
      this.#primed = true;
      return;
    }
    const newest = fresh.sort((a, b) => b.openedAt - a.openedAt)[0];
    // A snoozed incident was dealt with for now by a person: it does not swell the banner's count.
    const now = Date.now();
    const others = incidents.filter((incident) => incident.severity === 'critical' && incident.state === 'open' && incident.id !== newest?.id && !(incident.snoozedUntil !== undefined && incident.snoozedUntil > now)).length;
    if (newest) {
      this.show(newest, others);
      this.#onFresh?.(newest);
    }
  }

  /** `others`: the other critical incidents still open, counted in a box of their own that the title never pushes out. */
  show(incident: Incident, others = 0): void {
    this.#element.hidden = false;
    this.#element.dataset['incident'] = incident.id;
    const title = h('span', { class: 'banner-title' }, `⚠ ${this.#i18n.t('newCritical')}: ${this.#i18n.pick(incident.title)}`);
    const more = others > 0 ? [h('span', { class: 'banner-more', 'data-testid': 'critical-more' }, this.#i18n.t('moreCritical', { n: this.#i18n.number(others) }))] : [];
    this.#element.replaceChildren(title, ...more);
    if (this.#timer !== null) window.clearTimeout(this.#timer);
    this.#timer = window.setTimeout(() => this.hide(), 30_000);
  }

  hide(): void {
    this.#element.hidden = true;
  }
}
