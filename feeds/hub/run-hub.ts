import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { loadRegion } from '../region/load-region.js';
import { REDUCERS } from '../state/reducers.js';
import { JetStreamLogStore, jetStreamOptionsFromUrl } from '../store/jetstream/jetstream-log-store.js';
import type { LogStore } from '../store/log-store.js';
import { SqliteLogStore } from '../store/sqlite-log-store.js';
import type { FileSource } from '../sources/file-source.js';
import { ClusterBus } from './cluster-bus.js';
import { DEFAULT_HISTORY, HistoryRecorder } from './history-recorder.js';
import { ReplayService } from './replay/replay-service.js';
import type { IncidentOperations } from './incident-operations.js';
import { Leadership, SoleLeadership, type LeaderDuties } from './leadership.js';
import { HubIncidents } from '../incidents/hub-incidents.node.js';
import { placesFromRegion } from '../incidents/places-from-region.node.js';
import type { HubArgs } from './cli-args.js';
import { Hub, type HubOptions, type VehicleRelay } from './hub.js';
import { loadHubConfig, simulatorDemo } from './hub-config.js';
import { SimulationDriver } from './simulation-driver.js';
import { startFileSources, startSources, type RunningSources } from '../sources/start-sources.js';
import { openStateStores } from '../store/state-stores.js';
import { parseStoreLocation, redactUrl, type StoreLocation } from '../store/store-location.js';

export interface RunningHub {
  readonly hub: Hub;
  /** The simulator while this hub leads and simulates (null otherwise). */
  readonly simulation: SimulationDriver | null;
  readonly leader: boolean;
  readonly hubId: string;
  stop(): Promise<void>;
}

/**
 * Open the state stores and the log, start the hub, the incident engine, the sources and (optionally) the simulator —
 * shared by the CLI, `serve` and Electron.
 */
export async function runHub(args: HubArgs, extra: Pick<HubOptions, 'extraRoutes' | 'hostGuard' | 'onFatal'> = {}): Promise<RunningHub> {
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
  const hubId = args.hubId ?? `${hostname()}-${process.pid}`;
  if (args.db !== ':memory:') await mkdir(dirname(resolve(args.db)), { recursive: true });
  // State tables: --store, else the config's backends.store, else the --db file (today's single-file layout).
  const storeUrl = args.store ?? config.backends.store ?? null;
  const storeLocation: StoreLocation = storeUrl === null ? { kind: 'sqlite', path: args.db } : parseStoreLocation(storeUrl);
  if (storeLocation.kind === 'sqlite' && storeLocation.path !== ':memory:' && storeLocation.path !== args.db) {
    await mkdir(dirname(resolve(storeLocation.path)), { recursive: true });
  }
  // The feed log: --log (NATS JetStream, shared by every hub of the deployment), else the --db SQLite file.
  const logUrl = args.log ?? config.backends.log ?? null;
  const retentionMs = config.store.retentionHours * 3600 * 1000;
  const jetStream = logUrl === null ? null : jetStreamOptionsFromUrl(logUrl, { retentionMs, name: hubId });
  const stores = await openStateStores(storeLocation);
  console.info(`hub ${hubId}: state stores (incidents, audit, quarantine, offsets): ${stores.describe}`);
  let store: LogStore;
  let bus: ClusterBus | null = null;
  try {
    store = jetStream ? await JetStreamLogStore.open(jetStream) : await SqliteLogStore.open(args.db, { synchronous: config.store.synchronous });
    if (jetStream) bus = await ClusterBus.open({ servers: typeof jetStream.servers === 'string' ? [jetStream.servers] : jetStream.servers, prefix: jetStream.prefix, hubId });
  } catch (error) {
    await stores.close();
    throw error;
  }
  console.info(`hub ${hubId}: feed log: ${jetStream ? `NATS JetStream ${redactUrl(logUrl ?? '')}` : `SQLite ${args.db}`}`);
  if (jetStream && storeLocation.kind === 'sqlite') {
    console.warn(`hub ${hubId}: the log is shared but the state stores are a local SQLite file: run one hub only (several hubs need --store postgres://…)`);
  }
  const places = region ? placesFromRegion(region) : undefined;
  /** The incident engine of this hub's current leadership term (null while following). */
  let incidents: HubIncidents | null = null;
  let files: FileSource[] = [];
  let recorder: HistoryRecorder | null = null;
  let simulation: SimulationDriver | null = null;
  let hub: Hub | null = null;
  let sources: RunningSources | null = null;
  const operations: IncidentOperations = {
    apply: (frame, actor) => {
      if (incidents) return incidents.operations.apply(frame, actor);
      if (bus) return bus.forwardOperation(frame, actor);
      return Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'the incident engine is starting' } });
    },
  };
  // Leader duties: the simulator, the file sources and the incident engine — exactly one hub of a deployment runs
  // them (feeds/hub/leadership.ts); every hub serves the stream, operations and ingest.
  const duties: LeaderDuties = {
    start: async () => {
      const started = hub;
      const running = sources;
      if (!started || !running) throw new Error('leader duties before the hub started');
      recorder = new HistoryRecorder(started, stores.history, { ...DEFAULT_HISTORY, retentionMs, checkpointEveryMs: config.store.replayCheckpointMinutes * 60_000 });
      recorder.start();
      const engine = new HubIncidents();
      incidents = engine;
      await engine.attach(started, stores.incidents, places);
      bus?.serveOperations((frame, actor) => engine.operations.apply(frame, actor));
      files = await startFileSources(started, running.context, stores.offsets, config.sources, args.config);
      if (args.simulate !== null && region) {
        simulation = new SimulationDriver(started, region, {
          seed: args.seed,
          speed: args.speed,
          vehicles: args.vehicles ?? config.simulator.vehicles,
          demo: simulatorDemo(args.demo, config),
          simStartMs: args.simStart ?? Date.now(),
        });
        await simulation.start();
      }
    },
    stop: async () => {
      await recorder?.stop();
      recorder = null;
      simulation?.stop();
      simulation = null;
      for (const file of files) await file.stop();
      files = [];
      bus?.stopServingOperations();
      const engine = incidents;
      incidents = null;
      await engine?.stop();
    },
  };
  const leadership =
    jetStream && storeLocation.kind === 'postgres'
      ? new Leadership({ url: storeLocation.url, key: `ioc-leader:${jetStream.prefix}`, hubId }, duties)
      : new SoleLeadership(duties);
  try {
    hub = await Hub.start({
      config,
      store,
      reducers: REDUCERS,
      host: args.host,
      port: args.port,
      operations,
      onCommitted: (feed, items) => incidents?.onCommitted(feed, items),
      ...(bus ? { vehicleRelay: vehicleRelayOf(bus) } : {}),
      replay: new ReplayService({ log: store, history: stores.history, reducers: REDUCERS }),
      identity: () => ({ hub: hubId, leader: leadership.leader }),
      ...extra,
    });
    // Nothing has awaited since the hub started listening: no ingest request can come before this.
    hub.ingest.hold();
    // Ingest formats and quarantine (feeds/sources) on every hub, on the state stores; file sources are a leader duty.
    const metrics = hub.metrics;
    sources = await startSources(hub, {
      stores,
      region,
      files: [],
      configFile: args.config,
      quarantineRetentionMs: config.store.quarantineRetentionDays * 24 * 3600 * 1000,
      quarantineBudget: { maxRows: config.store.quarantineMaxRows, maxBytes: config.store.quarantineMaxMegabytes * 1024 * 1024 },
      onQuarantineTrimmed: (deleted) => metrics.quarantineTrimmed.inc(deleted),
    });
    await leadership.start();
  } catch (error) {
    // A failed start leaves nothing open (a PostgreSQL pool or a listening port would keep the process alive).
    await leadership.stop().catch(() => undefined);
    await sources?.stop().catch(() => undefined);
    await hub?.stop().catch(() => undefined);
    await bus?.close().catch(() => undefined);
    await stores.close().catch(() => undefined);
    throw error;
  }
  const started = hub;
  const running = sources;
  return {
    hub: started,
    get simulation() {
      return simulation;
    },
    get leader() {
      return leadership.leader;
    },
    hubId,
    async stop() {
      // Duties first: the leadership lock goes with them, so another hub can take over while this one closes.
      await leadership.stop();
      await running.stop();
      await started.stop();
      await bus?.close();
      await stores.close();
    },
  };
}

function vehicleRelayOf(bus: ClusterBus): VehicleRelay {
  return { publish: (batch, ts, source) => bus.publishVehicles(batch, ts, source), onVehicles: (deliver) => bus.onVehicles(deliver) };
}
