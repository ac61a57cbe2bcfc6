import type { ConsoleLocale } from '../feeds/bridge/bridge-contract.js';
import { ROLES, type Role } from '../feeds/protocol/frames.js';
import { hubOrigins } from './content-security-policy.js';

/** What the console was asked to do on its command line. */
export interface ConsoleArgs {
  /** An external hub (`--hub URL --token T`), or null to start the embedded hub. */
  readonly hub: { readonly httpUrl: string; readonly token: string; readonly httpUrls?: readonly string[] } | null;
  /** Role of this console; with the embedded hub it picks the matching token from hub.json. */
  readonly role: Role;
  readonly locale: ConsoleLocale;
  /** `--devtools` was given; whether the tools are allowed is main/devtools-policy.ts's decision. */
  readonly devtools: boolean;
  /** `--wall PATH`: video-wall mode with this wall config (docs/wall.md); the role becomes `wall`. */
  readonly wall: string | null;
  /** `--at TIME`: open replaying that moment (ISO 8601, e.g. 2026-12-04T08:15+07:00; docs/replay.md). */
  readonly at: string | null;
  /** `--demo`: the embedded hub's simulator runs its demo scenario (over `simulator.demo` in its hub.json). */
  readonly demo: boolean;
}

export class ConsoleUsageError extends Error {
  override readonly name = 'ConsoleUsageError';
}

export const CONSOLE_USAGE = `Usage: ioc-console [options]
  --hub URLS      use external hubs (http://host:port or ws://host:port; several, comma-separated, for a
                  deployment of several hubs: the console moves to the next when it loses one); needs --token
  --token T       the token this console presents to the external hub
  --role R        ${ROLES.join('|')} (default operator)
  --lang vi|en    interface language (default vi)
  --devtools      allow the developer tools (development runs only; a packaged app ignores it)
  --wall PATH     video-wall mode: one fullscreen window per display from this wall config
                  (e.g. config/wall.json; docs/wall.md). Quit with Ctrl+Alt+Shift+Q
  --at TIME       open the console replaying that moment (ISO 8601, e.g. 2026-12-04T08:15+07:00)
  --demo          the embedded hub's simulator raises an incident of every kind within the first minute
                  (default off; also "simulator": {"demo": true} in <profile>/hub.json)`;

const VALUE_OPTIONS = ['hub', 'token', 'role', 'lang', 'wall', 'at'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

/**
 * Parse the console's own options out of the full process argv. Unknown arguments are skipped rather than refused:
 * argv also carries the executable, the app path and Chromium/Electron/Playwright switches (--inspect=0,
 * --user-data-dir=…, --no-sandbox), in an order we do not control. Both `--opt value` and `--opt=value` work.
 */
export function parseConsoleArgs(argv: readonly string[]): ConsoleArgs {
  const values = new Map<ValueOption, string>();
  let devtools = false;
  let demo = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--devtools') {
      devtools = true;
      continue;
    }
    if (arg === '--demo') {
      demo = true;
      continue;
    }
    const match = /^--([a-z]+)(?:=(.*))?$/s.exec(arg);
    const name = VALUE_OPTIONS.find((option) => option === match?.[1]);
    if (!match || name === undefined) continue;
    let value = match[2];
    if (value === undefined) {
      value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) throw new ConsoleUsageError(`--${name} needs a value`);
      index++;
    }
    values.set(name, value);
  }

  const hubText = values.get('hub');
  const token = values.get('token');
  if (hubText === undefined && token !== undefined) throw new ConsoleUsageError('--token is only used with --hub');
  if (hubText !== undefined && (token === undefined || token === '')) throw new ConsoleUsageError('--hub needs --token');
  // An external hub runs its own simulator (or none): its demo is its own command line's business.
  if (hubText !== undefined && demo) throw new ConsoleUsageError('--demo is only used with the embedded hub (not with --hub)');

  const roleText = values.get('role') ?? 'operator';
  const role = ROLES.find((known) => known === roleText);
  if (role === undefined) throw new ConsoleUsageError(`--role: unknown role "${roleText}" (${ROLES.join(', ')})`);

  const lang = values.get('lang') ?? 'vi';
  if (lang !== 'vi' && lang !== 'en') throw new ConsoleUsageError(`--lang: expected vi or en, got "${lang}"`);

  const wall = values.get('wall');
  const at = values.get('at');
  return {
    hub: hubText === undefined || token === undefined ? null : externalHubs(hubText, token),
    role,
    locale: lang,
    devtools,
    wall: wall === undefined || wall === '' ? null : wall,
    at: at === undefined || at === '' ? null : at,
    demo,
  };
}

function externalHubs(text: string, token: string): NonNullable<ConsoleArgs['hub']> {
  const httpUrls = text.split(',').map((part) => part.trim()).filter((part) => part !== '').map(normalizeHubUrl);
  const [first] = httpUrls;
  if (first === undefined) throw new ConsoleUsageError('--hub needs a URL');
  return httpUrls.length > 1 ? { httpUrl: first, token, httpUrls } : { httpUrl: first, token };
}

/** Accept http(s):// or ws(s):// (with or without /v1/stream) and return the hub's http(s) origin. */
export function normalizeHubUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConsoleUsageError(`--hub: not a URL "${text}"`);
  }
  const scheme = { 'http:': 'http:', 'https:': 'https:', 'ws:': 'http:', 'wss:': 'https:' }[url.protocol];
  if (scheme === undefined) throw new ConsoleUsageError(`--hub: expected http://, https://, ws:// or wss://, got "${text}"`);
  if (url.username !== '' || url.password !== '') throw new ConsoleUsageError('--hub: credentials in the URL are not allowed; use --token');
  return hubOrigins(`${scheme}//${url.host}`).httpOrigin;
}
