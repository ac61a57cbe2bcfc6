import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { stationShortName } from '../../layers/environment/format-environment-data.js';
import { catalogueTexts } from '../../renderer/i18n/catalogue.js';
import { StreamClient } from './stream-client.js';
import { catalogueCheck } from './visible-strings.js';
import { delay } from './temp-dir.js';

/**
 * What the catalogue checks (visible-strings.ts) read: the strings a person can read on a page, and the names that
 * are data rather than words of the console (region pack, wall config titles, what the hub sent).
 */
const ROOT = new URL('../../', import.meta.url).pathname;

/** Every string a person can read on the page: visible text nodes, placeholders, option labels, titles. */
export function visibleStrings(page: Page): Promise<string[]> {
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
export async function dataNames(url: string, token: string): Promise<string[]> {
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
  // The centre's teams (hub config, sent in the welcome) are names the desk shows in its assign list.
  const welcome = await client.connect();
  for (const team of (welcome['teams'] ?? []) as { name: { vi: string } }[]) names.push(team.name.vi);
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

/**
 * Every string read on each screen (at least 5 a screen, so an empty page does not pass) is a Vietnamese catalogue
 * message or data (`names`); the leaks are listed with what was left unexplained.
 */
export function assertCatalogueOnly(screens: readonly { readonly name: string; readonly strings: readonly string[] }[], names: readonly string[]): void {
  const check = catalogueCheck(catalogueTexts().map((text) => text.vi), names);
  const leaks: string[] = [];
  for (const screen of screens) {
    assert.ok(screen.strings.length >= 5, `${screen.name}: ${screen.strings.length} strings read`);
    for (const text of new Set(screen.strings)) {
      const left = check.leftover(text);
      if (left !== null) leaks.push(`${screen.name}: "${text}" (not from the catalogue: "${left}")`);
    }
  }
  assert.deepEqual(leaks, [], 'every visible string is a catalogue string or data');
}
