import type { Hub } from '../hub/hub.js';
import type { IncidentOperations } from '../hub/incident-operations.js';
import type { LoggedFeed } from '../protocol/feed-names.js';
import type { StoredItem } from '../store/log-store.js';
import type { IncidentStore } from '../store/incident-store.js';
import type { TrafficState } from '../traffic/traffic-reducer.js';
import type { RuleFeed } from './detection.js';
import { itemKey } from '../store/item-keys.js';
import { IncidentEngine } from './incident-engine.node.js';
import { warmUpWindowMs } from './rule-warm-up.js';

const RULE_FEEDS: readonly RuleFeed[] = ['environment', 'traffic', 'soc', 'portal'];
import { NO_PLACES, type IncidentPlaces } from './incident-places.js';
import type { IncidentsState } from './incidents-reducer.js';

/**
 * Wiring between the hub and the incident engine. The hub needs its operations and commit hook at construction,
 * the engine needs the started hub to publish: hooks first, `attach` once the hub is up.
 */
export class HubIncidents {
  #engine: IncidentEngine | null = null;
  #store: IncidentStore | null = null;

  readonly operations: IncidentOperations = {
    apply: (frame, actor) =>
      this.#engine
        ? this.#engine.apply(frame, actor)
        : Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'the incident engine is starting' } }),
  };

  /**
   * Items committed before the rules are warm — from the hub's very first commit, since the hub listens before
   * `attach` — handed over, in order, once they are. The replay stops right before the first held item of each
   * feed, so every item is seen exactly once: replayed (detections dropped) or held (detected live).
   */
  #held: { feed: LoggedFeed; items: readonly StoredItem[] }[] | null = [];

  readonly onCommitted = (feed: LoggedFeed, items: readonly StoredItem[]): void => {
    if (this.#held) this.#held.push({ feed, items });
    else this.#engine?.onCommitted(feed, items);
  };

  get engine(): IncidentEngine | null {
    return this.#engine;
  }

  get store(): IncidentStore | null {
    return this.#store;
  }

  /**
   * Start the engine on `hub` with `store` (from openStateStores: the --db file's tables, or PostgreSQL). The store
   * stays the caller's: `stop` does not close it.
   */
  async attach(hub: Hub, store: IncidentStore, places: IncidentPlaces = NO_PLACES, checkEveryMs?: number): Promise<IncidentEngine> {
    this.#store = store;
    const engine = await IncidentEngine.start({
      store,
      config: hub.config.incidents,
      permissions: hub.config.permissions,
      places,
      // Keyed by content: a hub taking over re-publishes what its store holds and the log may already have.
      publish: (items) => hub.publish('incidents', items, undefined, items.map((item) => itemKey('incidents', item))),
      published: () => (hub.channel('incidents').state as IncidentsState).incidents,
      ...(checkEveryMs !== undefined ? { checkEveryMs } : {}),
      warmingUp: true,
      auditedRefusalsPerMinute: hub.config.limits.maxAuditedRefusalsPerMinute,
      onRefusalNotAudited: () => hub.metrics.auditRefusalsSuppressed.inc(),
    });
    try {
      await warmUpFromLog(engine, hub, (feed) => this.#firstHeldSeq(feed));
    } finally {
      engine.warmUpDone();
      this.#engine = engine;
      const held = this.#held ?? [];
      this.#held = null;
      for (const { feed, items } of held) engine.onCommitted(feed, items);
    }
    return engine;
  }

  #firstHeldSeq(feed: LoggedFeed): number | null {
    return this.#held?.find((batch) => batch.feed === feed)?.items[0]?.seq ?? null;
  }

  /** Stop the engine (let queued commits finish); then close the store, then hub.stop(). */
  async stop(): Promise<void> {
    await this.#engine?.stop();
    this.#engine = null;
    this.#store = null;
  }
}

const PAGE = 2000;

/** Replay each rule feed's recent log (warmUpWindowMs) into the engine's rules, oldest first. */
async function warmUpFromLog(engine: IncidentEngine, hub: Hub, firstHeldSeq: (feed: LoggedFeed) => number | null): Promise<void> {
  const windows = warmUpWindowMs(hub.config.incidents);
  // The traffic rule needs the road network, which may be older than its window: give it the state's segments.
  const traffic = hub.channel('traffic').state as TrafficState;
  const segments = Object.values(traffic.segments);
  if (segments.length > 0) engine.warmUp('traffic', [{ seq: 0, ts: 0, json: JSON.stringify({ kind: 'network', segments }), key: null }]);
  const now = Date.now();
  for (const feed of RULE_FEEDS) {
    // Up to the item before the first one held for live detection (or the head, when nothing is held yet: what
    // commits from now on is held with a higher seq).
    const held = firstHeldSeq(feed);
    const head = held === null ? hub.channel(feed).seq : held - 1;
    const from = await hub.firstSeqSince(feed, now - windows[feed]);
    if (from === null) continue;
    let after = from - 1;
    while (after < head) {
      const page = (await hub.readLog(feed, after, PAGE)).filter((item) => item.seq <= head);
      if (page.length === 0) break;
      engine.warmUp(feed, page);
      after = page[page.length - 1]?.seq ?? head;
    }
  }
}
