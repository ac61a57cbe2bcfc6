import assert from 'node:assert/strict';
import { copyFile, mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { rotationAt } from '../../feeds/wall/rotation.js';
import { parseWallConfig } from '../../feeds/wall/wall-config-schema.js';
import { openWatchedPage, type WatchedPage } from '../support/browser.js';
import { ARTEFACTS, serveAndChromium } from '../support/e2e-session.js';
import { Screenshot } from '../support/screenshot-pixels.js';
import { delay } from '../support/temp-dir.js';

/**
 * The video wall in real Chromium against `npm run serve` (real hub, SQLite, simulator), at 1920×1080 as on a 55"
 * display. Screenshots are kept in test-results/ (wall-*.png). The served wall config is a temporary one: the shipped
 * layouts plus a fast playlist (seconds, not minutes) so a schedule switch happens within the test.
 */
const LAYOUTS = new URL('../../config/layouts/', import.meta.url).pathname;
const VIEWPORT = { width: 1920, height: 1080 };
const LIVE_FEEDS = ['traffic', 'vehicles', 'environment', 'soc', 'portal'];

const FAST_WALL = {
  timeZone: 'Asia/Ho_Chi_Minh',
  displays: [{ index: 0, playlist: 'fastday' }],
  playlists: {
    fastday: {
      items: [
        { layout: 'kpi-grid', seconds: 3 },
        { layout: 'board', seconds: 3 },
      ],
      schedule: { from: '07:00', to: '18:00', otherwise: 'fastnight' },
    },
    fastnight: { items: [{ layout: 'clock', seconds: 4 }] },
  },
};
// Map-free layouts for the schedule test: it runs on Playwright's clock, and rotation is what it is about.
const EXTRA_LAYOUTS = {
  board: { grid: { columns: 2, rows: 1 }, panels: [{ type: 'incidents', area: { column: 1, row: 1 } }, { type: 'health', area: { column: 2, row: 1 } }] },
  clock: { title: { vi: 'Đồng hồ', en: 'Clock' }, grid: { columns: 1, rows: 1 }, panels: [{ type: 'clock', area: { column: 1, row: 1 } }] },
};

interface WallDebug {
  health(): Record<string, string>;
  lastData(): number | null;
  frames(): number;
}

/** The wall config the served hub reads (written by `prepare`). */
let wallFile = '';

const { skip, session } = serveAndChromium({
  // The incidents board must have something to list at once: the demo scenario (`--demo`).
  demo: true,
  // A wall config of our own (short items, map-free extra layouts) beside copies of the shipped layouts.
  async prepare(dir) {
    await mkdir(join(dir, 'wall/layouts'), { recursive: true });
    for (const file of await readdir(LAYOUTS)) await copyFile(join(LAYOUTS, file), join(dir, 'wall/layouts', file));
    for (const [name, layout] of Object.entries(EXTRA_LAYOUTS)) await writeFile(join(dir, 'wall/layouts', `${name}.json`), JSON.stringify(layout));
    wallFile = join(dir, 'wall/wall.json');
    await writeFile(wallFile, JSON.stringify(FAST_WALL));
    return ['--wall', wallFile];
  },
});

async function openWall(query: string, prepare?: (page: Page) => Promise<void>): Promise<WatchedPage> {
  const [browser] = session.browsers;
  const serve = session.serve;
  if (!browser || !serve) throw new Error('not started');
  const url = `${serve.url}/?wall=1&${query}`;
  let watched: WatchedPage;
  if (prepare) {
    // The clock must be installed before the page's scripts run, so open a blank page first.
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    await prepare(page);
    await page.goto(url);
    watched = { page, consoleErrors, foreignRequests: [] };
  } else {
    watched = await openWatchedPage(browser, url, VIEWPORT);
  }
  try {
    await watched.page.waitForSelector('#app[data-ready="true"]', { timeout: 45_000 });
  } catch (error) {
    const app = await watched.page.evaluate(() => document.getElementById('app')?.outerHTML.slice(0, 600) ?? '');
    throw new Error(`${url} not ready: ${String(error)}\n${app}\nconsole: ${watched.consoleErrors.join('\n')}`);
  }
  return watched;
}

async function waitForWall(page: Page, predicate: (states: Record<string, string>) => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const states = await page.evaluate(() => (window as unknown as { iocWallDebug: WallDebug }).iocWallDebug.health());
    if (predicate(states)) return;
    if (Date.now() - started > timeoutMs) throw new Error(`wall health not as expected after ${timeoutMs} ms: ${JSON.stringify(states)}`);
    await delay(100);
  }
}

/** Share of pixels inside a box that are vivid (coloured layers, coloured numbers), sampling every 3rd pixel. */
function vividShare(shot: Screenshot, box: { x: number; y: number; width: number; height: number }): number {
  let vivid = 0;
  let total = 0;
  for (let y = Math.ceil(box.y); y < box.y + box.height; y += 3) {
    for (let x = Math.ceil(box.x); x < box.x + box.width; x += 3) {
      const [r, g, b] = shot.at(x, y);
      if (Math.max(r, g, b) - Math.min(r, g, b) > 90) vivid++;
      total++;
    }
  }
  return vivid / Math.max(1, total);
}

test('each shipped layout renders large, read-only, with live data and drawn maps (screenshots in test-results/)', { skip, timeout: 180_000 }, async () => {
  // One at a time: four software-rendered 1920×1080 maps at once only slow each other down.
  for (const layout of ['map-full', 'kpi-grid', 'incidents', 'split']) {
    const started = Date.now();
    const { page, consoleErrors, foreignRequests } = await openWall(`layout=${layout}`);
    await waitForWall(page, (states) => LIVE_FEEDS.every((feed) => states[feed] === 'live'), 30_000);
    await delay(1000);
    const shot = await Screenshot.of(page, `${ARTEFACTS}wall-${layout}.png`);
    assert.equal(await page.getAttribute('#app', 'data-layout'), layout);
    assert.match((await page.textContent('.wall-title')) ?? '', /Hải Dương/, 'province name on every display');
    assert.match((await page.textContent('[data-testid="clock"]')) ?? '', /^\d{2}:\d{2}:\d{2}$/, 'clock');
    assert.equal(await page.locator('button, input, textarea, select, a').filter({ visible: true }).count(), 0, `${layout}: read-only, nothing to press`);
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).cursor), 'none', 'cursor hidden');
    const maps = await page.locator('[data-testid="wall-map"]').all();
    for (const map of maps) {
      const box = await map.boundingBox();
      assert.ok(box && box.width > 300 && box.height > 300, `${layout}: map panel is large`);
      // Software GL on a busy machine may be a few frames behind: look again (bounded) before judging.
      let share = vividShare(shot, box);
      for (let attempt = 0; attempt < 10 && share <= 0.002; attempt++) {
        await delay(1000);
        share = vividShare(await Screenshot.of(page, `${ARTEFACTS}wall-${layout}.png`), box);
      }
      assert.ok(share > 0.002, `${layout}: map shows coloured layers (${(share * 100).toFixed(2)} % vivid pixels)`);
    }
    const values = await page.$$eval('.wall-kpis .kpi-number .value', (nodes) => nodes.map((node) => ({ text: node.textContent ?? '', size: parseFloat(getComputedStyle(node).fontSize) })));
    if (layout === 'kpi-grid') {
      assert.ok(values.filter((value) => /\d/.test(value.text)).length >= 8, `kpi-grid shows numbers: ${values.map((v) => v.text).join(' | ')}`);
      const panel = await page.locator('.wall-panel-kpi').first().boundingBox();
      assert.ok(panel && vividShare(shot, panel) > 0.01, 'the traffic KPI panel shows coloured numbers');
    }
    for (const value of values) assert.ok(value.size >= 56, `KPI numbers at least 56 px (${value.size})`);
    const labelSizes = await page.$$eval('.wall-kpis .kpi-number .label, .wall-incident small, .wall-health-pills .feed', (nodes) => nodes.filter((node) => node.isConnected).map((node) => parseFloat(getComputedStyle(node).fontSize)));
    for (const size of labelSizes.filter((size) => !Number.isNaN(size))) assert.ok(size >= 22, `labels at least 22 px (${size})`);
    if (layout === 'incidents') assert.ok((await page.locator('.wall-incident').count()) >= 1, 'the board lists incidents');
    assert.deepEqual(foreignRequests, [], 'no request left 127.0.0.1');
    assert.deepEqual(consoleErrors, [], 'no console errors');
    assert.ok((await page.evaluate(() => (window as unknown as { iocWallDebug: WallDebug }).iocWallDebug.frames())) >= 2, 'frame heartbeat runs');
    await page.context().close();
    console.info(`# wall ${layout}: ${Date.now() - started} ms`);
  }
});

test('a playlist rotates on time and switches to the night playlist at 18:00 (Asia/Ho_Chi_Minh)', { skip, timeout: 60_000 }, async () => {
  const config = parseWallConfig(FAST_WALL, 'wall.json');
  const start = Date.parse('2026-03-10T17:59:50+07:00');
  const { page, consoleErrors } = await openWall('playlist=fastday', (p) => p.clock.install({ time: start }));
  const seen: { at: number; layout: string; playlist: string }[] = [];
  for (let i = 0; i < 80; i++) {
    const sample = await page.evaluate(() => ({ at: Date.now(), layout: document.getElementById('app')?.dataset['layout'] ?? '', playlist: document.getElementById('app')?.dataset['playlist'] ?? '' }));
    if (seen.at(-1)?.layout !== sample.layout || seen.at(-1)?.playlist !== sample.playlist) seen.push(sample);
    if (sample.playlist === 'fastnight' && sample.layout === 'clock') break;
    await delay(200);
  }
  await page.screenshot({ path: `${ARTEFACTS}wall-playlist-night.png` });
  const changes = seen.map((s) => `${s.playlist}:${s.layout}@${new Date(s.at + 7 * 3600_000).toISOString().slice(11, 21)}`).join(', ');
  const day = seen.filter((s) => s.playlist === 'fastday');
  assert.ok(new Set(day.map((s) => s.layout)).size >= 2, `the day playlist rotated its items: ${changes}`);
  const night = seen.find((s) => s.playlist === 'fastnight' && s.layout === 'clock');
  assert.ok(night, `switched to the night playlist: ${changes}`);
  const boundary = Date.parse('2026-03-10T18:00:00+07:00');
  assert.ok(night.at >= boundary && night.at - boundary < 2000, `night layout up within 2 s of 18:00 (${night.at - boundary} ms): ${changes}`);
  // Every layout change landed when the clock said so (rotation is computed from the clock alone).
  for (const sample of seen.slice(1)) {
    const due = rotationAt(config, { playlist: 'fastday' }, sample.at);
    const dueJustBefore = rotationAt(config, { playlist: 'fastday' }, sample.at - 1500);
    assert.ok(due.layout === sample.layout || dueJustBefore.layout === sample.layout, `${sample.layout} shown at ${changes}`);
  }
  assert.match((await page.textContent('[data-testid="wall-clock-time"]')) ?? '', /^18:00$/);
  assert.deepEqual(consoleErrors, []);
  await page.context().close();
});

test('a paused hub brings the stale overlay (with the age) within twice the heartbeat; resuming clears it without a reload', { skip, timeout: 90_000 }, async () => {
  const serve = session.serve;
  if (!serve) throw new Error('not started');
  const { page } = await openWall('layout=split');
  // Health and overlays are read in one page task: on two busy cores the 1 Hz vehicle feed can honestly go stale for a
  // moment between two separate reads, which once made this check fail while the wall was right.
  const live = await page.waitForFunction(
    (feeds) => {
      const debug = (window as unknown as { iocWallDebug: WallDebug }).iocWallDebug;
      const states = debug.health();
      if (!feeds.every((feed) => states[feed] === 'live')) return false;
      const overlays = [...document.querySelectorAll<HTMLElement>('[data-testid="wall-stale-overlay"]')];
      return { visibleOverlays: overlays.filter((overlay) => !overlay.hidden).length, states };
    },
    LIVE_FEEDS,
    { timeout: 30_000, polling: 100 },
  );
  const { visibleOverlays, states } = (await live.jsonValue()) as { visibleOverlays: number; states: Record<string, string> };
  assert.equal(visibleOverlays, 0, `no overlay while every feed is live: ${JSON.stringify(states)}`);
  await page.evaluate(() => ((window as unknown as { wallMarker: number }).wallMarker = 42));
  // The page notes (on its own clock) when the map's overlay appears, to compare with the last data it received.
  await page.evaluate(() => {
    const overlay = document.querySelector('.wall-panel-map [data-testid="wall-stale-overlay"]');
    const record = window as unknown as { overlayShownAt?: number };
    new MutationObserver(() => {
      // A moment of stale vehicles before the pause must not count: only the current showing is timed.
      if (overlay?.hasAttribute('hidden')) delete record.overlayShownAt;
      else if (overlay && record.overlayShownAt === undefined) record.overlayShownAt = Date.now();
    }).observe(overlay as Node, { attributes: true });
  });
  serve.pause();
  const pausedAt = Date.now();
  try {
    // 2 × 2 s heartbeat, plus slack for a page and a test sharing two busy CPUs with software GL.
    await page.locator('.wall-panel-map [data-testid="wall-stale-overlay"]').waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('.wall-panel-kpi [data-testid="wall-stale-overlay"]').waitFor({ state: 'visible', timeout: 4_000 });
    const { shownAt, lastData } = await page.evaluate(() => ({
      shownAt: (window as unknown as { overlayShownAt?: number }).overlayShownAt ?? null,
      lastData: (window as unknown as { iocWallDebug: WallDebug }).iocWallDebug.lastData(),
    }));
    assert.ok(shownAt !== null && lastData !== null, 'overlay time and last data time known');
    // The deadline itself is exact (feeds/client/feed-health.test.ts); allow the page's timers 1.5 s of jitter here.
    assert.ok(shownAt - lastData <= 5_500, `stale overlay ${shownAt - lastData} ms after the last data the page received (2 × heartbeat = 4 s)`);
    console.info(`# wall stale overlay ${shownAt - lastData} ms after the last data, ${Date.now() - pausedAt} ms after the pause`);
    await delay(1200);
    assert.match((await page.textContent('.wall-panel-map [data-testid="wall-stale-overlay"]')) ?? '', /DỮ LIỆU CŨ · \d+ giây trước/);
    // Vehicles (expected every second) go stale first; the whole hub is silent once no heartbeat came for 2 × 2 s.
    await page.locator('[data-testid="wall-hub"][data-status="silent"], [data-testid="wall-hub"][data-status="reconnecting"]').waitFor({ timeout: 6_000 });
    await page.screenshot({ path: `${ARTEFACTS}wall-stale.png` });
  } finally {
    serve.resume();
  }
  await page.locator('.wall-panel-map [data-testid="wall-stale-overlay"]').waitFor({ state: 'hidden', timeout: 20_000 });
  await page.locator('.wall-panel-kpi [data-testid="wall-stale-overlay"]').waitFor({ state: 'hidden', timeout: 10_000 });
  assert.equal(await page.getAttribute('[data-testid="wall-hub"]', 'data-status'), 'open');
  assert.equal(await page.evaluate(() => (window as unknown as { wallMarker?: number }).wallMarker), 42, 'healed without a reload');
  await page.context().close();
});

test('a wall that cannot start (its wall config missing) says so, then reloads itself and comes up once the file is back', { skip, timeout: 90_000 }, async () => {
  // A real fault on the real server: the playlist needs config/wall.json, and the file is not there.
  const away = `${wallFile}.away`;
  await rename(wallFile, away);
  let restored = false;
  const restore = async (): Promise<void> => {
    if (restored) return;
    restored = true;
    await rename(away, wallFile);
  };
  try {
    const { page, consoleErrors } = await openWall('playlist=fastday', async (p) => {
      // Put the file back as soon as the page has said why it could not start; its own reload must do the rest.
      p.on('console', (message) => {
        if (message.type() === 'error' && /thử lại sau/.test(message.text())) void restore();
      });
    });
    assert.ok(
      consoleErrors.some((text) => /config\/wall\.json: HTTP 404 — thử lại sau 10 giây/.test(text)),
      `the failed start said what failed and when it retries: ${consoleErrors.join(' | ')}`,
    );
    assert.ok(restored, 'the first start failed');
    assert.match((await page.getAttribute('#app', 'data-layout')) ?? '', /\S/, 'up after the reload');
    await page.context().close();
  } finally {
    await restore();
  }
});

test('a hub stopped and started again (npm run serve killed and restarted): panels go stale, then heal without a reload', { skip, timeout: 120_000 }, async () => {
  const { page } = await openWall('layout=split');
  const allLive = (states: Record<string, string>): boolean => LIVE_FEEDS.every((feed) => states[feed] === 'live');
  await waitForWall(page, allLive, 30_000);
  await page.evaluate(() => {
    (window as unknown as { wallMarker: number }).wallMarker = 7;
    // Note if the map's stale overlay shows while the hub is away (it may be brief: the restart takes seconds).
    const overlay = document.querySelector('.wall-panel-map [data-testid="wall-stale-overlay"]');
    new MutationObserver(() => {
      if (overlay && !overlay.hasAttribute('hidden')) (window as unknown as { sawStale?: boolean }).sawStale = true;
    }).observe(overlay as Node, { attributes: true });
  });
  const stoppedAt = Date.now();
  await session.restartServe().catch((error: unknown) => {
    throw new Error(`restart failed: ${String(error)}`);
  });
  // The restart itself takes a few seconds (hub, SQLite, simulator): the page saw the connection drop meanwhile.
  const sawDown = await page.evaluate(() => document.querySelector('[data-testid="wall-hub"]')?.getAttribute('data-status') ?? '');
  console.info(`# wall: serve restarted in ${Date.now() - stoppedAt} ms; hub indicator right after: ${sawDown}`);
  await page.locator('.wall-panel-map [data-testid="wall-stale-overlay"]').waitFor({ state: 'hidden', timeout: 45_000 });
  await waitForWall(page, allLive, 30_000);
  assert.equal(await page.getAttribute('[data-testid="wall-hub"]', 'data-status'), 'open');
  assert.equal(await page.evaluate(() => (window as unknown as { wallMarker?: number }).wallMarker), 7, 'healed without a reload');
  assert.equal(await page.evaluate(() => (window as unknown as { sawStale?: boolean }).sawStale), true, 'the map was marked stale while the hub was down');
  await page.context().close();
});
