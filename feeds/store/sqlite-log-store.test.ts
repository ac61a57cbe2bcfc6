import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTempDir } from '../../test/support/temp-dir.js';
import { SqliteDatabase } from './sqlite-database.js';
import { SqliteLogStore } from './sqlite-log-store.js';

const entry = (n: number, ts = 1000 + n) => ({ ts, json: JSON.stringify({ n }) });

test('appends get contiguous seqs per feed and are readable after commit', async () => {
  await withTempDir(async (dir) => {
    const store = await SqliteLogStore.open(join(dir, 'log.db'));
    const [a, b] = await Promise.all([
      store.append('soc', [entry(1), entry(2)]),
      store.append('soc', [entry(3)]),
      store.append('traffic', [entry(1)]),
    ]);
    assert.deepEqual(a?.map((item) => item.seq), [1, 2]);
    assert.deepEqual(b?.map((item) => item.seq), [3]);
    assert.equal(store.head('soc').seq, 3);
    assert.equal(store.head('traffic').seq, 1);
    const read = await store.read('soc', 1, 10);
    assert.deepEqual(read.map((item) => [item.seq, item.json]), [[2, '{"n":2}'], [3, '{"n":3}']]);
    await store.close();
  });
});

test('a reopened log continues each feed in the same epoch with no gap', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'log.db');
    const first = await SqliteLogStore.open(path);
    const epoch = first.head('environment').epoch;
    assert.match(epoch, /^[0-9a-f]{16}$/);
    await first.append('environment', [entry(1), entry(2), entry(3)]);
    await first.close();
    const second = await SqliteLogStore.open(path);
    assert.equal(second.head('environment').epoch, epoch);
    assert.equal(second.head('environment').seq, 3);
    const [item] = await second.append('environment', [entry(4)]);
    assert.equal(item?.seq, 4);
    await second.close();
  });
});

test('the database is in WAL mode', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'log.db');
    const store = await SqliteLogStore.open(path);
    await store.close();
    const db = await SqliteDatabase.open(path);
    const row = await db.get<{ journal_mode: string }>('PRAGMA journal_mode');
    assert.equal(row?.journal_mode, 'wal');
    await db.close();
  });
});

test('prune drops only items older than the cutoff that a checkpoint covers', async () => {
  await withTempDir(async (dir) => {
    const store = await SqliteLogStore.open(join(dir, 'log.db'));
    await store.append('portal', [entry(1, 100), entry(2, 200), entry(3, 300), entry(4, 400)]);
    assert.equal(await store.prune('portal', 1000), 0, 'nothing is pruned without a checkpoint');
    await store.saveCheckpoint('portal', { seq: 2, ts: 200, stateJson: '{"upTo":2}' });
    assert.equal(await store.prune('portal', 350), 2);
    assert.equal(store.head('portal').firstSeq, 3);
    assert.deepEqual((await store.read('portal', 0, 10)).map((item) => item.seq), [3, 4]);
    assert.deepEqual(await store.latestCheckpoint('portal'), { seq: 2, ts: 200, stateJson: '{"upTo":2}' });
    await store.close();
  });
});

test('reset starts a new epoch at seq 1', async () => {
  await withTempDir(async (dir) => {
    const store = await SqliteLogStore.open(join(dir, 'log.db'));
    await store.append('soc', [entry(1)]);
    const before = store.head('soc').epoch;
    const head = await store.reset('soc');
    assert.notEqual(head.epoch, before);
    assert.equal(head.seq, 0);
    const [item] = await store.append('soc', [entry(1)]);
    assert.equal(item?.seq, 1);
    await store.close();
  });
});

test('many concurrent appends keep their call order in seqs', async () => {
  await withTempDir(async (dir) => {
    const store = await SqliteLogStore.open(join(dir, 'log.db'), { synchronous: 'NORMAL' });
    const calls = Array.from({ length: 300 }, (_, i) => store.append('traffic', [entry(i)]));
    const results = await Promise.all(calls);
    results.forEach((items, i) => assert.equal(items[0]?.seq, i + 1));
    const all = await store.read('traffic', 0, 1000);
    assert.equal(all.length, 300);
    all.forEach((item, i) => assert.equal(JSON.parse(item.json).n, i));
    await store.close();
  });
});

test('firstSeqSince: the first seq at or after a time, by the ts index, even where ts does not grow with seq', async () => {
  await withTempDir(async (dir) => {
    const store = await SqliteLogStore.open(join(dir, 'log.db'));
    try {
      // seq 1..5 with ts 100, 500, 200 (a back-dated item), 600, 700
      await store.append('traffic', [entry(1, 100), entry(2, 500), entry(3, 200), entry(4, 600), entry(5, 700)]);
      assert.equal(await store.firstSeqSince('traffic', 0), 1);
      assert.equal(await store.firstSeqSince('traffic', 150), 2, 'seq 2 is the first at or after 150');
      assert.equal(await store.firstSeqSince('traffic', 600), 4);
      assert.equal(await store.firstSeqSince('traffic', 701), null);
      assert.equal(await store.firstSeqSince('soc', 0), null, 'an empty feed');
    } finally {
      await store.close();
    }
  });
});
