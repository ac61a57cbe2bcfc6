// What only the SQLite backend promises; the shared contract is in log-store-contract.test.ts.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTempDir } from '../../test/support/temp-dir.js';
import { SqliteDatabase } from './sqlite-database.js';
import { SqliteLogStore } from './sqlite-log-store.js';

const entry = (n: number, ts = 1000 + n, key: string | null = null) => ({ ts, json: JSON.stringify({ n }), key });

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

test('a failed commit makes the store refuse further appends (crash-only, never a gap)', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'log.db');
    const store = await SqliteLogStore.open(path, { synchronous: 'NORMAL' });
    try {
      await store.append('soc', [entry(1)]);
      // Another connection takes the table away: the next group commit fails.
      const other = await SqliteDatabase.open(path);
      await other.exec('DROP TABLE log;');
      await other.close();
      await assert.rejects(store.append('soc', [entry(2)]), /no such table/);
      await assert.rejects(store.append('soc', [entry(3)]), /unusable after a failed commit/);
      assert.equal(store.head('soc').seq, 1, 'the head stays at the last commit');
    } finally {
      await store.close();
    }
  });
});

test('a file from before keys opens, gains the key columns, and keeps its items, epoch and seqs', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'old.db');
    const old = await SqliteDatabase.open(path);
    // The first release's schema, with one committed soc item.
    await old.exec(`
      CREATE TABLE feeds (feed TEXT PRIMARY KEY, epoch TEXT NOT NULL, last_seq INTEGER NOT NULL, last_ts INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);
      CREATE TABLE log (feed TEXT NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (feed, seq)) WITHOUT ROWID;
      CREATE INDEX log_feed_ts ON log (feed, ts);
      CREATE TABLE checkpoints (feed TEXT PRIMARY KEY, seq INTEGER NOT NULL, ts INTEGER NOT NULL, state TEXT NOT NULL);
      INSERT INTO feeds VALUES ('soc', '0123456789abcdef', 1, 1001, 0);
      INSERT INTO log VALUES ('soc', 1, 1001, '{"n":1}');
    `);
    await old.close();
    const store = await SqliteLogStore.open(path);
    try {
      assert.deepEqual(store.head('soc'), { epoch: '0123456789abcdef', seq: 1, firstSeq: 1, lastTs: 1001 });
      assert.deepEqual(await store.read('soc', 0, 10), [{ seq: 1, ts: 1001, json: '{"n":1}', key: null }]);
      const { items, duplicates } = await store.append('soc', [entry(2, 1002, 'k'), entry(3, 1003, 'k')]);
      assert.deepEqual(items.map((item) => item.seq), [2]);
      assert.deepEqual(duplicates, [{ index: 1, seq: 2 }]);
    } finally {
      await store.close();
    }
    const db = await SqliteDatabase.open(path);
    const columns = (await db.all<{ name: string }>('PRAGMA table_info(log)')).map((column) => column.name);
    await db.close();
    assert.deepEqual(columns, ['feed', 'seq', 'ts', 'data', 'key', 'stored_at']);
  });
});

test('the dedupe window counts from when an item was stored, not from its (back-dated) ts', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'log.db');
    const first = await SqliteLogStore.open(path);
    await first.append('traffic', [entry(1, 0, 'old-ts')]);
    await first.close();
    const second = await SqliteLogStore.open(path);
    try {
      const { duplicates } = await second.append('traffic', [entry(2, 0, 'old-ts')]);
      assert.deepEqual(duplicates, [{ index: 0, seq: 1 }], 'rebuilt from stored_at at open');
    } finally {
      await second.close();
    }
  });
});

test('concurrent appends with the same key: the later one is the duplicate, with no seq gap', async () => {
  await withTempDir(async (dir) => {
    const store = await SqliteLogStore.open(join(dir, 'log.db'), { synchronous: 'NORMAL' });
    try {
      const [a, b, c] = await Promise.all([
        store.append('soc', [entry(1, 1, 'same')]),
        store.append('soc', [entry(2, 2, 'same'), entry(3, 3)]),
        store.append('soc', [entry(4, 4)]),
      ]);
      assert.deepEqual(a.items.map((item) => item.seq), [1]);
      assert.deepEqual(b.duplicates, [{ index: 0, seq: 1 }]);
      assert.deepEqual(b.items.map((item) => item.seq), [2]);
      assert.deepEqual(c.items.map((item) => item.seq), [3]);
    } finally {
      await store.close();
    }
  });
});

test('follow gets each committed batch before its append resolves', async () => {
  await withTempDir(async (dir) => {
    const store = await SqliteLogStore.open(join(dir, 'log.db'), { synchronous: 'NORMAL' });
    try {
      const batches: number[][] = [];
      store.follow('soc', 0, (items) => batches.push(items.map((item) => item.seq)));
      const appended = store.append('soc', [entry(1), entry(2)]).then(() => batches.length);
      assert.equal(await appended, 1, 'the listener ran before the promise resolved');
      assert.deepEqual(batches, [[1, 2]]);
      await store.reset('soc');
      await store.append('soc', [entry(1)]);
      assert.deepEqual(batches, [[1, 2]], 'a reset ends the followers of the old epoch');
    } finally {
      await store.close();
    }
  });
});

test('prune on SQLite is exact: it drops covered back-dated items even between newer ones', async () => {
  await withTempDir(async (dir) => {
    const store = await SqliteLogStore.open(join(dir, 'log.db'));
    try {
      await store.append('portal', [entry(1, 100), entry(2, 200), entry(3, 300), entry(4, 400)]);
      await store.saveCheckpoint('portal', { seq: 2, ts: 200, stateJson: '{"upTo":2}' });
      assert.equal(await store.prune('portal', 350), 2);
      assert.equal(store.head('portal').firstSeq, 3);
      assert.deepEqual((await store.read('portal', 0, 10)).map((item) => item.seq), [3, 4]);
    } finally {
      await store.close();
    }
  });
});

test('firstSeqSince on SQLite is exact, by the ts index, even where ts does not grow with seq', async () => {
  await withTempDir(async (dir) => {
    const store = await SqliteLogStore.open(join(dir, 'log.db'));
    try {
      // seq 1..5 with ts 100, 500, 200 (a back-dated item), 600, 700
      await store.append('traffic', [entry(1, 100), entry(2, 500), entry(3, 200), entry(4, 600), entry(5, 700)]);
      assert.equal(await store.firstSeqSince('traffic', 0), 1);
      assert.equal(await store.firstSeqSince('traffic', 150), 2, 'seq 2 is the first at or after 150');
      assert.equal(await store.firstSeqSince('traffic', 600), 4);
      assert.equal(await store.firstSeqSince('traffic', 701), null);
    } finally {
      await store.close();
    }
  });
});
