import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Incident } from '../../../feeds/protocol/incident.js';
import { DEFAULT_FILTER, filterIncidents, meanTimeToAcknowledge, oldestUnacknowledged, openCounts, sortIncidents } from '../../../renderer/incidents/incident-order.js';

function incident(id: string, severity: Incident['severity'], state: Incident['state'], openedAt: number, extra: Partial<Incident> = {}): Incident {
  return {
    id, kind: 'traffic-accident', severity, state, openedAt, lastSeenAt: openedAt, title: { vi: id, en: id },
    geometry: { type: 'Point', coordinates: [106.3, 20.9] }, district: '288', dedupeKey: id, count: 1, escalation: 0,
    escalationDueAt: null, sources: [], previousId: null, history: [], ...extra,
  };
}

test('queue order is severity, then oldest first', () => {
  const sorted = sortIncidents([
    incident('low-old', 'low', 'open', 1), incident('crit-new', 'critical', 'open', 50),
    incident('crit-old', 'critical', 'open', 10), incident('high', 'high', 'open', 5),
  ]);
  assert.deepEqual(sorted.map((i) => i.id), ['crit-old', 'crit-new', 'high', 'low-old']);
});

test('filters by state (active by default), kind and district; badge counts skip resolved', () => {
  const list = [
    incident('a', 'high', 'open', 1), incident('b', 'high', 'resolved', 2),
    incident('c', 'low', 'acknowledged', 3, { kind: 'soc-burst', district: '290' }),
  ];
  assert.deepEqual(filterIncidents(list, DEFAULT_FILTER).map((i) => i.id), ['a', 'c']);
  assert.deepEqual(filterIncidents(list, { kind: 'soc-burst', state: null, district: null }).map((i) => i.id), ['c']);
  assert.deepEqual(filterIncidents(list, { kind: null, state: 'resolved', district: null }).map((i) => i.id), ['b']);
  assert.deepEqual(filterIncidents(list, { kind: null, state: null, district: '290' }).map((i) => i.id), ['c']);
  assert.deepEqual(openCounts(list), { critical: 0, high: 1, medium: 0, low: 1 });
});

test('mean time to acknowledge and the oldest unacknowledged', () => {
  const list = [
    incident('a', 'high', 'acknowledged', 1000, { ackedAt: 61_000 }),
    incident('b', 'high', 'resolved', 2000, { ackedAt: 182_000 }),
    incident('c', 'low', 'open', 500), incident('d', 'low', 'open', 900),
  ];
  assert.equal(meanTimeToAcknowledge(list), (60_000 + 180_000) / 2);
  assert.equal(oldestUnacknowledged(list)?.id, 'c');
  assert.equal(meanTimeToAcknowledge([]), null);
});
