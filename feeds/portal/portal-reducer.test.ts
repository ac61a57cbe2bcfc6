import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PortalData, PortalUnitStats } from '../protocol/feed-data.js';
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
  assert.deepEqual(portalReducer.create(), { date: null, units: {}, catalogue: null });
});

test('catalogue is kept; latest wins per unit within a day', () => {
  const state = fold([
    CATALOGUE,
    { kind: 'stats', date: '2026-11-23', units: [unit('288', 5), unit('290', 3)] },
    { kind: 'stats', date: '2026-11-23', units: [unit('288', 9)] },
  ]);
  assert.deepEqual(state, {
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
  assert.deepEqual(state, { date: '2026-11-24', units: { '288': unit('288', 1) }, catalogue: null });
});

test('state is plain JSON and does not alias the folded items', () => {
  const item: PortalData = { kind: 'stats', date: '2026-11-23', units: [unit('288', 5)] };
  const state = fold([item, CATALOGUE]);
  if (item.kind === 'stats' && item.units[0]) item.units[0].received = 99;
  assert.equal(state.units['288']?.received, 5);
  assert.deepEqual(JSON.parse(JSON.stringify(state)), state);
});
