import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-origin.js';

/**
 * Applied to every webContents the app ever creates (from `app.on('web-contents-created')`): no new windows, no
 * navigation or redirect away from app://console, no <webview>, no permissions. The renderer never needs any of
 * these; refusing them means a compromised page cannot open a phishing window or load remote content with our
 * preload.
 */
export function hardenWebContents(contents: WebContents): void {
  denyAllPermissions(contents.session);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      console.warn(`blocked navigation to ${url}`);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      console.warn(`blocked redirect to ${url}`);
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/** The console asks for no permission (camera, notifications, geolocation, …): refuse every request and check. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
