import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DETECTED_KINDS } from '../../feeds/protocol/incident.js';
import { openWatchedPage, waitForApp } from '../support/browser.js';
import { ARTEFACTS, serveAndChromium } from '../support/e2e-session.js';
import { StreamClient } from '../support/stream-client.js';
import { delay } from '../support/temp-dir.js';
import { assertCatalogueOnly, dataNames, visibleStrings } from '../support/screen-strings.js';

/**
 * Every string a Vietnamese desk and wall show (text, placeholders, options, titles, labels read aloud) comes from the message catalogue (renderer/i18n/catalogue.ts) or is
 * data (region pack, the hub's incidents and alerts, the wall config's titles): after the simulator's demo has
 * raised one incident of every kind, each text node, placeholder, option and title on the desk (an incident open
 * with its timeline) and on each shipped wall layout and the day playlist is checked (test/support/visible-strings.ts).
 */
const WALL_LAYOUTS = ['map-full', 'kpi-grid', 'incidents', 'split'];
const VIEWPORT = { width: 1920, height: 1080 };

// The demo raises one of every kind of incident within the first minute: every kind of item is on screen.
const { skip, session } = serveAndChromium({ demo: true });

/** Wait until the hub's incidents include every kind (the demo raises each within about a minute). */
async function waitForEveryKind(url: string, token: string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  let missing: string[] = [...DETECTED_KINDS];
  while (Date.now() - started < timeoutMs) {
    const client = new StreamClient(url, token);
    await client.connect();
    client.subscribe(['incidents']);
    await delay(1500);
    await client.close();
    const kinds = new Set<string>();
    for (const snapshot of client.snapshots) for (const incident of Object.values((snapshot['state'] as { incidents: Record<string, { kind: string }> }).incidents)) kinds.add(incident.kind);
    for (const items of client.data.values()) for (const item of items) kinds.add((item as { incident: { kind: string } }).incident.kind);
    missing = DETECTED_KINDS.filter((kind) => !kinds.has(kind));
    if (missing.length === 0) return;
    await delay(3000);
  }
  throw new Error(`the demo did not raise every incident kind in ${timeoutMs} ms; missing: ${missing.join(', ')}`);
}

test('desk and every wall layout in Vietnamese show only catalogue strings and data, after every kind of incident', { skip, timeout: 420_000 }, async () => {
  const [browser] = session.browsers;
  const serve = session.serve;
  if (!browser || !serve) throw new Error('not started');
  const streamUrl = `${serve.url.replace('http', 'ws')}/v1/stream`;
  const token = ((await (await fetch(`${serve.url}/console-config.json?role=operator`)).json()) as { token: string }).token;
  await waitForEveryKind(streamUrl, token, 150_000);

  const screens: { name: string; strings: string[] }[] = [];
  const desk = await openWatchedPage(browser, `${serve.url}/?lang=vi`, VIEWPORT);
  await waitForApp(desk.page, 'desk');
  await desk.page.waitForSelector('[data-testid="incident-list"] li.incident', { timeout: 30_000 });
  await delay(4000);
  // An incident opened: its detail and timeline (actor and action) are on screen too.
  await desk.page.locator('[data-testid="incident-list"] li.incident').first().click();
  await desk.page.locator('[data-testid="incident-timeline"] li').first().waitFor({ timeout: 10_000 });
  await delay(1000);
  await desk.page.screenshot({ path: `${ARTEFACTS}i18n-desk.png` });
  screens.push({ name: 'desk', strings: await visibleStrings(desk.page) });
  assert.deepEqual(desk.consoleErrors, [], 'desk: no console errors');
  await desk.page.context().close();

  for (const query of [...WALL_LAYOUTS.map((layout) => `layout=${layout}`), 'playlist=day']) {
    const wall = await openWatchedPage(browser, `${serve.url}/?wall=1&${query}`, VIEWPORT);
    await waitForApp(wall.page, query);
    await delay(5000);
    await wall.page.screenshot({ path: `${ARTEFACTS}i18n-wall-${query.replace('=', '-')}.png` });
    screens.push({ name: query, strings: await visibleStrings(wall.page) });
    assert.deepEqual(wall.consoleErrors, [], `${query}: no console errors`);
    await wall.page.context().close();
  }

  assertCatalogueOnly(screens, await dataNames(streamUrl, token));
});
