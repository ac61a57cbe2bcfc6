import { LOGGED_FEEDS } from '../protocol/feed-names.js';
import type { ReplayHistoryStore } from '../store/replay-history.js';
import type { Hub } from './hub.js';

export interface HistoryRecorderOptions {
  /** A state checkpoint of every logged feed this often (replay folds at most this much log after one). */
  readonly checkpointEveryMs: number;
  /** A vehicle keyframe this often, when the positions changed. */
  readonly keyframeEveryMs: number;
  /** How long history is kept (the log's retention). */
  readonly retentionMs: number;
}

const SEQ_MARK_EVERY_MS = 60_000;

export const DEFAULT_HISTORY: HistoryRecorderOptions = { checkpointEveryMs: 5 * 60_000, keyframeEveryMs: 10_000, retentionMs: 24 * 3600_000 };

/**
 * Writes what replay needs beyond the log (docs/PROTOCOL.md §11): each feed's state every few minutes and a sampled
 * keyframe of every vehicle. A leader duty (feeds/hub/leadership.ts): one hub writes, whatever the number of hubs.
 * A failed write is logged and retried at the next tick; replay then folds a longer tail of log.
 */
export class HistoryRecorder {
  readonly #hub: Hub;
  readonly #store: ReplayHistoryStore;
  readonly #options: HistoryRecorderOptions;
  readonly #timers: NodeJS.Timeout[] = [];
  #lastVehicleSeq = -1;
  #busy: Promise<unknown> = Promise.resolve();

  constructor(hub: Hub, store: ReplayHistoryStore, options: HistoryRecorderOptions = DEFAULT_HISTORY) {
    this.#hub = hub;
    this.#store = store;
    this.#options = options;
  }

  start(): void {
    this.#queue(() => this.checkpointNow());
    this.#timers.push(setInterval(() => this.#queue(() => this.checkpointNow()), this.#options.checkpointEveryMs));
    this.#timers.push(setInterval(() => this.#queue(() => this.keyframeNow()), this.#options.keyframeEveryMs));
    this.#timers.push(setInterval(() => this.#queue(() => this.markNow()), SEQ_MARK_EVERY_MS));
    this.#timers.push(setInterval(() => this.#queue(() => this.#store.prune(Date.now() - this.#options.retentionMs)), 10 * 60_000));
    for (const timer of this.#timers) timer.unref();
  }

  #queue(work: () => Promise<unknown>): void {
    this.#busy = this.#busy.then(work).catch((error: unknown) => console.error('hub: replay history write failed', error));
  }

  /** A checkpoint of every feed now (also at leadership start, so replay works from the first minutes). */
  async checkpointNow(): Promise<void> {
    for (const feed of LOGGED_FEEDS) {
      const channel = this.#hub.channel(feed);
      if (channel.seq === 0) continue;
      // Trimmed at the feed's own time, which is what a replay at that moment trims at.
      const { seq, stateJson } = channel.snapshot(channel.lastTs);
      await this.#store.saveCheckpoint(feed, { seq, ts: channel.lastTs, stateJson });
    }
  }

  /** Each feed's head seq now, on the minute: the time bar's activity density. */
  async markNow(now: number = Date.now()): Promise<void> {
    const minute = Math.floor(now / SEQ_MARK_EVERY_MS) * SEQ_MARK_EVERY_MS;
    for (const feed of LOGGED_FEEDS) await this.#store.saveSeqMark(feed, minute, this.#hub.channel(feed).seq);
  }

  async keyframeNow(): Promise<void> {
    const vehicles = this.#hub.vehicles;
    const frame = vehicles.latest;
    if (!frame || vehicles.seq === this.#lastVehicleSeq) return;
    this.#lastVehicleSeq = vehicles.seq;
    await this.#store.saveVehicleKeyframe({ ts: vehicles.lastTs, frame: new Uint8Array(frame) });
  }

  async stop(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers.length = 0;
    await this.#busy;
  }
}
