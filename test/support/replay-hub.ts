import { join } from 'node:path';
import { Hub } from '../../feeds/hub/hub.js';
import { HistoryRecorder } from '../../feeds/hub/history-recorder.js';
import { ReplayService } from '../../feeds/hub/replay/replay-service.js';
import type { Detection } from '../../feeds/incidents/detection.js';
import { defaultIncidentConfig } from '../../feeds/incidents/incident-config.js';
import { openIncident } from '../../feeds/incidents/lifecycle.js';
import type { Incident } from '../../feeds/protocol/incident.js';
import { REDUCERS } from '../../feeds/state/reducers.js';
import type { LogStore } from '../../feeds/store/log-store.js';
import { SqliteLogStore } from '../../feeds/store/sqlite-log-store.js';
import { openStateStores, type StateStores } from '../../feeds/store/state-stores.js';
import { withLocation, type LogStoreBackend } from './log-store-backends.js';
import { withTempDir } from './temp-dir.js';
import { testConfig } from './test-config.js';

/** A hub with replay, as run-hub builds it: the log on SQLite (history in the same file) or on JetStream. */
export async function withReplayHub(work: (hub: Hub, stores: StateStores, recorder: HistoryRecorder) => Promise<void>, backend: LogStoreBackend | null = null): Promise<void> {
  await withTempDir(async (dir) => {
    const path = join(dir, 'hub.db');
    if (backend) {
      await withLocation(backend, async (open) => runReplayHub(await open(), path, work));
      return;
    }
    await runReplayHub(await SqliteLogStore.open(path, { synchronous: 'NORMAL' }), path, work);
  });
}

async function runReplayHub(store: LogStore, path: string, work: (hub: Hub, stores: StateStores, recorder: HistoryRecorder) => Promise<void>): Promise<void> {
  {
    const stores = await openStateStores(path);
    const hub = await Hub.start({ config: testConfig(), store, reducers: REDUCERS, host: '127.0.0.1', port: 0, replay: new ReplayService({ log: store, history: stores.history, reducers: REDUCERS }) });
    const recorder = new HistoryRecorder(hub, stores.history, { checkpointEveryMs: 3_600_000, keyframeEveryMs: 3_600_000, retentionMs: 24 * 3_600_000 });
    try {
      await work(hub, stores, recorder);
    } finally {
      await recorder.stop();
      await hub.stop();
      await stores.close();
    }
  }
}


/** An incident of kind soc-burst opened at `at` (the replay tests' incident). */
export function incidentAt(id: string, at: number): Incident {
  const detection: Detection = {
    kind: 'soc-burst',
    severity: 'high',
    dedupeKey: `soc-burst:${id}`,
    title: { vi: id, en: id },
    geometry: { type: 'Point', coordinates: [106.3, 20.9] },
    district: null,
    sources: [{ feed: 'soc', ref: id }],
    at,
  };
  return openIncident(detection, id, null, defaultIncidentConfig(), at);
}
