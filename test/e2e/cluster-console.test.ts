import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { chromiumSkipReason, launchChromium, openWatchedPage } from '../support/browser.js';
import { startCluster } from '../support/cluster.js';
import { ARTEFACTS } from '../support/e2e-session.js';
import { startServe } from '../support/serve-process.js';
import { delay, makeTempDir } from '../support/temp-dir.js';
import { TEST_CONFIG_JSON } from '../support/test-config.js';

/**
 * docs/deploy.md on this machine: two hubs on the local NATS JetStream and PostgreSQL, the console served by
 * `npm run serve -- --hub A,B` in real Chromium; either hub is killed at will and the map stays live, without a
 * reload, the health bar naming the hub it moved to.
 */
const skip = chromiumSkipReason();

interface DebugHook {
  health(): Record<string, string>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await delay(200);
  }
}

const LIVE_FEEDS = ['traffic', 'vehicles', 'environment', 'soc', 'portal'];

test('a console in Chromium on two hubs keeps its map live while either hub is killed', { skip, timeout: 300_000 }, async (t) => {
  await mkdir(ARTEFACTS, { recursive: true });
  const servePort = await freePort();
  const cluster = await startCluster(t, {
    config: { auth: { ...TEST_CONFIG_JSON.auth, allowedOrigins: [`http://127.0.0.1:${servePort}`] } },
  });
  const simulate = ['--simulate', 'hai-duong', '--vehicles', '200', '--seed', '7'];
  const a = await cluster.start('A', simulate);
  const b = await cluster.start('B', simulate);
  const dir = await makeTempDir();
  t.after(() => dir.remove());
  const stream = (url: string): string => `${url.replace('http', 'ws')}/v1/stream`;
  const serve = await startServe(dir.path, ['--hub', `${stream(a.url)},${stream(b.url)}`, '--config', `${cluster.dir}/hub.json`], 60_000, servePort);
  t.after(() => serve.stop());
  const browser = await launchChromium();
  t.after(() => browser.close());
  const { page, consoleErrors } = await openWatchedPage(browser, `${serve.url}/`);
  await page.waitForSelector('#app[data-ready="true"]', { timeout: 60_000 });
  const health = (): Promise<Record<string, string>> => page.evaluate(() => (window as unknown as { iocConsoleDebug: DebugHook }).iocConsoleDebug.health());
  const hubPill = async (): Promise<string> => (await page.textContent('[data-feed="hub"]')) ?? '';
  const allLive = async (): Promise<boolean> => {
    const states = await health();
    return LIVE_FEEDS.every((feed) => states[feed] === 'live');
  };
  await waitUntil("every feed live", 60_000, allLive);
  console.info(`hubs: A ${a.url}, B ${b.url}, serve ${serve.url}, pill ${await hubPill()}`);
  const ports = new Map([[new URL(a.url).port, 'A'], [new URL(b.url).port, 'B']]);
  const onHub = async (): Promise<string> => ports.get(/:(\d+)$/.exec(await hubPill())?.[1] ?? '') ?? '';
  assert.ok((await onHub()) !== '', `the health bar names one of the hubs: ${await hubPill()}`);
  // A marker that a reload would wipe.
  await page.evaluate(() => ((window as unknown as { failoverMarker: number }).failoverMarker = 42));
  await page.screenshot({ path: `${ARTEFACTS}cluster-console-before.png` });

  // Twice: kill the hub the console is on, whichever it is (a slow first paint may already have moved it).
  for (let round = 0; round < 2; round++) {
    const id = await onHub();
    const victim = cluster.hubs.get(id);
    assert.ok(victim);
    await victim.kill('SIGKILL');
    const moved = await waitUntil(`the console moves to the other hub after ${id} is killed`, 30_000, async () => !['', id].includes(await onHub()));
    // The survivor leads now (or already did): its simulator feeds the map within a few seconds.
    const live = await waitUntil('every feed live again', 60_000, allLive);
    console.info(`kill -9 of ${id}: the console was on the other hub after ${moved} ms, all feeds live ${moved + live} ms after`);
    await page.screenshot({ path: `${ARTEFACTS}cluster-console-after-kill-${round + 1}.png` });
    assert.equal(await page.evaluate(() => (window as unknown as { failoverMarker?: number }).failoverMarker), 42, 'no reload');
    // Bring the killed hub back on its port, so the next round can kill the other one.
    await cluster.start(id, simulate);
  }
  assert.deepEqual(consoleErrors.filter((error) => !/WebSocket|ERR_CONNECTION_REFUSED|net::/.test(error)), [], 'no console errors but the lost sockets');
});
