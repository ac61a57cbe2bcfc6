import { join } from 'node:path';
import { Hub } from '../../feeds/hub/hub.js';
import type { HubConfig } from '../../feeds/hub/hub-config.js';
import { HubIncidents } from '../../feeds/incidents/hub-incidents.node.js';
import type { Incident } from '../../feeds/protocol/incident.js';
import { REDUCERS } from '../../feeds/state/reducers.js';
import type { AuditDbRow } from '../../feeds/store/audit-chain.js';
import { SqliteLogStore } from '../../feeds/store/sqlite-log-store.js';
import { openStateReader } from '../../feeds/store/state-reader.js';
import { openStateStores, type StateStores } from '../../feeds/store/state-stores.js';
import { StreamClient } from '../support/stream-client.js';
import { waitFor } from '../support/temp-dir.js';
import { testConfig } from '../support/test-config.js';

export interface IncidentHub {
  readonly hub: Hub;
  readonly incidents: HubIncidents;
  readonly dbPath: string;
  /** Where the incident tables are: `dbPath`, or the `store` location given. */
  readonly storeLocation: string;
  readonly stores: StateStores;
  stop(): Promise<void>;
}

/**
 * A real hub with the incident engine wired as run-hub.ts does, its log on a real SQLite file in `dir` and its state
 * stores in the same file, or at `store` (a PostgreSQL URL).
 */
export async function startIncidentHub(dir: string, config: HubConfig = testConfig(), checkEveryMs = 100, store?: string): Promise<IncidentHub> {
  const dbPath = join(dir, 'hub.db');
  const storeLocation = store ?? dbPath;
  const stores = await openStateStores(storeLocation);
  const log = await SqliteLogStore.open(dbPath, { synchronous: 'NORMAL' });
  const incidents = new HubIncidents();
  const hub = await Hub.start({
    config,
    store: log,
    reducers: REDUCERS,
    host: '127.0.0.1',
    port: 0,
    operations: incidents.operations,
    onCommitted: incidents.onCommitted,
  });
  await incidents.attach(hub, stores.incidents, undefined, checkEveryMs);
  return {
    hub,
    incidents,
    dbPath,
    storeLocation,
    stores,
    async stop() {
      await incidents.stop();
      await stores.close();
      await hub.stop();
    },
  };
}

/** A traffic accident item (the accident rule raises an incident for every one). */
export function accident(id: string, severity: 'minor' | 'serious' | 'fatal' = 'serious'): Record<string, unknown> {
  return {
    kind: 'accident',
    id,
    segmentId: 'QL5-001',
    position: [106.33, 20.94],
    severity,
    lanesBlocked: 1,
    description: { vi: 'Va chạm giữa hai xe', en: 'Two vehicles collided' },
  };
}

/** Every version of every incident a client has received on the `incidents` feed (snapshot state, then events). */
export function incidentVersions(client: StreamClient): Incident[] {
  const out: Incident[] = [];
  for (const frame of client.snapshots) {
    if (frame['feed'] !== 'incidents') continue;
    const state = frame['state'] as { incidents: Record<string, Incident> };
    out.push(...Object.values(state.incidents));
  }
  for (const data of client.data.get('incidents') ?? []) out.push((data as { incident: Incident }).incident);
  return out;
}

/** The latest version of each incident a client has seen, by id. */
export function latestIncidents(client: StreamClient): Map<string, Incident> {
  const latest = new Map<string, Incident>();
  for (const incident of incidentVersions(client)) latest.set(incident.id, incident);
  return latest;
}

export type AuditRow = Pick<AuditDbRow, 'id' | 'actor' | 'role' | 'action' | 'incident_id' | 'op_id' | 'outcome'>;

/** The audit rows at a store location (a SQLite path or a PostgreSQL URL), read as `npm run audit` reads them. */
export async function auditRows(location: string): Promise<AuditRow[]> {
  const reader = await openStateReader(location);
  try {
    const rows = (await reader.auditRows()) ?? [];
    return rows.map(({ id, actor, role, action, incident_id, op_id, outcome }) => ({ id, actor, role, action, incident_id, op_id, outcome }));
  } finally {
    await reader.close();
  }
}

/** Send an operation and wait for its `result` (the n-th one with this opId, for duplicate tests). */
export async function sendOp(client: StreamClient, frame: { op: string; incident?: string; opId: string; [key: string]: unknown }, timeoutMs = 5000): Promise<Record<string, unknown>> {
  const before = client.framesOfType('result').filter((f) => f['opId'] === frame.opId).length;
  client.send(frame);
  const started = Date.now();
  for (;;) {
    const results = client.framesOfType('result').filter((f) => f['opId'] === frame.opId);
    if (results.length > before) return results[before] as Record<string, unknown>;
    if (Date.now() - started > timeoutMs) throw new Error(`no result for ${frame.op} ${frame.opId} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A client on `url` that is welcomed, subscribed to `incidents` and has its snapshot. */
export async function incidentsClient(url: string, token: string): Promise<StreamClient> {
  const client = new StreamClient(url, token);
  const welcome = await client.connect();
  if (welcome.type !== 'welcome') throw new Error(`expected a welcome, got ${welcome.type}`);
  client.subscribe(['incidents']);
  await waitFor(() => client.snapshots.some((s) => s['feed'] === 'incidents'), 5000, 'incidents snapshot');
  return client;
}
