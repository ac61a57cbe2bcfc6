import type { MapPick } from '../../layers/index.js';
import type { I18n } from '../i18n/i18n.js';
import type { MapView } from '../map/map-view.js';
import { h } from './dom.js';
import { FEED_LABELS } from '../health/feed-health-bar.js';

/** Detail drawer for a clicked entity, with fly-to. */
export class DetailDrawer {
  readonly #element: HTMLElement;
  readonly #i18n: I18n;
  readonly #map: MapView;
  readonly #onClose: () => void;

  constructor(element: HTMLElement, i18n: I18n, map: MapView, onClose: () => void) {
    this.#element = element;
    this.#i18n = i18n;
    this.#map = map;
    this.#onClose = onClose;
  }

  show(pick: MapPick, position: [number, number] | null): void {
    const t = this.#i18n;
    const close = h('button', { type: 'button' }, t.t('close'));
    close.addEventListener('click', () => this.hide());
    const rows: HTMLElement[] = [];
    const add = (label: string, value: string): void => {
      rows.push(h('dt', {}, label), h('dd', {}, value));
    };
    add(t.t('details'), t.t(FEED_LABELS[pick.feed]));
    add('ID', pick.id);
    if (pick.value !== null) add(pick.unit || '#', t.number(pick.value, 1));
    for (const [key, value] of Object.entries(pick)) {
      if (['feed', 'id', 'name', 'value', 'unit'].includes(key)) continue;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') add(key, typeof value === 'number' ? t.number(value, 2) : String(value));
    }
    this.#element.replaceChildren(h('h3', {}, t.pick(pick.name)), h('dl', {}, ...rows), h('p'), close);
    this.#element.hidden = false;
    if (position) this.#map.flyTo(position);
  }

  hide(): void {
    if (this.#element.hidden) return;
    this.#element.hidden = true;
    this.#onClose();
  }
}
