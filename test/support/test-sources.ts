import type { Hub } from '../../feeds/hub/hub.js';
import { startSources, type RunningSources } from '../../feeds/sources/start-sources.js';
import { openStateStores, type StateStores } from '../../feeds/store/state-stores.js';

export interface TestSources extends RunningSources {
  readonly stores: StateStores;
}

/**
 * startSources as run-hub wires it: the state stores opened at `location` (a SQLite path — the hub's log file in
 * most tests — or a PostgreSQL URL), closed again by `stop` after the sources.
 */
export async function startTestSources(hub: Hub, location: string, options: Omit<Parameters<typeof startSources>[1], 'stores'>): Promise<TestSources> {
  const stores = await openStateStores(location);
  let sources: RunningSources;
  try {
    sources = await startSources(hub, { ...options, stores });
  } catch (error) {
    await stores.close();
    throw error;
  }
  let stopping: Promise<void> | null = null;
  return {
    ...sources,
    stores,
    // Idempotent, as the tests' cleanup may call it after the test body did.
    stop: () =>
      (stopping ??= (async () => {
        await sources.stop();
        await stores.close();
      })()),
  };
}
