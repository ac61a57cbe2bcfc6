import { extname, resolve, sep } from 'node:path';
import { NAME_PATTERN } from '../feeds/wall/layout-schema.js';
import { APP_HOST, APP_REGIONS_PREFIX, APP_SCHEME } from './app-origin.js';

/** The two folders app://console/ serves: the built renderer, and the region packs under /regions/. */
export interface AppRoots {
  readonly renderer: string;
  readonly regions: string;
  /** Wall mode: /config/wall.json and /config/layouts/NAME.json come from the `--wall` file and its layouts/ folder. */
  readonly wall?: { readonly configFile: string; readonly layoutsDir: string } | null;
  /**
   * Serve the renderer's *.map files: only with the developer tools, which only a development run has. A packaged
   * app ships none (electron-builder.yml leaves them out); this keeps one that slipped in from being read.
   */
  readonly sourceMaps?: boolean;
}

export type AppFileResolution =
  | { readonly ok: true; readonly file: string; readonly contentType: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404; readonly reason: string };

/**
 * Map an app:// request URL to a file inside one of the roots, or refuse it. Chromium already folds literal `..`
 * segments of a standard scheme, but an encoded slash (`..%2F..%2F`) or backslash only becomes a separator after
 * decoding, so the decoded path is checked segment by segment and the result must stay inside its root.
 */
export function resolveAppFile(requestUrl: string, roots: AppRoots): AppFileResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404, reason: 'not the app origin' };

  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (path.includes('\0') || path.includes('\\')) return { ok: false, status: 400, reason: 'illegal character in path' };
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) return { ok: false, status: 403, reason: 'path traversal' };

  if (!roots.sourceMaps && segments.at(-1)?.toLowerCase().endsWith('.map')) return { ok: false, status: 404, reason: 'source maps are not served' };
  if (segments[0] === 'config') return resolveWallFile(segments.slice(1), roots.wall ?? null);
  let root = roots.renderer;
  if (segments[0] === APP_REGIONS_PREFIX) {
    root = roots.regions;
    segments.shift();
    if (segments.length === 0) return { ok: false, status: 404, reason: 'no file named' };
  } else if (segments.length === 0 || path.endsWith('/')) {
    segments.push('index.html');
  }

  const base = resolve(root);
  const file = resolve(base, ...segments);
  // Belt and braces: a segment like "C:" on Windows would make resolve() jump out of the root.
  if (!file.startsWith(base + sep)) return { ok: false, status: 403, reason: 'outside the served folder' };
  return { ok: true, file, contentType: contentTypeFor(file) };
}

/** Only the wall config itself and layouts by name (the same names the schema accepts): nothing else of that folder. */
function resolveWallFile(segments: readonly string[], wall: AppRoots['wall']): AppFileResolution {
  if (!wall) return { ok: false, status: 404, reason: 'not in wall mode' };
  if (segments.length === 1 && segments[0] === 'wall.json') return { ok: true, file: wall.configFile, contentType: contentTypeFor(wall.configFile) };
  const name = segments.length === 2 && segments[0] === 'layouts' ? /^(.+)\.json$/.exec(segments[1] ?? '')?.[1] : undefined;
  if (name === undefined || !NAME_PATTERN.test(name)) return { ok: false, status: 404, reason: 'no such wall file' };
  return { ok: true, file: resolve(wall.layoutsDir, `${name}.json`), contentType: contentTypeFor('.json') };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.pbf': 'application/x-protobuf',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/** Content type by extension; anything unknown is served as opaque bytes (and nosniff keeps it that way). */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
