import { randomBytes } from 'node:crypto';
import { LOGGED_FEEDS, type LoggedFeed } from '../protocol/feed-names.js';
import type { Checkpoint, FeedHead, LogStore, StoredItem } from './log-store.js';
import { SqliteDatabase } from './sqlite-database.js';

export interface SqliteLogStoreOptions {
  /** FULL fsyncs every group commit (survives power loss); NORMAL survives a process crash only. */
  readonly synchronous?: 'FULL' | 'NORMAL';
}

interface MutableHead {
  epoch: string;
  seq: number;
  nextSeq: number;
  firstSeq: number;
  lastTs: number;
}

interface PendingAppend {
  readonly feed: LoggedFeed;
  readonly items: StoredItem[];
  readonly resolve: (items: StoredItem[]) => void;
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

/** Rows per multi-row INSERT: 4 parameters a row stays far below SQLite's parameter limit. */
const INSERT_CHUNK = 200;

export function newEpoch(): string {
  return randomBytes(8).toString('hex');
}

/**
 * LogStore on one SQLite file in WAL mode. Appends made in the same turn of the event loop share one transaction
 * (group commit); their promises resolve after COMMIT returns, so the hub never sends an item that is not durable.
 * A failed commit leaves seqs assigned but unwritten, so the store refuses further appends (the hub exits and a
 * restart continues from the last committed seq — crash-only, never a gap).
 */
export class SqliteLogStore implements LogStore {
  readonly #db: SqliteDatabase;
  readonly #heads = new Map<LoggedFeed, MutableHead>();
  #pending: PendingAppend[] = [];
  #flushScheduled = false;
  #committing = false;
  #writeChain: Promise<unknown> = Promise.resolve();
  #broken: Error | null = null;
  #closed = false;

  private constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  static async open(path: string, options: SqliteLogStoreOptions = {}): Promise<SqliteLogStore> {
    const db = await SqliteDatabase.open(path);
    await db.exec('PRAGMA journal_mode = WAL;');
    await db.exec(`PRAGMA synchronous = ${options.synchronous ?? 'FULL'};`);
    await db.exec('PRAGMA busy_timeout = 5000;');
    await db.exec(SCHEMA);
    const store = new SqliteLogStore(db);
    await store.#loadHeads();
    return store;
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
      this.#heads.set(feed, {
        epoch: row.epoch,
        seq,
        nextSeq: seq + 1,
        firstSeq: max?.min ?? seq + 1,
        lastTs: row.last_ts,
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

  append(feed: LoggedFeed, entries: readonly { ts: number; json: string }[]): Promise<StoredItem[]> {
    if (this.#broken) return Promise.reject(new Error(`log store is unusable after a failed commit: ${this.#broken.message}`));
    if (this.#closed) return Promise.reject(new Error('log store is closed'));
    if (entries.length === 0) return Promise.resolve([]);
    const head = this.#head(feed);
    const items = entries.map((entry) => ({ seq: head.nextSeq++, ts: entry.ts, json: entry.json }));
    return new Promise<StoredItem[]>((resolve, reject) => {
      this.#pending.push({ feed, items, resolve, reject });
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
        const rows: (string | number)[][] = [];
        for (const pending of batch) {
          for (const item of pending.items) rows.push([pending.feed, item.seq, item.ts, item.json]);
          const last = pending.items[pending.items.length - 1];
          if (last) lastByFeed.set(pending.feed, last);
        }
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
          const chunk = rows.slice(i, i + INSERT_CHUNK);
          await this.#db.run(
            `INSERT INTO log (feed, seq, ts, data) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}`,
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
          }
          pending.resolve(pending.items);
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
    const rows = await this.#db.all<{ seq: number; ts: number; data: string }>(
      'SELECT seq, ts, data FROM log WHERE feed = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
      [feed, afterSeq, head.seq, limit],
    );
    return rows.map((row) => ({ seq: row.seq, ts: row.ts, json: row.data }));
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
      this.#heads.set(feed, { epoch, seq: 0, nextSeq: 1, firstSeq: 1, lastTs: 0 });
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
    await this.#db.close();
  }
}
