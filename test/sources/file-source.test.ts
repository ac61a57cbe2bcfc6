import assert from 'node:assert/strict';
import { appendFile, rename, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Hub } from '../../feeds/hub/hub.js';
import { sha256, storedFingerprint } from '../../feeds/sources/publish-batch.js';
import type { RunningSources } from '../../feeds/sources/start-sources.js';
import { openStateStores } from '../../feeds/store/state-stores.js';
import { startTestSources } from '../support/test-sources.js';
import { startTestHub } from '../support/hub-fixture.js';
import { BACKENDS, useFreshStore } from '../support/store-backends.js';
import { waitFor, withTempDir } from '../support/temp-dir.js';
import { eveAlertLine, eveFlowLine, flowNumbers } from './eve-lines.js';
import { haiDuong } from './support.js';

const lines = (from: number, to: number): string => Array.from({ length: to - from }, (_, i) => `${eveAlertLine(from + i)}\n`).join('');

async function socLog(hub: Hub): Promise<string[]> {
  return (await hub.readLog('soc', 0, 100_000)).map((item) => item.json);
}

// Everything a test started, stopped in its `finally` even when an assertion fails (stop is idempotent): a source left
// polling would keep the test process alive.
const started: { hub: Hub; sources: RunningSources }[] = [];
async function stopAll(): Promise<void> {
  for (const { hub, sources } of started.splice(0)) {
    await sources.stop();
    await hub.stop();
  }
}

/** A hub (log in `dir`) with one suricata-eve file source; its state stores in the log's file, or at `store`. */
async function start(dir: string, path: string, store: string = join(dir, 'hub.db')): Promise<{ hub: Hub; sources: RunningSources }> {
  const hub = await startTestHub(dir);
  const sources = await startTestSources(hub, store, {
    region: await haiDuong(),
    files: [{ type: 'suricata-eve', path, follow: true }],
    fileOptions: { pollMs: 20 },
  });
  started.push({ hub, sources });
  return { hub, sources };
}

function exactlyOnce(numbers: readonly number[], count: number): void {
  const sorted = [...numbers].sort((a, b) => a - b);
  assert.deepEqual(sorted, Array.from({ length: count }, (_, i) => i), `expected 0…${count - 1} once each`);
}

test('file source: growth, a partial line, rotation by rename, truncation and a hub restart — every alert exactly once', { timeout: 60_000 }, async () => {
  await withTempDir(async (dir) => {
    try {
      const path = join(dir, 'eve.json');
      await writeFile(path, lines(0, 8) + `${eveFlowLine(1)}\nnot json\n`);
      let { hub, sources } = await start(dir, path);
      const settle = async (count: number, what: string): Promise<void> => {
        await waitFor(() => hub.health().feeds['soc']?.seq === count, 30_000, what);
      };
      await settle(8, 'the first 8 alerts');
      const file = sources.files[0];
      assert.ok(file);
      await file.poll(); // waits for the step that published them to finish its bookkeeping
      assert.equal(file.stats.ignored, 1);
      assert.equal(file.stats.rejected, 1);

      // A line being written is not read until its newline arrives.
      const half = eveAlertLine(8);
      await appendFile(path, half.slice(0, 50));
      await file.poll();
      assert.equal(hub.health().feeds['soc']?.seq, 8);
      await appendFile(path, `${half.slice(50)}\n${eveAlertLine(9)}\n`);
      await settle(10, 'the completed line');

      // logrotate without copytruncate: rename, the writer still appends to the old file, then a new file appears.
      await rename(path, `${path}.1`);
      await appendFile(`${path}.1`, lines(10, 13));
      await writeFile(path, lines(13, 16));
      await settle(16, 'the old file drained and the new one read');
      assert.equal(file.stats.rotations, 1);

      // copytruncate: same inode, shorter.
      await truncate(path, 0);
      await file.poll();
      await appendFile(path, lines(16, 18));
      await settle(18, 'the truncated file read again from its start');
      assert.equal(file.stats.truncations, 1);

      // Restart: lines written while the hub is down are read once; nothing before them again.
      await sources.stop();
      await hub.stop();
      await appendFile(path, `${lines(18, 22)}garbage after restart\n`);
      ({ hub, sources } = await start(dir, path));
      await settle(22, 'the lines written while down');
      await sources.files[0]?.poll();
      exactlyOnce(flowNumbers(await socLog(hub)), 22);
      // Quarantine: the two bad lines, each once, with the file as origin.
      const rows = await sources.quarantine.list();
      assert.deepEqual(rows.map((row) => row.raw).sort(), ['garbage after restart', 'not json']);
      assert.match(rows[0]?.origin ?? '', /^file .*eve\.json$/);
      await sources.stop();
      await hub.stop();
    } finally {
      await stopAll();
    }
  });
});

test('file source: a file rotated away while the hub was down is read to its end before the new file', { timeout: 60_000 }, async () => {
  await withTempDir(async (dir) => {
    try {
      const path = join(dir, 'eve.json');
      await writeFile(path, lines(0, 5));
      let { hub, sources } = await start(dir, path);
      await waitFor(() => hub.health().feeds['soc']?.seq === 5, 30_000, 'the first 5 alerts');
      await sources.files[0]?.poll();
      await sources.stop();
      await hub.stop();
      // While the hub is down the writer appends, logrotate renames (dateext) and a new file starts.
      await appendFile(path, lines(5, 9));
      await rename(path, `${path}-20261130`);
      await writeFile(path, lines(9, 12));
      ({ hub, sources } = await start(dir, path));
      await waitFor(() => hub.health().feeds['soc']?.seq === 12, 30_000, 'the rest of the rotated file, then the new file');
      await sources.files[0]?.poll();
      exactlyOnce(flowNumbers(await socLog(hub)), 12);
      assert.equal(sources.files[0]?.stats.rotations, 1);
    } finally {
      await stopAll();
    }
  });
});

for (const backend of BACKENDS) {
  test(`file source recovery on ${backend.name}: a pending chunk found in the log is skipped, one not found is read again (and its keys store nothing twice)`, { timeout: 60_000 }, async (t) => {
    const { dir, location } = await useFreshStore(t, backend);
    try {
      const path = join(dir, 'eve.json');
      await writeFile(path, lines(0, 3));
      let { hub, sources } = await start(dir, path, location);
      await waitFor(() => hub.health().feeds['soc']?.seq === 3, 30_000, 'three alerts');
      await sources.files[0]?.poll(); // the publishing step has finished (offset saved)
      const key = sources.files[0]?.key ?? '';
      const done = sources.files[0]?.position;
      assert.ok(done && done.offset === (await stat(path)).size && done.line === 3);
      const stored = await socLog(hub);
      await sources.stop();
      await hub.stop();

      // As if the hub died after the commit of the chunk but before its offset was saved.
      const rewind = async (pendingHash: string): Promise<void> => {
        const store = await openStateStores(location);
        await store.offsets.save(key, {
          ...done,
          offset: 0,
          line: 0,
          pending: { toOffset: done.offset, toLine: done.line, afterSeq: 0, count: 3, firstHash: sha256(stored[0] ?? ''), hash: pendingHash },
        });
        await store.close();
      };
      await rewind(storedFingerprint(stored));
      ({ hub, sources } = await start(dir, path, location));
      await sources.files[0]?.poll();
      assert.equal(hub.health().feeds['soc']?.seq, 3, 'a committed chunk is not published twice');
      assert.equal(sources.files[0]?.position.offset, done.offset);
      await sources.stop();
      await hub.stop();

      // As if the hub died before the commit: the chunk is not found in the log (hash differs) → read again. Here
      // it is in fact there, so the alerts' keys keep the second reading from storing them twice.
      await rewind('0'.repeat(64));
      ({ hub, sources } = await start(dir, path, location));
      await waitFor(() => sources.files[0]?.position.offset === done.offset, 30_000, 'the chunk read again');
      assert.equal(hub.health().feeds['soc']?.seq, 3, 'read again, stored once');
      await sources.stop();
      await hub.stop();
    } finally {
      await stopAll();
    }
  });
}

test('environment-csv file source: the header is read from line 1 after a restart; readings continue', { timeout: 60_000 }, async () => {
  await withTempDir(async (dir) => {
    try {
      const path = join(dir, 'readings.csv');
      // The last three complete hours: the restarted hub restores saved hour means from the last 54 h only.
      const lastHour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
      const row = (hour: number, value: number): string => `${new Date(lastHour - (3 - hour) * 3_600_000).toISOString()},${value},µg/m³,PM2.5,HD-AQ-05\n`;
      // Columns in an unusual order: only the header says which is which.
      await writeFile(path, `time,value,unit,parameter,station\n${row(1, 20)}${row(2, 30)}`);
      const open = async (): Promise<{ hub: Hub; sources: RunningSources }> => {
        const hub = await startTestHub(dir);
        const sources = await startTestSources(hub, join(dir, 'hub.db'), {
          region: await haiDuong(),
          files: [{ type: 'environment-csv', path, follow: true }],
          fileOptions: { pollMs: 20 },
        });
        started.push({ hub, sources });
        return { hub, sources };
      };
      let { hub, sources } = await open();
      await waitFor(() => hub.health().feeds['environment']?.seq === 2, 30_000, 'two readings');
      await sources.stop();
      await hub.stop();
      await appendFile(path, row(3, 40));
      ({ hub, sources } = await open());
      await waitFor(() => hub.health().feeds['environment']?.seq === 3, 30_000, 'the third reading');
      const last = JSON.parse((await hub.readLog('environment', 2, 1))[0]?.json ?? '{}') as { station: string; values: { pm25: number }; hourly: unknown };
      assert.equal(last.station, 'HD-AQ-05');
      assert.equal(last.values.pm25, 40);
      // The hour means of 01:00 and 02:00 were saved and restored: 3 of the 3 latest hours → NowCast at once.
      assert.ok(last.hourly !== null, 'hourly VN_AQI right after the restart');
      assert.equal(sources.files[0]?.stats.rejected, 0);
      await sources.stop();
      await hub.stop();
    } finally {
      await stopAll();
    }
  });
});
