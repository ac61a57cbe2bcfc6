import { test } from 'node:test';
import assert from 'node:assert/strict';
import { onTimePercent, onlineSharePercent, overdue, portalTotals, receivedToday, sumPortalStats } from './portal-kpis.js';
import type { PortalState } from './portal-reducer.js';

const STATE: PortalState = {
  date: '2026-11-23',
  catalogue: null,
  units: {
    '288': { unit: '288', received: 100, resolvedOnTime: 45, resolvedLate: 5, pendingInTime: 40, pendingOverdue: 10, receivedOnline: 60 },
    '290': { unit: '290', received: 60, resolvedOnTime: 27, resolvedLate: 3, pendingInTime: 28, pendingOverdue: 2, receivedOnline: 20 },
  },
};

test('province totals sum the units', () => {
  assert.deepEqual(portalTotals(STATE), {
    received: 160,
    resolvedOnTime: 72,
    resolvedLate: 8,
    pendingInTime: 68,
    pendingOverdue: 12,
    receivedOnline: 80,
  });
  assert.deepEqual(sumPortalStats([]), { received: 0, resolvedOnTime: 0, resolvedLate: 0, pendingInTime: 0, pendingOverdue: 0, receivedOnline: 0 });
});

test('KPIs of one unit and of the province', () => {
  const u288 = STATE.units['288'];
  assert.ok(u288);
  assert.equal(receivedToday(u288), 100);
  assert.equal(onTimePercent(u288), 90); // 45 / (45 + 5)
  assert.equal(overdue(u288), 10);
  assert.equal(onlineSharePercent(u288), 60);
  const all = portalTotals(STATE);
  assert.equal(receivedToday(all), 160);
  assert.equal(onTimePercent(all), 90); // 72 / 80
  assert.equal(overdue(all), 12);
  assert.equal(onlineSharePercent(all), 50); // 80 / 160
});

test('percentages are null, not NaN, before anything happened', () => {
  const empty = sumPortalStats([]);
  assert.equal(onTimePercent(empty), null);
  assert.equal(onlineSharePercent(empty), null);
  assert.equal(onTimePercent({ ...empty, received: 3, pendingInTime: 3 }), null);
  assert.equal(receivedToday(portalTotals({ date: null, units: {}, catalogue: null })), 0);
});
