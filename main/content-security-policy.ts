/**
 * The Content-Security-Policy sent with every app:// response (docs/security.md). Scripts, fonts and styles come only from
 * the app origin; the one network peer is the hub, named by its exact origin (ws and http for /health), never a
 * wildcard. No 'unsafe-eval'. 'unsafe-inline' for styles only: MapLibre and d3 set inline style attributes.
 * Workers may be blob: because MapLibre can start its worker from a blob URL.
 */
export function buildContentSecurityPolicy(hubHttpUrl: string | readonly string[]): string {
  const peers = (typeof hubHttpUrl === 'string' ? [hubHttpUrl] : hubHttpUrl).flatMap((url) => {
    const { httpOrigin, wsOrigin } = hubOrigins(url);
    return [wsOrigin, httpOrigin];
  });
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${peers.join(' ')}`,
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The hub's http(s) origin and the matching ws(s) origin, e.g. http://127.0.0.1:8787 and ws://127.0.0.1:8787. */
export function hubOrigins(hubHttpUrl: string): { readonly httpOrigin: string; readonly wsOrigin: string } {
  const url = new URL(hubHttpUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`hub URL must be http(s): ${hubHttpUrl}`);
  return { httpOrigin: url.origin, wsOrigin: `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}` };
}
