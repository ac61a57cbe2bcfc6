import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openWatchedPage } from '../support/browser.js';
import { ARTEFACTS, serveAndChromium } from '../support/e2e-session.js';

/**
 * Issue 15 item 2 in Chromium, on `npm run serve` (the calm province, no demo): four high-severity Suricata alerts on
 * one agency from four sources (four incidents: same kind, same district, minutes apart) come through the ingest
 * API; the queue shows them as one row with the count, opens the group, snoozes one (shown), acknowledges the group
 * in one action, and every member ends acknowledged.
 */
const { skip, session } = serveAndChromium();

function eveAlert(n: number): string {
  return JSON.stringify({
    timestamp: new Date(Date.now() - (4 - n) * 60_000).toISOString().replace('Z', '+0000'),
    flow_id: 7_000_000 + n,
    event_type: 'alert',
    src_ip: `198.51.100.${10 + n}`,
    src_port: 41000 + n,
    dest_ip: '10.61.1.10',
    dest_port: 443,
    proto: 'TCP',
    alert: { action: 'allowed', gid: 1, signature_id: 2_034_567, rev: 3, signature: 'ET EXPLOIT Test Group Exploit Attempt', category: 'Attempted Administrator Privilege Gain', severity: 1 },
  });
}

test('related incidents are one row with a count; the group opens, one is snoozed, the group is acknowledged at once', { skip, timeout: 180_000 }, async () => {
  const serve = session.serve;
  const browser = session.browsers[0];
  if (!serve || !browser) throw new Error('not started');
  const token = /Authorization: Bearer ([^']+)'/.exec(serve.output())?.[1];
  assert.ok(token, 'serve prints a source token for ingest');
  const response = await fetch(`${serve.url}/v1/ingest/soc?format=suricata-eve`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: [0, 1, 2, 3].map(eveAlert).join('\n'),
  });
  assert.equal(response.status, 200, await response.text());

  const desk = await openWatchedPage(browser, `${serve.url}/`, { width: 1920, height: 1080 });
  const page = desk.page;
  await page.waitForSelector('#app[data-ready="true"]', { state: 'attached', timeout: 60_000 });
  const groupRow = page.locator('[data-testid="incident-list"] li.incident.group', { hasText: 'Test Group Exploit' });
  await groupRow.first().waitFor({ timeout: 30_000 });
  const size = Number(await groupRow.first().getAttribute('data-group-size'));
  assert.ok(size >= 4, `a group of the four (and any like them), got ${size}`);
  // Collapsed: one row for the whole group.
  assert.equal(await page.locator('[data-testid="incident-list"] li.incident', { hasText: 'Test Group Exploit' }).count(), 1);

  await groupRow.first().locator('[data-action="toggle-group"]').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="incident-list"] li.incident.member').length === n - 1, size, { timeout: 5000 });

  // Snooze one member for 30 minutes: it says until when.
  const member = page.locator('[data-testid="incident-list"] li.incident.member').first();
  const memberId = await member.getAttribute('data-incident-id');
  await member.click();
  await page.locator('[data-testid="incident-detail"] select[name="snooze-minutes"]').selectOption('30');
  await page.locator('[data-testid="incident-detail"] button[data-action="snooze"]').click();
  await page.waitForSelector(`li.incident[data-incident-id="${memberId}"] [data-testid="incident-snoozed"]`, { timeout: 10_000 });
  assert.match((await page.locator(`li.incident[data-incident-id="${memberId}"] [data-testid="incident-snoozed"]`).textContent()) ?? '', /^Tạm hoãn đến \d\d:\d\d$/);
  await page.waitForSelector('[data-testid="incident-timeline"] li[data-action="snoozed"]', { timeout: 5000 });

  // Acknowledge the group in one action (the selected member is in it): every member acknowledged.
  const ackGroup = page.locator('[data-testid="incident-detail"] button[data-action="ack-group"]');
  assert.match((await ackGroup.textContent()) ?? '', new RegExp(`Tiếp nhận cả nhóm \\(${size}\\)`));
  await ackGroup.click();
  await page.waitForFunction(
    () => {
      const rows = [...document.querySelectorAll('[data-testid="incident-list"] li.incident')].filter((row) => row.textContent?.includes('Test Group Exploit'));
      return rows.length > 0 && rows.every((row) => row.getAttribute('data-state') === 'acknowledged');
    },
    undefined,
    { timeout: 20_000 },
  );
  await page.screenshot({ path: `${ARTEFACTS}queue-group.png` });
  assert.deepEqual(desk.consoleErrors, []);
  await page.context().close();
});
