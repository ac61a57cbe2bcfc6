import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadHubConfig, type HubConfig } from '../feeds/hub/hub-config.js';
import type { Role } from '../feeds/protocol/frames.js';

/** 24 random bytes, base64url: 32 characters, well over the hub's 16-character minimum. */
export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * A fresh config for the embedded hub: one token for this console (operator) and one for a video wall, and the
 * simulator's demo scenario written out as off, so the setting is there to find (`--demo` overrides it).
 */
export function createEmbeddedHubConfig(newToken: () => string = generateToken): unknown {
  return {
    auth: {
      tokens: [
        { token: newToken(), role: 'operator', name: 'Console operator' },
        { token: newToken(), role: 'wall', name: 'Video wall' },
      ],
    },
    simulator: { demo: false },
  };
}

/**
 * Read `<userData>/hub.json`, creating it on first run with freshly generated tokens (never fixed ones shipped with
 * the app). The file is written owner-only and exclusively (`wx`), so two starts racing cannot each write their own.
 */
export async function ensureEmbeddedHubConfig(file: string, newToken: () => string = generateToken): Promise<HubConfig> {
  await mkdir(dirname(file), { recursive: true });
  try {
    await writeFile(file, `${JSON.stringify(createEmbeddedHubConfig(newToken), null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return loadHubConfig(file);
}

/** The token this console presents: the first one in the config with the requested role. */
export function tokenForRole(config: HubConfig, role: Role, file: string): string {
  const entry = config.auth.tokens.find((candidate) => candidate.role === role);
  if (!entry) throw new Error(`${file}: auth.tokens has no token with role "${role}"`);
  return entry.token;
}
