import { describeIssues, type ResultFrame } from '../../feeds/protocol/frames.js';
import { Incident, type IncidentSeverity } from '../../feeds/protocol/incident.js';
import { h } from '../app/dom.js';
import type { I18n } from '../i18n/i18n.js';
import { SEVERITY_LABELS } from './incident-labels.js';

export interface LogIncidentActions {
  create(incident: { severity: IncidentSeverity; title: string; position: readonly [number, number]; note?: string }): Promise<ResultFrame>;
  /** Where the map is looking: the place when the officer picks none. */
  center(): readonly [number, number];
  /** The next click on the map gives the place (once); `null` cancels a pick in progress. */
  pickOnMap(done: ((position: readonly [number, number]) => void) | null): void;
  /** The region pack's unit holding the point, for the officer to check the place (null outside every unit). */
  unitAt(position: readonly [number, number]): string | null;
  /** The new incident is open on the hub: select it in the queue. */
  created(incident: Incident): void;
}

const SEVERITIES: readonly IncidentSeverity[] = ['critical', 'high', 'medium', 'low'];

/**
 * "Ghi nhận sự cố": an incident phoned in or reported by a patrol, logged by hand (op `create`, docs/incidents.md).
 * Severity, a title, a note; the place is the map's centre unless the officer picks one on the map.
 */
export class LogIncidentForm {
  readonly element: HTMLFormElement;
  readonly #i18n: I18n;
  readonly #actions: LogIncidentActions;
  readonly #severity: HTMLSelectElement;
  readonly #title: HTMLInputElement;
  readonly #note: HTMLTextAreaElement;
  readonly #place = h('span', { class: 'place', 'data-testid': 'log-place' });
  readonly #status = h('p', { class: 'op-status', 'data-testid': 'log-status' });
  readonly #pick: HTMLButtonElement;
  #position: readonly [number, number] | null = null;
  #picking = false;

  constructor(i18n: I18n, actions: LogIncidentActions) {
    this.#i18n = i18n;
    this.#actions = actions;
    const t = i18n;
    this.#severity = h('select', { name: 'severity', 'aria-label': t.t('logSeverity'), title: t.t('logSeverity') }, ...SEVERITIES.map((severity) => h('option', { value: severity }, t.t(SEVERITY_LABELS[severity]))));
    this.#severity.value = 'medium';
    this.#title = h('input', { name: 'title', maxlength: '200', placeholder: t.t('logTitlePlaceholder'), 'aria-label': t.t('logTitlePlaceholder'), 'data-testid': 'log-title' });
    this.#note = h('textarea', { name: 'log-note', rows: '2', maxlength: '2000', placeholder: t.t('logNotePlaceholder'), 'aria-label': t.t('logNotePlaceholder') });
    this.#pick = h('button', { type: 'button', 'data-action': 'log-pick' }, t.t('logPickOnMap'));
    this.#pick.addEventListener('click', () => this.#togglePick());
    const submit = h('button', { type: 'submit', 'data-action': 'log-submit' }, t.t('logSubmit'));
    const cancel = h('button', { type: 'button', 'data-action': 'log-cancel' }, t.t('logCancel'));
    cancel.addEventListener('click', () => this.close());
    this.element = h(
      'form',
      { class: 'log-incident', hidden: '', 'data-testid': 'log-incident', 'aria-label': t.t('logIncident') },
      h('h3', {}, t.t('logIncident')),
      h('div', { class: 'row' }, this.#severity, this.#title),
      this.#note,
      h('div', { class: 'row place-row' }, this.#place, this.#pick),
      h('div', { class: 'actions' }, submit, cancel),
      this.#status,
    );
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit();
    });
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  show(): void {
    this.element.hidden = false;
    this.#position = null;
    this.#status.textContent = '';
    this.#status.classList.remove('error');
    this.#showPlace();
    this.#title.focus();
  }

  close(): void {
    this.#stopPicking();
    // A hidden field that keeps the focus would swallow the desk's single-key shortcuts.
    if (this.element.contains(document.activeElement) && document.activeElement instanceof HTMLElement) document.activeElement.blur();
    this.element.hidden = true;
  }

  #togglePick(): void {
    if (this.#picking) {
      this.#stopPicking();
      this.#showPlace();
      return;
    }
    this.#picking = true;
    this.#pick.textContent = this.#i18n.t('logPickCancel');
    this.#place.textContent = this.#i18n.t('logPickHint');
    this.#actions.pickOnMap((position) => {
      this.#picking = false;
      this.#position = position;
      this.#pick.textContent = this.#i18n.t('logPickOnMap');
      this.#showPlace();
    });
  }

  #stopPicking(): void {
    if (!this.#picking) return;
    this.#picking = false;
    this.#actions.pickOnMap(null);
    this.#pick.textContent = this.#i18n.t('logPickOnMap');
  }

  #showPlace(): void {
    const t = this.#i18n;
    const position = this.#position ?? this.#actions.center();
    const unit = this.#actions.unitAt(position);
    const where = `${t.number(position[1], 4)}, ${t.number(position[0], 4)}${unit ? ` · ${unit}` : ''}`;
    this.#place.textContent = this.#position ? t.t('logPlacePicked', { where }) : t.t('logPlaceCenter', { where });
  }

  #submit(): void {
    const t = this.#i18n;
    const title = this.#title.value.trim();
    if (title === '') {
      this.#status.textContent = t.t('logNeedsTitle');
      this.#status.classList.add('error');
      this.#title.focus();
      return;
    }
    this.#stopPicking();
    const note = this.#note.value.trim();
    const position = this.#position ?? this.#actions.center();
    this.#status.classList.remove('error');
    this.#status.textContent = t.t('pendingSending');
    this.#actions.create({ severity: this.#severity.value as IncidentSeverity, title, position, ...(note ? { note } : {}) }).then(
      (result) => {
        // The hub's answer is checked like any input before the queue is pointed at it.
        const created = result.ok ? Incident.safeParse(result.incident) : null;
        if (created?.success) {
          this.#title.value = '';
          this.#note.value = '';
          this.close();
          this.#actions.created(created.data);
          return;
        }
        this.#status.classList.add('error');
        const why = created && !created.success ? `incident: ${describeIssues(created.error, 'incident')}` : `${result.error?.code ?? ''} ${result.error?.message ?? ''}`.trim();
        this.#status.textContent = `${t.t('resultError')}: ${why}`;
      },
      (error: unknown) => {
        this.#status.classList.add('error');
        this.#status.textContent = `${t.t('resultError')}: ${error instanceof Error ? error.message : String(error)}`;
      },
    );
  }
}
