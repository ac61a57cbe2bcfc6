import { dirname, isAbsolute, resolve } from 'node:path';
import { regionPortalUnits, timeZoneOffsetMinutes } from '../region/region-inputs.js';
import type { Region } from '../region/index.js';
import type { QuarantineStore } from '../store/quarantine-store.js';
import type { StateStores } from '../store/state-stores.js';
import { FileSource, type FileSourceConfig, type FileSourceOptions } from './file-source.js';
import type { IngestAttachment } from './ingest/ingest-services.js';
import type { SourcePublisher } from './source-publisher.js';
import { BudgetedQuarantine, type QuarantineBudgetLimits } from './quarantine-budget.js';
import { SourceContext, type SourceRegion } from './source-context.js';
import { RETAINED_HOURS } from '../environment/station-aqi-tracker.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface RunningSources {
  readonly context: SourceContext;
  readonly quarantine: QuarantineStore;
  readonly files: readonly FileSource[];
  stop(): Promise<void>;
}

/** The region pack as the formats see it: agencies' CIDRs, station ids, portal unit ids, the local offset. */
export function sourceRegion(region: Region, nowMs: number = Date.now()): SourceRegion {
  return {
    agencies: region.agencies,
    stations: new Set(region.stations.map((station) => station.id)),
    portalUnits: new Set(regionPortalUnits(region).map((unit) => unit.id)),
    timeZoneOffsetMinutes: timeZoneOffsetMinutes(region.manifest.timeZone, nowMs),
    home: region.manifest.soc?.home ?? null,
  };
}

export const DEFAULT_QUARANTINE_BUDGET: QuarantineBudgetLimits = { maxRows: 100_000, maxBytes: 256 * 1024 * 1024 };

/** The stores the sources write: quarantine, station hour means, file offsets (a subset of StateStores). */
export type SourceStores = Pick<StateStores, 'quarantine' | 'stationHours' | 'offsets'>;

/**
 * Give a started hub its real sources: the ingest API's context (region, station trackers), the quarantine, station
 * hours and offsets `stores` (from openStateStores: SQLite or PostgreSQL), and one FileSource per `sources` entry of
 * the config (relative paths are resolved against the config file's folder). Stop them before the hub, then close
 * the stores (they are the caller's).
 */
export async function startSources(
  hub: SourcePublisher & { readonly ingest: IngestAttachment },
  options: {
    readonly stores: SourceStores;
    readonly region: Region | null;
    readonly files?: readonly FileSourceConfig[];
    readonly configFile?: string;
    readonly fileOptions?: FileSourceOptions;
    /** Size budget of the quarantine (default 100,000 rows, 256 MiB of raw text), enforced within a second of an add. */
    readonly quarantineBudget?: QuarantineBudgetLimits;
    /** Called with the number of rows the budget deleted (the hub's metrics). */
    readonly onQuarantineTrimmed?: (deleted: number) => void;
    /** Quarantine records older than this are deleted at start and then hourly (default 30 days). */
    readonly quarantineRetentionMs?: number;
  },
): Promise<RunningSources> {
  const context = new SourceContext(options.region ? sourceRegion(options.region) : undefined);
  const { stationHours, offsets } = options.stores;
  const quarantine = new BudgetedQuarantine(options.stores.quarantine, options.quarantineBudget ?? DEFAULT_QUARANTINE_BUDGET, options.onQuarantineTrimmed);
  const retentionMs = options.quarantineRetentionMs ?? 30 * DAY_MS;
  // The ingest's VN_AQI trackers start where they were (hour means saved after each commit).
  const trackerWindowMs = RETAINED_HOURS * HOUR_MS;
  for (const reading of await stationHours.load(Date.now() - trackerWindowMs)) {
    try {
      context.environment.restore(reading);
    } catch (error) {
      // Not an hour boundary in today's offset (the region pack changed): that hour is skipped, the rest restored.
      console.warn(`sources: saved hour of station ${reading.station} not restored: ${(error as Error).message}`);
    }
  }
  context.stationHours = stationHours;
  const prune = (): Promise<void> =>
    Promise.all([quarantine.prune(Date.now() - retentionMs).then(() => quarantine.trimNow()), stationHours.prune(Date.now() - trackerWindowMs)]).then(
      () => undefined,
      (error: unknown) => console.error('sources: retention failed', error),
    );
  // The one in flight is awaited by stop(), so the stores are never closed under it.
  let pruning = prune();
  await pruning;
  const pruneTimer = setInterval(() => {
    pruning = prune();
  }, HOUR_MS);
  pruneTimer.unref();
  hub.ingest.attach({ context, quarantine });
  const files = await startFileSources(hub, context, offsets, options.files ?? [], options.configFile, options.fileOptions);
  return {
    context,
    quarantine,
    files,
    async stop() {
      clearInterval(pruneTimer);
      for (const file of files) await file.stop();
      await pruning;
      await quarantine.close();
    },
  };
}

/**
 * The config's file sources on `hub` (relative paths from the config file's folder), started in order. On a
 * deployment of several hubs only the leader tails files (docs/deploy.md); the caller stops them.
 */
export async function startFileSources(
  hub: SourcePublisher,
  context: SourceContext,
  offsets: SourceStores['offsets'],
  configs: readonly FileSourceConfig[],
  configFile?: string,
  fileOptions?: FileSourceOptions,
): Promise<FileSource[]> {
  const base = configFile ? dirname(resolve(configFile)) : process.cwd();
  const files = configs.map((config) => new FileSource(hub, context, offsets, { ...config, path: isAbsolute(config.path) ? config.path : resolve(base, config.path) }, fileOptions));
  for (const file of files) await file.start();
  return files;
}
