import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultIncidentConfig } from '../../feeds/incidents/incident-config.js';
import { IncidentEngine } from '../../feeds/incidents/incident-engine.node.js';
import { NO_PLACES } from '../../feeds/incidents/incident-places.js';
import { openIncident } from '../../feeds/incidents/lifecycle.js';
import type { IncidentStore } from '../../feeds/store/incident-store.js';
import { BACKENDS, useFreshStore } from '../support/store-backends.js';
import { testConfig } from '../support/test-config.js';

const T0 = Date.now();

for (const backend of BACKENDS) {
  describe(`incident engine on ${backend.name}`, () => {
    test('an opId another hub stored between our look-up and our commit: the stored answer, no second transition', async (t) => {
      const fresh = await useFreshStore(t, backend);
      const ours = await fresh.open();
      const theirs = await fresh.open();
      const config = defaultIncidentConfig();
      const open = openIncident(
        { kind: 'traffic-accident', severity: 'high', dedupeKey: 'traffic-accident:x', title: { vi: 'v', en: 'e' }, geometry: { type: 'Point', coordinates: [1, 2] }, district: null, sources: [], at: T0 },
        'INC-RACE',
        null,
        config,
      );
      await ours.incidents.commit({ incident: open });
      // The other hub's engine acknowledged it first (its result is what its console got).
      const acked = { ...open, state: 'acknowledged' as const, ackedBy: 'Duty Officer', ackedAt: T0 + 1, escalationDueAt: null };
      const winner = { ok: true as const, incident: acked as unknown as Record<string, unknown> };
      await theirs.incidents.commit({
        incident: acked,
        op: { opId: 'op-shared', op: 'ack', incidentId: open.id, actor: 'Duty Officer', at: T0 + 1, outcome: winner },
        audit: [{ at: T0 + 1, actor: 'Duty Officer', role: 'duty-officer', action: 'ack', incidentId: open.id, opId: 'op-shared', outcome: 'ok', detail: {} }],
      });
      // Our engine looked the opId up a moment before that commit: it saw nothing.
      const store = ours.incidents;
      const raced: IncidentStore = {
        load: (since) => store.load(since),
        get: (id) => store.get(id),
        latestByKey: (key) => store.latestByKey(key),
        findOp: () => Promise.resolve(null),
        commit: (change) => store.commit(change),
        commitAll: (changes) => store.commitAll(changes),
        auditRows: () => store.auditRows(),
        get transactionCount() {
          return store.transactionCount;
        },
        close: () => store.close(),
      };
      const published: unknown[] = [];
      const engine = await IncidentEngine.start({
        store: raced,
        config,
        permissions: testConfig().permissions,
        places: NO_PLACES,
        publish: (items) => Promise.resolve(void published.push(...items)),
        checkEveryMs: 3_600_000,
      });
      fresh.defer(() => engine.stop());
      published.length = 0;
      const outcome = await engine.apply({ op: 'ack', incident: open.id, opId: 'op-shared', note: 'ours' }, { role: 'operator', name: 'Operator One' });
      assert.deepEqual(outcome, winner, 'the answer is the one already stored');
      assert.deepEqual(published, [], 'nothing published: the transition was not ours');
      assert.equal(engine.incidents.find((i) => i.id === open.id)?.state, 'acknowledged', 'the engine took the stored incident');
      const rows = await store.auditRows();
      assert.deepEqual(rows.map((r) => [r.actor, r.action]), [['Duty Officer', 'ack']], 'one audit row, theirs');
    });
  });
}
