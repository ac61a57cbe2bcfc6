import type { LoggedFeed } from '../../protocol/feed-names.js';
import type { Checkpoint } from '../log-store.js';
import { bytesColumn, readCheckpointRow, type ReplayHistoryStats, type ReplayHistoryStore, type VehicleKeyframe } from '../replay-history.js';
import { integerColumn, textColumn, type DbRow } from '../row-values.js';
import { SqliteDatabase } from '../sqlite-database.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS replay_checkpoints (
  feed TEXT NOT NULL,
  seq INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (feed, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS replay_checkpoints_ts ON replay_checkpoints (feed, ts);
CREATE TABLE IF NOT EXISTS replay_seq_marks (
  feed TEXT NOT NULL,
  ts INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (feed, ts)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS replay_seq_marks_ts ON replay_seq_marks (ts);
CREATE TABLE IF NOT EXISTS vehicle_keyframes (
  ts INTEGER PRIMARY KEY,
  frame BLOB NOT NULL
);
`;

/** Replay history in the hub's SQLite file, on a connection of its own (writes are rare and large). */
export class SqliteReplayHistory implements ReplayHistoryStore {
  readonly #db: SqliteDatabase;
  #chain: Promise<unknown> = Promise.resolve();

  private constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  static async open(path: string): Promise<SqliteReplayHistory> {
    const db = await SqliteDatabase.open(path);
    await db.exec('PRAGMA journal_mode = WAL;');
    await db.exec('PRAGMA busy_timeout = 5000;');
    await db.exec(SCHEMA);
    return new SqliteReplayHistory(db);
  }

  #write<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(work, work);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  saveCheckpoint(feed: LoggedFeed, checkpoint: Checkpoint): Promise<void> {
    return this.#write(async () => {
      await this.#db.run('INSERT OR REPLACE INTO replay_checkpoints (feed, seq, ts, state) VALUES (?, ?, ?, ?)', [feed, checkpoint.seq, checkpoint.ts, checkpoint.stateJson]);
    });
  }

  async checkpointAtOrBefore(feed: LoggedFeed, ts: number): Promise<Checkpoint | null> {
    const row = await this.#db.get<DbRow>('SELECT seq, ts, state FROM replay_checkpoints WHERE feed = ? AND ts <= ? ORDER BY ts DESC, seq DESC LIMIT 1', [feed, ts]);
    return row ? readCheckpointRow(row, 'replay_checkpoints') : null;
  }

  async oldestCheckpointTs(feed: LoggedFeed): Promise<number | null> {
    const row = await this.#db.get<DbRow>('SELECT MIN(ts) AS ts FROM replay_checkpoints WHERE feed = ?', [feed]);
    return row && row['ts'] !== null && row['ts'] !== undefined ? integerColumn(row, 'replay_checkpoints', 'ts') : null;
  }

  saveVehicleKeyframe(keyframe: VehicleKeyframe): Promise<void> {
    return this.#write(async () => {
      await this.#db.run('INSERT OR REPLACE INTO vehicle_keyframes (ts, frame) VALUES (?, ?)', [keyframe.ts, Buffer.from(keyframe.frame)]);
    });
  }

  async vehicleKeyframeAtOrBefore(ts: number): Promise<VehicleKeyframe | null> {
    const row = await this.#db.get<DbRow>('SELECT ts, frame FROM vehicle_keyframes WHERE ts <= ? ORDER BY ts DESC LIMIT 1', [ts]);
    return row ? { ts: integerColumn(row, 'vehicle_keyframes', 'ts'), frame: bytesColumn(row, 'vehicle_keyframes', 'frame') } : null;
  }

  async vehicleKeyframes(afterTs: number, untilTs: number, limit: number): Promise<VehicleKeyframe[]> {
    const rows = await this.#db.all<DbRow>('SELECT ts, frame FROM vehicle_keyframes WHERE ts > ? AND ts <= ? ORDER BY ts LIMIT ?', [afterTs, untilTs, limit]);
    return rows.map((row) => ({ ts: integerColumn(row, 'vehicle_keyframes', 'ts'), frame: bytesColumn(row, 'vehicle_keyframes', 'frame') }));
  }

  saveSeqMark(feed: LoggedFeed, ts: number, seq: number): Promise<void> {
    return this.#write(async () => {
      await this.#db.run('INSERT OR REPLACE INTO replay_seq_marks (feed, ts, seq) VALUES (?, ?, ?)', [feed, ts, seq]);
    });
  }

  async seqMarks(from: number, to: number): Promise<{ feed: string; ts: number; seq: number }[]> {
    const rows = await this.#db.all<DbRow>('SELECT feed, ts, seq FROM replay_seq_marks WHERE ts >= ? AND ts <= ? ORDER BY feed, ts', [from, to]);
    return rows.map((row) => ({ feed: textColumn(row, 'replay_seq_marks', 'feed'), ts: integerColumn(row, 'replay_seq_marks', 'ts'), seq: integerColumn(row, 'replay_seq_marks', 'seq') }));
  }

  prune(beforeTs: number): Promise<number> {
    return this.#write(async () => {
      const a = await this.#db.run('DELETE FROM replay_checkpoints WHERE ts < ?', [beforeTs]);
      const b = await this.#db.run('DELETE FROM vehicle_keyframes WHERE ts < ?', [beforeTs]);
      const c = await this.#db.run('DELETE FROM replay_seq_marks WHERE ts < ?', [beforeTs]);
      return a.changes + b.changes + c.changes;
    });
  }

  async stats(): Promise<ReplayHistoryStats> {
    const c = await this.#db.get<DbRow>('SELECT COUNT(*) AS n, COALESCE(SUM(length(CAST(state AS BLOB))), 0) AS bytes FROM replay_checkpoints');
    const k = await this.#db.get<DbRow>('SELECT COUNT(*) AS n, COALESCE(SUM(length(frame)), 0) AS bytes FROM vehicle_keyframes');
    return {
      checkpoints: c ? integerColumn(c, 'replay_checkpoints', 'n') : 0,
      checkpointBytes: c ? integerColumn(c, 'replay_checkpoints', 'bytes') : 0,
      keyframes: k ? integerColumn(k, 'vehicle_keyframes', 'n') : 0,
      keyframeBytes: k ? integerColumn(k, 'vehicle_keyframes', 'bytes') : 0,
    };
  }

  async close(): Promise<void> {
    await this.#chain;
    await this.#db.close();
  }
}
