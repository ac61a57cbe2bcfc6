import { HUB_USAGE, UsageError } from '../feeds/hub/cli-args.js';
import { parseAllowHosts } from '../feeds/hub/host-allowlist.js';

/** `npm run serve`'s own options; everything else goes to the hub (feeds/hub/cli-args.ts). */
export interface ServeArgs {
  /** The hub's arguments, with serve's defaults (port 8080, the Hải Dương simulator) added when not given. */
  readonly hubArgv: readonly string[];
  /** `--config PATH` was given: use it instead of serve's own generated config. */
  readonly hasConfig: boolean;
  /** `--no-build`: serve the existing build/app/renderer. */
  readonly noBuild: boolean;
  /** `--wall PATH`, or null for the default config/wall.json. */
  readonly wallFile: string | null;
  /** `--allow-host NAME` (repeatable, comma-separated): Host names answered besides the loopback ones. */
  readonly allowHosts: readonly string[];
  /** `--source-maps`: serve the renderer's *.map files (refused by default). */
  readonly sourceMaps: boolean;
  /**
   * `--hub ws://…/v1/stream,ws://…`: serve only the console, pointed at these hubs (a deployment of several hubs,
   * docs/deploy.md) instead of running a hub of its own; empty: run the hub as usual.
   */
  readonly hubs: readonly string[];
}

export const SERVE_USAGE = `${HUB_USAGE.replace('npm run hub', 'npm run serve').replace('default 8787', 'default 8080').replace('(default: none)', '(default hai-duong)')}
  --no-build        serve the existing build/app/renderer
  --wall PATH       wall config for /?wall=1 (default config/wall.json; layouts from its layouts/ folder)
  --allow-host NAME also answer requests whose Host is NAME (at the port) or NAME:PORT; repeat or comma-separate.
                    Only 127.0.0.1, localhost and [::1] are answered otherwise (421 Misdirected Request)
  --source-maps     serve the renderer's source maps (*.map); refused (404) by default
  --hub URLS        serve only the console, for the hubs ws://host:port/v1/stream,… (comma-separated, in order of
                    preference; their config must allow this page's origin): no hub of its own`;

const SERVE_FLAGS = new Set(['--no-build', '--source-maps']);
const SERVE_VALUES = new Set(['--wall', '--allow-host', '--hub']);

/** Both `--opt value` and `--opt=value`; `--opt` followed by another option, or by nothing, is a usage error. */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const hubArgv: string[] = [];
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (SERVE_FLAGS.has(arg)) {
      flags.add(arg);
      continue;
    }
    const [name = '', inline] = arg.split(/=(.*)/s, 2);
    if (!SERVE_VALUES.has(name)) {
      hubArgv.push(arg);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
      index++;
    }
    if (value === '') throw new UsageError(`${name} needs a value`);
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  const given = (option: string): boolean => hubArgv.some((arg) => arg === option || arg.startsWith(`${option}=`));
  if (!given('--port')) hubArgv.push('--port', '8080');
  if (!given('--simulate')) hubArgv.push('--simulate', 'hai-duong');
  let allowHosts: string[];
  try {
    allowHosts = parseAllowHosts(values.get('--allow-host') ?? []);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const hubs = (values.get('--hub') ?? []).flatMap((value) => value.split(',')).map((url) => url.trim()).filter((url) => url !== '');
  for (const url of hubs) {
    if (!/^wss?:\/\/[^/\s]+\/v1\/stream$/.test(url)) throw new UsageError(`--hub: "${url}" is not a hub stream URL (ws://host:port/v1/stream)`);
  }
  if (hubs.length > 0 && !given('--config')) throw new UsageError("--hub needs --config: the hubs' config, whose tokens the console hands out");
  return {
    hubs,
    hubArgv,
    hasConfig: given('--config'),
    noBuild: flags.has('--no-build'),
    wallFile: values.get('--wall')?.at(-1) ?? null,
    allowHosts,
    sourceMaps: flags.has('--source-maps'),
  };
}
