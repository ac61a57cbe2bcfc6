import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultIncidentConfig } from '../incidents/incident-config.js';
import { openIncident } from '../incidents/lifecycle.js';
import type { Incident } from '../protocol/incident.js';
import { BACKENDS, useFreshStore } from '../../test/support/store-backends.js';
import type { AppliedOp, AuditEntry } from './incident-store.js';
import { verifyStoredAudit } from './state-reader.js';

const T0 = 1_800_000_000_000;

function incident(id: string, key = `k:${id}`, at = T0): Incident {
  return openIncident(
    { kind: 'soc-burst', severity: 'high', dedupeKey: key, title: { vi: 'v', en: 'e' }, geometry: { type: 'Point', coordinates: [1, 2] }, district: null, sources: [], at },
    id,
    null,
    defaultIncidentConfig(),
  );
}

function entry(n: number, extra: Partial<AuditEntry> = {}): AuditEntry {
  return { at: T0 + n, actor: 'Operator One', role: 'operator', action: 'ack', incidentId: `INC-${n}`, opId: `op-${n}`, outcome: 'ok', detail: { note: `n${n}` }, ...extra };
}

function op(opId: string, incidentId: string, note: string): AppliedOp {
  return { opId, op: 'ack', incidentId, actor: 'x', at: T0, outcome: { ok: true, incident: { id: incidentId, note } } };
}

for (const backend of BACKENDS) {
  describe(`incident store on ${backend.name}`, () => {
    test('incident + op + audit commit together; a reopened store reads them back; the chain verifies', async (t) => {
      const location = await useFreshStore(t, backend);
      const stores = await location.open();
      const a = incident('INC-1');
      assert.deepEqual(await stores.incidents.commit({ incident: a, audit: [entry(1)] }), { applied: true });
      await stores.incidents.commit({
        incident: { ...a, state: 'acknowledged', ackedBy: 'Operator One', ackedAt: T0 + 2 },
        op: op('op-2', 'INC-1', 'first'),
        audit: [entry(2), entry(3)],
      });
      await stores.close();

      const again = await location.open();
      const loaded = await again.incidents.load(0);
      assert.equal(loaded.length, 1);
      assert.equal(loaded[0]?.state, 'acknowledged');
      assert.equal(loaded[0]?.ackedAt, T0 + 2);
      assert.deepEqual(await again.incidents.findOp('op-2'), op('op-2', 'INC-1', 'first'));
      assert.equal(await again.incidents.findOp('nope'), null);
      assert.equal((await again.incidents.latestByKey('k:INC-1'))?.id, 'INC-1');
      assert.equal(await again.incidents.get('INC-404'), null);
      const rows = await again.incidents.auditRows();
      assert.deepEqual(rows.map((r) => r.id), [1, 2, 3]);
      assert.equal(rows[1]?.prevHash, rows[0]?.hash);
      assert.deepEqual(rows[0]?.detail, { note: 'n1' });
      assert.equal(rows[0]?.at, T0 + 1);
      assert.deepEqual(await verifyStoredAudit(location.location), { ok: true, rows: 3, lastHash: rows[2]?.hash });
    });

    test('a duplicate opId writes nothing of its change and answers with the stored operation', async (t) => {
      const location = await useFreshStore(t, backend);
      const stores = await location.open();
      const store = stores.incidents;
      await store.commit({ incident: incident('INC-1'), op: op('op-1', 'INC-1', 'first'), audit: [entry(1)] });
      const second = await store.commit({ incident: incident('INC-2'), op: op('op-1', 'INC-2', 'second'), audit: [entry(2)] });
      assert.deepEqual(second, { applied: false, winner: op('op-1', 'INC-1', 'first') });
      assert.equal(await store.get('INC-2'), null, 'the losing change wrote no incident');
      assert.equal((await store.auditRows()).length, 1, 'and no audit row');
      await store.commit({ audit: [entry(3)] });
      assert.deepEqual((await store.auditRows()).map((r) => r.id), [1, 2]);
      assert.equal((await verifyStoredAudit(location.location))?.ok, true);
    });

    test('a failing commit writes nothing (the incident row is rolled back with it); the store goes on', async (t) => {
      const location = await useFreshStore(t, backend);
      const stores = await location.open();
      const store = stores.incidents;
      await store.commit({ audit: [entry(1)] });
      // JSON cannot hold a BigInt: the audit row fails after the incident row was written in the same transaction.
      await assert.rejects(store.commit({ incident: incident('INC-2'), op: op('op-2', 'INC-2', 'x'), audit: [entry(2, { detail: { n: 1n } })] }), /BigInt/);
      assert.equal(await store.get('INC-2'), null);
      assert.equal(await store.findOp('op-2'), null);
      assert.equal((await store.auditRows()).length, 1);
      await store.commit({ audit: [entry(3)] });
      assert.deepEqual((await store.auditRows()).map((r) => r.id), [1, 2]);
      assert.equal((await verifyStoredAudit(location.location))?.ok, true);
    });

    test('commitAll: one transaction, one result per change in order; a lost opId skips only its own change', async (t) => {
      const location = await useFreshStore(t, backend);
      const stores = await location.open();
      const store = stores.incidents;
      await store.commit({ op: op('op-taken', 'INC-0', 'earlier'), audit: [entry(0)] });
      const before = store.transactionCount;
      const results = await store.commitAll([
        { incident: incident('INC-A'), audit: [entry(1)] },
        { incident: incident('INC-B'), op: op('op-taken', 'INC-B', 'later'), audit: [entry(2)] },
        { incident: incident('INC-C'), audit: [entry(3), entry(4)] },
      ]);
      assert.equal(store.transactionCount - before, 1);
      assert.deepEqual(results, [{ applied: true }, { applied: false, winner: op('op-taken', 'INC-0', 'earlier') }, { applied: true }]);
      assert.deepEqual((await store.load(0)).map((i) => i.id).sort(), ['INC-A', 'INC-C']);
      const rows = await store.auditRows();
      assert.deepEqual(rows.map((r) => [r.id, r.incidentId]), [[1, 'INC-0'], [2, 'INC-1'], [3, 'INC-3'], [4, 'INC-4']]);
      assert.deepEqual(await store.commitAll([]), []);
    });

    test('load keeps open and recently resolved incidents; latestByKey is the newest of a key, ties by insertion', async (t) => {
      const location = await useFreshStore(t, backend);
      const stores = await location.open();
      const store = stores.incidents;
      const old = { ...incident('INC-OLD', 'k:same'), state: 'resolved' as const, resolvedAt: T0 + 10, resolvedBy: 'x' };
      const recent = { ...incident('INC-NEW', 'k:other'), state: 'resolved' as const, resolvedAt: T0 + 1000, resolvedBy: 'x' };
      await store.commitAll([{ incident: old }, { incident: recent }, { incident: incident('INC-OPEN', 'k:same') }]);
      assert.deepEqual((await store.load(T0 + 500)).map((i) => i.id).sort(), ['INC-NEW', 'INC-OPEN']);
      assert.equal((await store.load(0)).length, 3);
      // Same opened_at: the one written last is the latest.
      assert.equal((await store.latestByKey('k:same'))?.id, 'INC-OPEN');
      assert.equal(await store.latestByKey('k:none'), null);
    });

    test('times up to the last representable date come back exactly; a value beyond 2^53 is refused, not rounded', async (t) => {
      const location = await useFreshStore(t, backend);
      const stores = await location.open();
      const last = 8_640_000_000_000_000; // new Date(8.64e15): the largest a Date holds, BIGINT on PostgreSQL
      await stores.incidents.commit({ audit: [entry(1, { at: last })] });
      assert.equal((await stores.incidents.auditRows())[0]?.at, last);
      await location.exec(
        "INSERT INTO incident_audit (id, at, actor, role, action, incident_id, op_id, outcome, detail, prev_hash, hash) VALUES (2, 9007199254740993, 'a', 'b', 'c', 'd', NULL, 'ok', '{}', 'p', 'h')",
      );
      await assert.rejects(stores.incidents.auditRows(), /incident_audit\.at: expected a safe integer/);
    });

    test('audit rows cannot be updated or deleted; after the triggers are dropped, verify names the edited row', async (t) => {
      const location = await useFreshStore(t, backend);
      const stores = await location.open();
      await stores.incidents.commit({ audit: [entry(1), entry(2), entry(3)] });
      await stores.close();
      await assert.rejects(location.exec("UPDATE incident_audit SET actor = 'Mallory' WHERE id = 2"), /append-only/);
      await assert.rejects(location.exec('DELETE FROM incident_audit WHERE id = 3'), /append-only/);
      // Whoever owns the database can remove the guard: that is what the hash chain is for.
      await location.exec(backend.name === 'sqlite' ? 'DROP TRIGGER incident_audit_no_update' : 'ALTER TABLE incident_audit DISABLE TRIGGER incident_audit_no_update');
      await location.exec("UPDATE incident_audit SET actor = 'Mallory' WHERE id = 2");
      const verdict = await verifyStoredAudit(location.location);
      assert.equal(verdict?.ok, false);
      if (verdict && !verdict.ok) {
        assert.equal(verdict.rowId, 2);
        assert.match(verdict.reason, /altered/);
      }
    });

    test('two store instances (two hubs on one database) committing in parallel keep one unbroken chain', { timeout: 60_000 }, async (t) => {
      const location = await useFreshStore(t, backend);
      const first = await location.open();
      const second = await location.open();
      // Rounds of two commits per hub, all four at once: they contend in every round, so the chain must interleave.
      for (let round = 0; round < 20; round += 1) {
        await Promise.all(
          [0, 1].flatMap((k) => {
            const n = round * 2 + k;
            return [
              first.incidents.commit({ incident: incident(`INC-A${n}`), audit: [entry(n, { actor: 'hub A' })] }),
              second.incidents.commitAll([{ incident: incident(`INC-B${n}`), audit: [entry(n, { actor: 'hub B' }), entry(n, { actor: 'hub B' })] }]),
            ];
          }),
        );
      }
      const verdict = await verifyStoredAudit(location.location);
      assert.deepEqual(verdict && { ok: verdict.ok, rows: verdict.rows }, { ok: true, rows: 120 });
      const rows = await first.incidents.auditRows();
      assert.equal(rows.filter((r) => r.actor === 'hub A').length, 40);
      assert.equal(rows.filter((r) => r.actor === 'hub B').length, 80);
      // A's and B's commits did interleave (otherwise the test proves nothing about concurrency).
      const switches = rows.filter((row, i) => i > 0 && row.actor !== rows[i - 1]?.actor).length;
      assert.ok(switches > 1, `commits interleaved (${switches} switches between hubs)`);
    });

    test('one opId committed by two instances at the same moment: one row, one outcome for both', { timeout: 60_000 }, async (t) => {
      const location = await useFreshStore(t, backend);
      const first = await location.open();
      const second = await location.open();
      for (let n = 0; n < 20; n += 1) {
        const opId = `op-race-${n}`;
        const [a, b] = await Promise.all([
          first.incidents.commit({ incident: incident(`INC-${n}`), op: op(opId, `INC-${n}`, 'from A'), audit: [entry(n, { opId, actor: 'hub A' })] }),
          second.incidents.commit({ incident: incident(`INC-${n}`), op: op(opId, `INC-${n}`, 'from B'), audit: [entry(n, { opId, actor: 'hub B' })] }),
        ]);
        assert.ok(a && b);
        assert.equal([a, b].filter((r) => r.applied).length, 1, `${opId}: exactly one commit applied`);
        const stored = await first.incidents.findOp(opId);
        const loser = a.applied ? b : a;
        assert.ok(!loser.applied);
        assert.deepEqual(loser.winner, stored, `${opId}: the loser answers with the stored outcome`);
      }
      const rows = await first.incidents.auditRows();
      for (let n = 0; n < 20; n += 1) assert.equal(rows.filter((r) => r.opId === `op-race-${n}`).length, 1, `one audit row for op-race-${n}`);
      assert.equal((await verifyStoredAudit(location.location))?.ok, true);
    });

    test('NUL in client-chosen ids is stored the same way on both backends and found again', async (t) => {
      const location = await useFreshStore(t, backend);
      const stores = await location.open();
      const opId = 'op\u0000nul';
      await stores.incidents.commit({ op: op(opId, 'INC-\u0000', 'n'), audit: [entry(1, { opId, incidentId: 'INC-\u0000' })] });
      assert.equal((await stores.incidents.findOp(opId))?.opId, 'op\u2400nul');
      assert.equal((await stores.incidents.commit({ op: op(opId, 'INC-\u0000', 'again') })).applied, false);
      assert.equal((await stores.incidents.auditRows())[0]?.incidentId, 'INC-\u2400');
      assert.equal((await verifyStoredAudit(location.location))?.ok, true);
    });
  });
}
