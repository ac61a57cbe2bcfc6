// Builds everything the app needs to run: the renderer bundle and, for Electron, main + preload + hub utility.
import { existsSync } from 'node:fs';
import { buildRenderer } from './build-renderer.mjs';

const started = Date.now();
await buildRenderer();
if (existsSync(new URL('./build-main.mjs', import.meta.url))) {
  const { buildMain } = await import('./build-main.mjs');
  await buildMain();
}
console.info(`build: done in ${Date.now() - started} ms`);
