import { h } from '../app/dom.js';
import type { I18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { SEARCH_KINDS, SearchIndex, type SearchEntry, type SearchKind } from './search-index.js';

const KIND_HEADINGS: Readonly<Record<SearchKind, MessageKey>> = {
  incident: 'searchKindIncident',
  station: 'searchKindStation',
  place: 'searchKindPlace',
  agency: 'searchKindAgency',
  road: 'searchKindRoad',
  vehicle: 'searchKindVehicle',
};

/** Results shown at most, and per kind: enough to choose from, short enough to read. */
const MAX_RESULTS = 24;
const MAX_PER_KIND = 6;

/**
 * "Tìm kiếm và đi tới" (`/` or Ctrl+K): one box over what the desk knows — incidents, stations, places, agencies,
 * road segments, vehicles — grouped by kind; ↑ ↓ choose, Enter flies there and opens it, Esc closes. `entries` is
 * asked each time the box opens, so it searches what is on the desk now.
 */
export class SearchBox {
  readonly element: HTMLElement;
  readonly #i18n: I18n;
  readonly #entries: () => readonly SearchEntry[];
  readonly #go: (entry: SearchEntry) => void;
  readonly #input: HTMLInputElement;
  readonly #list = h('ul', { class: 'search-results', role: 'listbox', 'data-testid': 'search-results' });
  #index = new SearchIndex([]);
  #shown: SearchEntry[] = [];
  #active = 0;
  /** Where the keyboard was before the box opened: it goes back there (a hidden focused input would eat the keys). */
  #returnFocus: HTMLElement | null = null;

  constructor(i18n: I18n, entries: () => readonly SearchEntry[], go: (entry: SearchEntry) => void) {
    this.#i18n = i18n;
    this.#entries = entries;
    this.#go = go;
    this.#input = h('input', { type: 'search', name: 'search', autocomplete: 'off', spellcheck: 'false', 'data-testid': 'search-input', role: 'combobox', 'aria-expanded': 'true' });
    this.element = h('div', { class: 'search-box', hidden: '', role: 'dialog', 'data-testid': 'search-box' }, this.#input, this.#list);
    this.#input.addEventListener('input', () => {
      this.#active = 0;
      this.#render();
    });
    this.#input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const count = this.#shown.length;
        if (count > 0) this.#active = (this.#active + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
        this.#render();
      } else if (event.key === 'Enter') {
        event.preventDefault();
        this.#choose(this.#shown[this.#active]);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.close();
      }
    });
    this.#input.addEventListener('blur', () => {
      // A click on a result lands before the blur closes the box.
      setTimeout(() => {
        if (!this.element.contains(document.activeElement)) this.close();
      }, 150);
    });
    i18n.onChange(() => this.#labels());
    this.#labels();
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  show(): void {
    const before = document.activeElement;
    if (!this.open) this.#returnFocus = before instanceof HTMLElement && before !== document.body ? before : null;
    this.#index = new SearchIndex(this.#entries());
    this.element.hidden = false;
    this.#input.select();
    this.#input.focus();
    this.#render();
  }

  close(): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    const back = this.#returnFocus;
    this.#returnFocus = null;
    if (back?.isConnected && back.checkVisibility()) back.focus();
    else this.#input.blur();
  }

  #labels(): void {
    const t = this.#i18n;
    this.#input.placeholder = t.t('searchPlaceholder');
    this.#input.setAttribute('aria-label', t.t('searchPlaceholder'));
    if (this.open) this.#render();
  }

  #choose(entry: SearchEntry | undefined): void {
    if (!entry) return;
    this.close();
    this.#go(entry);
  }

  #render(): void {
    const t = this.#i18n;
    const query = this.#input.value;
    const perKind = new Map<SearchKind, SearchEntry[]>();
    let total = 0;
    for (const { entry } of this.#index.search(query, 200)) {
      const list = perKind.get(entry.kind) ?? [];
      if (list.length >= MAX_PER_KIND || total >= MAX_RESULTS) continue;
      list.push(entry);
      perKind.set(entry.kind, list);
      total += 1;
    }
    // Grouped by kind in the index's kind order; ↑ ↓ walk the groups in that order.
    this.#shown = SEARCH_KINDS.flatMap((kind) => perKind.get(kind) ?? []);
    if (this.#active >= this.#shown.length) this.#active = 0;
    const rows: HTMLElement[] = [];
    if (query.trim() !== '' && this.#shown.length === 0) rows.push(h('li', { class: 'search-empty' }, t.t('searchNothing')));
    if (query.trim() === '') rows.push(h('li', { class: 'search-empty' }, t.t('searchHint')));
    let index = 0;
    for (const kind of SEARCH_KINDS) {
      const list = perKind.get(kind);
      if (!list) continue;
      rows.push(h('li', { class: 'search-kind', role: 'presentation' }, t.t(KIND_HEADINGS[kind])));
      for (const entry of list) {
        const at = index++;
        const row = h(
          'li',
          { class: `search-result${at === this.#active ? ' active' : ''}`, role: 'option', 'aria-selected': String(at === this.#active), 'data-kind': entry.kind, 'data-id': entry.id },
          h('strong', {}, entry.label),
          ...(entry.detail ? [h('small', {}, entry.detail)] : []),
        );
        row.addEventListener('mousedown', (event) => {
          event.preventDefault();
          this.#choose(entry);
        });
        rows.push(row);
      }
    }
    this.#list.replaceChildren(...rows);
    this.#list.querySelector('.search-result.active')?.scrollIntoView({ block: 'nearest' });
  }
}
