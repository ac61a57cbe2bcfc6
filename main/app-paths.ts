import { join, sep } from 'node:path';
import { app } from 'electron';
import type { AppRoots } from './app-file-resolver.js';

/**
 * Where the built files live. main is bundled to CommonJS, so __dirname is the bundle's folder: build/app/main/,
 * both in the source tree and inside app.asar, and the renderer is always ../renderer from there. The region packs are read by the hub utility process too, so the
 * packaged app ships them as plain files in resources/regions (electron-builder extraResources), not inside the asar.
 */
export function appRoots(): AppRoots {
  return {
    renderer: join(__dirname, '..', 'renderer'),
    regions: app.isPackaged ? join(process.resourcesPath, 'regions') : join(__dirname, '..', '..', '..', 'regions'),
  };
}

export function preloadPath(): string {
  return join(__dirname, 'preload.cjs');
}

/**
 * The hub utility's entry. Packaged, it is forked from app.asar.unpacked (electron-builder asarUnpack): it and its
 * native sqlite3 then load from plain files, whatever the utility process's asar support.
 */
export function hubUtilityPath(): string {
  const path = join(__dirname, 'hub-utility.cjs');
  return app.isPackaged ? path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`) : path;
}
