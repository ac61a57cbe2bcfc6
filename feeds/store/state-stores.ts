import type { SourceOffsets } from './source-offsets.js';
import type { StationHoursStore } from './station-hours-store.js';
import type { IncidentStore } from './incident-store.js';
import { openPgStateStores } from './postgres/pg-state-stores.js';
import type { QuarantineStore } from './quarantine-store.js';
import type { ReplayHistoryStore } from './replay-history.js';
import { openSqliteStateStores } from './sqlite/sqlite-state-stores.js';
import { parseStoreLocation, type StoreLocation } from './store-location.js';

/** Every durable table of the hub other than the feed log, on one backend. */
export interface StateStores {
  readonly incidents: IncidentStore;
  readonly quarantine: QuarantineStore;
  readonly stationHours: StationHoursStore;
  readonly offsets: SourceOffsets;
  /** History checkpoints and vehicle keyframes for replay (docs/PROTOCOL.md §11). */
  readonly history: ReplayHistoryStore;
  /** For the start-up log line: backend and where (a URL without its password). */
  readonly describe: string;
  /** Close every store (queued writes finish first). Call once the engine and sources have stopped. */
  close(): Promise<void>;
}

/**
 * Open (and on PostgreSQL create and migrate) the state stores at `location`: a SQLite path / `sqlite:PATH`
 * (today's behaviour: the same file as the --db log) or `postgres://host:port/db`. `close` may be called more than once.
 */
export async function openStateStores(location: string | StoreLocation): Promise<StateStores> {
  const parsed = typeof location === 'string' ? parseStoreLocation(location) : location;
  const stores = parsed.kind === 'sqlite' ? await openSqliteStateStores(parsed.path) : await openPgStateStores(parsed);
  let closing: Promise<void> | null = null;
  return { ...stores, close: () => (closing ??= stores.close()) };
}
