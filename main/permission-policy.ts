import { APP_ORIGIN } from './app-origin.js';

/**
 * The one permission the console uses: desktop notifications for critical incidents while its window is in the
 * background (issue 16), and only for the app's own page. Everything else (camera, geolocation, clipboard, …) and
 * every other origin (a frame that got in somehow) is refused.
 */
export function permissionAllowed(permission: string, requestingUrl: string): boolean {
  if (permission !== 'notifications') return false;
  try {
    return new URL(requestingUrl).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}
