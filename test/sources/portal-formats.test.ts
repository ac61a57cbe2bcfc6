import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PortalData } from '../../feeds/protocol/feed-data.js';
import { parsePortalCsv, parsePortalJson } from '../../feeds/sources/portal-formats.js';
import { numberedLines } from '../../feeds/sources/source-result.js';
import { SourceContext } from '../../feeds/sources/source-context.js';
import { portalTotals } from '../../feeds/portal/portal-kpis.js';
import { portalReducer } from '../../feeds/portal/portal-reducer.js';
import { assertPrototypeClean, PROTOTYPE_IDS } from '../support/prototype-ids.js';
import { haiDuongContext, sampleLines } from './support.js';

test('portal CSV: one stats item per date with every unit row', async () => {
  const batch = parsePortalCsv(await sampleLines('portal.csv'), await haiDuongContext());
  assert.equal(batch.rejected.length, 0, JSON.stringify(batch.rejected));
  assert.equal(batch.accepted, 3);
  assert.equal(batch.items.length, 1);
  const item = PortalData.parse(batch.items[0]);
  assert.ok(item.kind === 'stats');
  assert.equal(item.date, '2026-11-22');
  assert.deepEqual(item.units[0], { unit: '288', received: 120, resolvedOnTime: 80, resolvedLate: 4, pendingInTime: 30, pendingOverdue: 6, receivedOnline: 70 });
  assert.deepEqual(item.units.map((u) => u.unit), ['288', 'so-tnmt', '292']);
});

test('portal JSON array with camelCase keys', async () => {
  const batch = parsePortalJson(await sampleLines('portal.json'), await haiDuongContext());
  assert.equal(batch.accepted, 2);
  const item = PortalData.parse(batch.items[0]);
  assert.ok(item.kind === 'stats' && item.date === '2026-11-23' && item.units.length === 2);
});

test('portal: bad rows rejected whole with line and reason', async () => {
  const body = [
    'unit,date,received,resolved_on_time,resolved_late,pending_in_time,pending_overdue,received_online',
    '288,2026-11-22,10,5,1,3,1,6',
    '288,22/11/2026,10,5,1,3,1,6',
    '288,2026-11-22,10,5,1,3,-1,6',
    '288,2026-11-22,10,5,1,3,1.5,6',
    '288,2026-11-22,10,5,1,3,1,16',
    'tinh-xyz,2026-11-22,10,5,1,3,1,6',
    '288,2026-11-22,10,5,1,3,1',
    '290,2026-11-23,1,0,0,1,0,1',
  ].join('\n');
  const batch = parsePortalCsv(numberedLines(body), await haiDuongContext());
  assert.equal(batch.accepted, 2);
  assert.deepEqual(
    batch.rejected.map((r) => r.line),
    [3, 4, 5, 6, 7, 8],
  );
  assert.match(batch.rejected[0]?.reason ?? '', /date "22\/11\/2026"/);
  assert.match(batch.rejected[1]?.reason ?? '', /pendingOverdue: "-1"/);
  assert.match(batch.rejected[3]?.reason ?? '', /receivedOnline 16 > received 10/);
  assert.match(batch.rejected[4]?.reason ?? '', /unit "tinh-xyz"/);
  // Two dates → two items, in row order.
  assert.deepEqual(batch.items.map((item) => PortalData.parse(item)).map((item) => (item.kind === 'stats' ? item.date : '')), ['2026-11-22', '2026-11-23']);
});

test('a portal CSV without a header is refused whole, naming the missing columns', async () => {
  const batch = parsePortalCsv(numberedLines('288,2026-11-22,40,30,2,6,1,20\n'), await haiDuongContext());
  assert.equal(batch.accepted, 0);
  assert.deepEqual(batch.rejected.map((r) => r.line), [1]);
  assert.match(batch.rejected[0]?.reason ?? '', /lacks the column\(s\) unit, date, received, resolved_on_time, resolved_late, pending_in_time, pending_overdue, received_online/);
});

test('portal CSV and JSON: units named like Object.prototype members, a "__proto__" column, fold as units', () => {
  const csv = [
    'unit,date,received,resolved_on_time,resolved_late,pending_in_time,pending_overdue,received_online,__proto__',
    ...PROTOTYPE_IDS.map((id, n) => `${id},2026-11-22,${10 + n},1,0,1,0,0,x`),
  ].join('\n');
  const batch = parsePortalCsv(numberedLines(csv), new SourceContext());
  assert.equal(batch.rejected.length, 0, JSON.stringify(batch.rejected));
  const json = parsePortalJson(
    numberedLines('{"__proto__":{"unit":"x"},"unit":"constructor","date":"2026-11-22","received":40,"resolvedOnTime":1,"resolvedLate":0,"pendingInTime":1,"pendingOverdue":0,"receivedOnline":0}'),
    new SourceContext(),
  );
  assert.equal(json.rejected.length, 0, JSON.stringify(json.rejected));
  const state = portalReducer.create();
  [...batch.items, ...json.items].forEach((item, i) => portalReducer.fold(state, PortalData.parse(item), i, i + 1));
  assert.deepEqual(Object.keys(state.units), [...PROTOTYPE_IDS]);
  assert.deepEqual(PROTOTYPE_IDS.map((id) => state.units[id]?.received), [10, 40, 12, 13, 14]);
  assert.equal(portalTotals(state).received, 10 + 40 + 12 + 13 + 14);
  assertPrototypeClean();
});
