import type { Hub } from '../hub/hub.js';
import type { IncidentOperations } from '../hub/incident-operations.js';
import type { LoggedFeed } from '../protocol/feed-names.js';
import type { StoredItem } from '../store/log-store.js';
import { IncidentStore } from '../store/incident-store.js';
import { IncidentEngine } from './incident-engine.node.js';
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

  readonly onCommitted = (feed: LoggedFeed, items: readonly StoredItem[]): void => {
    this.#engine?.onCommitted(feed, items);
  };

  get engine(): IncidentEngine | null {
    return this.#engine;
  }

  /** Open the incident tables in `dbPath` (the hub's log file by default) and start the engine on `hub`. */
  async attach(hub: Hub, dbPath: string, places: IncidentPlaces = NO_PLACES, checkEveryMs?: number): Promise<IncidentEngine> {
    this.#store = await IncidentStore.open(dbPath);
    this.#engine = await IncidentEngine.start({
      store: this.#store,
      config: hub.config.incidents,
      permissions: hub.config.permissions,
      places,
      publish: (items) => hub.publish('incidents', items),
      published: () => (hub.channel('incidents').state as IncidentsState).incidents,
      ...(checkEveryMs !== undefined ? { checkEveryMs } : {}),
    });
    return this.#engine;
  }

  /** Stop the engine (let queued commits finish) and close its connection; call before hub.stop(). */
  async stop(): Promise<void> {
    await this.#engine?.stop();
    await this.#store?.close();
    this.#engine = null;
    this.#store = null;
  }
}
