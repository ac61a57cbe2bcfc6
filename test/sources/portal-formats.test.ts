import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PortalData } from '../../feeds/protocol/feed-data.js';
import { parsePortalCsv, parsePortalJson } from '../../feeds/sources/portal-formats.js';
import { numberedLines } from '../../feeds/sources/source-result.js';
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
