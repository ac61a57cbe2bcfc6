import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { openWatchedPage, waitForApp } from '../support/browser.js';
import { ARTEFACTS, serveAndChromium } from '../support/e2e-session.js';

/**
 * Issue 16 item 1 in Chromium on `npm run serve`, keyboard only: `/` opens the search, "pha lai" (no accents) finds
 * the Phả Lại station, Enter flies the map there and opens it; "ql5 km 12" finds that QL.5 segment; Ctrl+K opens the
 * search from inside a text field; Esc closes it; the English desk searches in English.
 */
const { skip, session } = serveAndChromium();
const ROOT = new URL('../../', import.meta.url).pathname;

interface DebugHook {
  project(lon: number, lat: number): [number, number];
}

/** How far (px) a lon/lat is drawn from the middle of the map once the flight has ended. */
async function offCentre(page: Page, position: readonly [number, number]): Promise<number> {
  await page.waitForTimeout(1500); // the fly-to lasts 900 ms
  return page.evaluate((lonLat) => {
    const [x, y] = (window as unknown as { iocConsoleDebug: DebugHook }).iocConsoleDebug.project(lonLat[0], lonLat[1]);
    const rect = document.querySelector('.maplibregl-canvas')?.getBoundingClientRect();
    if (!rect) return Number.POSITIVE_INFINITY;
    return Math.hypot(x - (rect.left + rect.width / 2), y - (rect.top + rect.height / 2));
  }, [position[0], position[1]] as [number, number]);
}

test('search and go-to from the keyboard: diacritics optional, results by kind, Enter flies there and opens it', { skip, timeout: 180_000 }, async () => {
  const serve = session.serve;
  const browser = session.browsers[0];
  if (!serve || !browser) throw new Error('not started');
  const stations = JSON.parse(await readFile(`${ROOT}regions/hai-duong/stations.geojson`, 'utf8')) as { features: { properties: { id: string; name: string }; geometry: { coordinates: [number, number] } }[] };
  const phaLai = stations.features.find((feature) => feature.properties.name.includes('Phả Lại'));
  assert.ok(phaLai, 'the pack has a Phả Lại station');

  const desk = await openWatchedPage(browser, `${serve.url}/?lang=vi`, { width: 1920, height: 1080 });
  const page = desk.page;
  await waitForApp(page, 'desk');
  // The road network arrives with the traffic snapshot.
  await page.waitForFunction(() => document.querySelector('[data-testid="kpi-mean-speed"] .value')?.textContent !== '—', undefined, { timeout: 30_000 });

  await page.keyboard.press('/');
  const box = page.locator('[data-testid="search-box"]');
  await box.waitFor({ state: 'visible', timeout: 5000 });
  assert.match(await box.innerText(), /không cần dấu/, 'an empty box says how to search');
  await page.keyboard.type('pha lai');
  const results = page.locator('[data-testid="search-results"] li.search-result');
  await results.first().waitFor({ timeout: 5000 });
  const first = results.first();
  assert.equal(await first.getAttribute('data-kind'), 'station');
  assert.equal(await first.getAttribute('data-id'), phaLai.properties.id);
  assert.match(await first.innerText(), /Phả Lại[\s\S]*Chí Linh/);
  assert.ok((await page.locator('[data-testid="search-results"] li.search-kind').allInnerTexts()).some((text) => /trạm quan trắc/i.test(text)), 'results grouped under their kind');
  await page.screenshot({ path: `${ARTEFACTS}search-pha-lai.png` });
  await page.keyboard.press('Enter');
  await box.waitFor({ state: 'hidden', timeout: 5000 });
  await page.waitForFunction(() => [...document.querySelectorAll('h3')].some((h3) => h3.checkVisibility() && /Phả Lại/.test(h3.textContent ?? '')), undefined, { timeout: 5000 });
  assert.ok((await offCentre(page, phaLai.geometry.coordinates)) < 80, 'the map flew to the station');

  // A road by road and km; ↓ moves through the results, Enter goes.
  await page.keyboard.press('/');
  await page.keyboard.type('ql5 km 12');
  await results.first().waitFor({ timeout: 5000 });
  assert.equal(await first.getAttribute('data-kind'), 'road');
  assert.match(await first.innerText(), /QL\.5 km (1[0-2])[.,]\d–(1[2-4])[.,]\d/, 'the segment holding km 12');
  const segment = await first.getAttribute('data-id');
  await page.keyboard.press('Escape');
  await box.waitFor({ state: 'hidden', timeout: 5000 });

  // Ctrl+K works inside a text field (the log form's title, opened with N) and keeps what was typed before.
  await page.keyboard.press('n');
  await page.locator('[data-testid="log-title"]').waitFor({ state: 'visible', timeout: 5000 });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'log-title');
  await page.keyboard.press('Control+k');
  await box.waitFor({ state: 'visible', timeout: 5000 });
  assert.equal(await page.locator('[data-testid="search-input"]').inputValue(), 'ql5 km 12');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.locator('[data-testid="search-results"] li.search-result.active').getAttribute('data-id'), segment);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('h3')].some((h3) => h3.checkVisibility() && /QL\.?5/.test(h3.textContent ?? '')), undefined, { timeout: 5000 });

  // The keyboard went back to the log form's title; Esc closes the form, and the single keys work again.
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'log-title', undefined, { timeout: 5000 });
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="log-incident"]').waitFor({ state: 'hidden', timeout: 5000 });

  // In English the headings and the hint are English; a vehicle by number.
  await page.keyboard.press('l');
  await page.waitForFunction(() => document.documentElement.lang === 'en', undefined, { timeout: 5000 });
  await page.keyboard.press('/');
  await page.locator('[data-testid="search-input"]').fill('');
  assert.match(await box.innerText(), /accents optional/);
  const vehicle = await page.evaluate(() => document.querySelector('[data-testid="kpi-vehicles-online"] .value')?.textContent ?? '');
  assert.ok(vehicle !== '—', 'vehicles are online');
  await page.keyboard.type('vehicle 1');
  await results.first().waitFor({ timeout: 5000 });
  assert.equal(await first.getAttribute('data-kind'), 'vehicle');
  assert.ok((await page.locator('[data-testid="search-results"] li.search-kind').allInnerTexts()).some((text) => /vehicles/i.test(text)));
  await page.keyboard.press('Escape');
  assert.deepEqual(desk.consoleErrors, [], 'no console errors');
});
