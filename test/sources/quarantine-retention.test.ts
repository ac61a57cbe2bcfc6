import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { QuarantineStore } from '../../feeds/store/quarantine-store.js';
import { startSources } from '../../feeds/sources/start-sources.js';
import { startTestHub } from '../support/hub-fixture.js';
import { withTempDir } from '../support/temp-dir.js';

const DAY_MS = 24 * 3600 * 1000;

test('quarantine retention: records older than the configured days are deleted when sources start; newer ones stay', { timeout: 30_000 }, async () => {
  await withTempDir(async (dir) => {
    const dbPath = join(dir, 'hub.db');
    const seed = await QuarantineStore.open(dbPath);
    const record = (line: number, ageDays: number) => ({ feed: 'soc', format: 'suricata-eve', origin: 'ingest test', line, reason: 'malformed JSON', raw: `line ${line}`, receivedAt: Date.now() - ageDays * DAY_MS });
    await seed.add([record(1, 31), record(2, 29), record(3, 0)]);
    await seed.close();
    const hub = await startTestHub(dir);
    const sources = await startSources(hub, { dbPath, region: null, quarantineRetentionMs: 30 * DAY_MS });
    try {
      assert.deepEqual((await sources.quarantine.list()).map((r) => r.line).sort(), [2, 3]);
    } finally {
      await sources.stop();
      await hub.stop();
    }
  });
});
