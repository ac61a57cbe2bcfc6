import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openWatchedPage, waitForApp } from '../support/browser.js';
import { ARTEFACTS, serveAndChromium } from '../support/e2e-session.js';

/**
 * Issue 16 item 4 in Chromium on `npm run serve`: an operator logs a phoned-in incident from the keyboard (N), picks
 * its place on the map, and it opens in the queue at that unit; a comment goes on its timeline; after it is
 * acknowledged and resolved, a duty officer's desk reopens it with a reason, and the operator's desk sees it open
 * again. The help lists the queue's keys.
 */
const { skip, session } = serveAndChromium({ browsers: 2 });

interface DebugHook {
  project(lon: number, lat: number): [number, number];
}

test('log an incident by hand, comment it, resolve it, and a duty officer reopens it; every step on the timeline', { skip, timeout: 180_000 }, async () => {
  const serve = session.serve;
  const [first, second] = session.browsers;
  if (!serve || !first || !second) throw new Error('not started');
  const viewport = { width: 1920, height: 1080 };
  const desk = await openWatchedPage(first, `${serve.url}/?lang=vi`, viewport);
  const page = desk.page;
  await waitForApp(page, 'desk');

  // The help names the queue's keys.
  await page.keyboard.press('?');
  const help = await page.locator('.dialog[data-dialog="help"]').innerText();
  for (const key of ['J K', 'A', 'N', 'Enter']) assert.ok(help.includes(key), `help lists ${key}`);
  await page.keyboard.press('Escape');

  // N opens the form; the title is focused.
  await page.keyboard.press('n');
  const form = page.locator('[data-testid="log-incident"]');
  await form.waitFor({ state: 'visible', timeout: 5000 });
  await page.keyboard.type('Cháy kho hàng, người dân báo qua 114');
  await form.locator('select[name="severity"]').selectOption('high');
  await form.locator('textarea[name="log-note"]').fill('Người báo: anh Minh, 0912 345 678');
  // Pick the place on the map: Thị xã Kinh Môn's seat area (the click goes to the map, not to what is drawn there).
  await form.locator('[data-action="log-pick"]').click();
  assert.match(await form.locator('[data-testid="log-place"]').innerText(), /Bấm vào bản đồ/);
  const [x, y] = await page.evaluate(() => (window as unknown as { iocConsoleDebug: DebugHook }).iocConsoleDebug.project(106.5, 21.0));
  await page.mouse.click(x, y);
  await page.waitForFunction(() => /Kinh Môn/.test(document.querySelector('[data-testid="log-place"]')?.textContent ?? ''), undefined, { timeout: 5000 });
  await page.screenshot({ path: `${ARTEFACTS}log-incident-form.png` });
  await form.locator('[data-action="log-submit"]').click();

  // It opens in the queue, selected, at Kinh Môn, logged by the operator.
  const row = page.locator('[data-testid="incident-list"] li.incident[data-kind="manual"]');
  await row.waitFor({ timeout: 10_000 });
  await form.waitFor({ state: 'hidden', timeout: 5000 }); // once the hub's result is in (the incident may come first)
  const id = await row.getAttribute('data-incident-id');
  assert.ok(id);
  assert.equal(await row.getAttribute('data-severity'), 'high');
  assert.match(await row.innerText(), /Cháy kho hàng[\s\S]*Ghi nhận thủ công · Kinh Môn/);
  const detail = page.locator('[data-testid="incident-detail"]');
  await detail.locator('h3', { hasText: 'Cháy kho hàng' }).waitFor({ timeout: 5000 });
  const timeline = detail.locator('[data-testid="incident-timeline"] li');
  assert.match(await timeline.first().innerText(), /Ghi nhận · Điều hành viên 1 — Người báo: anh Minh/);

  // A comment: required, then on the timeline; the state stays.
  await detail.locator('button[data-action="comment"]').click();
  assert.match(await detail.locator('[data-testid="op-status"]').innerText(), /nhập nội dung ghi chú/);
  await detail.locator('textarea[name="note"]').fill('Đã báo PCCC Kinh Môn, xe đang đến');
  await detail.locator('button[data-action="comment"]').click();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="incident-timeline"] li[data-action="commented"]')].some((li) => li.textContent?.includes('PCCC')), undefined, { timeout: 10_000 });
  assert.equal(await row.getAttribute('data-state'), 'open');

  // Acknowledge, assign and resolve; an operator has no reopen.
  await detail.locator('button[data-action="ack"]').click();
  await page.waitForSelector(`li.incident[data-incident-id="${id}"][data-state="acknowledged"]`, { timeout: 10_000 });
  // Assign picks one of the centre's teams (from the hub's welcome), named in the console's language.
  await detail.locator('select[name="assignee"]').selectOption('fire-rescue');
  await detail.locator('button[data-action="assign"]').click();
  await page.waitForSelector(`li.incident[data-incident-id="${id}"][data-state="assigned"]`, { timeout: 10_000 });
  assert.match(await detail.locator('[data-testid="incident-timeline"] li[data-action="assigned"]').innerText(), /Điều hành viên 1 → Cảnh sát PCCC và CNCH/);
  await detail.locator('textarea[name="note"]').fill('Đã dập tắt');
  await detail.locator('button[data-action="resolve"]').click();
  // The queue shows what is not yet dealt with: the resolved incident leaves it.
  await page.waitForFunction((incident) => !document.querySelector(`li.incident[data-incident-id="${incident}"]`) || document.querySelector(`li.incident[data-incident-id="${incident}"]`)?.getAttribute('data-state') === 'resolved', id, { timeout: 10_000 });

  // The duty officer's desk: the resolved incident (state filter "resolved"), reopened with a reason.
  const officer = await openWatchedPage(second, `${serve.url}/?lang=vi&role=duty-officer`, viewport);
  const officerPage = officer.page;
  await waitForApp(officerPage, 'duty officer desk');
  await officerPage.locator('.incident-queue .filters select[name="state"]').selectOption('resolved');
  const resolvedRow = officerPage.locator(`li.incident[data-incident-id="${id}"]`);
  await resolvedRow.waitFor({ timeout: 10_000 });
  assert.equal(await resolvedRow.getAttribute('data-state'), 'resolved');
  await resolvedRow.click();
  const officerDetail = officerPage.locator('[data-testid="incident-detail"]');
  await officerDetail.locator('textarea[name="note"]').fill('Cháy lại ở kho bên cạnh');
  await officerDetail.locator('button[data-action="reopen"]').click();
  // Open again, it leaves the "resolved" list; the detail stays on it.
  await officerPage.locator('[data-testid="incident-timeline"] li[data-action="reopened"]').waitFor({ timeout: 10_000 });
  assert.match(await officerDetail.locator('[data-testid="incident-timeline"] li[data-action="reopened"]').innerText(), /Mở lại · Trực ban — Cháy lại ở kho bên cạnh/);

  // Back on the operator's desk: open again, the whole story in the timeline, no reopen button for this role.
  await page.waitForSelector(`li.incident[data-incident-id="${id}"][data-state="open"]`, { timeout: 10_000 });
  await page.locator(`li.incident[data-incident-id="${id}"]`).click();
  const actions = await detail.locator('[data-testid="incident-timeline"] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-action')));
  assert.deepEqual(actions, ['opened', 'commented', 'acknowledged', 'assigned', 'resolved', 'reopened']);
  await page.screenshot({ path: `${ARTEFACTS}log-incident-reopened.png` });
  assert.deepEqual(desk.consoleErrors, [], 'operator desk: no console errors');
  assert.deepEqual(officer.consoleErrors, [], 'duty officer desk: no console errors');
});
