import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { INCIDENT_KINDS } from '../../feeds/protocol/incident.js';
import { stationShortName } from '../../layers/environment/format-environment-data.js';
import { catalogueTexts } from '../../renderer/i18n/catalogue.js';
import { openWatchedPage } from '../support/browser.js';
import { ARTEFACTS, serveAndChromium } from '../support/e2e-session.js';
import { StreamClient } from '../support/stream-client.js';
import { delay } from '../support/temp-dir.js';
import { catalogueCheck } from '../support/visible-strings.js';

/**
 * Every string a Vietnamese desk and wall show (text, placeholders, options, titles, labels read aloud) comes from the message catalogue (renderer/i18n/catalogue.ts) or is
 * data (region pack, the hub's incidents and alerts, the wall config's titles): after the simulator's demo has
 * raised one incident of every kind, each text node, placeholder, option and title on the desk (an incident open
 * with its timeline) and on each shipped wall layout and the day playlist is checked (test/support/visible-strings.ts).
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const WALL_LAYOUTS = ['map-full', 'kpi-grid', 'incidents', 'split'];
const VIEWPORT = { width: 1920, height: 1080 };

// The demo raises one of every kind of incident within the first minute: every kind of item is on screen.
const { skip, session } = serveAndChromium({ demo: true });

/** Every string a person can read on the page: visible text nodes, placeholders, option labels, titles. */
function visibleStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      if (!parent || !text || parent.closest('script, style')) continue;
      if (parent.closest('option') || parent.checkVisibility({ checkVisibilityCSS: true })) out.push(text);
    }
    for (const element of document.querySelectorAll<HTMLElement>('[placeholder], [title], [aria-label]')) {
      if (!element.checkVisibility({ checkVisibilityCSS: true })) continue;
      for (const name of ['placeholder', 'title', 'aria-label']) {
        const value = element.getAttribute(name);
        if (value) out.push(value);
      }
    }
    // The layer panel's stale mark is drawn by CSS from this attribute.
    for (const label of document.querySelectorAll<HTMLElement>('.layer-row.stale label[data-stale]')) out.push(label.dataset['stale'] ?? '');
    return out;
  });
}

/** Names that are data: the region pack's and what the hub sent (incident titles, signatures, roads, people). */
async function dataNames(url: string, token: string): Promise<string[]> {
  const names: string[] = [];
  const region = `${ROOT}regions/hai-duong/`;
  const json = async <T>(file: string): Promise<T> => JSON.parse(await readFile(`${region}${file}`, 'utf8')) as T;
  const manifest = await json<{ name: { vi: string }; attribution: string }>('region.json');
  names.push(manifest.name.vi, manifest.attribution);
  for (const file of ['stations.geojson', 'districts.geojson', 'district-seats.geojson']) {
    for (const feature of (await json<{ features: { properties: Record<string, unknown> }[] }>(file)).features) {
      for (const key of ['name', 'short_name']) {
        const value = feature.properties[key];
        if (typeof value === 'string') names.push(value, stationShortName(value));
      }
    }
  }
  for (const agency of (await json<{ agencies: { name: { vi: string } }[] }>('agencies.json')).agencies) names.push(agency.name.vi);
  for (const file of await readdir(`${ROOT}config/layouts`)) names.push((JSON.parse(await readFile(`${ROOT}config/layouts/${file}`, 'utf8')) as { title?: { vi: string } }).title?.vi ?? '');
  for (const playlist of Object.values((JSON.parse(await readFile(`${ROOT}config/wall.json`, 'utf8')) as { playlists: Record<string, { title?: { vi: string } }> }).playlists)) names.push(playlist.title?.vi ?? '');

  const client = new StreamClient(url, token);
  await client.connect();
  client.subscribe(['incidents', 'soc', 'traffic']);
  await delay(3000);
  await client.close();
  const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
  for (const snapshot of client.snapshots) {
    const state = record(snapshot['state']);
    for (const incident of Object.values(record(state['incidents']))) names.push(String(record(record(incident)['title'])['vi'] ?? ''));
    for (const label of Object.values(record(state['signatures']))) names.push(String(record(label)['signature'] ?? ''));
    for (const alert of Object.values(record(state['alerts']))) names.push(String(record(alert)['signature'] ?? ''));
    for (const segment of Object.values(record(state['segments']))) names.push(String(record(record(segment)['name'])['vi'] ?? ''), String(record(segment)['road'] ?? ''));
    for (const accident of Object.values(record(state['accidents']))) names.push(String(record(record(accident)['description'])['vi'] ?? ''));
  }
  for (const items of client.data.values()) {
    for (const item of items) {
      const data = record(item);
      names.push(String(record(record(data['incident'])['title'])['vi'] ?? ''), String(data['signature'] ?? ''));
    }
  }
  return names.filter(Boolean);
}

/** Wait until the hub's incidents include every kind (the demo raises each within about a minute). */
async function waitForEveryKind(url: string, token: string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  let missing: string[] = [...INCIDENT_KINDS];
  while (Date.now() - started < timeoutMs) {
    const client = new StreamClient(url, token);
    await client.connect();
    client.subscribe(['incidents']);
    await delay(1500);
    await client.close();
    const kinds = new Set<string>();
    for (const snapshot of client.snapshots) for (const incident of Object.values((snapshot['state'] as { incidents: Record<string, { kind: string }> }).incidents)) kinds.add(incident.kind);
    for (const items of client.data.values()) for (const item of items) kinds.add((item as { incident: { kind: string } }).incident.kind);
    missing = INCIDENT_KINDS.filter((kind) => !kinds.has(kind));
    if (missing.length === 0) return;
    await delay(3000);
  }
  throw new Error(`the demo did not raise every incident kind in ${timeoutMs} ms; missing: ${missing.join(', ')}`);
}

async function ready(page: Page, what: string): Promise<void> {
  await page.waitForSelector('#app[data-ready="true"]', { timeout: 60_000 }).catch((error: unknown) => {
    throw new Error(`${what} not ready: ${String(error)}`);
  });
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
  await ready(desk.page, 'desk');
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
    await ready(wall.page, query);
    await delay(5000);
    await wall.page.screenshot({ path: `${ARTEFACTS}i18n-wall-${query.replace('=', '-')}.png` });
    screens.push({ name: query, strings: await visibleStrings(wall.page) });
    assert.deepEqual(wall.consoleErrors, [], `${query}: no console errors`);
    await wall.page.context().close();
  }

  const check = catalogueCheck(catalogueTexts().map((text) => text.vi), await dataNames(streamUrl, token));
  const leaks: string[] = [];
  for (const screen of screens) {
    assert.ok(screen.strings.length >= 5, `${screen.name}: ${screen.strings.length} strings read`);
    for (const text of new Set(screen.strings)) {
      const left = check.leftover(text);
      if (left !== null) leaks.push(`${screen.name}: "${text}" (not from the catalogue: "${left}")`);
    }
  }
  assert.deepEqual(leaks, [], 'every visible string is a catalogue string or data');
});
