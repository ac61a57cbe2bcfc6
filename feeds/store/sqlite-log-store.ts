import { randomBytes } from 'node:crypto';
import { LOGGED_FEEDS, type LoggedFeed } from '../protocol/feed-names.js';
import { entryKeys } from './append-entries.js';
import { CatchUpFollower } from './catch-up-follower.js';
import { KeyWindow } from './key-window.js';
import {
  DEFAULT_DEDUPE_WINDOW_MS,
  type AppendEntry,
  type AppendOutcome,
  type Checkpoint,
  type FeedHead,
  type FollowListener,
  type LogStore,
  type StoredItem,
} from './log-store.js';
import { SqliteDatabase } from './sqlite-database.js';

export interface SqliteLogStoreOptions {
  /** FULL fsyncs every group commit (survives power loss); NORMAL survives a process crash only. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** An entry whose key was stored within this window is not stored again (default 1 h). */
  readonly dedupeWindowMs?: number;
}

interface MutableHead {
  epoch: string;
  seq: number;
  nextSeq: number;
  firstSeq: number;
  lastTs: number;
  readonly keys: KeyWindow;
  readonly followers: Set<CatchUpFollower>;
}

interface PendingAppend {
  readonly feed: LoggedFeed;
  readonly items: StoredItem[];
  readonly duplicates: { index: number; seq: number }[];
  readonly storedAt: number;
  readonly resolve: (outcome: AppendOutcome) => void;
  readonly reject: (error: Error) => void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS feeds (
  feed TEXT PRIMARY KEY,
  epoch TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  last_ts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS log (
  feed TEXT NOT NULL,
  seq INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  data TEXT NOT NULL,
  key TEXT,
  stored_at INTEGER,
  PRIMARY KEY (feed, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS log_feed_ts ON log (feed, ts);
CREATE TABLE IF NOT EXISTS checkpoints (
  feed TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  state TEXT NOT NULL
);
`;

/**
 * Columns added after the first release, with their type: a file made before them gets them by ALTER TABLE at open
 * (rows already there keep NULL: they have no key). `stored_at` is when the row was appended (not its item ts, which
 * a simulator back-dates): the dedupe window counts from it, as JetStream's does from its receive time.
 */
const ADDED_LOG_COLUMNS = [
  ['key', 'TEXT'],
  ['stored_at', 'INTEGER'],
] as const;

/** After the migration: rebuilding the key window at open reads only keyed rows of the last window. */
const KEY_INDEX = 'CREATE INDEX IF NOT EXISTS log_feed_keyed ON log (feed, stored_at) WHERE key IS NOT NULL;';

const INSERT_COLUMNS = 6;
/** Rows per multi-row INSERT: 6 parameters a row stays below SQLite's historical limit of 999 parameters. */
const INSERT_CHUNK = 150;

export function newEpoch(): string {
  return randomBytes(8).toString('hex');
}

/**
 * LogStore on one SQLite file in WAL mode. Appends made in the same turn of the event loop share one transaction
 * (group commit); their promises resolve after COMMIT returns, so the hub never sends an item that is not durable.
 * A failed commit leaves seqs assigned but unwritten, so the store refuses further appends (the hub exits and a
 * restart continues from the last committed seq — crash-only, never a gap).
 *
 * Dedupe: an in-memory window of the keys stored in the last `dedupeWindowMs` (rebuilt from the log at open) is
 * checked synchronously in `append`, before seqs are assigned, so a duplicate never leaves a seq gap. Followers are
 * called with each committed batch right before its append promise resolves; only this process appends to the file.
 */
export class SqliteLogStore implements LogStore {
  readonly shared = false;
  readonly #db: SqliteDatabase;
  readonly #dedupeWindowMs: number;
  readonly #heads = new Map<LoggedFeed, MutableHead>();
  #pending: PendingAppend[] = [];
  #flushScheduled = false;
  #committing = false;
  #writeChain: Promise<unknown> = Promise.resolve();
  #broken: Error | null = null;

  get failure(): Error | null {
    return this.#broken;
  }
  #closed = false;

  private constructor(db: SqliteDatabase, dedupeWindowMs: number) {
    this.#db = db;
    this.#dedupeWindowMs = dedupeWindowMs;
  }

  static async open(path: string, options: SqliteLogStoreOptions = {}): Promise<SqliteLogStore> {
    const dedupeWindowMs = options.dedupeWindowMs ?? DEFAULT_DEDUPE_WINDOW_MS;
    if (!(Number.isFinite(dedupeWindowMs) && dedupeWindowMs > 0)) throw new RangeError('dedupeWindowMs must be a positive number');
    const db = await SqliteDatabase.open(path);
    await db.exec('PRAGMA journal_mode = WAL;');
    await db.exec(`PRAGMA synchronous = ${options.synchronous ?? 'FULL'};`);
    await db.exec('PRAGMA busy_timeout = 5000;');
    await db.exec(SCHEMA);
    await SqliteLogStore.#migrate(db);
    const store = new SqliteLogStore(db, dedupeWindowMs);
    await store.#loadHeads();
    return store;
  }

  static async #migrate(db: SqliteDatabase): Promise<void> {
    const columns = new Set((await db.all<{ name: string }>('PRAGMA table_info(log)')).map((column) => column.name));
    for (const [name, type] of ADDED_LOG_COLUMNS) {
      if (!columns.has(name)) await db.exec(`ALTER TABLE log ADD COLUMN ${name} ${type};`);
    }
    await db.exec(KEY_INDEX);
  }

  async #loadHeads(): Promise<void> {
    const now = Date.now();
    for (const feed of LOGGED_FEEDS) {
      let row = await this.#db.get<{ epoch: string; last_seq: number; last_ts: number }>(
        'SELECT epoch, last_seq, last_ts FROM feeds WHERE feed = ?',
        [feed],
      );
      if (!row) {
        row = { epoch: newEpoch(), last_seq: 0, last_ts: 0 };
        await this.#db.run('INSERT INTO feeds (feed, epoch, last_seq, last_ts, created_at) VALUES (?, ?, 0, 0, ?)', [
          feed,
          row.epoch,
          now,
        ]);
      }
      // The log's own max wins over the feeds row: both are written in one transaction, this is belt and braces.
      const max = await this.#db.get<{ max: number | null; min: number | null }>(
        'SELECT MAX(seq) AS max, MIN(seq) AS min FROM log WHERE feed = ?',
        [feed],
      );
      const seq = Math.max(row.last_seq, max?.max ?? 0);
      const keys = new KeyWindow(this.#dedupeWindowMs);
      const keyed = await this.#db.all<{ key: string; seq: number; stored_at: number }>(
        'SELECT key, seq, stored_at FROM log WHERE feed = ? AND key IS NOT NULL AND stored_at > ? ORDER BY stored_at, seq',
        [feed, now - this.#dedupeWindowMs],
      );
      for (const entry of keyed) keys.add(entry.key, entry.seq, entry.stored_at);
      this.#heads.set(feed, {
        epoch: row.epoch,
        seq,
        nextSeq: seq + 1,
        firstSeq: max?.min ?? seq + 1,
        lastTs: row.last_ts,
        keys,
        followers: new Set(),
      });
    }
  }

  #head(feed: LoggedFeed): MutableHead {
    const head = this.#heads.get(feed);
    if (!head) throw new Error(`unknown logged feed "${feed}"`);
    return head;
  }

  head(feed: LoggedFeed): FeedHead {
    const { epoch, seq, firstSeq, lastTs } = this.#head(feed);
    return { epoch, seq, firstSeq, lastTs };
  }

  append(feed: LoggedFeed, entries: readonly AppendEntry[]): Promise<AppendOutcome> {
    if (this.#broken) return Promise.reject(new Error(`log store is unusable after a failed commit: ${this.#broken.message}`));
    if (this.#closed) return Promise.reject(new Error('log store is closed'));
    let keys: (string | null)[];
    try {
      keys = entryKeys(entries);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    if (entries.length === 0) return Promise.resolve({ items: [], duplicates: [] });
    const head = this.#head(feed);
    const storedAt = Date.now();
    const items: StoredItem[] = [];
    const duplicates: { index: number; seq: number }[] = [];
    // Synchronous, before any seq of this batch is assigned: a duplicate takes no seq, so there is no gap. A key of a
    // batch still in a group commit is in the window already, so concurrent appends dedupe against each other too.
    entries.forEach((entry, index) => {
      const key = keys[index] ?? null;
      const held = key === null ? undefined : head.keys.seqOf(key, storedAt);
      if (held !== undefined) {
        duplicates.push({ index, seq: held });
        return;
      }
      const item = { seq: head.nextSeq++, ts: entry.ts, json: entry.json, key };
      if (key !== null) head.keys.add(key, item.seq, storedAt);
      items.push(item);
    });
    // A batch of duplicates only still waits for the next commit: the seqs it names may belong to a batch in flight.
    return new Promise<AppendOutcome>((resolve, reject) => {
      this.#pending.push({ feed, items, duplicates, storedAt, resolve, reject });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  /**
   * Group commit: while one transaction is in flight, appends accumulate; when it ends, everything pending goes in
   * the next one. Under load that is one fsync for many batches; seqs were assigned at append time, so order holds.
   */
  #flush(): void {
    this.#flushScheduled = false;
    if (this.#committing) return;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return;
    this.#committing = true;
    this.#serialWrite(async () => {
      await this.#db.transaction(async () => {
        const lastByFeed = new Map<LoggedFeed, StoredItem>();
        const rows: (string | number | null)[][] = [];
        for (const pending of batch) {
          for (const item of pending.items) rows.push([pending.feed, item.seq, item.ts, item.json, item.key, pending.storedAt]);
          const last = pending.items[pending.items.length - 1];
          if (last) lastByFeed.set(pending.feed, last);
        }
        const placeholders = `(${Array.from({ length: INSERT_COLUMNS }, () => '?').join(', ')})`;
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
          const chunk = rows.slice(i, i + INSERT_CHUNK);
          await this.#db.run(
            `INSERT INTO log (feed, seq, ts, data, key, stored_at) VALUES ${chunk.map(() => placeholders).join(', ')}`,
            chunk.flat(),
          );
        }
        for (const [feed, last] of lastByFeed) {
          await this.#db.run('UPDATE feeds SET last_seq = ?, last_ts = ? WHERE feed = ?', [last.seq, last.ts, feed]);
        }
      });
    }).then(
      () => {
        for (const pending of batch) {
          const head = this.#head(pending.feed);
          const last = pending.items[pending.items.length - 1];
          if (last) {
            head.seq = last.seq;
            head.lastTs = last.ts;
            for (const follower of head.followers) follower.deliver(pending.items);
          }
          pending.resolve({ items: pending.items, duplicates: pending.duplicates });
        }
      },
      (error: unknown) => {
        this.#broken = error instanceof Error ? error : new Error(String(error));
        for (const pending of batch) pending.reject(this.#broken);
      },
    ).finally(() => {
      this.#committing = false;
      if (this.#pending.length > 0) this.#flush();
    });
  }

  #serialWrite<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#writeChain.then(work, work);
    this.#writeChain = run.catch(() => undefined);
    return run;
  }

  async read(feed: LoggedFeed, afterSeq: number, limit: number): Promise<StoredItem[]> {
    const head = this.#head(feed);
    // Bound by the committed head: a read on this connection could otherwise see a group commit in progress.
    // The rows come in StoredItem's shape (data AS json): a replay reads thousands a page, each copy is garbage.
    return this.#db.all<StoredItem>(
      'SELECT seq, ts, data AS json, key FROM log WHERE feed = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
      [feed, afterSeq, head.seq, limit],
    );
  }

  follow(feed: LoggedFeed, afterSeq: number, listener: FollowListener): () => void {
    const head = this.#head(feed);
    if (this.#closed) throw new Error('log store is closed');
    const follower = new CatchUpFollower(afterSeq, head.seq, (after, limit) => this.read(feed, after, limit), listener, feed);
    head.followers.add(follower);
    return () => {
      follower.stop();
      head.followers.delete(follower);
    };
  }

  async firstSeqSince(feed: LoggedFeed, fromTs: number): Promise<number | null> {
    // Uses the (feed, ts) index; does not assume ts grows with seq (a simulator's back-dated demo history does not).
    const row = await this.#db.get<{ seq: number | null }>('SELECT MIN(seq) AS seq FROM log WHERE feed = ? AND ts >= ? AND seq <= ?', [
      feed,
      fromTs,
      this.#head(feed).seq,
    ]);
    return row?.seq ?? null;
  }

  saveCheckpoint(feed: LoggedFeed, checkpoint: Checkpoint): Promise<void> {
    return this.#serialWrite(async () => {
      await this.#db.run(
        'INSERT INTO checkpoints (feed, seq, ts, state) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (feed) DO UPDATE SET seq = excluded.seq, ts = excluded.ts, state = excluded.state',
        [feed, checkpoint.seq, checkpoint.ts, checkpoint.stateJson],
      );
    });
  }

  async latestCheckpoint(feed: LoggedFeed): Promise<Checkpoint | null> {
    const row = await this.#db.get<{ seq: number; ts: number; state: string }>(
      'SELECT seq, ts, state FROM checkpoints WHERE feed = ?',
      [feed],
    );
    return row ? { seq: row.seq, ts: row.ts, stateJson: row.state } : null;
  }

  prune(feed: LoggedFeed, beforeTs: number): Promise<number> {
    return this.#serialWrite(async () => {
      const checkpoint = await this.latestCheckpoint(feed);
      if (!checkpoint) return 0;
      const { changes } = await this.#db.run('DELETE FROM log WHERE feed = ? AND ts < ? AND seq <= ?', [
        feed,
        beforeTs,
        checkpoint.seq,
      ]);
      const min = await this.#db.get<{ min: number | null }>('SELECT MIN(seq) AS min FROM log WHERE feed = ?', [feed]);
      const head = this.#head(feed);
      head.firstSeq = min?.min ?? head.seq + 1;
      return changes;
    });
  }

  reset(feed: LoggedFeed): Promise<FeedHead> {
    return this.#serialWrite(async () => {
      const epoch = newEpoch();
      await this.#db.transaction(async () => {
        await this.#db.run('DELETE FROM log WHERE feed = ?', [feed]);
        await this.#db.run('DELETE FROM checkpoints WHERE feed = ?', [feed]);
        await this.#db.run('UPDATE feeds SET epoch = ?, last_seq = 0, last_ts = 0 WHERE feed = ?', [epoch, feed]);
      });
      const head = this.#head(feed);
      // Followers were following the old epoch: seqs restart at 1, so they end here (follow again after a reset).
      for (const follower of head.followers) follower.stop();
      head.followers.clear();
      head.keys.clear();
      head.epoch = epoch;
      head.seq = 0;
      head.nextSeq = 1;
      head.firstSeq = 1;
      head.lastTs = 0;
      return this.head(feed);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Commit what is pending (a running commit picks it up when it ends), then wait for the chain to drain.
    while (this.#committing || this.#pending.length > 0) {
      if (!this.#committing) this.#flush();
      await this.#writeChain;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await this.#writeChain;
    for (const head of this.#heads.values()) {
      for (const follower of head.followers) follower.stop();
      head.followers.clear();
    }
    await this.#db.close();
  }
}
