import type { Session, WebContents } from 'electron';
import { navigationDecision, type NavigationTarget } from './navigation-policy.js';
import { permissionAllowed } from './permission-policy.js';

/**
 * Applied to every webContents the app ever creates (from `app.on('web-contents-created')`): no new windows, no
 * navigation or redirect of any frame away from app://console, no <webview>, no permission but notifications for
 * the console's own page (permission-policy.ts). The renderer never
 * needs any of these; refusing them means a compromised page cannot open a phishing window, frame a remote page
 * inside ours or load remote content with our preload.
 */
export function hardenWebContents(contents: WebContents): void {
  denyAllPermissions(contents.session);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const guard = (event: { preventDefault(): void }, target: NavigationTarget, what = ''): void => {
    const decision = navigationDecision(target);
    if (decision.allow) return;
    event.preventDefault();
    console.warn(`${decision.log}${what}`);
  };
  // Every frame, subframes included. Electron asks this first and skips will-navigate once it is cancelled.
  contents.on('will-frame-navigate', (details) => guard(details, { url: details.url, isMainFrame: details.isMainFrame }));
  // Kept as a second lock on the main frame, should an Electron release stop emitting will-frame-navigate for it.
  contents.on('will-navigate', (details) => guard(details, { url: details.url, isMainFrame: true }));
  contents.on('will-redirect', (details) => guard(details, { url: details.url, isMainFrame: details.isMainFrame }, ' (redirect)'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/** Refuse every permission request and check but notifications from app://console (permission-policy.ts). */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => callback(permissionAllowed(permission, details.requestingUrl ?? contents.getURL())));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin));
}
