import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertPlainJson, assertPrototypeClean, PROTOTYPE_IDS, throughJson } from '../../test/support/prototype-ids.js';
import type { PortalData, PortalUnitStats } from '../protocol/feed-data.js';
import { portalTotals } from './portal-kpis.js';
import { portalReducer } from './portal-reducer.js';

function unit(id: string, received: number): PortalUnitStats {
  return { unit: id, received, resolvedOnTime: received - 1, resolvedLate: 0, pendingInTime: 1, pendingOverdue: 0, receivedOnline: 0 };
}
const CATALOGUE: PortalData = {
  kind: 'catalogue',
  catalogue: { total: 1960, fullyOnline: 335, partlyOnline: 664, informationOnly: 961, onNationalPortal: 543 },
};

function fold(items: readonly PortalData[]) {
  const state = portalReducer.create();
  items.forEach((item, i) => portalReducer.fold(state, item, 1000 + i, i + 1));
  return state;
}

test('empty state', () => {
  const state = portalReducer.create();
  assert.deepEqual(throughJson(state), { date: null, units: {}, catalogue: null });
  assert.equal(Object.getPrototypeOf(state.units), null, 'keyed by unit ids from sources: no prototype');
});

test('catalogue is kept; latest wins per unit within a day', () => {
  const state = fold([
    CATALOGUE,
    { kind: 'stats', date: '2026-11-23', units: [unit('288', 5), unit('290', 3)] },
    { kind: 'stats', date: '2026-11-23', units: [unit('288', 9)] },
  ]);
  assert.deepEqual(throughJson(state), {
    date: '2026-11-23',
    units: { '288': unit('288', 9), '290': unit('290', 3) },
    catalogue: CATALOGUE.kind === 'catalogue' ? CATALOGUE.catalogue : null,
  });
});

test('a new date replaces the previous day; an older date is ignored', () => {
  const state = fold([
    { kind: 'stats', date: '2026-11-23', units: [unit('288', 500), unit('290', 300)] },
    { kind: 'stats', date: '2026-11-24', units: [unit('288', 1)] },
    { kind: 'stats', date: '2026-11-23', units: [unit('290', 301)] },
  ]);
  assert.deepEqual(throughJson(state), { date: '2026-11-24', units: { '288': unit('288', 1) }, catalogue: null });
});

test('state is plain JSON and does not alias the folded items', () => {
  const item: PortalData = { kind: 'stats', date: '2026-11-23', units: [unit('288', 5)] };
  const state = fold([item, CATALOGUE]);
  if (item.kind === 'stats' && item.units[0]) item.units[0].received = 99;
  assert.equal(state.units['288']?.received, 5);
  assertPlainJson(state);
});

test('units named like Object.prototype members are units like any other, also after JSON and a new day', () => {
  const [proto, ...others] = PROTOTYPE_IDS;
  const state = fold([{ kind: 'stats', date: '2026-11-23', units: others.map((id, n) => unit(id, 10 + n)) }]);
  assert.deepEqual(Object.keys(state.units), others);
  assert.equal(state.units['constructor']?.received, 10);
  assert.equal(portalTotals(state).received, 10 + 11 + 12 + 13);
  assertPrototypeClean();

  // Through JSON, then the first "__proto__" unit and a later count for "constructor".
  const parsed = throughJson(state);
  portalReducer.fold(parsed, { kind: 'stats', date: '2026-11-23', units: [unit(proto, 7), unit('constructor', 20)] }, 2000, 2);
  assert.deepEqual(Object.keys(parsed.units).sort(), [...PROTOTYPE_IDS].sort());
  assert.equal(Object.hasOwn(parsed.units, proto), true);
  assert.equal(parsed.units[proto]?.received, 7);
  assert.equal(portalTotals(parsed).received, 7 + 20 + 11 + 12 + 13);
  // The next day starts with a fresh (null-prototype) record, prototype names included.
  portalReducer.fold(parsed, { kind: 'stats', date: '2026-11-24', units: [unit(proto, 1), unit('valueOf', 2)] }, 3000, 3);
  assert.deepEqual(Object.keys(parsed.units), [proto, 'valueOf']);
  assert.equal(portalTotals(parsed).received, 3);
  assertPlainJson(parsed);
  assertPrototypeClean();
});
