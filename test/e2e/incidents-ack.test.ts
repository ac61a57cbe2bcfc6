import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openWatchedPage, type WatchedPage } from '../support/browser.js';
import { ARTEFACTS, serveAndChromium } from '../support/e2e-session.js';

/**
 * Issue 4, tried as a new user would: two consoles on one `npm run serve` (real hub, SQLite, simulator in demo
 * mode). An incident appears on both; the operator acknowledges it with a note (keyboard A, type, Enter); the duty
 * officer's console shows it acknowledged, by whom, within a second or so.
 */

// One Chromium per console, as two desks would be. (Observed here: a second page in the same headless browser never
// reported its map loaded, so the console never became ready; the cause was not pinned down.)
// The demo scenario gives the queue incidents within the first minute; an ordinary day may have none for a while.
const { skip, session } = serveAndChromium({ browsers: 2, demo: true });

async function openConsole(role: string, index: number): Promise<WatchedPage> {
  const browser = session.browsers[index];
  const serve = session.serve;
  if (!browser || !serve) throw new Error('not started');
  const watched = await openWatchedPage(browser, `${serve.url}/?role=${role}`);
  try {
    await watched.page.waitForSelector('#app[data-ready="true"]', { state: 'attached', timeout: 60_000 });
  } catch (error) {
    await watched.page.screenshot({ path: `${ARTEFACTS}incidents-ack-not-ready-${role}.png` });
    throw new Error(`${role} console not ready: ${(error as Error).message}; console errors: ${watched.consoleErrors.join(' | ')}`);
  }
  return watched;
}

test('acknowledge in one console (A, note, Enter); the other shows it acknowledged with who', { skip, timeout: 150_000 }, async () => {
  const operator = await openConsole('operator', 0);
  const duty = await openConsole('duty-officer', 1);
  const openItem = '[data-testid="incident-list"] li.incident[data-state="open"]';
  await operator.page.waitForSelector(openItem, { timeout: 60_000 });

  // Keyboard A: the first incident of the queue is selected and its note focused.
  await operator.page.locator('body').click({ position: { x: 5, y: 5 } });
  await operator.page.keyboard.press('a');
  const note = operator.page.locator('[data-testid="incident-note"]');
  await note.waitFor({ state: 'visible', timeout: 5000 });
  await operator.page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'incident-note', undefined, { timeout: 5000 });
  const id = await operator.page.locator('[data-testid="incident-list"] li.incident.selected').getAttribute('data-incident-id');
  assert.ok(id, 'an incident is selected');
  await operator.page.keyboard.type('Đã nhận, cử tổ công tác');
  const sentAt = Date.now();
  await operator.page.keyboard.press('Enter');
  await operator.page.waitForSelector(`li.incident[data-incident-id="${id}"][data-state="acknowledged"]`, { timeout: 15_000 });

  // The other console: same incident acknowledged, and its detail says who and with what note.
  await duty.page.waitForSelector(`li.incident[data-incident-id="${id}"][data-state="acknowledged"]`, { timeout: 15_000 });
  const seenWithin = Date.now() - sentAt;
  await duty.page.locator(`li.incident[data-incident-id="${id}"]`).click();
  const detail = duty.page.locator('[data-testid="incident-detail"]');
  await detail.waitFor({ state: 'visible', timeout: 5000 });
  const text = (await detail.textContent()) ?? '';
  assert.match(text, /Điều hành viên 1/, 'who acknowledged');
  assert.match(text, /Đã nhận, cử tổ công tác/, 'the note');
  await duty.page.screenshot({ path: `${ARTEFACTS}incidents-ack-duty.png` });
  // The 1-second promise is measured between two protocol clients (test/incidents/incident-ops.test.ts). Here two
  // Chromiums draw maps in software GL on two cores, sometimes beside another e2e file: the bound only catches an
  // ack that does not travel at all; the measured time is printed.
  console.info(`# ack seen on the second console ${seenWithin} ms after Enter (software GL)`);
  assert.ok(seenWithin < 15_000, `seen on the second console ${seenWithin} ms after Enter`);
  assert.deepEqual(operator.consoleErrors, []);
  assert.deepEqual(duty.consoleErrors, []);
});
