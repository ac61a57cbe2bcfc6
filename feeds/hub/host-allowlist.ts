/**
 * Which `Host` a request to a loopback server may name (docs/security.md). A page on
 * evil.example whose name is re-pointed at 127.0.0.1 (DNS rebinding) reaches our port from the user's own browser,
 * but the browser still sends `Host: evil.example:PORT`: only a Host that is one of this server's own names proves
 * the request was meant for us. Pure, so the HTTP routes of `npm run serve` and the hub's WebSocket upgrade can
 * share it.
 */

/** The names every loopback server answers to, at its listening port. */
export const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

/** HTTP status for a request that named another host (RFC 9110 §15.5.20). */
export const MISDIRECTED_STATUS = 421;

export interface HostAllowlist {
  /** The listening port: a name without a port in `allowHosts` means this one. */
  readonly port: number;
  /** Allowed `host:port` authorities, canonical (lower case, no trailing dot, IPv6 in brackets, port explicit). */
  readonly authorities: ReadonlySet<string>;
}

export type HostCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface HostAllowlistOptions {
  /** The port the server actually listens on (after a `--port 0` pick). */
  readonly port: number;
  /** The address it listens on (`--host`): a specific address is one of its names, a wildcard is not. */
  readonly listenHost?: string;
  /** Extra names (`--allow-host`): `NAME` (at the listening port) or `NAME:PORT` (exactly, e.g. behind a proxy). */
  readonly allowHosts?: readonly string[];
}

const WILDCARD_ADDRESSES = new Set(['', '0.0.0.0', '::', '[::]']);

/** Build the allow-list; throws on an `allowHosts` entry that is not a host name, address or `host:port`. */
export function hostAllowlist(options: HostAllowlistOptions): HostAllowlist {
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) throw new RangeError(`not a listening port: ${options.port}`);
  const authorities = new Set<string>(LOOPBACK_NAMES.map((name) => `${name}:${options.port}`));
  const listen = options.listenHost?.trim() ?? '';
  if (!WILDCARD_ADDRESSES.has(listen)) {
    // A bare IPv6 address (`--host ::1`) is written in brackets in a Host header.
    const name = parseAuthority(listen.includes(':') && !listen.startsWith('[') ? `[${listen}]` : listen);
    if (name === null || name.port !== null) throw new RangeError(`not a listening address: "${listen}"`);
    authorities.add(`${name.host}:${options.port}`);
  }
  for (const entry of options.allowHosts ?? []) {
    const name = parseAuthority(entry.trim());
    if (name === null) throw new RangeError(`not a host name, address or host:port: "${entry}"`);
    authorities.add(`${name.host}:${name.port ?? options.port}`);
  }
  return { port: options.port, authorities };
}

/**
 * Split `--allow-host` values (the option may repeat, and each may list names separated by commas) and check each
 * one, so a typo is a usage error at start rather than a 421 later.
 */
export function parseAllowHosts(values: readonly string[]): string[] {
  const names = values.flatMap((value) => value.split(',')).map((name) => name.trim());
  for (const name of names) {
    if (parseAuthority(name) === null) throw new RangeError(`--allow-host: not a host name, address or host:port: "${name}"`);
  }
  return names;
}

/**
 * May a request with this `Host` header be answered? `host` is `request.headers.host` as Node gives it. A missing
 * Host is refused too: every HTTP/1.1 browser request carries one, so only a hand-made request lacks it.
 */
export function checkHost(host: string | undefined, allowlist: HostAllowlist): HostCheck {
  if (host === undefined || host === '') return { ok: false, reason: 'missing Host header' };
  const name = parseAuthority(host);
  if (name === null) return { ok: false, reason: 'malformed Host header' };
  // No port in a Host header means the scheme's default (http: 80), not "any port".
  const authority = `${name.host}:${name.port ?? 80}`;
  if (allowlist.authorities.has(authority)) return { ok: true };
  return { ok: false, reason: `Host "${authority}" is not a name of this server` };
}

/** The raw reply for a refused WebSocket upgrade (the socket has no ServerResponse to write to). */
export function misdirectedUpgradeResponse(reason: string): string {
  const body = `${reason}\n`;
  return `HTTP/1.1 ${MISDIRECTED_STATUS} Misdirected Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

// Host names (letters, digits, dot, hyphen, underscore), IPv4 literals, or IPv6 literals in brackets; then an
// optional port. Nothing else: no user-info, path or whitespace can slip into what is compared.
const AUTHORITY = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9._-]+))(?::(\d{1,5}))?$/;

/** Canonical host (lower case, one trailing dot dropped, IPv6 normalised) and port, or null when malformed. */
function parseAuthority(text: string): { host: string; port: number | null } | null {
  const match = AUTHORITY.exec(text.toLowerCase());
  if (!match) return null;
  const [, ipv6, name, portText] = match;
  let host: string;
  if (ipv6 !== undefined) {
    // The URL parser both validates the address and writes it the one way a browser does ([0:0::1] → [::1]).
    try {
      host = new URL(`http://[${ipv6}]/`).hostname;
    } catch {
      return null;
    }
  } else {
    // "localhost." is the same DNS name as "localhost" (fully qualified); drop one trailing dot, never more.
    host = name?.endsWith('.') ? name.slice(0, -1) : (name ?? '');
    if (host === '' || host.startsWith('.') || host.includes('..')) return null;
  }
  if (portText === undefined) return { host, port: null };
  const port = Number(portText);
  if (port < 1 || port > 65535) return null;
  return { host, port };
}
