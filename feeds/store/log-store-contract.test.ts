// The LogStore contract, run against every backend: a fresh SQLite file, or a fresh JetStream prefix on the test
// server (IOC_TEST_NATS, default nats://127.0.0.1:4222; its streams and bucket are deleted after each test).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LogStore, StoredItem } from './log-store.js';
import { jetStreamBackend, sqliteBackend, withLocation, type LogStoreBackend } from '../../test/support/log-store-backends.js';
import { delay, waitFor } from '../../test/support/temp-dir.js';

const entry = (n: number, ts = 1000 + n, key: string | null = null) => ({ ts, json: JSON.stringify({ n }), key });
const seqs = (items: readonly StoredItem[]): number[] => items.map((item) => item.seq);

/** Collects what a follower hands on. */
function collect(store: LogStore, feed: 'soc' | 'traffic', afterSeq: number): { items: StoredItem[]; stop: () => void } {
  const items: StoredItem[] = [];
  const stop = store.follow(feed, afterSeq, (batch) => items.push(...batch));
  return { items, stop };
}

function contract(backend: LogStoreBackend): void {
  describe(`LogStore contract: ${backend.name}`, () => {
    test('appends get contiguous seqs per feed, in call order, readable after they resolve', async () => {
      await withLocation(backend, async (open) => {
        const store = await open();
        const [a, b, c] = await Promise.all([
          store.append('soc', [entry(1), entry(2)]),
          store.append('soc', [entry(3, 1003, 'k3')]),
          store.append('traffic', [entry(1)]),
        ]);
        assert.deepEqual(seqs(a.items), [1, 2]);
        assert.deepEqual(seqs(b.items), [3]);
        assert.deepEqual(seqs(c.items), [1]);
        assert.deepEqual(a.duplicates, []);
        assert.equal(store.head('soc').seq, 3);
        assert.equal(store.head('traffic').seq, 1);
        const read = await store.read('soc', 1, 10);
        assert.deepEqual(
          read.map((item) => [item.seq, item.ts, item.json, item.key]),
          [
            [2, 1002, '{"n":2}', null],
            [3, 1003, '{"n":3}', 'k3'],
          ],
        );
        assert.deepEqual(seqs(await store.read('soc', 0, 2)), [1, 2], 'limit');
        assert.deepEqual(await store.read('soc', 3, 10), [], 'nothing after the head');
      });
    });

    test('many concurrent appends keep their call order in seqs', async () => {
      await withLocation(backend, async (open) => {
        const store = await open();
        const results = await Promise.all(Array.from({ length: 300 }, (_, i) => store.append('traffic', [entry(i)])));
        results.forEach((outcome, i) => assert.equal(outcome.items[0]?.seq, i + 1));
        const all = await store.read('traffic', 0, 1000);
        assert.equal(all.length, 300);
        all.forEach((item, i) => assert.equal((JSON.parse(item.json) as { n: number }).n, i));
      });
    });

    test('an append that resolved survives a reopen; the epoch and seqs go on', async () => {
      await withLocation(backend, async (open) => {
        const first = await open();
        const epoch = first.head('environment').epoch;
        assert.match(epoch, /^[0-9a-f]{16}$/);
        await first.append('environment', [entry(1), entry(2), entry(3, 1003, 'e3')]);
        await first.close();
        const second = await open();
        assert.equal(second.head('environment').epoch, epoch);
        assert.deepEqual(second.head('environment'), { epoch, seq: 3, firstSeq: 1, lastTs: 1003 });
        assert.deepEqual(
          (await second.read('environment', 0, 10)).map((item) => [item.seq, item.key]),
          [
            [1, null],
            [2, null],
            [3, 'e3'],
          ],
        );
        const { items } = await second.append('environment', [entry(4)]);
        assert.equal(items[0]?.seq, 4);
      });
    });

    test('head of an empty feed, and after appends', async () => {
      await withLocation(backend, async (open) => {
        const store = await open();
        const empty = store.head('portal');
        assert.equal(empty.seq, 0);
        assert.equal(empty.firstSeq, 1);
        assert.equal(empty.lastTs, 0);
        await store.append('portal', [entry(1, 500), entry(2, 400)]);
        assert.deepEqual(store.head('portal'), { epoch: empty.epoch, seq: 2, firstSeq: 1, lastTs: 400 });
      });
    });

    test('invalid entries are refused before anything is stored', async () => {
      await withLocation(backend, async (open) => {
        const store = await open();
        for (const bad of [{ ts: 1, json: '{}', key: '' }, { ts: 1, json: '{}', key: 'has space' }, { ts: 1, json: '{}', key: 'q"uote' }, { ts: Number.NaN, json: '{}' }]) {
          await assert.rejects(store.append('soc', [entry(1), bad]), TypeError);
        }
        assert.equal(store.head('soc').seq, 0);
        assert.deepEqual(await store.read('soc', 0, 10), []);
        const { items } = await store.append('soc', [entry(1, 1, 'x'.repeat(256))]);
        assert.deepEqual(seqs(items), [1], 'a 256-character key is fine');
      });
    });

    test('checkpoints: none, saved, replaced, a state over 1 MiB, kept across a reopen', async () => {
      await withLocation(backend, async (open) => {
        const store = await open();
        assert.equal(await store.latestCheckpoint('traffic'), null);
        await store.append('traffic', [entry(1), entry(2), entry(3)]);
        await store.saveCheckpoint('traffic', { seq: 1, ts: 1001, stateJson: '{"upTo":1}' });
        assert.deepEqual(await store.latestCheckpoint('traffic'), { seq: 1, ts: 1001, stateJson: '{"upTo":1}' });
        // ~3 MiB with multi-byte characters: chunked on JetStream (1 MiB max payload), decoded back exactly.
        const big = JSON.stringify({ segments: Array.from({ length: 30_000 }, (_, i) => ({ id: `đoạn-${i}`, name: 'Đường Nguyễn Huệ '.repeat(5) })) });
        assert.ok(Buffer.byteLength(big) > 3 * 1024 * 1024);
        await store.saveCheckpoint('traffic', { seq: 3, ts: 1003, stateJson: big });
        const latest = await store.latestCheckpoint('traffic');
        assert.equal(latest?.seq, 3);
        assert.equal(latest?.ts, 1003);
        assert.ok(latest?.stateJson === big, 'the big state comes back byte for byte');
        await store.close();
        const reopened = await open();
        assert.equal((await reopened.latestCheckpoint('traffic'))?.stateJson.length, big.length);
        assert.equal(await reopened.latestCheckpoint('soc'), null, 'per feed');
      });
    });

    test('prune drops only items older than the cutoff that the checkpoint covers', async () => {
      await withLocation(backend, async (open) => {
        const store = await open();
        // Real times: JetStream knows when an item arrived, not its ts, and never purges what it cannot prove old.
        await store.append('portal', [entry(1, Date.now()), entry(2, Date.now())]);
        await delay(40);
        const cutoff = Date.now();
        await delay(40);
        await store.append('portal', [entry(3, Date.now()), entry(4, Date.now())]);
        assert.equal(await store.prune('portal', Date.now() + 60_000), 0, 'nothing is pruned without a checkpoint');
        await store.saveCheckpoint('portal', { seq: 3, ts: 0, stateJson: '{"upTo":3}' });
        assert.equal(await store.prune('portal', cutoff), 2, 'the items before the cutoff');
        assert.equal(store.head('portal').firstSeq, 3);
        assert.deepEqual(seqs(await store.read('portal', 0, 10)), [3, 4]);
        assert.equal(await store.prune('portal', Date.now() + 60_000), 1, 'all old now, but seq 4 is not covered');
        assert.equal(store.head('portal').firstSeq, 4);
        assert.deepEqual(seqs(await store.read('portal', 0, 10)), [4]);
        assert.deepEqual(await store.latestCheckpoint('portal'), { seq: 3, ts: 0, stateJson: '{"upTo":3}' });
        const { items } = await store.append('portal', [entry(5)]);
        assert.deepEqual(seqs(items), [5], 'seqs go on after a prune');
      });
    });

    test('reset starts a new epoch at seq 1 without the old checkpoint', async () => {
      await withLocation(backend, async (open) => {
        const store = await open();
        await store.append('soc', [entry(1), entry(2, 1002, 'before-reset')]);
        await store.saveCheckpoint('soc', { seq: 2, ts: 1002, stateJson: '{}' });
        const before = store.head('soc').epoch;
        const head = await store.reset('soc');
        assert.notEqual(head.epoch, before);
        assert.match(head.epoch, /^[0-9a-f]{16}$/);
        assert.equal(head.seq, 0);
        assert.equal(head.firstSeq, 1);
        assert.equal(await store.latestCheckpoint('soc'), null);
        assert.deepEqual(await store.read('soc', 0, 10), []);
        const { items, duplicates } = await store.append('soc', [entry(1), entry(2, 1002, 'before-reset')]);
        assert.deepEqual(seqs(items), [1, 2], 'seqs restart, and the old log’s keys are gone with it');
        assert.deepEqual(duplicates, []);
        assert.equal(store.head('traffic').seq, 0, 'other feeds are untouched');
        await store.close();
        const reopened = await open();
        assert.equal(reopened.head('soc').epoch, head.epoch, 'the new epoch is stable across a reopen');
      });
    });

    test('firstSeqSince: every item with ts ≥ fromTs has seq ≥ the answer; null when none', async () => {
      await withLocation(backend, async (open) => {
        const store = await open();
        assert.equal(await store.firstSeqSince('soc', 0), null, 'an empty feed');
        const now = Date.now();
        // seq 1..5, ts not monotonic in seq (a back-dated item at seq 3), all at or before now
        const ts = [now - 5000, now - 1000, now - 4000, now - 500, now];
        await store.append('traffic', ts.map((t, i) => entry(i + 1, t)));
        for (const fromTs of [0, now - 4500, now - 1000, now - 999, now - 500, now]) {
          const answer = await store.firstSeqSince('traffic', fromTs);
          assert.notEqual(answer, null, `some item has ts ≥ ${fromTs - now}`);
          ts.forEach((t, i) => {
            if (t >= fromTs) assert.ok(i + 1 >= (answer ?? Infinity), `seq ${i + 1} (ts ${t - now}) ≥ answer ${answer} for ${fromTs - now}`);
          });
        }
        assert.equal(await store.firstSeqSince('traffic', now + 60_000), null, 'nothing that late');
        // Items appended after a time: the answer is exactly the first of them (JetStream: by its receive time).
        await delay(40);
        const cut = Date.now();
        await delay(40);
        await store.append('traffic', [entry(6, Date.now()), entry(7, Date.now())]);
        assert.equal(await store.firstSeqSince('traffic', cut), 6);
      });
    });

    test('key dedupe: within an append, across appends, across a reopen; keyless entries never', async () => {
      await withLocation(backend, async (open) => {
        const store = await open();
        const first = await store.append('soc', [entry(1, 1001, 'a'), entry(2, 1002, 'b'), entry(3, 1003, 'a'), entry(4), entry(4)]);
        assert.deepEqual(seqs(first.items), [1, 2, 3, 4], 'both keyless twins are stored');
        assert.deepEqual(first.items.map((item) => item.key), ['a', 'b', null, null]);
        assert.deepEqual(first.duplicates, [{ index: 2, seq: 1 }], 'the same key twice in one append');
        assert.equal(store.head('soc').seq, 4);
        const second = await store.append('soc', [entry(5, 1005, 'b'), entry(6, 1006, 'c')]);
        assert.deepEqual(seqs(second.items), [5]);
        assert.deepEqual(second.duplicates, [{ index: 0, seq: 2 }], 'a key from an earlier append');
        const onlyDuplicates = await store.append('soc', [entry(7, 1007, 'a')]);
        assert.deepEqual(onlyDuplicates, { items: [], duplicates: [{ index: 0, seq: 1 }] });
        assert.equal(store.head('soc').seq, 5, 'a duplicate takes no seq');
        const other = await store.append('traffic', [entry(1, 1, 'a')]);
        assert.deepEqual(seqs(other.items), [1], 'keys are per feed');
        await store.close();
        const reopened = await open();
        const third = await reopened.append('soc', [entry(8, 1008, 'c'), entry(9, 1009, 'd')]);
        assert.deepEqual(third.duplicates, [{ index: 0, seq: 5 }], 'the window survives a reopen');
        assert.deepEqual(seqs(third.items), [6]);
        assert.deepEqual(seqs(await reopened.read('soc', 0, 100)), [1, 2, 3, 4, 5, 6], 'no gap');
      });
    });

    test('key dedupe ends with the window', async () => {
      await withLocation(backend, async (open) => {
        const store = await open({ dedupeWindowMs: 1000 });
        await store.append('soc', [entry(1, 1, 'w')]);
        assert.equal((await store.append('soc', [entry(2, 2, 'w')])).duplicates.length, 1, 'inside the window');
        // JetStream forgets ids on a timer of the window's period: up to about twice the window.
        await delay(2600);
        const later = await store.append('soc', [entry(3, 3, 'w')]);
        assert.deepEqual(later.duplicates, []);
        assert.deepEqual(seqs(later.items), [2]);
      });
    });

    test('follow hands every item once, in order, from afterSeq + 1, until unsubscribed', async () => {
      await withLocation(backend, async (open) => {
        const store = await open();
        await store.append('soc', [entry(1), entry(2), entry(3)]);
        const fromStart = collect(store, 'soc', 0);
        const fromTwo = collect(store, 'soc', 2);
        const ahead = collect(store, 'soc', 5);
        for (let i = 4; i <= 40; i += 3) await store.append('soc', [entry(i), entry(i + 1), entry(i + 2)]);
        const all = Array.from({ length: 42 }, (_, i) => i + 1);
        await waitFor(() => fromStart.items.length >= 42 && fromTwo.items.length >= 40 && ahead.items.length >= 37, 10_000, 'followers');
        assert.deepEqual(seqs(fromStart.items), all);
        assert.deepEqual(seqs(fromTwo.items), all.slice(2));
        assert.deepEqual(seqs(ahead.items), all.slice(5));
        assert.deepEqual(JSON.parse(fromStart.items[9]?.json ?? 'null'), { n: 10 });
        fromTwo.stop();
        await store.append('soc', [entry(43, 1043, 'k43')]);
        await waitFor(() => fromStart.items.length >= 43, 10_000, 'the last item');
        assert.equal(fromStart.items[42]?.key, 'k43');
        await delay(200);
        assert.equal(fromTwo.items.length, 40, 'nothing after unsubscribing');
        assert.equal(fromStart.items.length, 43, 'no repeats');
        fromStart.stop();
        ahead.stop();
      });
    });
  });
}

contract(sqliteBackend);
contract(jetStreamBackend());
