import { BrowserWindow } from 'electron';
import { APP_START_URL } from './app-origin.js';
import { preloadPath } from './app-paths.js';

export interface ConsoleWindowOptions {
  readonly devtools: boolean;
  readonly title: string;
  /** A video-wall window: frameless, at these bounds (its display's), never throttled in the background. */
  readonly wall?: { readonly bounds: { readonly x: number; readonly y: number; readonly width: number; readonly height: number } };
}

/**
 * The operator console window. Every security-relevant preference is written out (not left to defaults) so a
 * reviewer, Electronegativity and the e2e test can all see it.
 */
export function createConsoleWindow(options: ConsoleWindowOptions): BrowserWindow {
  const wall = options.wall;
  const window = new BrowserWindow({
    ...(wall ? { ...wall.bounds, frame: false, resizable: false, movable: false, autoHideMenuBar: true } : {}),
    width: wall ? wall.bounds.width : 1600,
    height: wall ? wall.bounds.height : 900,
    minWidth: wall ? 0 : 1024,
    minHeight: wall ? 0 : 640,
    title: options.title,
    backgroundColor: '#0b1420',
    show: false,
    webPreferences: {
      // The preload is reviewed: it runs sandboxed with context isolation and exposes only the three typed
      // functions of ConsoleBridge (feeds/bridge/bridge-contract.ts), never ipcRenderer itself.
      preload: preloadPath(), /* eng-disable PRELOAD_JS_CHECK */
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.devtools,
      // Middle-click (auxclick) could open links in new windows behind the window-open handler's back.
      disableBlinkFeatures: 'Auxclick',
      // A wall window must keep painting (and reporting frames to the watchdog) even when another has focus.
      backgroundThrottling: !wall,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_START_URL).catch((error: unknown) => {
    // A missing renderer build shows as an empty window; say why in the log rather than crash main.
    console.error(`could not load ${APP_START_URL}: ${error instanceof Error ? error.message : String(error)}`);
  });
  return window;
}
