import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { EnvironmentState } from '../../feeds/environment/environment-reducer.js';
import { SqliteDatabase } from '../../feeds/store/sqlite-database.js';
import { startTestHub } from '../support/hub-fixture.js';
import { withTempDir } from '../support/temp-dir.js';
import { testConfig } from '../support/test-config.js';

const reading = (station: string, pm25: number): Record<string, unknown> => ({
  kind: 'reading',
  station,
  values: { pm25, pm10: null, no2: null, so2: null, co: null, o3: null },
  hourEnd: Date.parse('2026-11-22T01:00:00Z'),
  hourly: null,
  daily: null,
});

async function damage(path: string, sql: string): Promise<void> {
  const db = await SqliteDatabase.open(path);
  try {
    await db.run(sql);
  } finally {
    await db.close();
  }
}

test('a damaged checkpoint or a hand-edited log item does not keep the hub down: the state is rebuilt from the log', { timeout: 30_000 }, async () => {
  await withTempDir(async (dir) => {
    const config = testConfig({ store: { checkpointEveryItems: 1 } });
    let hub = await startTestHub(dir, config);
    await hub.publish('environment', [reading('S1', 10)]);
    await hub.publish('environment', [reading('S2', 20)]);
    await hub.stop();
    const path = join(dir, 'hub.db');
    await damage(path, "UPDATE checkpoints SET state = 'not json {' WHERE feed = 'environment'");
    await damage(path, "UPDATE log SET data = '{\"kind\":\"reading\",\"station\":\"S2\"}' WHERE feed = 'environment' AND seq = 2");

    hub = await startTestHub(dir, config);
    try {
      const state = hub.channel('environment').state as EnvironmentState;
      assert.deepEqual(Object.keys(state.stations).sort(), ['S1'], 'S1 from the log; the broken S2 item skipped');
      assert.equal(hub.channel('environment').seq, 2, 'the feed continues after the skipped item');
      await hub.publish('environment', [reading('S3', 30)]);
      assert.equal(hub.channel('environment').seq, 3);
    } finally {
      await hub.stop();
    }
  });
});
