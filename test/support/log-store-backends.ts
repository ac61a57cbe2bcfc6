import { join } from 'node:path';
import { JetStreamLogStore } from '../../feeds/store/jetstream/jetstream-log-store.js';
import type { LogStore } from '../../feeds/store/log-store.js';
import { SqliteLogStore } from '../../feeds/store/sqlite-log-store.js';
import { deletePrefix, randomPrefix, TEST_NATS } from './jetstream-prefix.js';
import { makeTempDir } from './temp-dir.js';

export interface StoreOptions {
  readonly dedupeWindowMs?: number;
}

/** One log location (a SQLite file, a JetStream prefix): opened as often as a test likes, removed once. */
export interface LogLocation {
  open(options?: StoreOptions): Promise<LogStore>;
  remove(): Promise<void>;
}

export interface LogStoreBackend {
  readonly name: string;
  create(): Promise<LogLocation>;
}

export const sqliteBackend: LogStoreBackend = {
  name: 'sqlite',
  async create() {
    const dir = await makeTempDir();
    return {
      open: (options = {}) => SqliteLogStore.open(join(dir.path, 'log.db'), { synchronous: 'NORMAL', ...options }),
      remove: () => dir.remove(),
    };
  },
};

export function jetStreamBackend(servers: string = TEST_NATS): LogStoreBackend {
  return {
    name: 'jetstream',
    async create() {
      const prefix = randomPrefix();
      return {
        // clockSkewMs 0: hub and server share this machine's clock, so time-based answers can be exact in tests.
        open: (options = {}) =>
          JetStreamLogStore.open({ servers, prefix, retentionMs: 24 * 3600 * 1000, clockSkewMs: 0, name: 'test', ...options }),
        remove: async () => {
          await deletePrefix(servers, prefix);
        },
      };
    },
  };
}

/**
 * Run `work` with a fresh location; every store it opened through `open` is closed and the location removed after,
 * also when the work fails (no streams or files left behind).
 */
export async function withLocation<T>(backend: LogStoreBackend, work: (open: (options?: StoreOptions) => Promise<LogStore>) => Promise<T>): Promise<T> {
  const location = await backend.create();
  const opened: LogStore[] = [];
  try {
    return await work(async (options) => {
      const store = await location.open(options);
      opened.push(store);
      return store;
    });
  } finally {
    for (const store of opened) await store.close().catch(() => undefined);
    await location.remove();
  }
}
