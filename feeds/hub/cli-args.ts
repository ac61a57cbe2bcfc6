import { parseArgs } from 'node:util';
import { parseJetStreamUrl } from '../store/jetstream/jetstream-url.js';
import { parseStoreLocation } from '../store/store-location.js';

export interface HubArgs {
  readonly port: number;
  readonly host: string;
  readonly db: string;
  /** Region id to simulate, or null for `--simulate none`. */
  readonly simulate: string | null;
  readonly region: string | null;
  readonly seed: number;
  readonly speed: number;
  readonly config: string;
  readonly vehicles: number | null;
  readonly simStart: number | null;
  /**
   * `--store URL`: where incidents, audit, quarantine, station hours and file offsets live (a SQLite path,
   * `sqlite:PATH` or `postgres://host:port/db`); null → the config's `backends.store`, else the --db file. Optional
   * in the type: callers that build HubArgs themselves (Electron's embedded hub) stay on SQLite.
   */
  readonly store?: string | null;
  /** `--log URL`: the feed log's backend (e.g. `nats://…`); null → the config's `backends.log`, else the --db file. */
  readonly log?: string | null;
  /** `--demo` (true) / `--no-demo` (false): the simulator's demo scenario, over the config's `simulator.demo`; null when neither. */
  readonly demo: boolean | null;
  /** `--hub-id NAME`: this hub's name in /health, logs and leadership (default: host name and process id). */
  readonly hubId?: string | null;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const HUB_USAGE = `Usage: npm run hub -- [options]
  --port N          TCP port (default 8787; 0 picks a free one)
  --host ADDR       listen address (default 127.0.0.1)
  --db PATH         SQLite file for the feed log (default ./data/ioc.db); also the state tables unless --store
  --store URL       state tables (incidents, audit, quarantine, offsets): a SQLite path or postgres://host:port/db
  --log URL         feed log on NATS JetStream: nats://host:port[,host2:port2][/prefix] (default: the --db file);
                    hubs started with the same --log and a postgres --store share feeds, seqs and leadership
  --hub-id NAME     this hub's name in /health and logs (default: host name and process id)
  --config PATH     hub config JSON (default ./config/hub.json)
  --simulate ID     run the simulator for region ID (default: none); "none" runs real sources only
  --region PATH     region pack folder (default ./regions/<ID>)
  --seed N          simulator seed (default 1); with --sim-start the output is deterministic
  --speed X         simulated seconds per real second (default 1)
  --sim-start ISO   simulated start time (default: now)
  --vehicles N      simulated vehicles (default from config, 2000; at most 100000)
  --demo            demo scenario: an incident of every kind within the first minute (default: off,
                    config simulator.demo); --no-demo turns it off whatever the config says`;

function numberOption(name: string, text: string | undefined, fallback: number, check: (n: number) => boolean): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || !check(value)) throw new UsageError(`--${name}: invalid value "${text}"`);
  return value;
}

export function parseHubArgs(argv: readonly string[]): HubArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        store: { type: 'string' },
        log: { type: 'string' },
        'hub-id': { type: 'string' },
        simulate: { type: 'string' },
        region: { type: 'string' },
        seed: { type: 'string' },
        speed: { type: 'string' },
        config: { type: 'string' },
        vehicles: { type: 'string' },
        'sim-start': { type: 'string' },
        demo: { type: 'boolean' },
        'no-demo': { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const values = parsed.values;
  if (values.help) throw new UsageError('');
  const simulate = values.simulate === undefined || values.simulate === 'none' ? null : values.simulate;
  let simStart: number | null = null;
  if (values['sim-start'] !== undefined) {
    simStart = Date.parse(values['sim-start']);
    if (!Number.isFinite(simStart)) throw new UsageError(`--sim-start: not an ISO date "${values['sim-start']}"`);
  }
  if (values.demo && values['no-demo']) throw new UsageError('--demo and --no-demo together');
  return {
    port: numberOption('port', values.port, 8787, (n) => Number.isInteger(n) && n >= 0 && n < 65536),
    host: values.host ?? '127.0.0.1',
    db: values.db ?? './data/ioc.db',
    simulate,
    region: values.region ?? null,
    seed: numberOption('seed', values.seed, 1, (n) => Number.isInteger(n) && n >= 0),
    speed: numberOption('speed', values.speed, 1, (n) => n > 0 && n <= 3600),
    config: values.config ?? './config/hub.json',
    vehicles: values.vehicles === undefined ? null : numberOption('vehicles', values.vehicles, 0, (n) => Number.isInteger(n) && n >= 0 && n <= 100_000),
    simStart,
    store: storeOption(values.store),
    log: logOption(values.log),
    hubId: nonEmpty('hub-id', values['hub-id']),
    demo: values.demo ? true : values['no-demo'] ? false : null,
  };
}

function logOption(text: string | undefined): string | null {
  if (text === undefined) return null;
  try {
    parseJetStreamUrl(text);
  } catch (error) {
    throw new UsageError(`--log: ${(error as Error).message}`);
  }
  return text;
}

function storeOption(text: string | undefined): string | null {
  if (text === undefined) return null;
  try {
    parseStoreLocation(text);
  } catch (error) {
    throw new UsageError(`--store: ${(error as Error).message}`);
  }
  return text;
}

function nonEmpty(name: string, text: string | undefined): string | null {
  if (text === undefined) return null;
  if (text.trim() === '') throw new UsageError(`--${name}: empty value`);
  return text;
}
