import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startTestHub } from '../support/hub-fixture.js';
import { BACKENDS, useFreshStore } from '../support/store-backends.js';
import { startTestSources } from '../support/test-sources.js';

const DAY_MS = 24 * 3600 * 1000;

for (const backend of BACKENDS) {
  describe(`quarantine retention on ${backend.name}`, () => {
    test('records older than the configured days are deleted when sources start; newer ones stay', { timeout: 30_000 }, async (t) => {
      const fresh = await useFreshStore(t, backend);
      const seed = await fresh.open();
      const record = (line: number, ageDays: number) => ({ feed: 'soc', format: 'suricata-eve', origin: 'ingest test', line, reason: 'malformed JSON', raw: `line ${line}`, receivedAt: Date.now() - ageDays * DAY_MS });
      await seed.quarantine.add([record(1, 31), record(2, 29), record(3, 0)]);
      await seed.close();
      const hub = await startTestHub(fresh.dir);
      fresh.defer(() => hub.stop());
      const sources = await startTestSources(hub, fresh.location, { region: null, quarantineRetentionMs: 30 * DAY_MS });
      fresh.defer(() => sources.stop());
      assert.deepEqual((await sources.quarantine.list()).map((r) => r.line).sort(), [2, 3]);
    });
  });
}
