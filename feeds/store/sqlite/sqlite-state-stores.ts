import type { StateStores } from '../state-stores.js';
import { SqliteIncidentStore } from './incident-store-sqlite.js';
import { SqliteQuarantineStore } from './quarantine-store-sqlite.js';
import { SqliteReplayHistory } from './replay-history-sqlite.js';
import { SqliteSourceOffsets } from './source-offsets-sqlite.js';
import { SqliteSourceTables } from './source-tables-sqlite.js';
import { SqliteStationHoursStore } from './station-hours-store-sqlite.js';

/**
 * Today's layout: every state table in one SQLite file (by default the hub's --db file, beside the log), on two
 * connections — the incident store's (synchronous=FULL) and the sources' (quarantine, station hours, offsets).
 */
export async function openSqliteStateStores(path: string): Promise<StateStores> {
  const incidents = await SqliteIncidentStore.open(path);
  let tables: SqliteSourceTables;
  try {
    tables = await SqliteSourceTables.open(path);
  } catch (error) {
    await incidents.close();
    throw error;
  }
  const quarantine = new SqliteQuarantineStore(tables);
  let history: SqliteReplayHistory;
  try {
    history = await SqliteReplayHistory.open(path);
  } catch (error) {
    await Promise.all([incidents.close(), quarantine.close()]);
    throw error;
  }
  return {
    history,
    incidents,
    quarantine,
    stationHours: new SqliteStationHoursStore(tables),
    offsets: new SqliteSourceOffsets(tables),
    describe: `SQLite ${path}`,
    async close() {
      await Promise.all([incidents.close(), quarantine.close(), history.close()]);
    },
  };
}
