import assert from 'node:assert/strict';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { SqliteLogStore } from '../../feeds/store/sqlite-log-store.js';
import { startHubProcess, writeTestConfig } from '../support/hub-process.js';
import { delay, withTempDir } from '../support/temp-dir.js';
import { TEST_CONFIG_JSON } from '../support/test-config.js';
import { eveAlertLine, flowNumbers } from './eve-lines.js';

const TOTAL = 3000;

async function socSeq(url: string): Promise<number> {
  return ((await (await fetch(`${url}/health`)).json()) as { feeds: { soc: { seq: number } } }).feeds.soc.seq;
}

/**
 * The hub config's `sources` through `npm run hub`: eve.json grows while the hub process is SIGKILLed mid-stream
 * and started again on the same database. Every alert line must be in the log exactly once.
 */
test('config file source: SIGKILL mid-stream and restart — every line in the log exactly once', { timeout: 90_000 }, async () => {
  await withTempDir(async (dir) => {
    const eve = join(dir, 'eve.json');
    await writeFile(eve, '');
    const config = await writeTestConfig(dir, { ...TEST_CONFIG_JSON, sources: [{ type: 'suricata-eve', path: 'eve.json', follow: true }] });
    const db = join(dir, 'hub.db');
    const args = ['--port', '0', '--db', db, '--config', config, '--simulate', 'none'];
    let hub = await startHubProcess(args);
    let written = 0;
    const write = async (count: number): Promise<void> => {
      const text = Array.from({ length: count }, (_, i) => `${eveAlertLine(written + i)}\n`).join('');
      written += count;
      await appendFile(eve, text);
    };
    // Small appends while the hub reads, so the kill lands between (or inside) its chunks.
    while (written < TOTAL / 2) {
      await write(37);
      await delay(5);
      if ((await socSeq(hub.url)) > TOTAL / 5) break;
    }
    await hub.kill('SIGKILL');
    while (written < TOTAL) await write(Math.min(250, TOTAL - written));
    hub = await startHubProcess(args);
    const deadline = Date.now() + 60_000;
    while ((await socSeq(hub.url)) < TOTAL && Date.now() < deadline) await delay(100);
    await delay(1200); // two more polls: a duplicate would show up now
    await hub.kill('SIGTERM');
    const store = await SqliteLogStore.open(db);
    const items = await store.read('soc', 0, 2 * TOTAL);
    await store.close();
    const numbers = flowNumbers(items.map((item) => item.json)).sort((a, b) => a - b);
    assert.equal(numbers.length, TOTAL, `log holds ${numbers.length} alerts for ${TOTAL} lines`);
    assert.deepEqual(numbers, Array.from({ length: TOTAL }, (_, i) => i));
  });
});
