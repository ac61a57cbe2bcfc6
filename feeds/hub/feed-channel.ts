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
  /** Indexes of values whose key the log already held (sent again): not stored twice. */
  readonly duplicates: readonly number[];
}

export interface FeedChannelOptions {
  readonly checkpointEveryItems: number;
  readonly checkpointEveryMs: number;
  readonly retentionMs: number;
}

type Listener = (feed: LoggedFeed, epoch: string, items: readonly StoredItem[]) => void;

/** How long a publish waits for the follower to hand its stored items back before it resolves anyway (they are durable). */
const FOLD_WAIT_MS = 30_000;

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
  /** Data of our own entries by their JSON text, until the follower hands them back. */
  readonly #ownPending = new Map<string, FeedDataMap[F]>();
  readonly #waiters = new Set<{ readonly seq: number; readonly resolve: (value: boolean) => void }>();
  #unfollow: (() => void) | null = null;

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
    // On a log of its own the replay must end at the head; on a shared one other hubs may have appended since.
    if (store.shared ? head.seq < channel.#seq : head.seq !== channel.#seq) {
      throw new Error(`${feed}: log ends at seq ${head.seq} but replay stopped at ${channel.#seq}`);
    }
    channel.#unfollow = store.follow(feed, channel.#seq, (items) => channel.#onCommitted(items));
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
  /** Whether other hubs append to the same log. */
  get shared(): boolean {
    return this.#store.shared;
  }
  get firstRetainedSeq(): number {
    return this.#store.head(this.feed).firstSeq;
  }
  get state(): S {
    return this.#state;
  }

  /**
   * Validate, log, fold, broadcast. Invalid items are refused one by one; the valid ones are appended. `keys` (one
   * per value, or null) make a publish idempotent: a value whose key the log holds already is not stored again and
   * comes back in `duplicates`. Resolves once the stored items are folded and broadcast here — on a shared log the
   * follower delivers them (with other hubs' items in seq order), on SQLite the commit does, before the append
   * resolves.
   */
  async publish(values: readonly unknown[], ts: number = Date.now(), keys?: readonly (string | null)[]): Promise<PublishResult> {
    const schema = FEED_DATA_SCHEMAS[this.feed];
    const accepted: { index: number; data: FeedDataMap[F]; json: string; key: string | null }[] = [];
    const rejected: { index: number; reason: string }[] = [];
    values.forEach((value, index) => {
      const result = schema.safeParse(value);
      if (result.success) {
        const data = result.data as FeedDataMap[F];
        accepted.push({ index, data, json: JSON.stringify(data), key: keys?.[index] ?? null });
      } else {
        rejected.push({ index, reason: describeIssues(result.error) });
      }
    });
    if (accepted.length === 0) return { accepted: 0, rejected, items: [], duplicates: [] };
    // Our own items come back through follow as the same text: fold the data we validated instead of parsing again.
    for (const entry of accepted) this.#ownPending.set(entry.json, entry.data);
    let outcome;
    try {
      outcome = await this.#store.append(
        this.feed,
        accepted.map((entry) => ({ ts, json: entry.json, key: entry.key })),
      );
    } catch (error) {
      // Whatever of it was stored still comes back through the follower, and is parsed then.
      for (const entry of accepted) this.#ownPending.delete(entry.json);
      throw error;
    }
    // SQLite folded them before the append resolved; duplicates never come back.
    if (!this.#store.shared) for (const entry of accepted) this.#ownPending.delete(entry.json);
    else for (const duplicate of outcome.duplicates) this.#ownPending.delete(accepted[duplicate.index]?.json ?? '');
    const last = outcome.items[outcome.items.length - 1];
    if (last) await this.#reached(last.seq);
    const duplicates = outcome.duplicates.map((duplicate) => accepted[duplicate.index]?.index ?? -1).filter((index) => index >= 0);
    return { accepted: outcome.items.length, rejected, items: outcome.items, duplicates };
  }

  /** Committed items, by this hub or another one on the same log, in seq order: fold, broadcast, checkpoint. */
  #onCommitted(items: readonly StoredItem[]): void {
    const fresh: StoredItem[] = [];
    const schema = FEED_DATA_SCHEMAS[this.feed];
    for (const item of items) {
      if (item.seq <= this.#seq) continue;
      if (item.seq !== this.#seq + 1) console.error(`hub: ${this.feed}: followed seq ${item.seq} after ${this.#seq} (a gap in the log)`);
      let data = this.#ownPending.get(item.json);
      if (data !== undefined) this.#ownPending.delete(item.json);
      else {
        // Another hub's item, or one we cannot match: it is input like any other until the schema has seen it.
        const json = parseJson(item.json);
        const parsed = json.ok ? schema.safeParse(json.value) : null;
        if (parsed?.success) data = parsed.data as FeedDataMap[F];
        else console.warn(`hub: ${this.feed}: logged item ${item.seq} does not pass the feed schema; not folded`);
      }
      if (data !== undefined) this.#reducer.fold(this.#state, data, item.ts, item.seq);
      this.#seq = item.seq;
      this.#lastTs = item.ts;
      fresh.push(item);
    }
    if (fresh.length === 0) return;
    this.#itemsSinceCheckpoint += fresh.length;
    this.#listener(this.feed, this.#epoch, fresh);
    for (const waiter of [...this.#waiters]) {
      if (waiter.seq <= this.#seq) {
        this.#waiters.delete(waiter);
        waiter.resolve(true);
      }
    }
    this.#maybeCheckpoint();
  }

  /**
   * Resolves true once this channel has folded `seq` (at once if it has), false after `timeoutMs`: a client that
   * resumes here from a position another hub sent it may be a moment ahead of this hub's follower.
   */
  reached(seq: number, timeoutMs: number): Promise<boolean> {
    if (seq <= this.#seq) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { seq, resolve: (value: boolean) => resolve(value) };
      this.#waiters.add(waiter);
      setTimeout(() => {
        if (this.#waiters.delete(waiter)) resolve(false);
      }, timeoutMs).unref();
    });
  }

  async #reached(seq: number): Promise<void> {
    if (await this.reached(seq, FOLD_WAIT_MS)) return;
    console.warn(`hub: ${this.feed}: seq ${seq} is stored but not yet followed after ${FOLD_WAIT_MS} ms`);
  }

  /** Stop following the log (the hub is stopping). */
  close(): void {
    this.#unfollow?.();
    this.#unfollow = null;
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
    if (due) this.checkpoint().catch((error: unknown) => console.error(`hub: ${this.feed}: checkpoint failed`, error));
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
