import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Flags measured to give WebGL2 through SwiftShader and no traffic beyond 127.0.0.1 (docs/testing.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** For `test(name, { skip })`: false when Chromium is there, else the reason, which the runner prints. */
export function chromiumSkipReason(): string | false {
  return chromiumAvailable() ? false : 'skipped: /usr/bin/chromium not installed (.ci/run installs it)';
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Wait until the console or wall says it is ready (`#app[data-ready]`), naming what did not come up. */
export async function waitForApp(page: Page, what: string, timeoutMs = 60_000): Promise<void> {
  await page.waitForSelector('#app[data-ready="true"]', { state: 'attached', timeout: timeoutMs }).catch((error: unknown) => {
    throw new Error(`${what} not ready: ${String(error)}`);
  });
}

export interface WatchedPage {
  readonly page: Page;
  readonly consoleErrors: string[];
  readonly foreignRequests: string[];
}

/** A page that records console errors and any request that leaves 127.0.0.1 (both fail the e2e tests). */
export async function openWatchedPage(browser: Browser, url: string, viewport = { width: 1600, height: 900 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
  page.on('request', (request) => {
    const target = new URL(request.url());
    const local = target.hostname === '127.0.0.1' || target.protocol === 'data:' || target.protocol === 'blob:';
    if (!local) foreignRequests.push(request.url());
  });
  await page.goto(url);
  return { page, consoleErrors, foreignRequests };
}
