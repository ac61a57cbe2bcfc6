import { join } from 'node:path';
import { Hub } from '../../feeds/hub/hub.js';
import type { HubConfig } from '../../feeds/hub/hub-config.js';
import { REDUCERS } from '../../feeds/state/reducers.js';
import { SqliteLogStore } from '../../feeds/store/sqlite-log-store.js';
import { testConfig } from './test-config.js';

/** A real hub on 127.0.0.1 with a real SQLite file in `dir`. */
export async function startTestHub(dir: string, config: HubConfig = testConfig()): Promise<Hub> {
  const store = await SqliteLogStore.open(join(dir, 'hub.db'), { synchronous: 'NORMAL' });
  return Hub.start({ config, store, reducers: REDUCERS, host: '127.0.0.1', port: 0 });
}

export function streamUrl(hub: Hub): string {
  return `ws://127.0.0.1:${hub.port}/v1/stream`;
}

/** A valid soc item with a unique id, for tests that need many small events. */
export function socAlert(n: number): Record<string, unknown> {
  return {
    kind: 'alert',
    id: `test-${n}`,
    sensor: 'suricata',
    observedAt: 1_763_800_000_000 + n,
    srcIp: '203.0.113.7',
    srcPort: 40000 + (n % 20000),
    destIp: '10.61.1.10',
    destPort: 443,
    proto: 'TCP',
    signature: 'ET SCAN Potential SSH Scan',
    signatureId: 2001219,
    category: 'Attempted Information Leak',
    severity: 2,
    agency: null,
  };
}
