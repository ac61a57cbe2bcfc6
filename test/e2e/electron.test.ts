import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type Electron from 'electron';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { BRIDGE_GLOBAL, type ConsoleBridge, type ConsoleConfig } from '../../feeds/bridge/bridge-contract.js';

// The Electron shell end to end: build, launch with a fresh profile, and check the hardening from both sides
// (main's view of the webPreferences, the page's view of what it can reach). Where the Electron binary is not
// installed (ELECTRON_SKIP_BINARY_DOWNLOAD) the test is skipped, visibly, rather than passing or failing.
const ROOT = join(import.meta.dirname, '..', '..');
const SKIPPED = 'skipped: no Electron binary';

function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const executablePath = electronBinary();
if (executablePath === null) console.info(SKIPPED);

test('the Electron console starts hardened and gets its hub config through the bridge', { skip: executablePath === null ? SKIPPED : false, timeout: 180_000 }, async () => {
  assert.ok(executablePath);
  const buildScript = existsSync(join(ROOT, 'scripts/build.mjs')) ? 'scripts/build.mjs' : 'scripts/build-main.mjs';
  const built = spawnSync(process.execPath, [join(ROOT, buildScript)], { cwd: ROOT, stdio: 'inherit' });
  assert.equal(built.status, 0, `${buildScript} failed`);

  const userDataDir = await mkdtemp(join(tmpdir(), 'ioc-electron-'));
  const display = await ensureDisplay();
  let app: ElectronApplication | null = null;
  try {
    app = await electron.launch({
      executablePath,
      args: [join(ROOT, 'build/app/main/main.cjs'), `--user-data-dir=${userDataDir}`],
      env: { ...(process.env as Record<string, string>), ...(display.env ?? {}) },
      timeout: 60_000,
    });
    const page = await app.firstWindow();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    await page.waitForLoadState('load');
    assert.match(page.url(), /^app:\/\/console\//);

    const preferences = await app.evaluate(({ BrowserWindow }) => {
      // getLastWebPreferences exists at run time but is missing from electron.d.ts.
      type WithPreferences = { getLastWebPreferences(): Electron.WebPreferences | null };
      const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as WithPreferences | undefined;
      const prefs = contents?.getLastWebPreferences();
      return { contextIsolation: prefs?.contextIsolation, sandbox: prefs?.sandbox, nodeIntegration: prefs?.nodeIntegration, webviewTag: prefs?.webviewTag };
    });
    assert.deepEqual(preferences, { contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });

    const config = await page.evaluate((key) => (window as unknown as Record<string, ConsoleBridge>)[key]?.getConfig() ?? null, BRIDGE_GLOBAL);
    assert.ok(config, 'the preload exposes the bridge');
    const { hubUrl, hubHttpUrl, host }: ConsoleConfig = config;
    assert.match(hubUrl, /^ws:\/\/127\.0\.0\.1:\d+\/v1\/stream$/);
    assert.equal(host, 'electron');

    const surface = await page.evaluate(async () => ({
      opened: window.open('https://example.com/') === null,
      node: typeof (globalThis as Record<string, unknown>)['require'] === 'undefined' && typeof (globalThis as Record<string, unknown>)['process'] === 'undefined',
      csp: (await fetch('/')).headers.get('content-security-policy'),
    }));
    assert.equal(surface.opened, true, 'window.open returns null');
    assert.equal(surface.node, true, 'no Node globals in the page');
    assert.ok(surface.csp?.includes(`connect-src 'self' ${hubUrl.replace('/v1/stream', '')} ${hubHttpUrl}`), `CSP names the hub: ${surface.csp}`);

    await mkdir(join(ROOT, 'test-results'), { recursive: true });
    await page.waitForTimeout(2_000);
    await page.screenshot({ path: join(ROOT, 'test-results', 'electron-console.png') });

    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    assert.match(page.url(), /^app:\/\/console\//, 'navigation away from app://console is blocked');
    assert.deepEqual(errors, [], 'no renderer console errors');
  } finally {
    await app?.close();
    display.stop();
    await rm(userDataDir, { recursive: true, force: true });
  }
});

test('the Electron wall opens a fullscreen window per display at its bounds, read-only; Esc, F11 and a close request do not leave it', { skip: executablePath === null ? SKIPPED : false, timeout: 180_000 }, async () => {
  assert.ok(executablePath);
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  assert.equal(built.status, 0, 'scripts/build.mjs failed');
  const userDataDir = await mkdtemp(join(tmpdir(), 'ioc-electron-wall-'));
  const display = await ensureDisplay();
  let app: ElectronApplication | null = null;
  try {
    app = await electron.launch({
      executablePath,
      args: [join(ROOT, 'build/app/main/main.cjs'), `--user-data-dir=${userDataDir}`, '--wall', join(ROOT, 'config/wall.json')],
      env: { ...(process.env as Record<string, string>), ...(display.env ?? {}) },
      timeout: 60_000,
    });
    const page = await app.firstWindow();
    await page.waitForSelector('#app[data-ready="true"]', { timeout: 60_000 });
    const placement = await app.evaluate(({ BrowserWindow, screen }) => ({
      displays: screen.getAllDisplays().map((d) => d.bounds),
      windows: BrowserWindow.getAllWindows().map((w) => ({ bounds: w.getBounds(), menu: w.isMenuBarVisible() })),
    }));
    // config/wall.json names displays 0–2 and skips missing ones: one window per display that exists, up to three.
    assert.equal(placement.windows.length, Math.min(3, placement.displays.length));
    for (const window of placement.windows) {
      assert.ok(placement.displays.some((d) => d.x === window.bounds.x && d.y === window.bounds.y && d.width === window.bounds.width && d.height === window.bounds.height), `a window at a display's bounds: ${JSON.stringify(window.bounds)}`);
      assert.equal(window.menu, false);
    }
    const config = await page.evaluate((key) => (window as unknown as Record<string, ConsoleBridge>)[key]?.getConfig() ?? null, BRIDGE_GLOBAL);
    assert.equal(config?.role, 'wall', 'walls present the read-only wall token');
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('wall-mode')), true);
    // Esc and F11 would leave fullscreen in a plain window; a close request (Alt+F4, the window manager) would end it.
    await page.keyboard.press('Escape');
    await page.keyboard.press('F11');
    await page.waitForTimeout(500);
    const after = await app.evaluate(({ BrowserWindow }) => {
      const windows = BrowserWindow.getAllWindows();
      windows[0]?.close(); // refused by the wall's 'close' handler
      return windows.map((w) => w.isFullScreen());
    });
    assert.deepEqual(after, placement.windows.map(() => true), 'every wall window is still fullscreen after Esc and F11');
    await page.waitForTimeout(500);
    assert.equal(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length), placement.windows.length, 'a close request leaves every window up');
    await mkdir(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', 'electron-wall.png') });
  } finally {
    // The wall refuses to close its windows on request; end the process instead.
    app?.process().kill();
    display.stop();
    await rm(userDataDir, { recursive: true, force: true });
  }
});

/** Electron needs a display on Linux: use the one we have, or start Xvfb (-displayfd picks a free number). */
async function ensureDisplay(): Promise<{ env?: Record<string, string>; stop(): void }> {
  if (process.platform !== 'linux' || process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']) return { stop: () => undefined };
  let xvfb: ChildProcess;
  try {
    xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  } catch {
    throw new Error('no display: set DISPLAY or install Xvfb (apt-get install -y xvfb)');
  }
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    xvfb.once('error', () => reject(new Error('no display: set DISPLAY or install Xvfb (apt-get install -y xvfb)')));
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
  });
  return { env: { DISPLAY: `:${number}` }, stop: () => xvfb.kill() };
}
