import type { LoggedFeed } from '../protocol/feed-names.js';
import { FEED_DATA_SCHEMAS, type FeedDataMap } from '../protocol/feed-data.js';
import { describeIssues } from '../protocol/frames.js';
import type { FeedReducer } from '../state/feed-reducer.js';
import type { Checkpoint, LogStore, StoredItem } from '../store/log-store.js';
import { parseJson } from '../protocol/parse-json.js';

export interface PublishResult {
  readonly accepted: number;
  readonly rejected: readonly { readonly index: number; readonly reason: string }[];
  readonly items: readonly StoredItem[];
}

export interface FeedChannelOptions {
  readonly checkpointEveryItems: number;
  readonly checkpointEveryMs: number;
  readonly retentionMs: number;
}

type Listener = (feed: LoggedFeed, epoch: string, items: readonly StoredItem[]) => void;

/**
 * One logged feed inside the hub: validates items, appends them to the log, folds them into the feed's state after
 * they are durable and only then hands them to the broadcaster. `seq` here is the last item folded AND broadcast,
 * which is what snapshots and resumes are measured against.
 */
export class FeedChannel<F extends LoggedFeed, S = unknown> {
  readonly feed: F;
  readonly #store: LogStore;
  readonly #reducer: FeedReducer<F, S>;
  readonly #options: FeedChannelOptions;
  readonly #listener: Listener;
  #state: S;
  #seq = 0;
  #epoch: string;
  #lastTs = 0;
  #itemsSinceCheckpoint = 0;
  #lastCheckpointAt = Date.now();
  #snapshotCache: { seq: number; json: string } | null = null;

  private constructor(feed: F, store: LogStore, reducer: FeedReducer<F, S>, options: FeedChannelOptions, listener: Listener) {
    this.feed = feed;
    this.#store = store;
    this.#reducer = reducer;
    this.#options = options;
    this.#listener = listener;
    this.#state = reducer.create();
    this.#epoch = store.head(feed).epoch;
  }

  /**
   * Rebuild the state from the latest checkpoint plus every logged item after it. A checkpoint that cannot be used
   * (not JSON, or a state the reducer fails on: a damaged file, a state from an older version) must not keep the hub
   * down: the state is rebuilt from the retained log instead, with a warning naming the feed. A logged item that no
   * longer passes its schema (a hand-edited database) is skipped with a warning, not folded and not fatal.
   */
  static async open<F extends LoggedFeed, S>(
    feed: F,
    store: LogStore,
    reducer: FeedReducer<F, S>,
    options: FeedChannelOptions,
    listener: Listener,
  ): Promise<FeedChannel<F, S>> {
    const channel = new FeedChannel(feed, store, reducer, options, listener);
    const checkpoint = await store.latestCheckpoint(feed);
    try {
      await channel.#replay(checkpoint);
    } catch (error) {
      if (!checkpoint) throw error;
      console.warn(
        `hub: ${feed}: the checkpoint at seq ${checkpoint.seq} cannot be used (${(error as Error).message}); ` +
          `rebuilding the state from the retained log (seq ${store.head(feed).firstSeq} on)`,
      );
      channel.#state = reducer.create();
      channel.#seq = 0;
      channel.#lastTs = 0;
      await channel.#replay(null);
    }
    const head = store.head(feed);
    if (head.seq !== channel.#seq) {
      throw new Error(`${feed}: log ends at seq ${head.seq} but replay stopped at ${channel.#seq}`);
    }
    return channel;
  }

  /** Fold the checkpoint's state (or a fresh one) and every logged item after it. */
  async #replay(checkpoint: Checkpoint | null): Promise<void> {
    if (checkpoint) {
      this.#state = JSON.parse(checkpoint.stateJson) as S;
      this.#seq = checkpoint.seq;
      this.#lastTs = checkpoint.ts;
    }
    const schema = FEED_DATA_SCHEMAS[this.feed];
    let skipped = 0;
    for (;;) {
      const page = await this.#store.read(this.feed, this.#seq, 1000);
      if (page.length === 0) break;
      for (const item of page) {
        // The log only holds validated items; parse again anyway so a hand-edited database cannot poison state.
        const json = parseJson(item.json);
        const data = json.ok ? schema.safeParse(json.value) : null;
        if (data?.success) this.#reducer.fold(this.#state, data.data as FeedDataMap[F], item.ts, item.seq);
        else skipped++;
        this.#seq = item.seq;
        this.#lastTs = item.ts;
      }
    }
    if (skipped > 0) console.warn(`hub: ${this.feed}: ${skipped} logged item(s) no longer pass the feed schema; skipped when rebuilding the state`);
  }

  get seq(): number {
    return this.#seq;
  }
  get epoch(): string {
    return this.#epoch;
  }
  get lastTs(): number {
    return this.#lastTs;
  }
  get firstRetainedSeq(): number {
    return this.#store.head(this.feed).firstSeq;
  }
  get state(): S {
    return this.#state;
  }

  /** Validate, log, fold, broadcast. Invalid items are refused one by one; the valid ones are accepted. */
  async publish(values: readonly unknown[], ts: number = Date.now()): Promise<PublishResult> {
    const schema = FEED_DATA_SCHEMAS[this.feed];
    const accepted: { data: FeedDataMap[F]; json: string }[] = [];
    const rejected: { index: number; reason: string }[] = [];
    values.forEach((value, index) => {
      const result = schema.safeParse(value);
      if (result.success) {
        const data = result.data as FeedDataMap[F];
        accepted.push({ data, json: JSON.stringify(data) });
      } else {
        rejected.push({ index, reason: describeIssues(result.error) });
      }
    });
    if (accepted.length === 0) return { accepted: 0, rejected, items: [] };
    // No keys are passed yet, so nothing is deduped and items[i] is accepted[i].
    const { items } = await this.#store.append(
      this.feed,
      accepted.map((entry) => ({ ts, json: entry.json })),
    );
    // Runs in commit order: the store resolves batches in the order it assigned their seqs.
    items.forEach((item, index) => {
      const entry = accepted[index];
      if (entry) this.#reducer.fold(this.#state, entry.data, item.ts, item.seq);
    });
    const last = items[items.length - 1];
    if (last) {
      this.#seq = last.seq;
      this.#lastTs = last.ts;
    }
    this.#itemsSinceCheckpoint += items.length;
    this.#listener(this.feed, this.#epoch, items);
    this.#maybeCheckpoint();
    return { accepted: items.length, rejected, items };
  }

  /** The state as of `seq`, as JSON text (cached until the next item). */
  snapshot(nowMs: number = Date.now()): { epoch: string; seq: number; stateJson: string } {
    if (this.#snapshotCache?.seq !== this.#seq) {
      this.#reducer.trim?.(this.#state, nowMs);
      this.#snapshotCache = { seq: this.#seq, json: JSON.stringify(this.#state) };
    }
    return { epoch: this.#epoch, seq: this.#seq, stateJson: this.#snapshotCache.json };
  }

  #maybeCheckpoint(): void {
    const due =
      this.#itemsSinceCheckpoint >= this.#options.checkpointEveryItems ||
      Date.now() - this.#lastCheckpointAt >= this.#options.checkpointEveryMs;
    if (due) void this.checkpoint();
  }

  async checkpoint(): Promise<void> {
    this.#itemsSinceCheckpoint = 0;
    this.#lastCheckpointAt = Date.now();
    const { seq, stateJson } = this.snapshot();
    await this.#store.saveCheckpoint(this.feed, { seq, ts: this.#lastTs, stateJson });
  }

  /** Checkpoint, then drop items older than the retention window (they are covered by the checkpoint). */
  async applyRetention(nowMs: number = Date.now()): Promise<number> {
    await this.checkpoint();
    return this.#store.prune(this.feed, nowMs - this.#options.retentionMs);
  }
}
