import { APP_CONSOLE_ORIGIN } from '../protocol/app-origin.js';

/**
 * Which pages may open the stream (docs/security.md): a browser always sends `Origin` with a WebSocket upgrade, so a
 * page elsewhere — including one that made its name resolve to 127.0.0.1 (DNS rebinding) — is refused before it can
 * use an operator's browser. Tools send no Origin and still need a token.
 */
export function originAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  return allowed.has(origin.toLowerCase());
}

/** The hub's own origins on its listening address, the Electron console's, and the configured ones. */
export function allowedOrigins(host: string, port: number, configured: readonly string[]): Set<string> {
  const origins = new Set<string>([APP_CONSOLE_ORIGIN, ...configured.map((origin) => origin.toLowerCase())]);
  const hosts = host === '127.0.0.1' || host === 'localhost' || host === '::1' ? ['127.0.0.1', 'localhost', '[::1]'] : [host.includes(':') ? `[${host}]` : host];
  for (const name of hosts) origins.add(`http://${name}:${port}`);
  return origins;
}
