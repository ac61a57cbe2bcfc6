import type { MapPick } from '../../layers/index.js';
import type { I18n } from '../i18n/i18n.js';
import type { MapView } from '../map/map-view.js';
import { h } from './dom.js';
import { FEED_LABELS } from '../health/feed-health-bar.js';
import { pickFields, pickValueText } from './pick-text.js';

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
    add(t.t('fieldId'), pick.id);
    const value = pickValueText(t, pick);
    if (value !== null) add(t.t(FEED_LABELS[pick.feed]), value);
    for (const [label, text] of pickFields(t, pick)) add(label, text);
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
