import { join } from 'node:path';
import { Hub } from '../../feeds/hub/hub.js';
import type { HubConfig } from '../../feeds/hub/hub-config.js';
import { HubIncidents } from '../../feeds/incidents/hub-incidents.node.js';
import type { Incident } from '../../feeds/protocol/incident.js';
import { REDUCERS } from '../../feeds/state/reducers.js';
import { SqliteDatabase } from '../../feeds/store/sqlite-database.js';
import type { AuditDbRow } from '../../feeds/store/incident-store.js';
import { SqliteLogStore } from '../../feeds/store/sqlite-log-store.js';
import type { StreamClient } from '../support/stream-client.js';
import { testConfig } from '../support/test-config.js';

export interface IncidentHub {
  readonly hub: Hub;
  readonly incidents: HubIncidents;
  readonly dbPath: string;
  stop(): Promise<void>;
}

/** A real hub with the incident engine wired as run-hub.ts does, on a real SQLite file in `dir`. */
export async function startIncidentHub(dir: string, config: HubConfig = testConfig(), checkEveryMs = 100): Promise<IncidentHub> {
  const dbPath = join(dir, 'hub.db');
  const store = await SqliteLogStore.open(dbPath, { synchronous: 'NORMAL' });
  const incidents = new HubIncidents();
  const hub = await Hub.start({
    config,
    store,
    reducers: REDUCERS,
    host: '127.0.0.1',
    port: 0,
    operations: incidents.operations,
    onCommitted: incidents.onCommitted,
  });
  await incidents.attach(hub, dbPath, undefined, checkEveryMs);
  return {
    hub,
    incidents,
    dbPath,
    async stop() {
      await incidents.stop();
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

export async function auditRows(path: string): Promise<AuditRow[]> {
  const db = await SqliteDatabase.open(path);
  try {
    return await db.all<AuditRow>('SELECT id, actor, role, action, incident_id, op_id, outcome FROM incident_audit ORDER BY id');
  } finally {
    await db.close();
  }
}

/** Send an operation and wait for its `result` (the n-th one with this opId, for duplicate tests). */
export async function sendOp(client: StreamClient, frame: { op: string; incident: string; opId: string; [key: string]: unknown }, timeoutMs = 5000): Promise<Record<string, unknown>> {
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
