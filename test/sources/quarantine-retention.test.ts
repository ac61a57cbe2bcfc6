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

for (const backend of BACKENDS) {
  describe(`quarantine size budget on ${backend.name}`, () => {
    test('past the row or byte budget the oldest rows are deleted, the newest kept', { timeout: 30_000 }, async (t) => {
      const fresh = await useFreshStore(t, backend);
      const stores = await fresh.open();
      fresh.defer(() => stores.close());
      const record = (line: number, raw = `line ${line}`) => ({ feed: 'soc', format: 'ndjson', origin: 'ingest test', line, reason: 'bad', raw, receivedAt: Date.now() });
      await stores.quarantine.add(Array.from({ length: 50 }, (_, i) => record(i + 1)));
      assert.equal(await stores.quarantine.trim(20, 1_000_000), 30);
      const lines = (await stores.quarantine.list({ limit: 100 })).map((r) => r.line);
      assert.deepEqual(lines, Array.from({ length: 20 }, (_, i) => 50 - i));
      // Bytes: three 1,000-byte rows in a 2,500-byte budget keep the newest two.
      await stores.quarantine.add([record(101, 'x'.repeat(1000)), record(102, 'y'.repeat(1000)), record(103, 'z'.repeat(1000))]);
      await stores.quarantine.trim(1000, 2500);
      assert.deepEqual((await stores.quarantine.list({ limit: 100 })).map((r) => r.line), [103, 102]);
      assert.equal(await stores.quarantine.trim(1000, 2500), 0);
    });
  });
}
