import type { LoggedFeed } from '../../protocol/feed-names.js';
import type { Checkpoint } from '../log-store.js';
import { bytesColumn, readCheckpointRow, type ReplayHistoryStats, type ReplayHistoryStore, type VehicleKeyframe } from '../replay-history.js';
import { integerColumn, textColumn } from '../row-values.js';
import type { PgDatabase } from './pg-database.js';

/** Replay history on PostgreSQL, on the sources' pool. */
export class PgReplayHistory implements ReplayHistoryStore {
  readonly #db: PgDatabase;

  constructor(db: PgDatabase) {
    this.#db = db;
  }

  async saveCheckpoint(feed: LoggedFeed, checkpoint: Checkpoint): Promise<void> {
    await this.#db.query(
      'INSERT INTO replay_checkpoints (feed, seq, ts, state) VALUES ($1, $2, $3, $4) ON CONFLICT (feed, seq) DO UPDATE SET ts = excluded.ts, state = excluded.state',
      [feed, checkpoint.seq, checkpoint.ts, checkpoint.stateJson],
    );
  }

  async checkpointAtOrBefore(feed: LoggedFeed, ts: number): Promise<Checkpoint | null> {
    const { rows } = await this.#db.query('SELECT seq, ts, state FROM replay_checkpoints WHERE feed = $1 AND ts <= $2 ORDER BY ts DESC, seq DESC LIMIT 1', [feed, ts]);
    const row = rows[0];
    return row ? readCheckpointRow(row, 'replay_checkpoints') : null;
  }

  async oldestCheckpointTs(feed: LoggedFeed): Promise<number | null> {
    const { rows } = await this.#db.query('SELECT MIN(ts) AS ts FROM replay_checkpoints WHERE feed = $1', [feed]);
    const row = rows[0];
    return row && row['ts'] !== null && row['ts'] !== undefined ? integerColumn(row, 'replay_checkpoints', 'ts') : null;
  }

  async saveVehicleKeyframe(keyframe: VehicleKeyframe): Promise<void> {
    await this.#db.query('INSERT INTO vehicle_keyframes (ts, frame) VALUES ($1, $2) ON CONFLICT (ts) DO UPDATE SET frame = excluded.frame', [keyframe.ts, Buffer.from(keyframe.frame)]);
  }

  async vehicleKeyframeAtOrBefore(ts: number): Promise<VehicleKeyframe | null> {
    const { rows } = await this.#db.query('SELECT ts, frame FROM vehicle_keyframes WHERE ts <= $1 ORDER BY ts DESC LIMIT 1', [ts]);
    const row = rows[0];
    return row ? { ts: integerColumn(row, 'vehicle_keyframes', 'ts'), frame: bytesColumn(row, 'vehicle_keyframes', 'frame') } : null;
  }

  async vehicleKeyframes(afterTs: number, untilTs: number, limit: number): Promise<VehicleKeyframe[]> {
    const { rows } = await this.#db.query('SELECT ts, frame FROM vehicle_keyframes WHERE ts > $1 AND ts <= $2 ORDER BY ts LIMIT $3', [afterTs, untilTs, limit]);
    return rows.map((row) => ({ ts: integerColumn(row, 'vehicle_keyframes', 'ts'), frame: bytesColumn(row, 'vehicle_keyframes', 'frame') }));
  }

  async saveSeqMark(feed: LoggedFeed, ts: number, seq: number): Promise<void> {
    await this.#db.query('INSERT INTO replay_seq_marks (feed, ts, seq) VALUES ($1, $2, $3) ON CONFLICT (feed, ts) DO UPDATE SET seq = excluded.seq', [feed, ts, seq]);
  }

  async seqMarks(from: number, to: number): Promise<{ feed: string; ts: number; seq: number }[]> {
    const { rows } = await this.#db.query('SELECT feed, ts, seq FROM replay_seq_marks WHERE ts >= $1 AND ts <= $2 ORDER BY feed, ts', [from, to]);
    return rows.map((row) => ({ feed: textColumn(row, 'replay_seq_marks', 'feed'), ts: integerColumn(row, 'replay_seq_marks', 'ts'), seq: integerColumn(row, 'replay_seq_marks', 'seq') }));
  }

  async prune(beforeTs: number): Promise<number> {
    const a = await this.#db.query('DELETE FROM replay_checkpoints WHERE ts < $1', [beforeTs]);
    const b = await this.#db.query('DELETE FROM vehicle_keyframes WHERE ts < $1', [beforeTs]);
    const c = await this.#db.query('DELETE FROM replay_seq_marks WHERE ts < $1', [beforeTs]);
    return a.rowCount + b.rowCount + c.rowCount;
  }

  async stats(): Promise<ReplayHistoryStats> {
    const { rows: c } = await this.#db.query('SELECT COUNT(*) AS n, COALESCE(SUM(octet_length(state)), 0) AS bytes FROM replay_checkpoints');
    const { rows: k } = await this.#db.query('SELECT COUNT(*) AS n, COALESCE(SUM(octet_length(frame)), 0) AS bytes FROM vehicle_keyframes');
    const [cr, kr] = [c[0], k[0]];
    return {
      checkpoints: cr ? integerColumn(cr, 'replay_checkpoints', 'n') : 0,
      checkpointBytes: cr ? integerColumn(cr, 'replay_checkpoints', 'bytes') : 0,
      keyframes: kr ? integerColumn(kr, 'vehicle_keyframes', 'n') : 0,
      keyframeBytes: kr ? integerColumn(kr, 'vehicle_keyframes', 'bytes') : 0,
    };
  }

  /** The pool is the sources'; its owner ends it. */
  async close(): Promise<void> {}
}
