import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME } from './app-origin.js';
import { resolveAppFile, type AppRoots } from './app-file-resolver.js';

/**
 * Must run before `app` is ready: a standard + secure scheme gets a real origin, a secure context (needed for
 * workers and WebGL features) and the Fetch API; corsEnabled lets module scripts and the module worker (MapLibre's)
 * load from it. No bypassCSP and no service workers.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true, bypassCSP: false, allowServiceWorkers: false },
    },
  ]);
}

/**
 * Serve app://console/ from the built renderer and the region packs. Every response, errors included, carries the
 * CSP header (built once the hub's port is known).
 */
export function serveAppProtocol(roots: AppRoots, contentSecurityPolicy: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const headers: Record<string, string> = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
    // Electronegativity cannot evaluate a policy built at run time (it names the hub's port) and would report it as
    // invalid; the policy is checked instead by main/content-security-policy.test.ts with the same CSP evaluator.
    headers['Content-Security-Policy'] = contentSecurityPolicy; /* eng-disable CSP_GLOBAL_CHECK */
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405, headers });
    const resolution = resolveAppFile(request.url, roots);
    if (!resolution.ok) {
      if (resolution.status === 403) console.warn(`app protocol: refused ${request.url} (${resolution.reason})`);
      return new Response(resolution.reason, { status: resolution.status, headers });
    }
    let body: Buffer;
    try {
      body = await readFile(resolution.file);
    } catch {
      return new Response('not found', { status: 404, headers });
    }
    headers['Content-Type'] = resolution.contentType;
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  });
}
