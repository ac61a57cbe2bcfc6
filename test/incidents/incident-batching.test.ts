import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifyStoredAudit } from '../../feeds/store/state-reader.js';
import { withTempDir } from '../support/temp-dir.js';
import { testConfig } from '../support/test-config.js';
import { accident, auditRows, startIncidentHub } from './incident-hub.js';

test('a batch of 300 accidents is one fsynced transaction for the incident tables, opened once each; their repeats are one more', { timeout: 60_000 }, async () => {
  await withTempDir(async (dir) => {
    // No escalation tick in between (it would be a transaction of its own when something is due).
    const running = await startIncidentHub(dir, testConfig(), 3_600_000);
    try {
      const engine = running.incidents.engine;
      const store = running.incidents.store;
      assert.ok(engine && store);
      await engine.idle();
      const before = store.transactionCount;
      const batch = Array.from({ length: 300 }, (_, n) => accident(`acc-batch-${n}`));
      await running.hub.publish('traffic', batch);
      await engine.idle();
      assert.equal(store.transactionCount - before, 1, 'one transaction for 300 detections');
      assert.equal(engine.incidents.length, 300);
      await running.hub.publish('traffic', batch);
      await engine.idle();
      assert.equal(store.transactionCount - before, 2, 'the repeats: one more');
      assert.ok(engine.incidents.every((incident) => incident.count === 2), 'every incident counted twice');
      const opened = (await auditRows(running.dbPath)).filter((row) => row.action === 'opened');
      assert.equal(opened.length, 300);
      const verdict = await verifyStoredAudit(running.dbPath);
      assert.equal(verdict?.ok, true, JSON.stringify(verdict));
    } finally {
      await running.stop();
    }
  });
});
