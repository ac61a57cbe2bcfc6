import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { loadRegion } from '../region/load-region.js';
import { REDUCERS } from '../state/reducers.js';
import { SqliteLogStore } from '../store/sqlite-log-store.js';
import { HubIncidents } from '../incidents/hub-incidents.node.js';
import { placesFromRegion } from '../incidents/places-from-region.node.js';
import type { HubArgs } from './cli-args.js';
import { Hub, type HubOptions } from './hub.js';
import { ConfigError, loadHubConfig, simulatorDemo } from './hub-config.js';
import { SimulationDriver } from './simulation-driver.js';
import { holdIngest } from '../sources/ingest-services.js';
import { startSources, type RunningSources } from '../sources/start-sources.js';
import { openStateStores } from '../store/state-stores.js';
import { parseStoreLocation, redactUrl, type StoreLocation } from '../store/store-location.js';

export interface RunningHub {
  readonly hub: Hub;
  readonly simulation: SimulationDriver | null;
  stop(): Promise<void>;
}

/**
 * Open the state stores and the log, start the hub, the incident engine, the sources and (optionally) the simulator —
 * shared by the CLI, `serve` and Electron.
 */
export async function runHub(args: HubArgs, extra: Pick<HubOptions, 'extraRoutes' | 'hostGuard'> = {}): Promise<RunningHub> {
  const config = await loadHubConfig(args.config);
  const devTokens = config.auth.tokens.filter((token) => /change-me/i.test(token.token)).map((token) => token.name);
  if (devTokens.length > 0) {
    console.warn(`hub: ${devTokens.length} development token(s) from the shipped config (${devTokens.join(', ')}); replace them before real use`);
  }
  let region = null;
  if (args.simulate !== null || args.region !== null) {
    const dir = resolve(args.region ?? `regions/${args.simulate ?? ''}`);
    region = await loadRegion(dir);
    if (args.simulate !== null && region.manifest.id !== args.simulate) {
      throw new Error(`--simulate ${args.simulate} does not match the region pack "${region.manifest.id}" in ${dir}`);
    }
  }
  // The feed log's own backend is another change (docs/decisions/002): until it lands, say so instead of ignoring it.
  const logUrl = args.log ?? config.backends.log ?? null;
  if (logUrl !== null) throw new ConfigError(`--log / backends.log ${redactUrl(logUrl)}: another feed log backend is not implemented yet (the log is the --db SQLite file)`);
  if (args.db !== ':memory:') await mkdir(dirname(resolve(args.db)), { recursive: true });
  // State tables: --store, else the config's backends.store, else the --db file (today's single-file layout).
  const storeUrl = args.store ?? config.backends.store ?? null;
  const storeLocation: StoreLocation = storeUrl === null ? { kind: 'sqlite', path: args.db } : parseStoreLocation(storeUrl);
  if (storeLocation.kind === 'sqlite' && storeLocation.path !== ':memory:' && storeLocation.path !== args.db) {
    await mkdir(dirname(resolve(storeLocation.path)), { recursive: true });
  }
  const stores = await openStateStores(storeLocation);
  console.info(`hub: state stores (incidents, audit, quarantine, offsets): ${stores.describe}`);
  let store: SqliteLogStore;
  try {
    store = await SqliteLogStore.open(args.db, { synchronous: config.store.synchronous });
  } catch (error) {
    await stores.close();
    throw error;
  }
  const incidents = new HubIncidents();
  let hub: Hub | null = null;
  let sources: RunningSources | null = null;
  let simulation: SimulationDriver | null = null;
  try {
    hub = await Hub.start({
      config,
      store,
      reducers: REDUCERS,
      host: args.host,
      port: args.port,
      operations: incidents.operations,
      onCommitted: incidents.onCommitted,
      ...extra,
    });
    // Nothing has awaited since the hub started listening: no ingest request can come before this.
    holdIngest(hub);
    // Committed before confirmed on either backend (SQLite: own synchronous=FULL connection; PostgreSQL: COMMIT).
    await incidents.attach(hub, stores.incidents, region ? placesFromRegion(region) : undefined);
    // Ingest formats, quarantine and file sources (feeds/sources), on the same state stores.
    const metrics = hub.metrics;
    sources = await startSources(hub, {
      stores,
      region,
      files: config.sources,
      configFile: args.config,
      quarantineRetentionMs: config.store.quarantineRetentionDays * 24 * 3600 * 1000,
      quarantineBudget: { maxRows: config.store.quarantineMaxRows, maxBytes: config.store.quarantineMaxMegabytes * 1024 * 1024 },
      onQuarantineTrimmed: (deleted) => metrics.quarantineTrimmed.inc(deleted),
    });
    if (args.simulate !== null && region) {
      simulation = new SimulationDriver(hub, region, {
        seed: args.seed,
        speed: args.speed,
        vehicles: args.vehicles ?? config.simulator.vehicles,
        demo: simulatorDemo(args.demo, config),
        simStartMs: args.simStart ?? Date.now(),
      });
      await simulation.start();
    }
  } catch (error) {
    // A failed start leaves nothing open (a PostgreSQL pool or a listening port would keep the process alive).
    simulation?.stop();
    await sources?.stop().catch(() => undefined);
    await incidents.stop().catch(() => undefined);
    await stores.close().catch(() => undefined);
    await hub?.stop().catch(() => undefined);
    throw error;
  }
  const started = hub;
  const running = sources;
  return {
    hub: started,
    simulation,
    async stop() {
      simulation?.stop();
      await running.stop();
      await incidents.stop();
      await stores.close();
      await started.stop();
    },
  };
}
