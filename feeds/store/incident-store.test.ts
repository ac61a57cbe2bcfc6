import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openIncident } from '../incidents/lifecycle.js';
import { defaultIncidentConfig } from '../incidents/incident-config.js';
import { withTempDir } from '../../test/support/temp-dir.js';
import { IncidentStore, verifyAuditFile, type AuditEntry } from './incident-store.js';
import { SqliteDatabase } from './sqlite-database.js';

const T0 = 1_800_000_000_000;

function incident(id: string, key = `k:${id}`) {
  return openIncident(
    { kind: 'soc-burst', severity: 'high', dedupeKey: key, title: { vi: 'v', en: 'e' }, geometry: { type: 'Point', coordinates: [1, 2] }, district: null, sources: [], at: T0 },
    id,
    null,
    defaultIncidentConfig().escalationMinutes,
  );
}

function entry(n: number): AuditEntry {
  return { at: T0 + n, actor: 'Operator One', role: 'operator', action: 'ack', incidentId: `INC-${n}`, opId: `op-${n}`, outcome: 'ok', detail: { note: `n${n}` } };
}

test('incident store: incident + op + audit commit together; reopen reads them back; chain verifies', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'hub.db');
    const store = await IncidentStore.open(path);
    const a = incident('INC-1');
    await store.commit({ incident: a, audit: [entry(1)] });
    await store.commit({
      incident: { ...a, state: 'acknowledged' },
      op: { opId: 'op-2', op: 'ack', incidentId: 'INC-1', actor: 'Operator One', at: T0 + 2, outcome: { ok: true, incident: {} } },
      audit: [entry(2), entry(3)],
    });
    await store.close();

    const again = await IncidentStore.open(path);
    const loaded = await again.load(0);
    assert.equal(loaded.length, 1);
    assert.equal(loaded[0]?.state, 'acknowledged');
    assert.equal((await again.findOp('op-2'))?.op, 'ack');
    assert.equal(await again.findOp('nope'), null);
    assert.equal((await again.latestByKey('k:INC-1'))?.id, 'INC-1');
    const rows = await again.auditRows();
    assert.deepEqual(rows.map((r) => r.id), [1, 2, 3]);
    assert.equal(rows[1]?.prevHash, rows[0]?.hash);
    await again.close();
    assert.deepEqual(await verifyAuditFile(path), { ok: true, rows: 3, lastHash: rows[2]?.hash });
  });
});

test('incident store: a failing commit writes nothing (duplicate opId rolls back incident and audit too)', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'hub.db');
    const store = await IncidentStore.open(path);
    const op = { opId: 'op-1', op: 'ack', incidentId: 'INC-1', actor: 'x', at: T0, outcome: { ok: true as const, incident: {} } };
    await store.commit({ incident: incident('INC-1'), op, audit: [entry(1)] });
    await assert.rejects(store.commit({ incident: incident('INC-2'), op, audit: [entry(2)] }), /UNIQUE/);
    assert.equal(await store.get('INC-2'), null);
    assert.equal((await store.auditRows()).length, 1);
    // The store still works after a rolled-back commit.
    await store.commit({ audit: [entry(3)] });
    assert.equal((await store.auditRows()).length, 2);
    await store.close();
    assert.equal((await verifyAuditFile(path)).ok, true);
  });
});

test('incident store: audit rows cannot be updated through the store triggers; a tampered row is named', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'hub.db');
    const store = await IncidentStore.open(path);
    await store.commit({ audit: [entry(1), entry(2), entry(3)] });
    await store.close();
    const db = await SqliteDatabase.open(path);
    await assert.rejects(db.run("UPDATE incident_audit SET actor = 'Mallory' WHERE id = 2"), /append-only/);
    await db.exec('DROP TRIGGER incident_audit_no_update');
    await db.run("UPDATE incident_audit SET actor = 'Mallory' WHERE id = 2");
    await db.close();
    const verdict = await verifyAuditFile(path);
    assert.equal(verdict.ok, false);
    if (!verdict.ok) {
      assert.equal(verdict.rowId, 2);
      assert.match(verdict.reason, /altered/);
    }
  });
});
