import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { loadRegion } from '../region/load-region.js';
import { REDUCERS } from '../state/reducers.js';
import { SqliteLogStore } from '../store/sqlite-log-store.js';
import { HubIncidents } from '../incidents/hub-incidents.node.js';
import { placesFromRegion } from '../incidents/places-from-region.node.js';
import type { HubArgs } from './cli-args.js';
import { Hub, type HubOptions } from './hub.js';
import { loadHubConfig, simulatorDemo } from './hub-config.js';
import { SimulationDriver } from './simulation-driver.js';
import { holdIngest } from '../sources/ingest-services.js';
import { startSources } from '../sources/start-sources.js';

export interface RunningHub {
  readonly hub: Hub;
  readonly simulation: SimulationDriver | null;
  stop(): Promise<void>;
}

/** Open the store, start the hub and (optionally) the simulator — shared by the CLI, `serve` and Electron. */
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
  if (args.db !== ':memory:') await mkdir(dirname(resolve(args.db)), { recursive: true });
  const store = await SqliteLogStore.open(args.db, { synchronous: config.store.synchronous });
  const incidents = new HubIncidents();
  const hub = await Hub.start({
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
  // The incident tables live in the same file as the log (one --db file), on their own synchronous=FULL connection.
  await incidents.attach(hub, args.db, region ? placesFromRegion(region) : undefined);
  // Ingest formats, quarantine and file sources (feeds/sources); quarantine and offsets share the --db file.
  const sources = await startSources(hub, {
    dbPath: args.db,
    region,
    files: config.sources,
    configFile: args.config,
    quarantineRetentionMs: config.store.quarantineRetentionDays * 24 * 3600 * 1000,
  });
  let simulation: SimulationDriver | null = null;
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
  return {
    hub,
    simulation,
    async stop() {
      simulation?.stop();
      await sources.stop();
      await incidents.stop();
      await hub.stop();
    },
  };
}
