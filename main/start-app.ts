import { join } from 'node:path';
import { app, dialog, Menu, session, type BrowserWindow } from 'electron';
import type { HubArgs } from '../feeds/hub/cli-args.js';
import { installAppMenu } from './app-menu.js';
import { registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { appRoots, hubUtilityPath } from './app-paths.js';
import { APP_VERSION } from './app-version.js';
import { CONSOLE_USAGE, ConsoleUsageError, parseConsoleArgs, type ConsoleArgs } from './console-args.js';
import { buildConsoleConfig } from './console-config.js';
import { createConsoleWindow } from './console-window.js';
import { devtoolsAllowed } from './devtools-policy.js';
import { buildContentSecurityPolicy } from './content-security-policy.js';
import { ensureEmbeddedHubConfig, tokenForRole } from './embedded-hub-config.js';
import { startEmbeddedHub, type EmbeddedHub } from './embedded-hub.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import { denyAllPermissions, hardenWebContents } from './web-contents-hardening.js';
import { loadWallFiles, type WallFiles } from './wall/load-wall-files.js';
import { startWall, type WallRuntime } from './wall/wall-windows.js';

const REGION_ID = 'hai-duong';
const PRODUCT_NAME = 'IOC Console';

/**
 * The whole life of the main process, in order: things that must happen before `ready` (scheme, single-instance
 * lock, hardening hooks), then the hub (embedded or external), then the protocol, IPC and the window.
 */
export async function startApp(): Promise<void> {
  registerAppScheme();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  let args: ConsoleArgs;
  try {
    args = parseConsoleArgs(process.argv);
  } catch (error) {
    if (!(error instanceof ConsoleUsageError)) throw error;
    console.error(`ioc-console: ${error.message}\n${CONSOLE_USAGE}`);
    app.exit(2);
    return;
  }
  // A wall presents the read-only wall token (docs/PROTOCOL.md) whatever --role says.
  if (args.wall !== null) args = { ...args, role: 'wall' };
  // --devtools is a request; a packaged app has no developer tools (nor their menu entries, nor source maps).
  const devtoolsDecision = devtoolsAllowed({ requested: args.devtools, isPackaged: app.isPackaged });
  if (devtoolsDecision.warning !== null) console.warn(devtoolsDecision.warning);
  const devtools = devtoolsDecision.allowed;

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const windows = new Set<BrowserWindow>();
  const ownWebContents = new Set<number>();
  app.on('second-instance', () => {
    const [window] = windows;
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  let wallFiles: WallFiles | null = null;
  try {
    wallFiles = args.wall === null ? null : await loadWallFiles(args.wall);
  } catch (error) {
    fail('The video-wall config is not valid', error);
    return;
  }

  let hub: { httpUrl: string; httpUrls?: readonly string[]; token: string; embedded: EmbeddedHub | null };
  try {
    hub = args.hub ? { ...args.hub, embedded: null } : await startHub(args);
  } catch (error) {
    fail('The operations hub could not start', error);
    return;
  }
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !hub.embedded) return;
    // Let the hub close its SQLite store before the process goes.
    event.preventDefault();
    quitting = true;
    void hub.embedded.stop().finally(() => app.quit());
  });

  serveAppProtocol(
    { ...appRoots(), wall: wallFiles && { configFile: wallFiles.file, layoutsDir: wallFiles.layoutsDir }, sourceMaps: devtools },
    buildContentSecurityPolicy(hub.httpUrls ?? hub.httpUrl),
  );
  const config = buildConsoleConfig({ hubHttpUrl: hub.httpUrl, ...(hub.httpUrls ? { hubHttpUrls: hub.httpUrls } : {}), token: hub.token, role: args.role, locale: args.locale, regionId: REGION_ID, version: APP_VERSION, at: args.at });
  if (wallFiles) {
    // Video wall (docs/wall.md): no menu, one window per display, per-window layout in its config.
    Menu.setApplicationMenu(null);
    let wall: WallRuntime;
    try {
      wall = startWall({ files: wallFiles, baseConfig: config, ownWebContents, title: PRODUCT_NAME, devtools });
    } catch (error) {
      fail('The video wall could not start', error);
      return;
    }
    registerIpcHandlers(ownWebContents, (id) => wall.configFor(id) ?? config, (id) => wall.frame(id));
    app.on('window-all-closed', () => app.quit());
    return;
  }
  registerIpcHandlers(ownWebContents, () => config);
  installAppMenu(args.locale, devtools);

  const window = createConsoleWindow({ devtools, title: PRODUCT_NAME });
  const contentsId = window.webContents.id;
  windows.add(window);
  ownWebContents.add(contentsId);
  window.on('closed', () => {
    windows.delete(window);
    ownWebContents.delete(contentsId);
  });
  if (devtools) window.webContents.openDevTools({ mode: 'detach' });
  app.on('window-all-closed', () => app.quit());
}

/** The embedded hub: tokens from <userData>/hub.json (created on first run), SQLite and the simulator under userData. */
async function startHub(args: ConsoleArgs): Promise<{ httpUrl: string; token: string; embedded: EmbeddedHub }> {
  const userData = app.getPath('userData');
  const configFile = join(userData, 'hub.json');
  const hubConfig = await ensureEmbeddedHubConfig(configFile);
  const token = tokenForRole(hubConfig, args.role, configFile);
  const hubArgs: HubArgs = {
    port: 0,
    host: '127.0.0.1',
    db: join(userData, 'ioc.db'),
    simulate: REGION_ID,
    region: join(appRoots().regions, REGION_ID),
    config: configFile,
    seed: 1,
    speed: 1,
    vehicles: null,
    simStart: null,
    // `--demo` wins; without it the profile's hub.json decides (simulator.demo, false as first written).
    demo: args.demo ? true : null,
  };
  const embedded = await startEmbeddedHub({
    modulePath: hubUtilityPath(),
    args: hubArgs,
    onGiveUp: (reason) => dialog.showErrorBox(PRODUCT_NAME, `${reason}. Live data has stopped; restart the console.`),
  });
  return { httpUrl: embedded.httpUrl, token, embedded };
}

function fail(what: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`ioc-console: ${what}: ${message}`);
  dialog.showErrorBox(PRODUCT_NAME, `${what}:\n${message}`);
  app.exit(1);
}
