import { WallConfigError } from '../../feeds/wall/config-error.js';
import type { WallSource } from '../../feeds/wall/rotation.js';
import type { WallConfig } from '../../feeds/wall/wall-config-schema.js';

/** What placement needs to know of an Electron Display (screen.getAllDisplays()), as plain values. */
export interface DisplayFacts {
  readonly id: number;
  readonly bounds: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

export interface WallWindowSpec {
  /** Which displays[] entry of the wall config asked for this window. */
  readonly entry: number;
  readonly displayId: number;
  readonly displayIndex: number;
  /** The display's full bounds (not its work area): a wall window covers panels and docks too. */
  readonly bounds: DisplayFacts['bounds'];
  readonly source: WallSource;
}

export interface WallPlan {
  readonly windows: readonly WallWindowSpec[];
  /** Displays the config names that are not connected (skipped), or named twice. */
  readonly warnings: readonly string[];
}

/**
 * One window per configured display, placed at that display's bounds. Displays are matched by `index` (position in
 * the list Electron gives) or by `id`. A display that is not connected is skipped with a warning (so a wall with
 * one dead screen still runs the others) unless the config says `"missingDisplay": "error"`; a config that places
 * no window at all is an error either way. Two entries landing on the same display: the first wins.
 */
export function planWallWindows(displays: readonly DisplayFacts[], config: Pick<WallConfig, 'displays' | 'missingDisplay'>, file: string): WallPlan {
  const windows: WallWindowSpec[] = [];
  const warnings: string[] = [];
  const taken = new Map<number, number>();
  const connected = `connected: ${displays.map((display, index) => `#${index} id ${display.id} ${display.bounds.width}×${display.bounds.height}`).join(', ') || 'none'}`;
  config.displays.forEach((entry, position) => {
    const index = entry.index !== undefined ? entry.index : displays.findIndex((display) => display.id === entry.id);
    const display = index >= 0 ? displays[index] : undefined;
    const named = entry.index !== undefined ? `index ${entry.index}` : `id ${entry.id}`;
    if (!display) {
      const message = `${file}: displays.${position}: no display with ${named} (${connected})`;
      if (config.missingDisplay === 'error') throw new WallConfigError(message);
      warnings.push(`${message}; skipped`);
      return;
    }
    const first = taken.get(display.id);
    if (first !== undefined) {
      warnings.push(`${file}: displays.${position}: display ${named} already shows displays.${first}; skipped`);
      return;
    }
    taken.set(display.id, position);
    const source: WallSource = entry.layout !== undefined ? { layout: entry.layout } : { playlist: entry.playlist ?? '' };
    windows.push({ entry: position, displayId: display.id, displayIndex: index, bounds: { ...display.bounds }, source });
  });
  if (windows.length === 0) throw new WallConfigError(`${file}: displays: none of the configured displays is connected (${connected})`);
  return { windows, warnings };
}
