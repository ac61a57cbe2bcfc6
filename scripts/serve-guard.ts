import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkHost, hostAllowlist, MISDIRECTED_STATUS, type HostAllowlist } from '../feeds/hub/host-allowlist.js';

export type Routes = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

export interface ServeGuardOptions {
  /** The listening address (`--host`) and the `--allow-host` names; the port is the one the request came in on. */
  readonly listenHost: string;
  readonly allowHosts: readonly string[];
  /** `--source-maps`: let *.map requests through. */
  readonly sourceMaps: boolean;
  readonly refusals: RefusalLog;
}

/**
 * Wrap serve's own routes (the console, /console-config.json with its tokens, wall files, region packs): a request
 * whose Host is not one of this server's names gets 421 (DNS rebinding: docs/security.md), and a
 * source map 404 unless `--source-maps`. The hub's own routes and its WebSocket upgrade do not pass through here.
 */
/** The Host check alone, for the hub's own routes and its WebSocket upgrade on serve's port: a reason, or null. */
export function hostGuard(options: Pick<ServeGuardOptions, 'listenHost' | 'allowHosts'>): (request: IncomingMessage) => string | null {
  const allowlists = new Map<number, HostAllowlist>();
  return (request) => {
    const port = request.socket.localPort;
    if (port === undefined) return 'connection closed';
    let allowlist = allowlists.get(port);
    if (!allowlist) {
      allowlist = hostAllowlist({ port, listenHost: options.listenHost, allowHosts: options.allowHosts });
      allowlists.set(port, allowlist);
    }
    const check = checkHost(request.headers.host, allowlist);
    return check.ok ? null : check.reason;
  };
}

export function guardRoutes(routes: Routes, options: ServeGuardOptions): Routes {
  // One server, one port: keyed by the port the connection arrived on, which is the listening port even after a
  // `--port 0` pick, and known before runHub returns.
  const allowlists = new Map<number, HostAllowlist>();
  const allowlistFor = (port: number): HostAllowlist => {
    let allowlist = allowlists.get(port);
    if (!allowlist) {
      allowlist = hostAllowlist({ port, listenHost: options.listenHost, allowHosts: options.allowHosts });
      allowlists.set(port, allowlist);
    }
    return allowlist;
  };
  return (request, response, next) => {
    const port = request.socket.localPort;
    const check = port === undefined ? { ok: false as const, reason: 'connection closed' } : checkHost(request.headers.host, allowlistFor(port));
    if (!check.ok) {
      options.refusals.record(check.reason);
      response.writeHead(MISDIRECTED_STATUS, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
      response.end(`${check.reason}: this server answers only requests addressed to 127.0.0.1, localhost or [::1] at its port (or a name given with --allow-host)\n`);
      return;
    }
    if (!options.sourceMaps && isSourceMapPath(request.url ?? '/')) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    routes(request, response, next);
  };
}

/**
 * Is this request URL a source map? Checked on the raw path and on its decoded forms, because the static file
 * server decodes the path before looking the file up (`/console.js%2Emap` is console.js.map).
 */
export function isSourceMapPath(requestUrl: string): boolean {
  const raw = requestUrl.split(/[?#]/, 1)[0] ?? '';
  const forms = [raw];
  for (const decode of [decodeURI, decodeURIComponent]) {
    try {
      forms.push(decode(raw));
    } catch {
      // A malformed escape leaves only the raw form, which is what the file server then uses too.
    }
  }
  return forms.some((form) => /\.map\/*$/i.test(form));
}

/** Counts refused requests and says so at most once per interval, so a rebinding page's retries cannot flood the log. */
export class RefusalLog {
  #total = 0;
  #sinceWarning = 0;
  #lastWarning = Number.NEGATIVE_INFINITY;
  readonly #warn: (message: string) => void;
  readonly #intervalMs: number;
  readonly #now: () => number;

  constructor(warn: (message: string) => void, intervalMs = 60_000, now: () => number = Date.now) {
    this.#warn = warn;
    this.#intervalMs = intervalMs;
    this.#now = now;
  }

  get total(): number {
    return this.#total;
  }

  record(reason: string): void {
    this.#total++;
    this.#sinceWarning++;
    const now = this.#now();
    if (now - this.#lastWarning < this.#intervalMs) return;
    this.#warn(`serve: refused ${this.#sinceWarning} request(s) for another host (${this.#total} in all; latest: ${reason}); --allow-host NAME admits a name`);
    this.#sinceWarning = 0;
    this.#lastWarning = now;
  }
}
