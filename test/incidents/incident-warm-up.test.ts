import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { Hub } from '../../feeds/hub/hub.js';
import { HubIncidents } from '../../feeds/incidents/hub-incidents.node.js';
import type { Incident } from '../../feeds/protocol/incident.js';
import { REDUCERS } from '../../feeds/state/reducers.js';
import { SqliteLogStore } from '../../feeds/store/sqlite-log-store.js';
import { openStateStores } from '../../feeds/store/state-stores.js';
import { testConfig } from '../support/test-config.js';
import { withTempDir } from '../support/temp-dir.js';
import { accident, startIncidentHub } from './incident-hub.js';

const MINUTE = 60_000;
const SEGMENT = {
  id: 'S1',
  road: 'QL.5',
  name: { vi: 'QL.5 — km 0–1', en: 'QL.5 — km 0–1' },
  path: [
    [106.3, 20.94],
    [106.31, 20.94],
  ],
  lengthM: 1000,
  freeFlowKmh: 60,
};
const slow = { kind: 'speeds', speeds: [{ id: 'S1', kmh: 10 }] };

function incidentsOf(hub: { channel(feed: 'incidents'): { state: unknown } }): Incident[] {
  return Object.values((hub.channel('incidents').state as { incidents: Record<string, Incident> }).incidents);
}

test('after a restart the rules remember the log: a jam that began before it is timed from its start; a resolved accident is not reopened', { timeout: 30_000 }, async () => {
  await withTempDir(async (dir) => {
    const now = Date.now();
    const first = await startIncidentHub(dir);
    await first.hub.publish('traffic', [{ kind: 'network', segments: [SEGMENT] }], now - 13 * MINUTE);
    await first.hub.publish('traffic', [slow], now - 12 * MINUTE);
    await first.hub.publish('traffic', [slow], now - 6 * MINUTE);
    await first.hub.publish('traffic', [accident('A1')], now - 5 * MINUTE);
    await first.incidents.engine?.idle();
    const opened = incidentsOf(first.hub);
    assert.deepEqual(opened.map((incident) => incident.kind), ['traffic-accident'], 'six slow minutes are not yet a jam');
    const accidentId = opened[0]?.id ?? '';
    const resolved = await first.incidents.engine?.apply({ op: 'assign', incident: accidentId, to: 'traffic-police', opId: 'w1' }, { role: 'operator', name: 'A' });
    assert.equal(resolved?.ok, true);
    assert.equal((await first.incidents.engine?.apply({ op: 'resolve', incident: accidentId, opId: 'w2' }, { role: 'operator', name: 'A' }))?.ok, true);
    const incidentsSeq = first.hub.channel('incidents').seq;
    await first.stop();

    const second = await startIncidentHub(dir);
    try {
      assert.equal(second.hub.channel('incidents').seq, incidentsSeq, 'nothing re-published: the feed already holds every incident as stored');
      // Still slow now: twelve minutes since the jam began, counting what the first hub saw.
      await second.hub.publish('traffic', [slow], now);
      await second.incidents.engine?.idle();
      const kinds = incidentsOf(second.hub).map((incident) => `${incident.kind}:${incident.state}`).sort();
      assert.deepEqual(kinds, ['traffic-accident:resolved', 'traffic-congestion:open'], 'the jam opens; the accident is not raised again');
    } finally {
      await second.stop();
    }
  });
});

test('an item committed after the hub listens but before the engine attaches is detected, not lost', { timeout: 30_000 }, async () => {
  await withTempDir(async (dir) => {
    const dbPath = join(dir, 'hub.db');
    const store = await SqliteLogStore.open(dbPath, { synchronous: 'NORMAL' });
    const stores = await openStateStores(dbPath);
    const incidents = new HubIncidents();
    const hub = await Hub.start({ config: testConfig(), store, reducers: REDUCERS, host: '127.0.0.1', port: 0, operations: incidents.operations, onCommitted: incidents.onCommitted });
    try {
      // A forwarder re-posting what it buffered while the hub was down lands in exactly this window.
      await hub.publish('traffic', [accident('EARLY')]);
      await incidents.attach(hub, stores.incidents, undefined, 100);
      await incidents.engine?.idle();
      assert.deepEqual(incidentsOf(hub).map((incident) => incident.dedupeKey), ['traffic-accident:EARLY']);
    } finally {
      await incidents.stop();
      await stores.close();
      await hub.stop();
    }
  });
});
