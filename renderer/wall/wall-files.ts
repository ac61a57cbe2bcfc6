import { WallConfigError } from '../../feeds/wall/config-error.js';
import { NAME_PATTERN, parseLayout, type Layout } from '../../feeds/wall/layout-schema.js';
import { parseWallConfig, wallConfigSchema, type WallConfig } from '../../feeds/wall/wall-config-schema.js';

/**
 * The wall's files as the host serves them: ./config/wall.json and ./config/layouts/NAME.json (scripts/serve.ts in
 * a browser, the app:// protocol in Electron). Both are validated with the same schemas main uses.
 */
export async function fetchWallConfig(required: boolean): Promise<WallConfig> {
  const response = await fetch('./config/wall.json', { cache: 'no-store' });
  if (response.status === 404 && !required) return wallConfigSchema.parse({ displays: [{ index: 0, layout: 'map-full' }] });
  if (!response.ok) throw new WallConfigError(`config/wall.json: HTTP ${response.status}`);
  return parseWallConfig(await response.text(), 'config/wall.json');
}

const layouts = new Map<string, Promise<Layout>>();

/** A layout by name, fetched and validated once (a failed fetch is retried next time it is asked for). */
export function fetchLayout(name: string): Promise<Layout> {
  let pending = layouts.get(name);
  if (!pending) {
    pending = loadLayout(name);
    layouts.set(name, pending);
    pending.catch(() => layouts.delete(name));
  }
  return pending;
}

async function loadLayout(name: string): Promise<Layout> {
  const file = `config/layouts/${name}.json`;
  if (!NAME_PATTERN.test(name)) throw new WallConfigError(`${file}: not a layout name`);
  const response = await fetch(`./${file}`, { cache: 'no-store' });
  if (!response.ok) throw new WallConfigError(`${file}: HTTP ${response.status}`);
  return parseLayout(await response.text(), file);
}
