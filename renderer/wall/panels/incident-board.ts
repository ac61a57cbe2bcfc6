import type { Subscription } from 'rxjs';
import { INCIDENT_SEVERITIES, type Incident } from '../../../feeds/protocol/incident.js';
import { h } from '../../app/dom.js';
import { SEVERITY_LABELS, STATE_LABELS } from '../../incidents/incident-labels.js';
import { DEFAULT_FILTER, filterIncidents, openCounts, sortIncidents } from '../../incidents/incident-order.js';
import { wallText } from '../wall-messages.js';
import type { PanelContext, WallPanel } from './wall-panel.js';

const SEVERITIES = INCIDENT_SEVERITIES;

/**
 * The read-only incident board: counts by severity, then the active incidents in the duty officer's order
 * (severity, then longest waiting), as few and as large as fit. No buttons: the wall token cannot act anyway.
 */
export class IncidentBoard implements WallPanel {
  readonly element: HTMLElement;
  readonly feeds = ['incidents'] as const;
  readonly #context: PanelContext;
  readonly #max: number;
  readonly #counts = h('div', { class: 'wall-board-counts' });
  readonly #list = h('ol', { class: 'wall-board-list', 'data-testid': 'wall-incident-list' });
  readonly #subscription: Subscription;
  #incidents: Incident[] = [];

  constructor(context: PanelContext, max: number) {
    this.#context = context;
    this.#max = max;
    this.element = h('div', { class: 'wall-board', 'data-testid': 'wall-incident-board' }, h('h2', {}, wallText(context.i18n, 'boardTitle')), this.#counts, this.#list);
    this.#subscription = context.streams.incidents$.subscribe((frame) => {
      this.#incidents = Object.values(frame.state.incidents);
      this.render(Date.now());
    });
    this.render(Date.now());
  }

  tick(now: number): void {
    this.render(now);
  }

  render(now: number): void {
    const { i18n } = this.#context;
    const counts = openCounts(this.#incidents);
    this.#counts.replaceChildren(
      ...SEVERITIES.map((severity) =>
        h('div', { class: `wall-count sev-${severity}`, 'data-severity': severity }, h('strong', {}, i18n.number(counts[severity])), h('span', {}, i18n.t(SEVERITY_LABELS[severity]))),
      ),
    );
    const active = sortIncidents(filterIncidents(this.#incidents, DEFAULT_FILTER));
    // As many rows as fit at wall size (up to the layout's max); the rest are counted, never squeezed.
    for (let count = Math.min(this.#max, active.length); ; count--) {
      this.#list.replaceChildren(...this.#rows(active, count, now));
      if (count <= 1 || this.#list.clientHeight === 0 || this.#list.scrollHeight <= this.#list.clientHeight + 1) break;
    }
  }

  #rows(active: readonly Incident[], count: number, now: number): HTMLElement[] {
    const { i18n, places } = this.#context;
    const rows = active.slice(0, count).map((incident) =>
      h(
        'li',
        { class: `wall-incident sev-${incident.severity}`, 'data-state': incident.state, 'data-incident-id': incident.id },
        h('span', { class: 'sev-bar' }),
        h(
          'span',
          { class: 'what' },
          h('strong', {}, i18n.pick(incident.title)),
          h('small', {}, [incident.district ? places.districtNames.get(incident.district) ?? incident.district : '', i18n.age(now - incident.openedAt), incident.escalation > 0 ? `↑${incident.escalation}` : ''].filter(Boolean).join(' · ')),
        ),
        h('span', { class: `state state-${incident.state}` }, i18n.t(STATE_LABELS[incident.state])),
      ),
    );
    if (rows.length === 0) rows.push(h('li', { class: 'empty' }, wallText(i18n, 'boardEmpty')));
    if (active.length > count) rows.push(h('li', { class: 'more' }, wallText(i18n, 'boardMore', { n: active.length - count })));
    return rows;
  }

  destroy(): void {
    this.#subscription.unsubscribe();
  }
}
