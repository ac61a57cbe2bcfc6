import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { WallConfigError } from '../../feeds/wall/config-error.js';
import { parseLayout } from '../../feeds/wall/layout-schema.js';
import { parseWallConfig, referencedLayouts, type WallConfig } from '../../feeds/wall/wall-config-schema.js';

export interface WallFiles {
  /** Absolute path of the wall config file. */
  readonly file: string;
  /** Its `layouts/` folder (layouts are `layouts/NAME.json` beside the wall config). */
  readonly layoutsDir: string;
  readonly config: WallConfig;
}

/**
 * Read and check a wall config before any window opens: the file itself, then every layout it names (each must
 * exist and validate), so a typo fails at start with the file and field named rather than as a blank display.
 */
export async function loadWallFiles(path: string): Promise<WallFiles> {
  const file = resolve(path);
  const config = parseWallConfig(await readText(file, path), path);
  const layoutsDir = join(dirname(file), 'layouts');
  for (const name of referencedLayouts(config)) {
    const layoutPath = join(dirname(path), 'layouts', `${name}.json`);
    parseLayout(await readText(join(layoutsDir, `${name}.json`), layoutPath), layoutPath);
  }
  return { file, layoutsDir, config };
}

async function readText(file: string, shown: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WallConfigError(`${shown}: cannot read${code === 'ENOENT' ? ': no such file' : `: ${(error as Error).message}`}`);
  }
}
