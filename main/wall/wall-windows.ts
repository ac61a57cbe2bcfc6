import { app, powerSaveBlocker, screen, type BrowserWindow } from 'electron';
import type { ConsoleConfig } from '../../feeds/bridge/bridge-contract.js';
import { createConsoleWindow } from '../console-window.js';
import { FrameWatchdog } from './frame-watchdog.js';
import type { WallFiles } from './load-wall-files.js';
import { pruneCrashTimes, reloadDelayMs, UNRESPONSIVE_GRACE_MS } from './recovery-policy.js';
import { wallKeyAction, WALL_ADMIN_QUIT } from './wall-keys.js';
import { planWallWindows, type WallWindowSpec } from './window-placement.js';

export interface WallOptions {
  readonly files: WallFiles;
  /** The config every wall window gets (hub, wall token, locale), before its own layout or playlist is added. */
  readonly baseConfig: ConsoleConfig;
  /** Ids of the webContents main trusts for IPC; the wall adds and removes its windows' ids. */
  readonly ownWebContents: Set<number>;
  readonly title: string;
  readonly devtools: boolean;
}

export interface WallRuntime {
  /** The ConsoleConfig of the window with this webContents id (its layout or playlist), if it is a wall window. */
  configFor(webContentsId: number): ConsoleConfig | undefined;
  /** A painted-frame report from a window (IPC console:frame). */
  frame(webContentsId: number): void;
}

interface WallWindow {
  readonly spec: WallWindowSpec;
  readonly window: BrowserWindow;
  readonly contentsId: number;
  crashes: number[];
  unresponsiveTimer: NodeJS.Timeout | null;
}

/**
 * Video-wall mode: one frameless fullscreen window per configured display, placed at the display's bounds, that
 * nobody can close from the keyboard (only Ctrl+Alt+Shift+Q), kept awake, and healed: a crashed renderer reloads
 * within 5 s, an unresponsive one is reloaded after a short grace, a window that stops painting is reloaded by the
 * frame watchdog, and a lost GPU process (or a display plugged in or out) relaunches every window.
 * The decisions are pure functions in this folder (placement, keys, recovery delays, watchdog); this file only
 * connects them to Electron's events.
 */
export function startWall(options: WallOptions): WallRuntime {
  const { files } = options;
  const open = new Map<number, WallWindow>();
  const watchdog = new FrameWatchdog(files.config.watchdog.frameTimeoutSeconds * 1000);
  let quitting = false;
  let gpuCrashes: number[] = [];
  let relaunchTimer: NodeJS.Timeout | null = null;

  powerSaveBlocker.start('prevent-display-sleep');
  app.on('before-quit', () => {
    quitting = true;
  });

  const adminQuit = (): void => {
    console.info(`wall: ${WALL_ADMIN_QUIT} pressed; quitting`);
    quitting = true;
    app.quit();
  };

  const openWindow = (spec: WallWindowSpec): void => {
    const window = createConsoleWindow({ devtools: options.devtools, title: `${options.title} — ${spec.displayIndex + 1}`, wall: { bounds: spec.bounds } });
    window.removeMenu();
    const contents = window.webContents;
    const entry: WallWindow = { spec, window, contentsId: contents.id, crashes: [], unresponsiveTimer: null };
    open.set(contents.id, entry);
    options.ownWebContents.add(contents.id);
    watchdog.watch(contents.id, Date.now());

    window.once('ready-to-show', () => {
      // Explicit placement first, then fullscreen: fullscreen alone lands on the primary display on Linux.
      window.setBounds(spec.bounds);
      window.setFullScreen(true);
    });
    contents.on('before-input-event', (event, input) => {
      event.preventDefault();
      if (wallKeyAction(input) === 'quit') adminQuit();
    });
    // Alt+F4, the window manager's close and Ctrl+W all end here: only quitting closes a wall window.
    window.on('close', (event) => {
      if (!quitting) event.preventDefault();
    });
    window.on('closed', () => {
      if (entry.unresponsiveTimer) clearTimeout(entry.unresponsiveTimer);
      open.delete(entry.contentsId);
      options.ownWebContents.delete(entry.contentsId);
      watchdog.forget(entry.contentsId);
    });
    contents.on('did-finish-load', () => watchdog.watch(entry.contentsId, Date.now()));
    contents.on('render-process-gone', (_event, details) => {
      const now = Date.now();
      entry.crashes = [...pruneCrashTimes(entry.crashes, now), now];
      const delay = reloadDelayMs(entry.crashes, now);
      console.warn(`wall: display ${spec.displayIndex + 1} renderer gone (${details.reason}); reloading in ${delay} ms`);
      setTimeout(() => reload(entry), delay);
    });
    window.on('unresponsive', () => {
      if (entry.unresponsiveTimer) return;
      entry.unresponsiveTimer = setTimeout(() => {
        entry.unresponsiveTimer = null;
        console.warn(`wall: display ${spec.displayIndex + 1} unresponsive for ${UNRESPONSIVE_GRACE_MS} ms; restarting its renderer`);
        // A hung renderer may not obey reload(); killing it lands in 'render-process-gone', which reloads in 1 s.
        if (!window.isDestroyed()) window.webContents.forcefullyCrashRenderer();
      }, UNRESPONSIVE_GRACE_MS);
    });
    window.on('responsive', () => {
      if (entry.unresponsiveTimer) clearTimeout(entry.unresponsiveTimer);
      entry.unresponsiveTimer = null;
    });
  };

  const reload = (entry: WallWindow): void => {
    if (quitting || entry.window.isDestroyed()) return;
    watchdog.watch(entry.contentsId, Date.now());
    entry.window.webContents.reload();
  };

  const place = (): void => {
    const displays = screen.getAllDisplays().map((display) => ({ id: display.id, bounds: display.bounds }));
    const plan = planWallWindows(displays, files.config, files.file);
    for (const warning of plan.warnings) console.warn(`wall: ${warning}`);
    for (const spec of plan.windows) openWindow(spec);
  };

  /** Close every wall window and place them again (GPU process lost, displays changed). */
  const relaunchAll = (why: string, delayMs: number): void => {
    if (relaunchTimer || quitting) return;
    console.warn(`wall: ${why}; relaunching the wall windows in ${delayMs} ms`);
    relaunchTimer = setTimeout(() => {
      relaunchTimer = null;
      const previous = [...open.values()];
      try {
        // New windows first, then the old ones go: never zero windows, which would end the app (window-all-closed).
        place();
      } catch (error) {
        // Every display gone (all switched off): keep the old windows and try again until one comes back.
        console.error(`wall: ${error instanceof Error ? error.message : String(error)}`);
        relaunchAll('no display to place the wall on', 5000);
        return;
      }
      for (const entry of previous) {
        open.delete(entry.contentsId);
        if (!entry.window.isDestroyed()) entry.window.destroy();
      }
    }, delayMs);
  };

  app.on('child-process-gone', (_event, details) => {
    if (details.type !== 'GPU') return;
    const now = Date.now();
    gpuCrashes = [...pruneCrashTimes(gpuCrashes, now), now];
    relaunchAll(`GPU process gone (${details.reason})`, reloadDelayMs(gpuCrashes, now));
  });
  screen.on('display-added', () => relaunchAll('a display was added', 2000));
  screen.on('display-removed', () => relaunchAll('a display was removed', 2000));
  // A resolution or scale change moves the display's bounds: place the windows again.
  screen.on('display-metrics-changed', () => relaunchAll('display metrics changed', 2000));

  setInterval(() => {
    for (const id of watchdog.overdue(Date.now())) {
      const entry = open.get(id);
      if (!entry) continue;
      console.warn(`wall: display ${entry.spec.displayIndex + 1} painted no frame for ${files.config.watchdog.frameTimeoutSeconds} s; restarting its renderer`);
      // A renderer that stopped painting may be hung, and a hung one may not obey reload(); Chromium's own hang
      // detection ('unresponsive') starts from input, which nobody gives a wall. Crashing it lands in
      // 'render-process-gone', which reloads with the crash-loop back-off.
      if (entry.window.isDestroyed()) continue;
      watchdog.watch(entry.contentsId, Date.now());
      entry.window.webContents.forcefullyCrashRenderer();
    }
  }, watchdog.checkEveryMs);

  place();

  return {
    configFor(webContentsId) {
      const entry = open.get(webContentsId);
      if (!entry) return undefined;
      const source = entry.spec.source;
      return { ...options.baseConfig, wall: 'layout' in source ? { layout: source.layout, playlist: null } : { layout: null, playlist: source.playlist } };
    },
    frame(webContentsId) {
      watchdog.frame(webContentsId, Date.now());
    },
  };
}
