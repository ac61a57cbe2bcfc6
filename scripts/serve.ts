import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import type { ConsoleConfig } from '../feeds/bridge/bridge-contract.js';
import { parseHubArgs, UsageError, type HubArgs } from '../feeds/hub/cli-args.js';
import { loadHubConfig, type HubConfig } from '../feeds/hub/hub-config.js';
import { runHub } from '../feeds/hub/run-hub.js';
import type { Role } from '../feeds/protocol/frames.js';
import { parseServeArgs, SERVE_USAGE, type ServeArgs } from './serve-args.js';
import { guardRoutes, hostGuard, RefusalLog } from './serve-guard.js';

/**
 * `npm run serve -- --port 8080`: the hub with the simulator AND the built console on one 127.0.0.1 port, for
 * plain Chromium (tests, browser-driven walls). The browser bridge reads /console-config.json, which hands out a
 * token of the asked role (?role=…, ?wall=1 → wall) — acceptable only because the server listens on loopback and
 * answers only requests addressed to it by one of its own names (scripts/serve-guard.ts: a DNS-rebinding page
 * reaches the port but names another host); a control room runs the hub as a service with its own tokens instead.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RENDERER = join(ROOT, 'build/app/renderer');
/** The page's CSP; with `--hub`, the hubs' stream origins are the only other places it may connect to. */
function contentSecurityPolicy(hubs: readonly string[]): string {
  const origins = hubs.map((url) => new URL(url).origin.replace(/^http/, 'ws'));
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${origins.map((origin) => ` ${origin}`).join('')}`,
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const SOURCE_TOKEN_NAME = 'Nguồn dữ liệu (ingest)';

/**
 * The served hub's own config: random tokens, one per seat, plus a `source` token for POST /v1/ingest (printed at
 * start, so sensor files can be posted at once). A file written by an older version gets the source token added.
 */
async function ensureServeConfig(path: string): Promise<void> {
  const token = (): string => randomBytes(18).toString('base64url');
  const sourceToken = { token: token(), role: 'source', name: SOURCE_TOKEN_NAME };
  if (existsSync(path)) {
    const existing = JSON.parse(await readFile(path, 'utf8')) as { auth?: { tokens?: { role?: string }[] } };
    const tokens = existing.auth?.tokens;
    if (tokens && !tokens.some((entry) => entry.role === 'source')) {
      tokens.push(sourceToken);
      await writeFile(path, `${JSON.stringify(existing, null, 2)}\n`, { mode: 0o600 });
    }
    return;
  }
  await mkdir(dirname(path), { recursive: true });
  const config = {
    auth: {
      tokens: [
        { token: token(), role: 'operator', name: 'Điều hành viên 1' },
        { token: token(), role: 'operator', name: 'Điều hành viên 2' },
        { token: token(), role: 'duty-officer', name: 'Trực ban' },
        { token: token(), role: 'wall', name: 'Màn hình tường' },
        sourceToken,
      ],
    },
  };
  await writeFile(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}

function consoleConfigFor(url: URL, hub: { url: string; streams: readonly string[] }, config: HubConfig, regionId: string, version: string): ConsoleConfig | null {
  const wall = url.searchParams.get('wall') === '1';
  const role = (wall ? 'wall' : (url.searchParams.get('role') ?? 'operator')) as Role;
  const index = Number(url.searchParams.get('seat') ?? '0');
  const candidates = config.auth.tokens.filter((entry) => entry.role === role);
  const entry = candidates[Number.isInteger(index) ? index : 0] ?? candidates[0];
  if (!entry || role === 'source') return null;
  const streams = hub.streams.length > 0 ? hub.streams : [`${hub.url.replace(/^http/, 'ws')}/v1/stream`];
  return {
    hubUrl: streams[0] ?? '',
    ...(streams.length > 1 ? { hubUrls: streams } : {}),
    hubHttpUrl: hub.url,
    token: entry.token,
    role: entry.role,
    locale: url.searchParams.get('lang') === 'en' ? 'en' : 'vi',
    regionUrl: `./regions/${regionId}/`,
    wall: wall ? { layout: url.searchParams.get('layout'), playlist: url.searchParams.get('playlist') } : null,
    at: url.searchParams.get('at'),
    host: 'browser',
    version,
  };
}

/** Only the wall config and layouts by name (the names the schema accepts), read fresh on every request. */
function serveWallFile(pathname: string, wallFile: string, response: ServerResponse): void {
  const name = /^\/config\/layouts\/([a-z0-9][a-z0-9-]{0,47})\.json$/.exec(pathname)?.[1];
  const file = pathname === '/config/wall.json' ? wallFile : name ? join(dirname(wallFile), 'layouts', `${name}.json`) : null;
  if (!file) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  readFile(file).then(
    (body) => response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body),
    () => response.writeHead(404, { 'content-type': 'text/plain' }).end('not found'),
  );
}

async function main(): Promise<void> {
  let serveArgs: ServeArgs;
  let args: HubArgs;
  try {
    serveArgs = parseServeArgs(process.argv.slice(2));
    args = parseHubArgs(serveArgs.hubArgv);
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) console.error(`serve: ${error.message}`);
      console.error(SERVE_USAGE);
      process.exit(error.message ? 2 : 0);
    }
    throw error;
  }
  // --wall PATH: the wall config served at /config/wall.json, its layouts/ folder at /config/layouts/ (docs/wall.md).
  const wallFile = resolve(serveArgs.wallFile ?? join(ROOT, 'config/wall.json'));
  const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  if (!serveArgs.hasConfig) {
    const path = join(dirname(resolve(args.db)), 'serve-hub.json');
    await ensureServeConfig(path);
    args = { ...args, config: path };
  }
  if (!serveArgs.noBuild || !existsSync(join(RENDERER, 'console.js'))) {
    const { buildRenderer } = (await import('./build-renderer.mjs')) as { buildRenderer: () => Promise<void> };
    await buildRenderer();
  }
  const config = await loadHubConfig(args.config);
  const regionId = args.simulate ?? 'hai-duong';
  const csp = contentSecurityPolicy(serveArgs.hubs);
  const staticRenderer = sirv(RENDERER, { dev: false, etag: true, gzip: true, brotli: true, setHeaders: (res) => res.setHeader('Content-Security-Policy', csp) });
  const staticRegions = sirv(join(ROOT, 'regions'), { dev: false, etag: true });
  let hubUrl = '';
  const routes = (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const url = new URL(request.url ?? '/', 'http://console');
    if (url.pathname === '/console-config.json') {
      const body = consoleConfigFor(url, { url: hubUrl, streams: serveArgs.hubs }, config, regionId, version);
      response.writeHead(body ? 200 : 404, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body ?? { error: 'no token for that role' }));
      return;
    }
    if (url.pathname === '/config/wall.json' || url.pathname.startsWith('/config/layouts/')) {
      serveWallFile(url.pathname, wallFile, response);
      return;
    }
    if (url.pathname.startsWith('/regions/')) {
      request.url = url.pathname.slice('/regions'.length) + url.search;
      staticRegions(request, response, next);
      return;
    }
    staticRenderer(request, response, next);
  };
  const refusals = new RefusalLog((message) => console.warn(message));
  const guarded = guardRoutes(routes, { listenHost: args.host, allowHosts: serveArgs.allowHosts, sourceMaps: serveArgs.sourceMaps, refusals });
  if (serveArgs.hubs.length > 0) {
    // Console only: the hubs run elsewhere (docs/deploy.md); this process serves the page and its config.
    await serveConsoleOnly(args, guarded, serveArgs.hubs, (url) => (hubUrl = url));
    return;
  }
  // The hub's own routes (/health, /metrics, ingest) and the stream's upgrade on this port check Host too.
  const running = await runHub(args, { extraRoutes: guarded, hostGuard: hostGuard({ listenHost: args.host, allowHosts: serveArgs.allowHosts }) });
  hubUrl = running.hub.url;
  console.info(`console: ${running.hub.url}/  (hub ws ${running.hub.url.replace('http', 'ws')}/v1/stream)`);
  const source = config.auth.tokens.find((entry) => entry.role === 'source');
  if (source) {
    console.info(`ingest:  curl -H 'Authorization: Bearer ${source.token}' --data-binary @eve.json '${running.hub.url}/v1/ingest/soc?format=suricata-eve'`);
  }
  const stop = (): void => {
    running.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** `--hub`: an HTTP server of its own for the console's files and config, on --host/--port; stops on a signal. */
async function serveConsoleOnly(args: HubArgs, routes: ReturnType<typeof guardRoutes>, hubs: readonly string[], setHubUrl: (url: string) => void): Promise<void> {
  const server = createServer((request, response) => routes(request, response, () => response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')));
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(args.port, args.host, () => resolveListen());
  });
  const address = server.address() as AddressInfo;
  const own = `http://${args.host}:${address.port}`;
  // The health bar's /health link and the page's hub origin: the first hub.
  setHubUrl((hubs[0] ?? own).replace(/^ws/, 'http').replace(/\/v1\/stream$/, ''));
  console.info(`console: ${own}/  (hubs ${hubs.join(', ')}; their auth.allowedOrigins must include ${own})`);
  const stop = (): void => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
