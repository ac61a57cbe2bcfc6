import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseHubArgs } from '../../feeds/hub/cli-args.js';
import { runHub } from '../../feeds/hub/run-hub.js';
import { SqliteDatabase } from '../../feeds/store/sqlite-database.js';
import { writeTestConfig } from '../support/hub-process.js';
import { delay, withTempDir } from '../support/temp-dir.js';

/** Items of a feed whose ts is older than an item logged before them (seq order): back-dated on a restart. */
async function backDated(path: string, feed: string): Promise<{ count: number; total: number }> {
  const db = await SqliteDatabase.open(path);
  try {
    const rows = await db.all<{ seq: number; ts: number }>('SELECT seq, ts FROM log WHERE feed = ? ORDER BY seq', [feed]);
    let newest = Number.NEGATIVE_INFINITY;
    let count = 0;
    for (const row of rows) {
      if (row.ts < newest) count++;
      newest = Math.max(newest, row.ts);
    }
    return { count, total: rows.length };
  } finally {
    await db.close();
  }
}

test('a restart does not publish the demo history again: the log of every feed stays in time order', { timeout: 60_000 }, async () => {
  await withTempDir(async (dir) => {
    const db = join(dir, 'ioc.db');
    const args = parseHubArgs(['--port', '0', '--db', db, '--config', await writeTestConfig(dir), '--simulate', 'hai-duong', '--demo', '--seed', '7', '--vehicles', '0']);
    for (let start = 0; start < 2; start++) {
      const running = await runHub(args);
      await delay(1500);
      await running.stop();
    }
    for (const feed of ['traffic', 'environment']) {
      const { count, total } = await backDated(db, feed);
      assert.ok(total > 0, `${feed}: logged`);
      assert.equal(count, 0, `${feed}: ${count} of ${total} items older than an item before them`);
    }
  });
});
