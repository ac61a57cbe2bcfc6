import assert from 'node:assert/strict';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { EnvironmentData } from '../../feeds/protocol/feed-data.js';
import { parseEnvironmentJson } from '../../feeds/sources/environment-formats.js';
import { publishBatch } from '../../feeds/sources/publish-batch.js';
import { numberedLines } from '../../feeds/sources/source-result.js';
import { startTestHub } from '../support/hub-fixture.js';
import { BACKENDS, useFreshStore } from '../support/store-backends.js';
import { startTestSources } from '../support/test-sources.js';

const HOUR_MS = 3_600_000;

function readingsBody(station: string, hourEnds: readonly number[], pm25: number): string {
  return hourEnds.map((hourEnd) => JSON.stringify({ station, time: new Date(hourEnd).toISOString(), parameter: 'PM2.5', value: pm25, unit: 'ug/m3' })).join('\n');
}

/** Start a hub (log in `dir`) and its sources on `store`, post one body of readings, stop both; the `reading` items it logged. */
async function postAndStop(dir: string, store: string, body: string): Promise<EnvironmentData[]> {
  const hub = await startTestHub(dir);
  const sources = await startTestSources(hub, store, { region: null });
  try {
    const before = hub.channel('environment').seq;
    await publishBatch(hub, parseEnvironmentJson(numberedLines(body), sources.context));
    return (await hub.readLog('environment', before, 100)).map((item) => EnvironmentData.parse(JSON.parse(item.json)));
  } finally {
    await sources.stop();
    await hub.stop();
  }
}

for (const backend of BACKENDS) {
  describe(`station hours on ${backend.name}`, () => {
    test('after a hub restart an ingested station keeps its NowCast: the hour means of the last run are restored', { timeout: 30_000 }, async (t) => {
      const { dir, location } = await useFreshStore(t, backend);
      const last = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
      const [h1, h2, h3] = [last - 2 * HOUR_MS, last - HOUR_MS, last];
      await postAndStop(dir, location, readingsBody('ST-RESTART', [h1, h2], 40));
      // One new hour after the restart: NowCast over 40, 40, 40 = 40 → PM2.5 sub-index 50 + 50·(40 − 25)/25 = 80.
      const after = await postAndStop(dir, location, readingsBody('ST-RESTART', [h3!], 40));
      const reading = after.find((item) => item.kind === 'reading');
      assert.ok(reading?.kind === 'reading' && reading.hourEnd === h3);
      assert.equal(reading.hourly?.aqi, 80, `hourly VN_AQI right after the restart: ${JSON.stringify(reading.hourly)}`);
      // An hour older than the last published one stays unpublished after the restart too.
      const late = await postAndStop(dir, location, readingsBody('ST-RESTART', [h1!], 40));
      assert.deepEqual(late, []);
    });

    test('a file source saves the hour means of a chunk that publishes nothing (a late, older hour) for the next start', { timeout: 30_000 }, async (t) => {
      const fresh = await useFreshStore(t, backend);
      const last = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
      const path = join(fresh.dir, 'readings.ndjson');
      await writeFile(path, `${readingsBody('ST-FILE', [last - HOUR_MS, last], 40)}\n`);
      const hub = await startTestHub(fresh.dir);
      fresh.defer(() => hub.stop());
      const sources = await startTestSources(hub, fresh.location, { region: null, files: [{ type: 'environment-json', path, follow: true }], fileOptions: { pollMs: 20 } });
      fresh.defer(() => sources.stop());
      const file = sources.files[0];
      assert.ok(file);
      await file.poll();
      assert.equal(hub.channel('environment').seq, 2);
      // An hour older than the last published one: no item, but its mean must still be saved.
      await appendFile(path, `${readingsBody('ST-FILE', [last - 2 * HOUR_MS], 40)}\n`);
      await file.poll();
      assert.equal(hub.channel('environment').seq, 2, 'nothing published for the late hour');
      const saved = await sources.stores.stationHours.load(last - 3 * HOUR_MS);
      assert.deepEqual(saved.filter((r) => r.station === 'ST-FILE').map((r) => r.hourEnd), [last - 2 * HOUR_MS, last - HOUR_MS, last]);
    });
  });
}
