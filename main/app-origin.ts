/**
 * The console's own origin. The renderer is served from `app://console/` (a privileged, standard, secure custom
 * scheme) rather than file://, so the page has a real origin that CSP 'self', navigation guards and IPC sender checks
 * can name exactly.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/`;
/** Where the region packs appear to the renderer (`ConsoleConfig.regionUrl` is one folder below). */
export const APP_REGIONS_PREFIX = 'regions';

/**
 * True when `url` is on the app origin. Compares scheme and host rather than `URL.origin`: Node's URL reports the
 * origin of a non-special scheme such as app: as the string "null".
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}
