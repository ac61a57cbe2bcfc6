import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { HubConfig } from '../hub/hub-config.js';
import type { IncidentOperations, OperationActor, OperationOutcome } from '../hub/incident-operations.js';
import type { FeedDataMap, LoggedFeed } from '../protocol/feed-names.js';
import type { CreateFrame, OperationFrame } from '../protocol/frames.js';
import type { Incident } from '../protocol/incident.js';
import { ownValue } from '../protocol/own-record.js';
import type { AppliedOp, AuditEntry, IncidentCommit, IncidentStore } from '../store/incident-store.js';
import type { StoredItem } from '../store/log-store.js';
import type { Detection, FeedRule, RuleFeed } from './detection.js';
import type { IncidentConfig } from './incident-config.js';
import type { IncidentPlaces } from './incident-places.js';
import { RESOLVED_KEPT_MS } from './incidents-reducer.js';
import { applyOp, createManualIncident, escalateIncident, openIncident, repeatIncident, type IncidentOp } from './lifecycle.js';
import { EnvironmentRule } from './rules/environment-rule.js';
import { PortalRule } from './rules/portal-rule.js';
import { SocRule } from './rules/soc-rule.js';
import { TrafficRule } from './rules/traffic-rule.js';


export interface IncidentEngineOptions {
  readonly store: IncidentStore;
  readonly config: IncidentConfig;
  readonly permissions: HubConfig['permissions'];
  readonly places: IncidentPlaces;
  /** Publish changed incidents on the `incidents` feed (hub.publish); resolves after the log commit. */
  readonly publish: (items: { kind: 'incident'; incident: Incident }[]) => Promise<unknown>;
  /** What the incidents feed currently holds (to re-publish what a crash left unpublished). */
  readonly published?: () => Readonly<Record<string, Incident>>;
  readonly now?: () => number;
  /** Escalation / silence check period (ms). */
  readonly checkEveryMs?: number;
  /** The caller replays the log into the rules (warmUp) and then calls warmUpDone(); until then no clock checks. */
  readonly warmingUp?: boolean;
  /** Refused operations written to the audit table per connection and rolling minute (default 10). */
  readonly auditedRefusalsPerMinute?: number;
  /** Called for each refusal answered but not audited (over that rate), for the hub's metrics. */
  readonly onRefusalNotAudited?: () => void;
}

/** Connections whose refusal windows are remembered at most (the oldest are forgotten first). */
const MAX_REFUSAL_WINDOWS = 4096;


type RuleSet = { [F in RuleFeed]: FeedRule<FeedDataMap[F]> };

/**
 * The hub's incident engine: runs the rules over every committed item, opens / repeats incidents by dedupe key,
 * escalates unacknowledged ones from their stored due times, and applies ack / assign / resolve with permission
 * checks. Every change goes through one queue: committed to the store (incident + op + audit row in one transaction)
 * before it is published and before an operation's result is returned.
 */
export class IncidentEngine implements IncidentOperations {
  readonly #options: IncidentEngineOptions;
  readonly #now: () => number;
  readonly #rules: RuleSet;
  /** Not-resolved incidents by dedupe key (the ones a repeat updates). */
  readonly #active = new Map<string, Incident>();
  readonly #byId = new Map<string, Incident>();
  #queue: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;
  /** False while the rules are being replayed: a half-replayed station history would look like a silent station. */
  #rulesReady: boolean;
  /** Per connection: times of its audited refusals in the last minute, and refusals not audited since the last one. */
  readonly #refusals = new Map<string, { times: number[]; notAudited: number }>();

  private constructor(options: IncidentEngineOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#rulesReady = options.warmingUp !== true;
    const { config, places } = options;
    this.#rules = {
      environment: new EnvironmentRule(config.environment, places),
      traffic: new TrafficRule(config.traffic, places),
      soc: new SocRule(config.soc, places),
      portal: new PortalRule(config.portal, places),
    };
  }

  static async start(options: IncidentEngineOptions): Promise<IncidentEngine> {
    const engine = new IncidentEngine(options);
    const incidents = await options.store.load(engine.#now() - RESOLVED_KEPT_MS);
    const published = options.published?.() ?? {};
    const stale: Incident[] = [];
    for (const incident of incidents) {
      engine.#remember(incident);
      // Committed but not (or not in this form) on the feed: a crash between the two commits. Publish it now.
      if (!isDeepStrictEqual(ownValue(published, incident.id), incident)) stale.push(incident); // key order differs after zod
    }
    if (stale.length > 0) await options.publish(stale.map((incident) => ({ kind: 'incident' as const, incident })));
    engine.#timer = setInterval(() => engine.#enqueue(() => engine.#tick()), options.checkEveryMs ?? 1000);
    engine.#timer.unref();
    return engine;
  }

  /** Incidents the engine holds (not resolved, or resolved in the last 24 h). */
  get incidents(): Incident[] {
    return [...this.#byId.values()];
  }

  /** Called by the hub after each commit of a logged feed. */
  onCommitted(feed: LoggedFeed, items: readonly StoredItem[]): void {
    if (feed === 'incidents' || this.#stopped) return;
    const detections: Detection[] = [];
    for (const item of items) {
      const data = JSON.parse(item.json) as FeedDataMap[typeof feed];
      detections.push(...(this.#rules[feed] as FeedRule<typeof data>).observe(data, item.ts, item.seq));
    }
    if (detections.length > 0) this.#enqueue(() => this.#detect(detections));
  }

  /**
   * After a restart: let the rules see what they saw before (the log's recent items, oldest first) so a jam, an
   * AQI streak or a burst keeps its start time and a silent station is still known. Detections are dropped: what
   * they describe was already handled before the restart (opened, repeated, maybe resolved), and reopening it would
   * duplicate a resolved accident on every start. Call before live items flow (HubIncidents does).
   */
  warmUp(feed: RuleFeed, items: readonly StoredItem[]): void {
    const rule = this.#rules[feed] as FeedRule<FeedDataMap[typeof feed]>;
    for (const item of items) rule.observe(JSON.parse(item.json) as FeedDataMap[typeof feed], item.ts, item.seq);
  }

  /** The rules have seen the log: clock checks (silence) may run. */
  warmUpDone(): void {
    this.#rulesReady = true;
  }

  apply(frame: OperationFrame, actor: OperationActor): Promise<OperationOutcome> {
    // Shutting down: the store is about to close; the client retries with the same opId on the next hub.
    if (this.#stopped) return Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'the incident engine is stopping' } });
    return this.#enqueue(() => this.#apply(frame, actor));
  }

  /** Wait for everything queued so far (tests, shutdown). */
  async idle(): Promise<void> {
    await this.#queue;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#queue;
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch((error: unknown) => console.error('incidents: engine step failed', error));
    return run;
  }

  #remember(incident: Incident): void {
    this.#byId.set(incident.id, incident);
    if (incident.state === 'resolved') {
      if (this.#active.get(incident.dedupeKey)?.id === incident.id) this.#active.delete(incident.dedupeKey);
    } else {
      this.#active.set(incident.dedupeKey, incident);
    }
  }

  async #publish(incidents: readonly Incident[]): Promise<void> {
    if (incidents.length === 0) return;
    try {
      await this.#options.publish(incidents.map((incident) => ({ kind: 'incident' as const, incident })));
    } catch (error) {
      // Already committed: the next start re-publishes whatever the feed does not hold.
      console.error('incidents: publish failed', error);
    }
  }

  async #tick(): Promise<void> {
    const now = this.#now();
    const detections: Detection[] = [];
    if (this.#rulesReady) for (const rule of Object.values(this.#rules) as FeedRule<unknown>[]) detections.push(...rule.check(now));
    if (detections.length > 0) await this.#detect(detections);
    const changed: Incident[] = [];
    for (const incident of this.#active.values()) {
      const escalated = escalateIncident(incident, now, this.#options.config);
      if (escalated) changed.push(escalated);
    }
    // One transaction for every escalation due now; remembered only once committed.
    await this.#options.store.commitAll(
      changed.map((escalated) => ({
        incident: escalated,
        audit: [hubAudit(now, 'escalated', escalated, { level: escalated.escalation, severity: escalated.severity, nextDueAt: escalated.escalationDueAt })],
      })),
    );
    for (const escalated of changed) this.#remember(escalated);
    await this.#publish(changed);
    for (const [id, incident] of this.#byId) {
      if (incident.state === 'resolved' && (incident.resolvedAt ?? 0) < now - RESOLVED_KEPT_MS) this.#byId.delete(id);
    }
  }

  /**
   * A batch of detections is one transaction: repeats of one key fold into its latest version before anything is
   * written, and the in-memory maps change only once the transaction has committed (a failed commit leaves them as
   * the database is).
   */
  async #detect(detections: readonly Detection[]): Promise<void> {
    const now = this.#now();
    /** The batch's view of the active incidents: the engine's, plus what this batch opened or repeated. */
    const active = new Map<string, Incident>();
    const commits: IncidentCommit[] = [];
    const changed = new Map<string, Incident>();
    for (const detection of detections) {
      const current = active.get(detection.dedupeKey) ?? this.#active.get(detection.dedupeKey);
      let next: Incident;
      if (current) {
        next = repeatIncident(current, detection, this.#options.config, now);
      } else {
        const previous = await this.#options.store.latestByKey(detection.dedupeKey);
        next = openIncident(detection, newIncidentId(now), previous?.id ?? null, this.#options.config, now);
        commits.push({
          audit: [hubAudit(now, 'opened', next, { kind: next.kind, severity: next.severity, dedupeKey: next.dedupeKey, previousId: next.previousId })],
        });
      }
      active.set(detection.dedupeKey, next);
      changed.set(next.id, next);
    }
    // The incident rows once each, in their final form, before the audit rows that name them.
    await this.#options.store.commitAll([...[...changed.values()].map((incident) => ({ incident })), ...commits]);
    for (const incident of changed.values()) this.#remember(incident);
    await this.#publish([...changed.values()]);
  }

  #refusalWindow(connection: string | undefined, now: number): { times: number[]; notAudited: number } | null {
    if (connection === undefined) return null;
    let window = this.#refusals.get(connection);
    if (!window) {
      window = { times: [], notAudited: 0 };
      this.#refusals.set(connection, window);
      if (this.#refusals.size > MAX_REFUSAL_WINDOWS) {
        const oldest = this.#refusals.keys().next().value;
        if (oldest !== undefined) this.#refusals.delete(oldest);
      }
    }
    window.times = window.times.filter((at) => at > now - 60_000);
    return window;
  }

  async #apply(frame: OperationFrame, actor: OperationActor): Promise<OperationOutcome> {
    const store = this.#options.store;
    const earlier = await store.findOp(frame.opId);
    if (earlier) return earlier.outcome;
    const now = this.#now();
    const detail: Record<string, unknown> = {
      ...(frame.note !== undefined ? { note: frame.note } : {}),
      ...(frame.op === 'assign' ? { to: frame.to } : {}),
      ...(frame.op === 'snooze' ? { minutes: frame.minutes } : {}),
      ...(frame.op === 'create' ? { severity: frame.severity, title: frame.title, coordinates: frame.geometry.coordinates } : {}),
    };
    // A refused create names no incident: there is none.
    const subject = frame.op === 'create' ? '' : frame.incident;
    const refuse = async (code: string, message: string): Promise<OperationOutcome> => {
      const outcome = { ok: false as const, error: { code, message } };
      // A client that keeps sending refused operations must not grow the audit table (and fsync) at its pace: past
      // the rate, refusals are answered and counted, and the next audited one says how many were left out.
      const window = this.#refusalWindow(actor.connection, now);
      if (window && window.times.length >= (this.#options.auditedRefusalsPerMinute ?? 10)) {
        window.notAudited += 1;
        this.#options.onRefusalNotAudited?.();
        return outcome;
      }
      const notAudited = window?.notAudited ?? 0;
      if (window) {
        window.times.push(now);
        window.notAudited = 0;
      }
      const committed = await store.commit({
        op: { opId: frame.opId, op: frame.op, incidentId: subject, actor: actor.name, at: now, outcome },
        audit: [{ at: now, actor: actor.name, role: actor.role, action: frame.op, incidentId: subject, opId: frame.opId, outcome: code, detail: notAudited > 0 ? { ...detail, refusalsNotAuditedBefore: notAudited } : detail }],
      });
      return committed.applied ? outcome : this.#lostRace(committed.winner);
    };
    if (!this.#options.permissions[frame.op].includes(actor.role)) return refuse('forbidden', `role "${actor.role}" may not ${frame.op}`);
    if (frame.op === 'create') return this.#create(frame, actor, now, detail);
    const incident = this.#byId.get(frame.incident) ?? (await store.get(frame.incident));
    if (!incident) return refuse('not-found', `no incident "${frame.incident}"`);
    if (frame.op === 'assign' && !this.#options.config.teams.some((team) => team.id === frame.to)) {
      return refuse('unknown-team', `no team "${frame.to}"; the hub config's incidents.teams lists ${this.#options.config.teams.map((team) => team.id).join(', ')}`);
    }
    if (frame.op === 'reopen') {
      // One open incident per condition: a newer one for the same dedupe key is where its repeats go now.
      const newer = this.#active.get(incident.dedupeKey);
      if (newer && newer.id !== incident.id) return refuse('illegal-transition', `${incident.id}: the condition has a newer open incident, ${newer.id}`);
    }
    const note = frame.note !== undefined ? { note: frame.note } : {};
    const op: IncidentOp =
      frame.op === 'assign'
        ? { op: 'assign', to: frame.to, ...note }
        : frame.op === 'snooze'
          ? { op: 'snooze', minutes: frame.minutes, ...note }
          : frame.op === 'comment' || frame.op === 'reopen'
            ? { op: frame.op, note: frame.note }
            : { op: frame.op, ...note };
    const result = applyOp(incident, op, actor.name, now, this.#options.config);
    if (!result.ok) return refuse(result.code, result.message);
    const outcome = { ok: true as const, incident: result.incident as unknown as Record<string, unknown> };
    const committed = await store.commit({
      incident: result.incident,
      op: { opId: frame.opId, op: frame.op, incidentId: incident.id, actor: actor.name, at: now, outcome },
      audit: [{ at: now, actor: actor.name, role: actor.role, action: frame.op, incidentId: incident.id, opId: frame.opId, outcome: 'ok', detail: { ...detail, from: incident.state, to_state: result.incident.state } }],
    });
    if (!committed.applied) return this.#lostRace(committed.winner);
    this.#remember(result.incident);
    await this.#publish([result.incident]);
    return outcome;
  }

  /** An incident logged by hand: committed with its op and audit row, then published like any other. */
  async #create(frame: CreateFrame, actor: OperationActor, now: number, detail: Record<string, unknown>): Promise<OperationOutcome> {
    const [lon, lat] = frame.geometry.coordinates;
    const title = typeof frame.title === 'string' ? { vi: frame.title, en: frame.title } : frame.title;
    const incident = createManualIncident(
      { id: newIncidentId(now), severity: frame.severity, title, position: [lon, lat], district: this.#options.places.districtAt([lon, lat]), by: actor.name, ...(frame.note !== undefined ? { note: frame.note } : {}), at: now },
      this.#options.config,
    );
    const outcome = { ok: true as const, incident: incident as unknown as Record<string, unknown> };
    const committed = await this.#options.store.commit({
      incident,
      op: { opId: frame.opId, op: frame.op, incidentId: incident.id, actor: actor.name, at: now, outcome },
      audit: [{ at: now, actor: actor.name, role: actor.role, action: 'create', incidentId: incident.id, opId: frame.opId, outcome: 'ok', detail: { ...detail, district: incident.district } }],
    });
    if (!committed.applied) return this.#lostRace(committed.winner);
    this.#remember(incident);
    await this.#publish([incident]);
    return outcome;
  }

  /**
   * Another hub on the same database stored this opId between our findOp and our commit: its answer is the answer,
   * and the incident is taken as it stored it (the other hub publishes it on its own feed).
   */
  async #lostRace(winner: AppliedOp): Promise<OperationOutcome> {
    const stored = await this.#options.store.get(winner.incidentId);
    if (stored) this.#remember(stored);
    return winner.outcome;
  }
}

function hubAudit(at: number, action: string, incident: Incident, detail: Record<string, unknown>): AuditEntry {
  return { at, actor: 'hub', role: 'hub', action, incidentId: incident.id, opId: null, outcome: 'ok', detail };
}

/** Sortable by time, unique across restarts without a counter in the database. */
/**
 * Time first (ids sort by opening), then 6 random bytes: every incident of one batch shares `at`, so the random part
 * alone keeps them apart (3 bytes gave a 0.3 % chance of a collision in a batch of 300).
 */
function newIncidentId(at: number): string {
  return `INC-${Math.max(0, Math.floor(at)).toString(36).toUpperCase()}-${randomBytes(6).toString('hex').toUpperCase()}`;
}
