import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Incident } from '../../../feeds/protocol/incident.js';
import { GROUP_WINDOW_MS, groupIncidents } from '../../../renderer/incidents/incident-groups.js';
import { sortIncidents } from '../../../renderer/incidents/incident-order.js';

const MIN = 60_000;
function incident(id: string, openedAt: number, extra: Partial<Incident> = {}): Incident {
  return {
    id, kind: 'soc-high-severity', severity: 'high', state: 'open', openedAt, lastSeenAt: openedAt, title: { vi: id, en: id },
    geometry: { type: 'Point', coordinates: [106.3, 20.9] }, district: '288', dedupeKey: id, count: 1, escalation: 0,
    escalationDueAt: null, sources: [], previousId: null, history: [], ...extra,
  };
}

test('same kind, same district, each within the window of the one before: one group, its worst-then-oldest first', () => {
  const list = sortIncidents([
    incident('a', 0), incident('b', 20 * MIN), incident('c', 45 * MIN, { severity: 'critical' }),
    // A gap longer than the window starts another group.
    incident('d', 45 * MIN + GROUP_WINDOW_MS + 1),
    // Another district, another kind: alone.
    incident('e', 10 * MIN, { district: '290' }), incident('f', 10 * MIN, { kind: 'soc-burst' }),
  ]);
  const groups = groupIncidents(list);
  assert.deepEqual(groups.map((group) => group.incidents.map((i) => i.id)), [['c', 'a', 'b'], ['e'], ['f'], ['d']]);
  assert.equal(new Set(groups.map((group) => group.key)).size, groups.length, 'keys are unique');
  // Every incident is in exactly one group: none lost, none twice.
  assert.deepEqual(groups.flatMap((group) => group.incidents.map((i) => i.id)).sort(), list.map((i) => i.id).sort());
});

test('resolved incidents stay alone; the key of a group does not change as members are added', () => {
  const before = groupIncidents(sortIncidents([incident('a', 0), incident('b', 5 * MIN), incident('r', 6 * MIN, { state: 'resolved' })]));
  assert.deepEqual(before.map((group) => group.incidents.length), [2, 1]);
  const after = groupIncidents(sortIncidents([incident('a', 0), incident('b', 5 * MIN), incident('c', 9 * MIN)]));
  assert.equal(after[0]?.key, before[0]?.key);
  assert.equal(after[0]?.incidents.length, 3);
});
