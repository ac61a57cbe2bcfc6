// What only the JetStream backend promises: several hubs on one log, outages, config checks. The contract shared
// with SQLite is in ../log-store-contract.test.ts. Outages are made on a nats-server of this test's own (never the
// shared one); everything else runs on the test server (IOC_TEST_NATS) under a random prefix, deleted afterwards.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { jetstream, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { connect, nanos } from '@nats-io/transport-node';
import type { AppendOutcome, LogStore, StoredItem } from '../log-store.js';
import { deletePrefix, randomPrefix, streamsOfPrefix, TEST_NATS } from '../../../test/support/jetstream-prefix.js';
import { startPrivateNats, type PrivateNats } from '../../../test/support/private-nats.js';
import { delay, waitFor } from '../../../test/support/temp-dir.js';
import { JetStreamLogStore, type JetStreamLogStoreOptions } from './jetstream-log-store.js';

const DAY = 24 * 3600 * 1000;
const ROOT = new URL('../../..', import.meta.url).pathname;
const entry = (n: number, key: string | null = null) => ({ ts: Date.now(), json: JSON.stringify({ n }), key });

/** Open stores on one fresh prefix; all closed and the prefix's streams deleted after `work`, also on failure. */
async function withPrefix(
  servers: string,
  work: (open: (options?: Partial<JetStreamLogStoreOptions>) => Promise<JetStreamLogStore>, prefix: string) => Promise<void>,
): Promise<void> {
  const prefix = randomPrefix();
  const opened: LogStore[] = [];
  try {
    await work(async (options = {}) => {
      const store = await JetStreamLogStore.open({ servers, prefix, retentionMs: DAY, ...options });
      opened.push(store);
      return store;
    }, prefix);
  } finally {
    for (const store of opened) await store.close().catch(() => undefined);
    await deletePrefix(servers, prefix);
  }
}

function follower(store: LogStore, afterSeq = 0): { items: StoredItem[]; stop: () => void } {
  const items: StoredItem[] = [];
  return { items, stop: store.follow('soc', afterSeq, (batch) => items.push(...batch)) };
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('two hubs on one log', () => {
  test('concurrent appends: one contiguous sequence, seen the same by both followers, in the same epoch', async () => {
    await withPrefix(TEST_NATS, async (open) => {
      const a = await open({ name: 'a' });
      const b = await open({ name: 'b' });
      assert.equal(a.head('soc').epoch, b.head('soc').epoch);
      const seenByA = follower(a);
      const seenByB = follower(b);
      const appendsOf = (store: LogStore, tag: string) =>
        Promise.all(Array.from({ length: 20 }, (_, i) => store.append('soc', Array.from({ length: 5 }, (_, j) => ({ ts: Date.now(), json: `"${tag}${i * 5 + j}"` })))));
      const [fromA, fromB] = await Promise.all([appendsOf(a, 'a'), appendsOf(b, 'b')]);
      await waitFor(() => seenByA.items.length >= 200 && seenByB.items.length >= 200, 15_000, 'both followers');
      await delay(100);
      assert.deepEqual(seenByA.items.map((item) => item.seq), range(1, 200));
      assert.deepEqual(seenByB.items, seenByA.items, 'the same items under the same seqs');
      const stored = [...fromA, ...fromB].flatMap((outcome) => outcome.items.map((item) => item.seq));
      assert.deepEqual(stored.sort((x, y) => x - y), range(1, 200), 'each seq is one hub’s item, none twice');
      for (const outcomes of [fromA, fromB]) {
        const own = outcomes.flatMap((outcome) => outcome.items.map((item) => item.seq));
        assert.deepEqual(own, [...own].sort((x, y) => x - y), 'one hub’s appends keep their call order');
      }
      const bySeq = new Map(seenByA.items.map((item) => [item.seq, item.json]));
      for (const outcome of fromA) for (const item of outcome.items) assert.equal(bySeq.get(item.seq), item.json);
      assert.equal(a.head('soc').seq, 200, 'the head follows the other hub’s items too');
      seenByA.stop();
      seenByB.stop();
    });
  });

  test('the same keys appended by both hubs at once are stored once', async () => {
    await withPrefix(TEST_NATS, async (open) => {
      const a = await open({ name: 'a' });
      const b = await open({ name: 'b' });
      const keyed = (tag: string) => Array.from({ length: 50 }, (_, i) => ({ ts: Date.now(), json: `"${tag}${i}"`, key: `alert-${i}` }));
      const [fromA, fromB] = await Promise.all([a.append('soc', keyed('a')), b.append('soc', keyed('b'))]);
      assert.equal(fromA.items.length + fromB.items.length, 50);
      assert.equal(fromA.duplicates.length + fromB.duplicates.length, 50);
      const all = await a.read('soc', 0, 1000);
      assert.deepEqual(all.map((item) => item.seq), range(1, 50));
      assert.equal(new Set(all.map((item) => item.key)).size, 50);
      const seqOfKey = new Map(all.map((item) => [item.key, item.seq]));
      for (const [outcome, keys] of [
        [fromA, keyed('a')],
        [fromB, keyed('b')],
      ] as const) {
        for (const duplicate of outcome.duplicates) assert.equal(duplicate.seq, seqOfKey.get(keys[duplicate.index]?.key ?? ''));
      }
    });
  });

  test('a hub that died without closing: a later one sees all its items, in the same epoch', async () => {
    await withPrefix(TEST_NATS, async (open, prefix) => {
      const output = await new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/jetstream-writer.ts', TEST_NATS, prefix, '100'], { cwd: ROOT });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`writer exited ${code}: ${stderr}`))));
      });
      const written = JSON.parse(output) as { epoch: string; seq: number };
      assert.equal(written.seq, 100);
      const store = await open();
      assert.equal(store.head('soc').epoch, written.epoch);
      assert.equal(store.head('soc').seq, 100);
      const items = await store.read('soc', 0, 1000);
      assert.deepEqual(items.map((item) => item.key), range(0, 99).map((n) => `w-${n}`));
      const again = await store.append('soc', [{ ts: Date.now(), json: '{}', key: 'w-7' }]);
      assert.deepEqual(again, { items: [], duplicates: [{ index: 0, seq: 8 }] }, 'its keys are still in the window');
    });
  });

  test('a reset by another hub: followers of the old epoch stop, the head shows the new epoch', async () => {
    await withPrefix(TEST_NATS, async (open) => {
      const a = await open({ name: 'a' });
      const b = await open({ name: 'b' });
      const seenByB = follower(b);
      await a.append('soc', [entry(1), entry(2), entry(3)]);
      await waitFor(() => seenByB.items.length >= 3, 10_000, 'the first epoch');
      const { epoch } = await a.reset('soc');
      await a.append('soc', range(1, 6).map((n) => entry(n)));
      await waitFor(() => b.head('soc').epoch === epoch, 30_000, 'b to notice the new epoch');
      await delay(300);
      assert.deepEqual(seenByB.items.map((item) => item.seq), [1, 2, 3], 'nothing of the new epoch under the old one');
      assert.equal(b.head('soc').seq, 6);
      seenByB.stop();
    });
  });

  test('a checkpoint is only replaced by one further along; one of another epoch is ignored', async () => {
    await withPrefix(TEST_NATS, async (open, prefix) => {
      const a = await open();
      await a.append('traffic', [entry(1), entry(2), entry(3)]);
      await a.saveCheckpoint('traffic', { seq: 3, ts: 3, stateJson: '"three"' });
      await a.saveCheckpoint('traffic', { seq: 2, ts: 2, stateJson: '"two"' });
      assert.equal((await a.latestCheckpoint('traffic'))?.stateJson, '"three"', 'a slower hub cannot move it back');
      await a.close();
      // The stream is deleted and made again behind the store's back (an operator, a lost server store).
      const nc = await connect({ servers: TEST_NATS });
      try {
        const jsm = await jetstreamManager(nc);
        const name = `${prefix.toUpperCase()}_TRAFFIC`;
        const config = (await jsm.streams.info(name)).config;
        await jsm.streams.delete(name);
        await jsm.streams.add(config);
      } finally {
        await nc.close();
      }
      const b = await open();
      assert.equal(b.head('traffic').seq, 0);
      assert.equal(await b.latestCheckpoint('traffic'), null, 'the old epoch’s checkpoint is not applied to the new log');
    });
  });
});

describe('messages and config', () => {
  test('a message some other writer put on the subject keeps its seq, passed on as raw text', async () => {
    await withPrefix(TEST_NATS, async (open, prefix) => {
      const store = await open();
      await store.append('soc', [entry(1)]);
      const nc = await connect({ servers: TEST_NATS });
      try {
        await jetstream(nc).publish(`${prefix}.log.soc`, 'not an envelope');
      } finally {
        await nc.close();
      }
      await store.append('soc', [entry(3)]);
      const items = await store.read('soc', 0, 10);
      assert.deepEqual(items.map((item) => [item.seq, item.key]), [
        [1, null],
        [2, null],
        [3, null],
      ]);
      assert.equal(items[1]?.json, 'not an envelope');
      assert.ok(Math.abs((items[1]?.ts ?? 0) - Date.now()) < 60_000, 'its ts is the server’s receive time');
    });
  });

  test('an entry over the server’s max payload is refused before anything is sent', async () => {
    await withPrefix(TEST_NATS, async (open) => {
      const store = await open();
      const huge = { ts: 1, json: JSON.stringify('x'.repeat(1024 * 1024)) };
      await assert.rejects(store.append('soc', [entry(1), huge]), /at most/);
      assert.deepEqual(await store.read('soc', 0, 10), []);
      assert.equal((await store.append('soc', [entry(1)])).items[0]?.seq, 1);
    });
  });

  test('an existing stream: own settings are updated, an incompatible one fails naming the field', async () => {
    const prefix = randomPrefix();
    const nc = await connect({ servers: TEST_NATS });
    try {
      const jsm = await jetstreamManager(nc);
      const name = `${prefix.toUpperCase()}_SOC`;
      await jsm.streams.add({ name, subjects: [`${prefix}.log.soc`], duplicate_window: nanos(5 * 60_000), max_age: nanos(3600_000) });
      const store = await JetStreamLogStore.open({ servers: TEST_NATS, prefix, retentionMs: DAY, dedupeWindowMs: 3600_000 });
      await store.close();
      const config = (await jsm.streams.info(name)).config;
      assert.equal(config.duplicate_window, nanos(3600_000));
      assert.equal(config.max_age, nanos(2 * DAY), 'retention + 24 h');
      assert.equal(config.deny_delete, true);
      await jsm.streams.delete(name);
      await jsm.streams.add({ name, subjects: [`${prefix}.log.soc`], storage: StorageType.Memory, retention: RetentionPolicy.Limits });
      await assert.rejects(JetStreamLogStore.open({ servers: TEST_NATS, prefix, retentionMs: DAY }), /_SOC: storage must be "file"/);
      await jsm.streams.delete(name);
      await jsm.streams.add({ name, subjects: [`${prefix}.log.soc`, 'elsewhere.>'] });
      await assert.rejects(JetStreamLogStore.open({ servers: TEST_NATS, prefix, retentionMs: DAY }), /subjects must be exactly/);
    } finally {
      await nc.close();
      await deletePrefix(TEST_NATS, prefix);
    }
    assert.deepEqual(await streamsOfPrefix(TEST_NATS, prefix), []);
  });

  test('read and append throughput (reported, not asserted: the machine is shared)', async (t) => {
    await withPrefix(TEST_NATS, async (open) => {
      const store = await open();
      const total = 20_000;
      const json = JSON.stringify({ kind: 'alert', id: 'x'.repeat(20), sensor: 'suricata', signature: 'ET SCAN Potential SSH Scan', severity: 2 });
      let started = performance.now();
      for (let i = 0; i < total; i += 500) {
        await store.append('soc', Array.from({ length: 500 }, (_, j) => ({ ts: Date.now(), json, key: `k${i + j}` })));
      }
      const appendRate = total / ((performance.now() - started) / 1000);
      let best = 0;
      for (let round = 0; round < 3; round++) {
        started = performance.now();
        let after = 0;
        while (after < total) {
          const page = await store.read('soc', after, 10_000);
          assert.equal(page[0]?.seq, after + 1);
          assert.equal(page.at(-1)?.seq, after + page.length, 'contiguous');
          after += page.length;
        }
        best = Math.max(best, total / ((performance.now() - started) / 1000));
      }
      t.diagnostic(`append ${Math.round(appendRate)} items/s (batches of 500, keyed); read ${Math.round(best)} items/s (pages of 10,000, best of 3)`);
    });
  });
});

describe('outages (a private nats-server)', () => {
  let nats: PrivateNats;
  before(async () => {
    nats = await startPrivateNats();
  });
  after(async () => {
    await nats.stop();
  });

  test('a frozen server (SIGSTOP 3 s) during appends: they resolve after, nothing lost or twice, followers go on', async () => {
    await withPrefix(nats.url, async (open) => {
      const store = await open({ publishAttemptTimeoutMs: 500, publishRetryMs: 20_000 });
      const seen = follower(store);
      const appends: Promise<AppendOutcome>[] = [];
      let n = 0;
      const writer = setInterval(() => {
        appends.push(store.append('soc', Array.from({ length: 10 }, () => entry(n, `o-${n++}`))));
      }, 20);
      try {
        await delay(300);
        await nats.freeze(3000);
        await delay(500);
      } finally {
        clearInterval(writer);
      }
      const outcomes = await Promise.all(appends);
      // Attempts timed out during the freeze and were retried: the server answered "duplicate" for the copies it
      // had taken, and the writer header showed them to be ours — stored by this append, not duplicates.
      for (const outcome of outcomes) {
        assert.equal(outcome.items.length, 10);
        assert.deepEqual(outcome.duplicates, []);
      }
      const all = await store.read('soc', 0, 100_000);
      assert.equal(all.length, n);
      assert.deepEqual(all.map((item) => item.seq), range(1, n));
      assert.deepEqual(all.map((item) => item.key), range(0, n - 1).map((i) => `o-${i}`), 'call order, each once');
      await waitFor(() => seen.items.length >= n, 20_000, 'the follower after the outage');
      await delay(200);
      assert.deepEqual(seen.items.map((item) => item.seq), range(1, n));
      seen.stop();
    });
  });

  test('an outage longer than the retry budget rejects the append cleanly; the store stays usable, keys prevent doubles', async () => {
    await withPrefix(nats.url, async (open) => {
      const store = await open({ publishAttemptTimeoutMs: 300, publishRetryMs: 1000 });
      const batch = Array.from({ length: 20 }, (_, i) => entry(i, `b-${i}`));
      const frozen = nats.freeze(3000);
      await delay(100);
      const started = Date.now();
      await assert.rejects(store.append('soc', batch), /JetStream append/);
      assert.ok(Date.now() - started < 2900, 'rejected after the budget, not after the outage');
      await frozen;
      // The caller retries the same keyed entries: whatever the first try stored is not stored again.
      const retry = await store.append('soc', batch);
      assert.equal(retry.items.length + retry.duplicates.length, 20);
      const all = await store.read('soc', 0, 1000);
      assert.deepEqual([...new Set(all.map((item) => item.key))].sort(), batch.map((e) => e.key).sort());
      assert.equal(all.length, 20, 'each key once');
      const later = await store.append('soc', [entry(99)]);
      assert.equal(later.items[0]?.seq, 21);
    });
  });

  test('a server restart: appends wait for it, followers resume from where they were', async () => {
    await withPrefix(nats.url, async (open) => {
      const store = await open({ publishAttemptTimeoutMs: 1000, publishRetryMs: 30_000 });
      const seen = follower(store);
      await store.append('soc', range(1, 10).map((i) => entry(i, `r-${i}`)));
      await waitFor(() => seen.items.length >= 10, 10_000, 'before the restart');
      const restarting = nats.restart(500);
      await delay(50);
      const during = store.append('soc', range(11, 20).map((i) => entry(i, `r-${i}`)));
      await restarting;
      const outcome = await during;
      assert.deepEqual(outcome.items.map((item) => item.seq), range(11, 20));
      await store.append('soc', range(21, 30).map((i) => entry(i, `r-${i}`)));
      await waitFor(() => seen.items.length >= 30, 30_000, 'the follower after the restart');
      await delay(200);
      assert.deepEqual(seen.items.map((item) => item.seq), range(1, 30));
      assert.equal(store.head('soc').epoch, (await open()).head('soc').epoch, 'same stream, same epoch');
      seen.stop();
    });
  });
});
