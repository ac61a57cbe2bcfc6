// Dev tool: screenshot a served console. npx tsx scripts/dev/screenshot.mts URL OUT.png [waitMs]
import { launchChromium, openWatchedPage } from '../../test/support/browser.js';
const browser = await launchChromium();
const url = process.argv[2] ?? 'http://127.0.0.1:8091/';
const { page, consoleErrors, foreignRequests } = await openWatchedPage(browser, url);
try { await page.waitForSelector('#app[data-ready="true"]', { timeout: 40000 }); } catch (e) { console.info('not ready', String(e)); }
await new Promise((r) => setTimeout(r, Number(process.argv[4] ?? 8000)));
await page.screenshot({ path: process.argv[3] ?? '/tmp/shot.png' });
console.info('errors', consoleErrors.slice(0, 10));
console.info('foreign', foreignRequests.slice(0, 5));
await browser.close();
