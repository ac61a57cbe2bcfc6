import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SourcePosition } from './source-offsets.js';
import type { StationReading } from '../environment/station-reading.js';
import { BACKENDS, useFreshStore } from '../../test/support/store-backends.js';
import type { QuarantineRecord } from './quarantine-store.js';

const T0 = 1_800_000_000_000;
const HOUR_MS = 3_600_000;

function record(line: number, extra: Partial<QuarantineRecord> = {}): QuarantineRecord {
  return { feed: 'soc', format: 'suricata-eve', origin: 'file /var/log/eve.json', line, reason: 'malformed JSON', raw: `raw ${line}`, receivedAt: T0 + line, ...extra };
}

const position = (offset: number, extra: Partial<SourcePosition> = {}): SourcePosition => ({ file: '2049:131', generation: 0, offset, line: offset / 10, pending: null, ...extra });

function reading(station: string, hour: number, ugM3: number, pollutant: StationReading['pollutant'] = 'pm25'): StationReading {
  return { station, hourEnd: T0 + hour * HOUR_MS, pollutant, ugM3 };
}

for (const backend of BACKENDS) {
  describe(`quarantine store on ${backend.name}`, () => {
    test('add, list newest first (feed filter, limit), count and raw bytes, prune by age', async (t) => {
      const stores = await (await useFreshStore(t, backend)).open();
      const q = stores.quarantine;
      assert.deepEqual(await q.stats(), { count: 0, rawBytes: 0 });
      await q.add([record(1), record(2, { feed: 'portal', format: 'csv' }), record(3, { raw: 'độ ẩm' })]);
      await q.add([]);
      assert.deepEqual((await q.list()).map((r) => r.line), [3, 2, 1]);
      assert.deepEqual((await q.list({ feed: 'soc' })).map((r) => r.line), [3, 1]);
      assert.deepEqual((await q.list({ limit: 1 })).map((r) => r.line), [3]);
      const [newest] = await q.list({ limit: 1 });
      assert.deepEqual(newest, { id: 3, ...record(3, { raw: 'độ ẩm' }), dedupeKey: null });
      assert.equal(await q.count(), 3);
      // Bytes of UTF-8, not characters: "raw 1" + "raw 2" + "độ ẩm" (5 + 5 + 10).
      assert.deepEqual(await q.stats(), { count: 3, rawBytes: 20 });
      assert.equal(await q.prune(T0 + 3), 2);
      assert.deepEqual((await q.list()).map((r) => r.line), [3]);
    });

    test('a record whose dedupe key is stored is skipped, within one add and across adds', async (t) => {
      const stores = await (await useFreshStore(t, backend)).open();
      const q = stores.quarantine;
      await q.add([record(1, { dedupeKey: 'k1' }), record(2, { dedupeKey: 'k1' }), record(3)]);
      await q.add([record(4, { dedupeKey: 'k1' }), record(5, { dedupeKey: 'k2' })]);
      assert.deepEqual((await q.list()).map((r) => [r.line, r.dedupeKey]), [[5, 'k2'], [3, null], [1, 'k1']]);
    });

    test('raw text comes back exactly, NUL included; NUL in the reason is shown as ␀ on both backends', async (t) => {
      const stores = await (await useFreshStore(t, backend)).open();
      await stores.quarantine.add([record(1, { raw: 'a\u0000b\u{1F600}\r\n', reason: 'bad \u0000 byte' })]);
      const [row] = await stores.quarantine.list();
      assert.equal(row?.raw, 'a\u0000b\u{1F600}\r\n');
      assert.equal(row?.reason, 'bad \u2400 byte');
    });
  });

  describe(`source offsets on ${backend.name}`, () => {
    test('a saved position (with its pending batch) is loaded back; unknown sources have none; a save replaces', async (t) => {
      const stores = await (await useFreshStore(t, backend)).open();
      const offsets = stores.offsets;
      assert.equal(await offsets.load('suricata-eve /x'), null);
      const pending = { toOffset: 5_000_000_000_123, toLine: 9, afterSeq: 41, count: 3, firstHash: 'f'.repeat(64), hash: 'a'.repeat(64) };
      await offsets.save('suricata-eve /x', position(120, { generation: 2, pending }));
      assert.deepEqual(await offsets.load('suricata-eve /x'), position(120, { generation: 2, pending }));
      await offsets.save('suricata-eve /x', position(42_949_672_960));
      assert.deepEqual(await offsets.load('suricata-eve /x'), position(42_949_672_960), 'byte offsets past 4 GiB are kept exactly');
      assert.equal(await offsets.load('wazuh /x'), null);
    });

    test('the position and the quarantine rows of its lines are one transaction: both, or (on failure) neither', async (t) => {
      const stores = await (await useFreshStore(t, backend)).open();
      const { offsets, quarantine } = stores;
      await offsets.save('src', position(10), [record(1, { dedupeKey: 'src#1' })]);
      assert.deepEqual((await quarantine.list()).map((r) => r.line), [1]);
      // The quarantine rows are written first; then the position fails (NOT NULL): the rows must go with it.
      const broken = { ...position(20), file: null as unknown as string };
      await assert.rejects(offsets.save('src', broken, [record(2, { dedupeKey: 'src#2' }), record(3, { dedupeKey: 'src#3' })]));
      assert.deepEqual((await quarantine.list()).map((r) => r.line), [1], 'no quarantine row of the failed save');
      assert.deepEqual(await offsets.load('src'), position(10), 'the earlier position stays');
      // A re-read after a crash saves the same keys again: nothing is doubled.
      await offsets.save('src', position(20), [record(1, { dedupeKey: 'src#1' }), record(2, { dedupeKey: 'src#2' })]);
      assert.deepEqual((await quarantine.list()).map((r) => r.line), [2, 1]);
    });
  });

  describe(`station hours store on ${backend.name}`, () => {
    test('save upserts (a re-sent hour replaces its mean); load from an hour, oldest first; prune before an hour', async (t) => {
      const stores = await (await useFreshStore(t, backend)).open();
      const hours = stores.stationHours;
      await hours.save([reading('HD-2', 1, 10), reading('HD-1', 1, 11.25), reading('HD-1', 0, 12, 'no2'), reading('HD-1', 2, 13)]);
      await hours.save([reading('HD-1', 2, 14.5), reading('HD-1', 2, 15.5)]);
      await hours.save([]);
      assert.deepEqual(await hours.load(T0 + HOUR_MS), [reading('HD-1', 1, 11.25), reading('HD-2', 1, 10), reading('HD-1', 2, 15.5)]);
      assert.equal((await hours.load(0)).length, 4);
      assert.equal(await hours.prune(T0 + 2 * HOUR_MS), 3);
      assert.deepEqual(await hours.load(0), [reading('HD-1', 2, 15.5)]);
    });

    test('a pollutant this version does not know is skipped on load, the rest restored', async (t) => {
      const fresh = await useFreshStore(t, backend);
      const stores = await fresh.open();
      await stores.stationHours.save([reading('HD-1', 1, 10)]);
      await fresh.exec(`INSERT INTO station_hour_means (station, hour_end, pollutant, ug_m3) VALUES ('HD-1', ${T0 + HOUR_MS}, 'nh3', 4)`);
      assert.deepEqual(await stores.stationHours.load(0), [reading('HD-1', 1, 10)]);
    });
  });
}
