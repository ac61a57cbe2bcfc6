import { APP_HOST, APP_SCHEME } from './app-origin.js';

/**
 * The one permission the console uses: desktop notifications for critical incidents while its window is in the
 * background (issue 16), and only for the app's own page. Everything else (camera, geolocation, clipboard, …) and
 * every other origin (a frame that got in somehow) is refused.
 */
export function permissionAllowed(permission: string, requestingUrl: string): boolean {
  if (permission !== 'notifications') return false;
  try {
    // Not `.origin`: for a custom scheme such as app: the WHATWG URL's origin is "null" (Node), so compare its parts.
    const url = new URL(requestingUrl);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
