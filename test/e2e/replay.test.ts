import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openWatchedPage } from '../support/browser.js';
import { ARTEFACTS, serveAndChromium } from '../support/e2e-session.js';
import { delay } from '../support/temp-dir.js';
import { parseReplayAt } from '../../renderer/replay/replay-at.js';

/**
 * Issue 12, tried as a duty officer would, on `npm run serve --demo` (real hub, SQLite, simulator) in Chromium:
 * a `?at=` link opens the desk replaying that moment (banner, clock, the incidents as they were then), play moves
 * the clock, "Trực tiếp" returns to live data; a wall given `?at=` stays live and says so in its log.
 */
const { skip, session } = serveAndChromium({ demo: true });

const HISTORY_MS = 50_000;

test('?at= opens the replay banner and the desk at that moment; play moves the clock; Live returns to live', { skip, timeout: 240_000 }, async () => {
  const serve = session.serve;
  const browser = session.browsers[0];
  if (!serve || !browser) throw new Error('not started');
  const servedAt = Date.now();
  // Some history: the demo opens an incident of every kind within the first minute.
  await delay(HISTORY_MS);
  const live = await openWatchedPage(browser, `${serve.url}/`, { width: 1920, height: 1080 });
  await live.page.waitForSelector('#app[data-ready="true"]', { state: 'attached', timeout: 60_000 });
  await live.page.waitForSelector('[data-testid="incident-list"] li.incident', { timeout: 30_000 });
  const liveCount = await live.page.locator('[data-testid="incident-list"] li.incident').count();
  await live.page.context().close();

  // A moment early in the history: fewer incidents had opened than now.
  const at = servedAt + 12_000;
  const atText = new Date(at).toISOString();
  const replay = await openWatchedPage(browser, `${serve.url}/?at=${encodeURIComponent(atText)}`, { width: 1920, height: 1080 });
  const page = replay.page;
  await page.waitForSelector('#app[data-ready="true"]', { state: 'attached', timeout: 60_000 });
  await page.waitForSelector('[data-testid="replay-banner"]:not([hidden])', { timeout: 20_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="replay-banner"]')?.getAttribute('data-phase') === 'paused', undefined, { timeout: 20_000 });
  const banner = (await page.locator('[data-testid="replay-banner-time"]').textContent()) ?? '';
  const expectedTime = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(at);
  assert.match(banner, /^PHÁT LẠI /, banner);
  assert.ok(banner.includes(expectedTime), `banner "${banner}" shows ${expectedTime}`);
  assert.equal(Number(await page.locator('[data-testid="replay-clock"]').getAttribute('data-at')), at, 'the time bar stands on the moment');
  assert.equal(await page.locator('.console').getAttribute('data-replay'), 'paused');
  await delay(1500);
  const replayCount = await page.locator('[data-testid="incident-list"] li.incident').count();
  assert.ok(replayCount < liveCount, `incidents at ${atText}: ${replayCount}, now ${liveCount}`);
  // The queue is the past: no action can be made there.
  const first = page.locator('[data-testid="incident-list"] li.incident').first();
  if (replayCount > 0) {
    await first.click();
    await page.waitForSelector('[data-testid="replay-read-only"]', { timeout: 5000 });
    assert.equal(await page.locator('[data-testid="incident-detail"] button[data-action="ack"]').isDisabled(), true);
  }
  // The link to this moment, to send: a ?at= URL of the same page, on the moment to the second.
  await page.locator('[data-action="replay-banner-link"]').click();
  const link = await page.locator('[data-testid="replay-banner-link"]').inputValue();
  const linkAt = parseReplayAt(new URL(link).searchParams.get('at') ?? '');
  assert.ok(linkAt !== null && Math.abs(linkAt - at) <= 500, `${link} is the moment ${atText}`);
  await page.screenshot({ path: `${ARTEFACTS}replay-at.png` });

  // Play at 60×: the clock moves (a minute of log a second) and the incidents of later moments appear.
  await page.locator('[data-action="replay-play"]').click();
  await page.waitForFunction((start) => Number(document.querySelector('[data-testid="replay-clock"]')?.getAttribute('data-at')) > start + 20_000, at, { timeout: 15_000 });
  await page.waitForFunction((count) => document.querySelectorAll('[data-testid="incident-list"] li.incident').length > count, replayCount, { timeout: 15_000 });
  await page.screenshot({ path: `${ARTEFACTS}replay-playing.png` });

  // Live: the banner goes, the desk is live, the queue is the present one and its actions are back.
  await page.locator('[data-action="replay-banner-live"]').click();
  await page.waitForSelector('[data-testid="replay-banner"][hidden]', { state: 'attached', timeout: 5000 });
  assert.equal(await page.locator('.console').getAttribute('data-replay'), 'live');
  assert.equal(await page.locator('[data-testid="replay-read-only"]').count(), 0);
  const afterLive = await page.locator('[data-testid="incident-list"] li.incident').count();
  assert.ok(afterLive >= liveCount, `live queue ${afterLive} ≥ ${liveCount}`);
  // Keyboard: space from live replays an hour ago (before the hub's history here: refused, naming the oldest time).
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(' ');
  await page.waitForFunction(() => document.querySelector('[data-testid="replay-banner"]')?.getAttribute('data-phase') === 'error', undefined, { timeout: 10_000 });
  assert.match((await page.locator('[data-testid="replay-banner-state"]').textContent()) ?? '', /máy chủ chỉ còn lưu từ \d\d:\d\d:\d\d/);
  await page.keyboard.press('End');
  await page.waitForSelector('[data-testid="replay-banner"][hidden]', { state: 'attached', timeout: 5000 });
  assert.deepEqual(replay.consoleErrors, []);
  await replay.page.context().close();

  // The link sent: another desk opens it on that moment.
  const sent = await openWatchedPage(browser, link, { width: 1280, height: 800 });
  await sent.page.waitForFunction(() => document.querySelector('[data-testid="replay-banner"]')?.getAttribute('data-phase') === 'paused', undefined, { timeout: 60_000 });
  assert.equal(Number(await sent.page.locator('[data-testid="replay-clock"]').getAttribute('data-at')), linkAt, 'the sent link opens on its moment');
  await sent.page.context().close();
});

test('a wall ignores ?at= (live only) and says so in its log', { skip, timeout: 120_000 }, async () => {
  const serve = session.serve;
  const browser = session.browsers[0];
  if (!serve || !browser) throw new Error('not started');
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const logs: string[] = [];
  page.on('console', (message) => logs.push(message.text()));
  await page.goto(`${serve.url}/?wall=1&layout=map-full&at=${encodeURIComponent(new Date(Date.now() - 30_000).toISOString())}`);
  await page.waitForSelector('#app[data-ready="true"]', { state: 'attached', timeout: 60_000 });
  assert.ok(logs.some((line) => /\?at=.* ignored — a wall shows live data only/.test(line)), logs.join('\n'));
  assert.equal(await page.locator('[data-testid="replay-banner"]').count(), 0, 'no replay banner on a wall');
  assert.equal(await page.locator('[data-testid="time-bar"]').count(), 0, 'no time bar on a wall');
  await context.close();
});
