import type { ResultFrame } from '../../feeds/protocol/frames.js';
import { INCIDENT_KINDS, type Incident } from '../../feeds/protocol/incident.js';
import { h } from '../app/dom.js';
import type { I18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { actorName, historyText, KIND_LABELS, SEVERITY_LABELS, STATE_LABELS } from './incident-labels.js';
import { groupIncidents, type IncidentGroup } from './incident-groups.js';
import { incidentNow, incidentSubject, type ConditionStates } from './incident-now.js';
import { DEFAULT_FILTER, filterIncidents, openCounts, sortIncidents, type IncidentFilter } from './incident-order.js';
import type { LogIncidentForm } from './log-incident-form.js';

export interface IncidentActions {
  ack(incident: string, note?: string): Promise<ResultFrame>;
  assign(incident: string, to: string, note?: string): Promise<ResultFrame>;
  resolve(incident: string, note?: string): Promise<ResultFrame>;
  /** Snooze for `minutes` (0 wakes it). */
  snooze(incident: string, minutes: number, note?: string): Promise<ResultFrame>;
  /** A note on the timeline (required). */
  comment(incident: string, note: string): Promise<ResultFrame>;
  /** A resolved incident back to open; the note is the reason (required). */
  reopen(incident: string, note: string): Promise<ResultFrame>;
  /** The seat's role may reopen (the hub decides; this only hides a button that would be refused). */
  canReopen: boolean;
  /** True while the connection is open (an action made offline is queued and shown as such). */
  online(): boolean;
  flyTo(incident: Incident): void;
  canAct: boolean;
  /** The moment the queue shows (the replay clock while replaying): ages are counted from it. Default Date.now. */
  now?(): number;
  /** The officer changed a filter (the desk remembers it). */
  filterChanged?(filter: IncidentFilter): void;
  /** "Xem lúc xảy ra": replay from a minute before the incident opened (absent: no button). */
  showWhen?(incident: Incident): void;
}


type QueueAction = 'ack' | 'assign' | 'resolve' | 'snooze' | 'wake' | 'comment' | 'reopen' | 'ack-group';

/** The snooze durations offered (the hub takes 1–1440 minutes). */
const SNOOZE_MINUTES = [15, 30, 60, 120, 240] as const;

interface PendingState {
  readonly label: MessageKey;
  readonly error?: string;
}

/**
 * The duty officer's incident queue: badge counts, filters, the list (severity, then age), and the selected
 * incident's detail with its timeline and the ack / assign / resolve actions. Actions made while disconnected are
 * queued by the connection (same opId) and shown as pending until the hub answers.
 */
export class IncidentQueue {
  readonly element: HTMLElement;
  readonly #i18n: I18n;
  readonly #actions: IncidentActions;
  readonly #districts: ReadonlyMap<string, string>;
  readonly #badges = h('div', { class: 'badges', 'data-testid': 'incident-badges' });
  readonly #filters = h('div', { class: 'filters' });
  readonly #list = h('ul', { class: 'incident-list', 'data-testid': 'incident-list' });
  readonly #detail = h('div', { class: 'incident-detail', hidden: '', 'data-testid': 'incident-detail' });
  readonly #title = h('h2');
  readonly #logButton = h('button', { type: 'button', class: 'log-open', 'data-action': 'log-open' });
  readonly #form: LogIncidentForm | null;
  #incidents: Incident[] = [];
  #filter: IncidentFilter = DEFAULT_FILTER;
  #selected: string | null = null;
  readonly #pending = new Map<string, PendingState>();
  #noteDraft = '';
  /** While replaying: the incidents as they were then, no actions. */
  #readOnly = false;
  /** The feed states the desk shows, for each row's "now" line; the spans are updated in place as they change. */
  #conditions: ConditionStates = { traffic: null, environment: null, portal: null };
  readonly #nowSpans = new Map<string, HTMLElement>();
  #snoozeMinutes: number = SNOOZE_MINUTES[1];
  /** The centre's teams from the hub's welcome (assign picks one); empty until it arrives. */
  #teams: readonly { readonly id: string; readonly name: { readonly vi: string; readonly en: string } }[] = [];
  #team = '';
  /** Groups open in the list (by group key), and each shown incident's group. */
  readonly #expanded = new Set<string>();
  #groups = new Map<string, IncidentGroup>();

  /** `form`: "Ghi nhận sự cố" (log an incident by hand), opened from the header's button or key N. */
  constructor(i18n: I18n, actions: IncidentActions, districts: ReadonlyMap<string, string>, form: LogIncidentForm | null = null) {
    this.#i18n = i18n;
    this.#actions = actions;
    this.#districts = districts;
    this.#form = form;
    this.#logButton.addEventListener('click', () => this.openLogForm());
    this.#logButton.hidden = form === null || !actions.canAct;
    this.element = h(
      'section',
      { class: 'incident-queue', 'data-testid': 'incident-queue' },
      h('header', {}, this.#title, this.#logButton, this.#badges),
      ...(form ? [form.element] : []),
      this.#filters,
      this.#list,
      this.#detail,
    );
    i18n.onChange(() => this.render(true));
    this.render(true);
  }

  get selected(): Incident | null {
    return this.#incidents.find((incident) => incident.id === this.#selected) ?? null;
  }

  update(incidents: readonly Incident[]): void {
    this.#incidents = [...incidents];
    this.render(false);
  }

  /** The teams the hub's config lists (welcome frame): the assign list and how assignees are named. */
  setTeams(teams: readonly { readonly id: string; readonly name: { readonly vi: string; readonly en: string } }[]): void {
    this.#teams = teams;
    if (!teams.some((team) => team.id === this.#team)) this.#team = teams[0]?.id ?? '';
    this.render(false);
  }

  #teamName(id: string): string {
    const team = this.#teams.find((candidate) => candidate.id === id);
    return team ? this.#i18n.pick(team.name) : id;
  }

  /** The feed states changed (live or replayed): every row's "now" line follows, without rebuilding the list. */
  setConditions(states: ConditionStates): void {
    this.#conditions = states;
    for (const incident of this.#incidents) {
      const span = this.#nowSpans.get(incident.id);
      if (span) this.#fillNow(span, incident);
    }
  }

  /** Where the row's condition stands now (incident-now.ts), in words; empty for kinds without a figure. */
  #fillNow(span: HTMLElement, incident: Incident): void {
    const t = this.#i18n;
    const now = incident.state === 'resolved' ? null : incidentNow(incident, this.#conditions);
    let text = '';
    let holds = '';
    if (now?.kind === 'aqi') {
      text = !now.online
        ? t.t('incidentNowStationOffline')
        : now.aqi === null
          ? ''
          : now.peak !== null && now.peak > now.aqi
            ? t.t('incidentNowAqiPeak', { aqi: t.number(now.aqi), peak: t.number(now.peak) })
            : t.t('incidentNowAqi', { aqi: t.number(now.aqi) });
    } else if (now?.kind === 'congestion') {
      holds = String(now.congested);
      text = t.t(now.congested ? 'incidentNowCongested' : 'incidentNowFlowing', { percent: t.percent(now.percent / 100, 0) });
    } else if (now?.kind === 'accident') {
      holds = String(now.onRoad);
      text = t.t(now.onRoad ? 'incidentNowOnRoad' : 'incidentNowCleared');
    } else if (now?.kind === 'overdue') {
      holds = String(now.overdue > 0);
      text = t.t('incidentNowOverdue', { count: t.number(now.overdue) });
    }
    if (span.textContent !== text) span.textContent = text;
    span.hidden = text === '';
    span.dataset['holds'] = holds;
  }

  /** Replaying: show the past read-only (actions are live only); live again: actions back. */
  setReadOnly(readOnly: boolean): void {
    if (this.#readOnly === readOnly) return;
    this.#readOnly = readOnly;
    if (readOnly) this.#form?.close();
    this.element.dataset['readOnly'] = String(readOnly);
    this.render(false);
  }

  select(id: string | null): void {
    this.#selected = id;
    this.#noteDraft = '';
    const incident = this.selected;
    if (incident) this.#actions.flyTo(incident);
    this.render(false);
  }

  /** A remembered or reset filter. */
  setFilter(filter: IncidentFilter): void {
    this.#filter = { ...filter };
    this.render(true);
  }

  /** Keyboard N / the header's button: log an incident by hand (live only, not on a read-only seat). */
  openLogForm(): void {
    if (!this.#form || !this.#actions.canAct || this.#readOnly) return;
    if (this.#form.open) this.#form.close();
    else this.#form.show();
  }

  /** Keyboard J / K: the next / previous row of the list as shown (group members when the group is open). */
  move(delta: 1 | -1): void {
    const rows = [...this.#list.querySelectorAll<HTMLElement>('li.incident')];
    if (rows.length === 0) return;
    const at = rows.findIndex((row) => row.dataset['incidentId'] === this.#selected);
    const next = rows[at === -1 ? (delta > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + delta))];
    const id = next?.dataset['incidentId'];
    if (!id) return;
    this.select(id);
    this.#list.querySelector<HTMLElement>(`li.incident[data-incident-id="${CSS.escape(id)}"]`)?.focus();
  }

  /** Keyboard A: focus the note of the selected incident, Enter then acknowledges. */
  focusAck(): void {
    const incident = this.selected ?? sortIncidents(filterIncidents(this.#incidents, this.#filter))[0] ?? null;
    if (!incident) return;
    if (incident.id !== this.#selected) this.select(incident.id);
    (this.#detail.querySelector('textarea[name="note"]') as HTMLTextAreaElement | null)?.focus();
  }

  render(all: boolean): void {
    const t = this.#i18n;
    this.#title.textContent = t.t('queueTitle');
    this.#logButton.textContent = `+ ${t.t('logIncidentShort')}`;
    this.#logButton.title = t.t('logIncidentKey');
    this.#logButton.disabled = this.#readOnly;
    const counts = openCounts(this.#incidents);
    this.#badges.replaceChildren(
      ...(['critical', 'high', 'medium', 'low'] as const).map((severity) =>
        h('span', { class: `badge sev-${severity}`, title: t.t(SEVERITY_LABELS[severity]), 'data-severity': severity }, String(counts[severity])),
      ),
    );
    if (all) this.#renderFilters();
    const visible = sortIncidents(filterIncidents(this.#incidents, this.#filter));
    const now = this.#actions.now ? this.#actions.now() : Date.now();
    this.#nowSpans.clear();
    const groups = groupIncidents(visible);
    this.#groups = new Map(groups.flatMap((group) => group.incidents.map((incident) => [incident.id, group] as const)));
    this.#list.replaceChildren(
      ...(groups.length === 0
        ? [h('li', { class: 'empty' }, t.t('noIncidents'))]
        : groups.flatMap((group) => {
            const [head, ...rest] = group.incidents;
            if (!head) return [];
            const expanded = rest.length > 0 && this.#expanded.has(group.key);
            const rows = [this.#row(head, now, rest.length > 0 ? { size: group.incidents.length, expanded, key: group.key } : null)];
            if (expanded) for (const member of rest) rows.push(this.#row(member, now, null, true));
            return rows;
          })),
    );
    this.#renderDetail();
  }

  /** One queue row; a group's row carries the count and opens or closes the group (click on the count, or +/−). */
  #row(incident: Incident, now: number, group: { size: number; expanded: boolean; key: string } | null, member = false): HTMLElement {
    const t = this.#i18n;
    const pending = this.#pending.get(incident.id);
    const nowSpan = h('small', { class: 'now', 'data-testid': 'incident-now' });
    this.#fillNow(nowSpan, incident);
    this.#nowSpans.set(incident.id, nowSpan);
    const snoozed = incident.snoozedUntil !== undefined && incident.snoozedUntil > now;
    const toggle = group
      ? h('button', { type: 'button', class: 'group-count', 'data-action': 'toggle-group', 'aria-expanded': String(group.expanded), title: t.t(group.expanded ? 'groupCollapse' : 'groupExpand') }, `${group.expanded ? '▾' : '▸'} ${t.number(group.size)}`)
      : null;
    const meta = `${t.pick(KIND_LABELS[incident.kind])} · ${incident.district ? this.#districts.get(incident.district) ?? incident.district : ''} · ${t.age(now - incident.openedAt)}${incident.count > 1 ? ` · ${t.plural('times', incident.count)}` : ''}${incident.escalation > 0 ? ` · ↑${incident.escalation}` : ''}${group ? ` · ${t.t('groupSize', { n: t.number(group.size) })}` : ''}`;
    const item = h(
      'li',
      {
        class: `incident sev-${incident.severity}${incident.id === this.#selected ? ' selected' : ''}${group ? ' group' : ''}${member ? ' member' : ''}${snoozed ? ' snoozed' : ''}`,
        'data-incident-id': incident.id,
        'data-state': incident.state,
        'data-kind': incident.kind,
        'data-severity': incident.severity,
        'data-subject': incidentSubject(incident) ?? '',
        ...(group ? { 'data-group-size': String(group.size) } : {}),
        tabindex: '0',
      },
      h('span', { class: 'sev-dot' }),
      h(
        'span',
        { class: 'what' },
        h('strong', {}, t.pick(incident.title)),
        h('small', {}, meta),
        ...(snoozed && incident.snoozedUntil !== undefined ? [h('small', { class: 'snooze', 'data-testid': 'incident-snoozed' }, t.t('snoozedUntil', { time: t.time(incident.snoozedUntil) }))] : []),
        nowSpan,
      ),
      ...(toggle ? [toggle] : []),
      h('span', { class: `state state-${incident.state}` }, pending ? t.t(pending.label) : t.t(STATE_LABELS[incident.state])),
    );
    const flip = (): void => {
      if (!group) return;
      if (this.#expanded.has(group.key)) this.#expanded.delete(group.key);
      else this.#expanded.add(group.key);
      this.render(false);
    };
    toggle?.addEventListener('click', (event) => {
      event.stopPropagation();
      flip();
    });
    item.addEventListener('click', () => this.select(incident.id));
    item.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') this.select(incident.id);
      else if (group && (event.key === '+' || event.key === '-')) flip();
    });
    return item;
  }

  #renderFilters(): void {
    const t = this.#i18n;
    const labels: Record<string, MessageKey> = { kind: 'filterKind', state: 'filterState', district: 'filterDistrict' };
    const select = (name: string, options: [string, string][], value: string | null, apply: (value: string | null) => void): HTMLSelectElement => {
      const label = labels[name];
      const element = h('select', { name, 'aria-label': label ? t.t(label) : name });
      for (const [optionValue, label] of options) {
        const option = h('option', { value: optionValue }, label);
        option.selected = optionValue === (value ?? '');
        element.append(option);
      }
      element.addEventListener('change', () => {
        apply(element.value === '' ? null : element.value);
        this.#actions.filterChanged?.(this.#filter);
        this.render(false);
      });
      return element;
    };
    this.#filters.replaceChildren(
      select('kind', [['', t.t('filterAllKinds')], ...INCIDENT_KINDS.map((kind): [string, string] => [kind, t.pick(KIND_LABELS[kind])])], this.#filter.kind, (kind) => {
        this.#filter = { ...this.#filter, kind };
      }),
      select(
        'state',
        [['active', t.t('filterActive')], ['', t.t('filterAllStates')], ...(['open', 'acknowledged', 'assigned', 'resolved'] as const).map((state): [string, string] => [state, t.t(STATE_LABELS[state])])],
        this.#filter.state,
        (state) => {
          this.#filter = { ...this.#filter, state: state as IncidentFilter['state'] };
        },
      ),
      select('district', [['', t.t('filterAllDistricts')], ...[...this.#districts].map(([code, name]): [string, string] => [code, name])], this.#filter.district, (district) => {
        this.#filter = { ...this.#filter, district };
      }),
    );
  }

  #renderDetail(): void {
    const t = this.#i18n;
    const incident = this.selected;
    if (!incident) {
      this.#detail.hidden = true;
      return;
    }
    // Keep what the officer is typing across live re-renders.
    const focusedNote = document.activeElement === this.#detail.querySelector('textarea[name="note"]');
    this.#detail.hidden = false;
    const fields: [string, string][] = [
      [t.t('details'), `${t.pick(KIND_LABELS[incident.kind])} · ${t.t(SEVERITY_LABELS[incident.severity])} · ${t.t(STATE_LABELS[incident.state])}`],
    ];
    if (incident.ackedBy) fields.push([t.t('stateAcknowledged'), `${actorName(t, incident.ackedBy)} · ${this.#time(incident.ackedAt)}${incident.note ? ` — ${incident.note}` : ''}`]);
    if (incident.assignee) fields.push([t.t('stateAssigned'), `${this.#teamName(incident.assignee)}${incident.assignedBy ? ` (${actorName(t, incident.assignedBy)})` : ''} · ${this.#time(incident.assignedAt)}`]);
    if (incident.resolvedBy) fields.push([t.t('stateResolved'), `${actorName(t, incident.resolvedBy)} · ${this.#time(incident.resolvedAt)}${incident.resolution ? ` — ${incident.resolution}` : ''}`]);
    const now = this.#actions.now ? this.#actions.now() : Date.now();
    const snoozed = incident.snoozedUntil !== undefined && incident.snoozedUntil > now;
    if (snoozed && incident.snoozedUntil !== undefined) fields.push([t.t('actionSnooze'), `${t.t('snoozedUntil', { time: t.time(incident.snoozedUntil) })}${incident.snoozedBy ? ` · ${actorName(t, incident.snoozedBy)}` : ''}`]);
    const timeline = h('ol', { class: 'timeline', 'data-testid': 'incident-timeline' }, ...incident.history.map((entry) => h('li', { 'data-action': entry.action }, `${this.#time(entry.at)} · ${historyText(t, entry, (id) => this.#teamName(id))}`)));
    const note = h('textarea', { name: 'note', rows: '2', placeholder: t.t('notePlaceholder'), 'data-testid': 'incident-note' });
    note.value = this.#noteDraft;
    note.addEventListener('input', () => {
      this.#noteDraft = note.value;
    });
    note.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        this.#run(incident, 'ack');
      }
    });
    // Assign picks one of the centre's teams (the hub refuses anything else).
    const assignee = h('select', { name: 'assignee', 'aria-label': t.t('assignTo'), title: t.t('assignTo') }, ...this.#teams.map((team) => h('option', { value: team.id }, t.pick(team.name))));
    assignee.value = this.#team;
    assignee.addEventListener('change', () => (this.#team = assignee.value));
    const button = (label: MessageKey, action: QueueAction, enabled: boolean, values: Record<string, string> = {}): HTMLButtonElement => {
      const element = h('button', { type: 'button', 'data-action': action }, t.t(label, values));
      element.disabled = !enabled || !this.#actions.canAct || this.#readOnly;
      element.addEventListener('click', () => (action === 'ack-group' ? this.#ackGroup(openInGroup) : this.#run(incident, action, assignee.value)));
      return element;
    };
    // The open members of the selected incident's group: acknowledged together, each with its own audited op.
    const openInGroup = (this.#groups.get(incident.id)?.incidents ?? []).filter((member) => member.state === 'open');
    const snoozeFor = h('select', { name: 'snooze-minutes', 'aria-label': t.t('snoozeFor'), title: t.t('snoozeFor') }, ...SNOOZE_MINUTES.map((n) => h('option', { value: String(n) }, t.t('snoozeMinutes', { n: t.number(n) }))));
    snoozeFor.value = String(this.#snoozeMinutes);
    snoozeFor.addEventListener('change', () => (this.#snoozeMinutes = Number(snoozeFor.value)));
    snoozeFor.hidden = snoozed;
    const pending = this.#pending.get(incident.id);
    const showWhen = this.#actions.showWhen;
    const when = showWhen ? h('button', { type: 'button', class: 'show-when', 'data-action': 'show-when' }, t.t('replayShowWhen')) : null;
    when?.addEventListener('click', () => showWhen?.(incident));
    this.#detail.replaceChildren(
      h('h3', {}, t.pick(incident.title)),
      ...(when ? [when] : []),
      ...(this.#readOnly ? [h('p', { class: 'read-only', 'data-testid': 'replay-read-only' }, t.t('replayReadOnly'))] : []),
      h('dl', {}, ...fields.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)])),
      h('h4', {}, t.t('timeline')),
      timeline,
      note,
      h(
        'div',
        { class: 'actions' },
        button('actionAck', 'ack', incident.state === 'open'),
        assignee,
        button('actionAssign', 'assign', this.#teams.length > 0 && (incident.state === 'open' || incident.state === 'acknowledged' || incident.state === 'assigned')),
        // The hub refuses resolve from open (acknowledge first: docs/incidents.md), so the button follows it.
        button('actionResolve', 'resolve', incident.state === 'acknowledged' || incident.state === 'assigned'),
      ),
      h(
        'div',
        { class: 'actions secondary' },
        ...(openInGroup.length > 1 ? [button('actionAckGroup', 'ack-group', true, { n: t.number(openInGroup.length) })] : []),
        snoozeFor,
        snoozed ? button('actionWake', 'wake', true) : button('actionSnooze', 'snooze', incident.state !== 'resolved'),
        button('actionComment', 'comment', true),
        ...(incident.state === 'resolved' && this.#actions.canReopen ? [button('actionReopen', 'reopen', true)] : []),
      ),
      h('p', { class: `op-status${pending?.error ? ' error' : ''}`, 'data-testid': 'op-status' }, pending ? `${t.t(pending.label)}${pending.error ? `: ${pending.error}` : ''}` : ''),
    );
    if (focusedNote) note.focus();
  }

  /** Bulk acknowledge: one ack per open member (each idempotent and audited on its own), the note on each. */
  #ackGroup(members: readonly Incident[]): void {
    for (const member of members) this.#run(member, 'ack', '', this.#noteDraft);
  }

  #run(incident: Incident, action: Exclude<QueueAction, 'ack-group'>, to = '', draft = this.#noteDraft): void {
    const note = draft.trim() || undefined;
    if ((action === 'comment' || action === 'reopen') && note === undefined) {
      // The hub would refuse a blank note; say so here, where the officer is typing.
      this.#pending.set(incident.id, { label: 'resultError', error: this.#i18n.t(action === 'reopen' ? 'reopenNeedsReason' : 'commentNeedsNote') });
      this.render(false);
      (this.#detail.querySelector('textarea[name="note"]') as HTMLTextAreaElement | null)?.focus();
      return;
    }
    const call =
      action === 'ack'
        ? this.#actions.ack(incident.id, note)
        : action === 'assign'
          ? this.#actions.assign(incident.id, to, note)
          : action === 'snooze'
            ? this.#actions.snooze(incident.id, this.#snoozeMinutes, note)
            : action === 'wake'
              ? this.#actions.snooze(incident.id, 0, note)
              : action === 'comment'
                ? this.#actions.comment(incident.id, note ?? '')
                : action === 'reopen'
                  ? this.#actions.reopen(incident.id, note ?? '')
                  : this.#actions.resolve(incident.id, note);
    this.#pending.set(incident.id, { label: this.#actions.online() ? 'pendingSending' : 'pendingOffline' });
    this.#noteDraft = '';
    this.render(false);
    call.then(
      (result) => {
        this.#pending.set(incident.id, result.ok ? { label: 'resultOk' } : { label: 'resultError', error: `${result.error?.code ?? ''} ${result.error?.message ?? ''}`.trim() });
        this.render(false);
        // A confirmation fades; a refusal stays until the next action.
        if (result.ok) setTimeout(() => {
          if (this.#pending.get(incident.id)?.label === 'resultOk') this.#pending.delete(incident.id);
          this.render(false);
        }, 4000);
      },
      (error: unknown) => {
        this.#pending.set(incident.id, { label: 'resultError', error: error instanceof Error ? error.message : String(error) });
        this.render(false);
      },
    );
  }

  #time(ms: number | undefined): string {
    if (ms === undefined) return '';
    return new Intl.DateTimeFormat(this.#i18n.tag, { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(ms);
  }
}
