import type { ConsoleConfig, ConsoleLocale } from '../feeds/bridge/bridge-contract.js';
import type { Role } from '../feeds/protocol/frames.js';
import { APP_ORIGIN, APP_REGIONS_PREFIX } from './app-origin.js';
import { hubOrigins } from './content-security-policy.js';

export interface ConsoleConfigInput {
  readonly hubHttpUrl: string;
  /** Every hub of a deployment of several (the first is hubHttpUrl), in order; absent: that one only. */
  readonly hubHttpUrls?: readonly string[];
  readonly token: string;
  readonly role: Role;
  readonly locale: ConsoleLocale;
  readonly regionId: string;
  readonly version: string;
  /** Wall mode (one window of `--wall`): its layout or playlist; absent for the operator console. */
  readonly wall?: ConsoleConfig['wall'];
  /** `--at`: the moment to open replaying. */
  readonly at?: string | null;
}

/** The `ConsoleConfig` main hands the renderer through `console:get-config`. */
export function buildConsoleConfig(input: ConsoleConfigInput): ConsoleConfig {
  const { httpOrigin, wsOrigin } = hubOrigins(input.hubHttpUrl);
  return {
    hubUrl: `${wsOrigin}/v1/stream`,
    ...(input.hubHttpUrls && input.hubHttpUrls.length > 1 ? { hubUrls: input.hubHttpUrls.map((url) => `${hubOrigins(url).wsOrigin}/v1/stream`) } : {}),
    hubHttpUrl: httpOrigin,
    token: input.token,
    role: input.role,
    locale: input.locale,
    regionUrl: `${APP_ORIGIN}/${APP_REGIONS_PREFIX}/${encodeURIComponent(input.regionId)}/`,
    wall: input.wall ?? null,
    at: input.at ?? null,
    host: 'electron',
    version: input.version,
  };
}
