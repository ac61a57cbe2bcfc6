import type { Hub } from '../hub/hub.js';
import type { IncidentOperations } from '../hub/incident-operations.js';
import type { LoggedFeed } from '../protocol/feed-names.js';
import type { StoredItem } from '../store/log-store.js';
import { IncidentStore } from '../store/incident-store.js';
import type { TrafficState } from '../traffic/traffic-reducer.js';
import type { RuleFeed } from './detection.js';
import { IncidentEngine } from './incident-engine.node.js';
import { firstSeqAtOrAfter, warmUpWindowMs } from './rule-warm-up.js';

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

  /** Items committed while the rules warm up from the log; handed over, in order, once they are warm. */
  #held: { feed: LoggedFeed; items: readonly StoredItem[] }[] | null = null;

  readonly onCommitted = (feed: LoggedFeed, items: readonly StoredItem[]): void => {
    if (this.#held) this.#held.push({ feed, items });
    else this.#engine?.onCommitted(feed, items);
  };

  get engine(): IncidentEngine | null {
    return this.#engine;
  }

  /** Open the incident tables in `dbPath` (the hub's log file by default) and start the engine on `hub`. */
  async attach(hub: Hub, dbPath: string, places: IncidentPlaces = NO_PLACES, checkEveryMs?: number): Promise<IncidentEngine> {
    this.#store = await IncidentStore.open(dbPath);
    this.#held = [];
    const engine = await IncidentEngine.start({
      store: this.#store,
      config: hub.config.incidents,
      permissions: hub.config.permissions,
      places,
      publish: (items) => hub.publish('incidents', items),
      published: () => (hub.channel('incidents').state as IncidentsState).incidents,
      ...(checkEveryMs !== undefined ? { checkEveryMs } : {}),
      warmingUp: true,
    });
    let replayedUpTo: Partial<Record<LoggedFeed, number>> = {};
    try {
      replayedUpTo = await warmUpFromLog(engine, hub);
    } finally {
      engine.warmUpDone();
      this.#engine = engine;
      const held = this.#held;
      this.#held = null;
      for (const { feed, items } of held) {
        // An item committed between "hold" and the replay's head was replayed already.
        const fresh = items.filter((item) => item.seq > (replayedUpTo[feed] ?? 0));
        if (fresh.length > 0) engine.onCommitted(feed, fresh);
      }
    }
    return engine;
  }

  /** Stop the engine (let queued commits finish) and close its connection; call before hub.stop(). */
  async stop(): Promise<void> {
    await this.#engine?.stop();
    await this.#store?.close();
    this.#engine = null;
    this.#store = null;
  }
}

const PAGE = 2000;

/** Replay each rule feed's recent log (warmUpWindowMs) into the engine's rules, oldest first. */
async function warmUpFromLog(engine: IncidentEngine, hub: Hub): Promise<Partial<Record<LoggedFeed, number>>> {
  const heads: Partial<Record<LoggedFeed, number>> = {};
  const windows = warmUpWindowMs(hub.config.incidents);
  // The traffic rule needs the road network, which may be older than its window: give it the state's segments.
  const traffic = hub.channel('traffic').state as TrafficState;
  const segments = Object.values(traffic.segments);
  if (segments.length > 0) engine.warmUp('traffic', [{ seq: 0, ts: 0, json: JSON.stringify({ kind: 'network', segments }) }]);
  const now = Date.now();
  for (const feed of RULE_FEEDS) {
    const head = hub.channel(feed).seq;
    heads[feed] = head;
    const first = (await hub.readLog(feed, 0, 1))[0];
    if (!first) continue;
    const tsAt = async (seq: number): Promise<number | null> => (await hub.readLog(feed, seq - 1, 1))[0]?.ts ?? null;
    let after = (await firstSeqAtOrAfter(now - windows[feed], first.seq, head, tsAt)) - 1;
    while (after < head) {
      const page = (await hub.readLog(feed, after, PAGE)).filter((item) => item.seq <= head);
      if (page.length === 0) break;
      engine.warmUp(feed, page);
      after = page[page.length - 1]?.seq ?? head;
    }
  }
  return heads;
}
