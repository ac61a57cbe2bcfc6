import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager, JetStreamApiError, type JetStreamClient, type JetStreamManager, type StreamInfo } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { LOGGED_FEEDS, type LoggedFeed } from '../../protocol/feed-names.js';
import { entryKeys } from '../append-entries.js';
import {
  DEFAULT_DEDUPE_WINDOW_MS,
  type AppendEntry,
  type AppendOutcome,
  type Checkpoint,
  type FeedHead,
  type FollowListener,
  type LogStore,
  type StoredItem,
} from '../log-store.js';
import { CheckpointObjects } from './checkpoint-objects.js';
import { encodeEnvelope } from './envelope.js';
import { streamEpoch } from './epoch.js';
import { parseJetStreamUrl } from './jetstream-url.js';
import { isSeq, toStoredItem } from './log-message.js';
import { checkpointBucket, logSubject, streamName, validatePrefix } from './naming.js';
import { OrderedPublisher, type OutboundMessage } from './ordered-publisher.js';
import { ensureFeedStream, feedStreamConfig, MAX_AGE_MARGIN_MS, streamInfoOrNull, type FeedStreamConfig } from './stream-config.js';
import { StreamFollower } from './stream-follower.js';
import { firstSeqAtServerTime, readBatch } from './stream-reader.js';

export interface JetStreamLogStoreOptions {
  readonly servers: string | readonly string[];
  /** Names the streams (`<PREFIX>_<FEED>`), subjects (`<prefix>.log.<feed>`) and checkpoint bucket of this log. */
  readonly prefix: string;
  /** The hub's retention; the streams' `max_age` is this + 24 h, a safety net behind `prune` (stream-config.ts). */
  readonly retentionMs: number;
  /** The streams' `duplicate_window`: a key stored within it is not stored again (default 1 h). */
  readonly dedupeWindowMs?: number;
  readonly replicas?: number;
  /** Shown as the NATS connection name (`ioc-hub:<name>`), e.g. the hub's host name. */
  readonly name?: string;
  /** How long a failed publish is retried (same msgID, backoff) before its append rejects (default 30 s). */
  readonly publishRetryMs?: number;
  /** How long one publish attempt waits for its PubAck (default 2 s). */
  readonly publishAttemptTimeoutMs?: number;
  /**
   * How far a hub's clock may be ahead of the NATS server's (default 1 s): `firstSeqSince` and `prune` search the
   * server times from `fromTs` minus this, so an item stamped by a fast hub clock is not missed.
   */
  readonly clockSkewMs?: number;
}

interface MutableHead {
  epoch: string;
  seq: number;
  firstSeq: number;
  lastTs: number;
  readonly stream: string;
  readonly subject: string;
  readonly config: FeedStreamConfig;
}

/** Room for the headers of a log message (msgID ≤ 256 characters, writer id, expected stream) within max_payload. */
const HEADER_ALLOWANCE = 1024;
const DEFAULT_MAX_PAYLOAD = 1024 * 1024;

/** `nats://host:port[,host:port][/prefix]` plus the rest of the options. */
export function jetStreamOptionsFromUrl(url: string, rest: Omit<JetStreamLogStoreOptions, 'servers' | 'prefix'>): JetStreamLogStoreOptions {
  const { servers, prefix } = parseJetStreamUrl(url);
  return { ...rest, servers, prefix };
}

/**
 * LogStore on NATS JetStream: one stream per logged feed, so several hubs can serve the same feeds with the same seqs
 * and epochs. seq = stream sequence; epoch = hash of the stream's name and creation time (epoch.ts).
 *
 * - append: every entry is one message (msgID = key, or a unique writer id), published in call order by one
 *   OrderedPublisher, resolving after the PubAck of every entry. Retries reuse the msgID, so they never store twice.
 *   JetStream 2.9 has no atomic batch: another hub's items may land between ours, and SQLite's "all or none" becomes
 *   "exactly once on retry" — an append rejected after its retry budget may still have stored some of its entries;
 *   appending the same keyed entries again stores each at most once.
 * - read: one ephemeral pull consumer and one fetch per call (stream-reader.ts).
 * - follow: an ordered consumer per follower (stream-follower.ts), surviving reconnects and server restarts.
 * - head: kept from stream info at open, then from our PubAcks, reads and followed items — "the highest seq this
 *   instance has seen committed". Items of other hubs reach it through follow (or read).
 * - firstSeqSince: message timestamps are the server's receive time, while ts is the hub's (and may be back-dated,
 *   so it is not monotonic in seq). An item's ts is never after the time it was published, so every item with
 *   ts ≥ fromTs was received at or after fromTs: the first seq received at or after fromTs (less clockSkewMs) is a
 *   valid answer, found by binary search. It may include earlier, back-dated items; it never misses one.
 * - checkpoints: Object Store (checkpoint-objects.ts). prune purges the prefix a checkpoint covers and that is older
 *   than the cutoff by the same search; reset deletes and recreates the stream (new epoch, seqs from 1).
 */
export class JetStreamLogStore implements LogStore {
  readonly shared = true;
  readonly #nc: NatsConnection;
  readonly #js: JetStreamClient;
  readonly #jsm: JetStreamManager;
  readonly #checkpoints: CheckpointObjects;
  readonly #publisher: OrderedPublisher;
  readonly #heads: Map<LoggedFeed, MutableHead>;
  readonly #followers = new Map<LoggedFeed, Set<StreamFollower>>();
  readonly #background = new Set<Promise<unknown>>();
  readonly #foreignWarned = new Set<LoggedFeed>();
  readonly #adminChains = new Map<LoggedFeed, Promise<unknown>>();
  readonly #clockSkewMs: number;
  /** Makes msgIDs and consumer names of this instance unique among all hubs sharing the log. */
  readonly #instanceId = randomBytes(8).toString('hex');
  readonly #encoder = new TextEncoder();
  #counter = 0;
  #closed = false;

  private constructor(
    nc: NatsConnection,
    jsm: JetStreamManager,
    checkpoints: CheckpointObjects,
    heads: Map<LoggedFeed, MutableHead>,
    options: Required<Pick<JetStreamLogStoreOptions, 'publishRetryMs' | 'publishAttemptTimeoutMs' | 'clockSkewMs'>>,
  ) {
    this.#nc = nc;
    this.#js = jetstream(nc);
    this.#jsm = jsm;
    this.#checkpoints = checkpoints;
    this.#heads = heads;
    this.#clockSkewMs = options.clockSkewMs;
    this.#publisher = new OrderedPublisher(this.#js, jsm, {
      attemptTimeoutMs: options.publishAttemptTimeoutMs,
      retryMs: options.publishRetryMs,
    });
    for (const feed of LOGGED_FEEDS) this.#followers.set(feed, new Set());
  }

  static async open(options: JetStreamLogStoreOptions): Promise<JetStreamLogStore> {
    const prefix = validatePrefix(options.prefix);
    const dedupeWindowMs = options.dedupeWindowMs ?? DEFAULT_DEDUPE_WINDOW_MS;
    const replicas = options.replicas ?? 1;
    const publishRetryMs = options.publishRetryMs ?? 30_000;
    const publishAttemptTimeoutMs = options.publishAttemptTimeoutMs ?? 2_000;
    const clockSkewMs = options.clockSkewMs ?? 1_000;
    const positive = (name: string, value: number): void => {
      if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a positive number`);
    };
    positive('retentionMs', options.retentionMs);
    positive('dedupeWindowMs', dedupeWindowMs);
    positive('publishRetryMs', publishRetryMs);
    positive('publishAttemptTimeoutMs', publishAttemptTimeoutMs);
    if (!(Number.isFinite(clockSkewMs) && clockSkewMs >= 0)) throw new RangeError('clockSkewMs must be ≥ 0');
    if (!(Number.isInteger(replicas) && replicas >= 1 && replicas <= 5)) throw new RangeError('replicas must be 1–5');
    if (dedupeWindowMs > options.retentionMs + MAX_AGE_MARGIN_MS) throw new RangeError('dedupeWindowMs must not exceed the streams’ max_age');

    const nc = await connect({
      servers: typeof options.servers === 'string' ? options.servers : [...options.servers],
      name: options.name ? `ioc-hub:${options.name}` : 'ioc-hub',
      // A hub must outlive any NATS outage: reconnect for ever (the default gives up after 10 attempts).
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      // A server that vanished without closing the socket is noticed in ~15 s instead of ~4 min.
      pingInterval: 5_000,
      maxPingOut: 3,
      // Skips an Error (with stack) per request: measurable at tens of thousands of publishes per second.
      noAsyncTraces: true,
    });
    try {
      const jsm = await jetstreamManager(nc);
      const heads = new Map<LoggedFeed, MutableHead>();
      for (const feed of LOGGED_FEEDS) {
        const config = feedStreamConfig({
          name: streamName(prefix, feed),
          subject: logSubject(prefix, feed),
          retentionMs: options.retentionMs,
          dedupeWindowMs,
          replicas,
        });
        const ensured = await ensureFeedStream(jsm, config);
        if (ensured.updated.length > 0) console.info(`log store: stream ${config.name}: updated ${ensured.updated.join(', ')}`);
        heads.set(feed, await headFromInfo(jsm, config, ensured.info));
      }
      const checkpoints = await CheckpointObjects.open(nc, jsm, checkpointBucket(prefix), replicas);
      return new JetStreamLogStore(nc, jsm, checkpoints, heads, { publishRetryMs, publishAttemptTimeoutMs, clockSkewMs });
    } catch (error) {
      await nc.close().catch(() => undefined);
      throw error;
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

  /** Items seen committed (acked, read, followed): the head is the highest of them. */
  #saw(head: MutableHead, items: readonly StoredItem[]): void {
    for (const item of items) {
      if (item.seq > head.seq) {
        head.seq = item.seq;
        head.lastTs = item.ts;
      }
    }
  }

  async append(feed: LoggedFeed, entries: readonly AppendEntry[]): Promise<AppendOutcome> {
    if (this.#closed) throw new Error('log store is closed');
    const keys = entryKeys(entries);
    if (entries.length === 0) return { items: [], duplicates: [] };
    const head = this.#head(feed);
    const maxBody = (this.#nc.info?.max_payload ?? DEFAULT_MAX_PAYLOAD) - HEADER_ALLOWANCE;
    // A key repeated within the batch is settled here: the repeat is a duplicate of its first occurrence.
    const firstIndexOfKey = new Map<string, number>();
    const repeats: { index: number; of: number }[] = [];
    const outbound: OutboundMessage[] = [];
    const outboundIndex: number[] = [];
    entries.forEach((entry, index) => {
      const key = keys[index] ?? null;
      if (key !== null) {
        const first = firstIndexOfKey.get(key);
        if (first !== undefined) {
          repeats.push({ index, of: first });
          return;
        }
        firstIndexOfKey.set(key, index);
      }
      const writer = `${this.#instanceId}:${feed}:${++this.#counter}`;
      const body = this.#encoder.encode(encodeEnvelope(entry.ts, key, entry.json));
      // Checked before anything is sent: an oversized message is refused by the client, and the batch would be torn.
      if (body.length > maxBody) throw new RangeError(`append: entry ${index} is ${body.length} bytes; a ${feed} item may be at most ${maxBody}`);
      outbound.push({ stream: head.stream, subject: head.subject, body, msgID: key ?? writer, writer, keyed: key !== null });
      outboundIndex.push(index);
    });
    const published = await this.#publisher.publish(outbound);
    const seqOfIndex = new Map<number, number>();
    const items: StoredItem[] = [];
    const duplicates: { index: number; seq: number }[] = [];
    published.forEach((result, i) => {
      const index = outboundIndex[i] ?? -1;
      const entry = entries[index];
      if (!entry) return;
      seqOfIndex.set(index, result.seq);
      if (result.duplicate) duplicates.push({ index, seq: result.seq });
      else items.push({ seq: result.seq, ts: entry.ts, json: entry.json, key: keys[index] ?? null });
    });
    for (const { index, of } of repeats) {
      const seq = seqOfIndex.get(of);
      if (seq !== undefined) duplicates.push({ index, seq });
    }
    duplicates.sort((a, b) => a.index - b.index);
    if (items.some((item, i) => i > 0 && item.seq < (items[i - 1]?.seq ?? 0))) {
      console.warn(`log store: ${feed}: an append's items were stored out of call order (a publish was refused while a later one was taken)`);
      items.sort((a, b) => a.seq - b.seq);
    }
    this.#saw(head, items);
    return { items, duplicates };
  }

  async read(feed: LoggedFeed, afterSeq: number, limit: number): Promise<StoredItem[]> {
    const head = this.#head(feed);
    if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) throw new RangeError(`read: afterSeq must be an integer ≥ 0, not ${afterSeq}`);
    if (!Number.isSafeInteger(limit) || limit <= 0) return [];
    const items = await readBatch(
      {
        js: this.#js,
        jsm: this.#jsm,
        stream: head.stream,
        consumerName: `${this.#instanceId}_r${++this.#counter}`,
        onForeign: (seq) => this.#foreign(feed, seq),
        track: (work) => this.#track(work),
      },
      afterSeq,
      limit,
    );
    this.#saw(head, items);
    return items;
  }

  follow(feed: LoggedFeed, afterSeq: number, listener: FollowListener): () => void {
    const head = this.#head(feed);
    if (this.#closed) throw new Error('log store is closed');
    if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) throw new RangeError(`follow: afterSeq must be an integer ≥ 0, not ${afterSeq}`);
    const followers = this.#followers.get(feed);
    const epoch = head.epoch;
    const follower = new StreamFollower(
      {
        js: this.#js,
        stream: head.stream,
        label: feed,
        onForeign: (seq) => this.#foreign(feed, seq),
        onItems: (items) => this.#saw(head, items),
        sameEpoch: () => this.#sameEpoch(feed, epoch),
      },
      afterSeq,
      listener,
    );
    followers?.add(follower);
    return () => {
      if (followers?.delete(follower)) this.#track(follower.stop());
    };
  }

  firstSeqSince(feed: LoggedFeed, fromTs: number): Promise<number | null> {
    return firstSeqAtServerTime(this.#jsm, this.#head(feed).stream, fromTs - this.#clockSkewMs);
  }

  saveCheckpoint(feed: LoggedFeed, checkpoint: Checkpoint): Promise<void> {
    return this.#admin(feed, async () => {
      if (!Number.isSafeInteger(checkpoint.seq) || checkpoint.seq < 0 || !Number.isFinite(checkpoint.ts) || typeof checkpoint.stateJson !== 'string') {
        throw new TypeError(`saveCheckpoint: ${feed}: not a checkpoint (seq ${checkpoint.seq}, ts ${checkpoint.ts})`);
      }
      const epoch = this.#head(feed).epoch;
      // Hubs sharing the log all checkpoint; never replace a checkpoint further along with an older one.
      const stored = await this.#checkpoints.storedSeq(feed, epoch);
      if (stored !== null && stored > checkpoint.seq) return;
      await this.#checkpoints.save(feed, epoch, checkpoint);
    });
  }

  async latestCheckpoint(feed: LoggedFeed): Promise<Checkpoint | null> {
    const head = this.#head(feed);
    const checkpoint = await this.#checkpoints.load(feed, head.epoch, (why) => console.warn(`log store: ${feed}: ${why}; ignored`));
    if (!checkpoint || checkpoint.seq <= head.seq) return checkpoint;
    // Ahead of what we saw: another hub may have appended since. Beyond the stream's end it cannot be right.
    const info = await this.#jsm.streams.info(head.stream);
    if (checkpoint.seq > info.state.last_seq) {
      console.warn(`log store: ${feed}: the checkpoint at seq ${checkpoint.seq} is beyond the log's end (${info.state.last_seq}); ignored`);
      return null;
    }
    return checkpoint;
  }

  prune(feed: LoggedFeed, beforeTs: number): Promise<number> {
    return this.#admin(feed, async () => {
      const head = this.#head(feed);
      const checkpoint = await this.latestCheckpoint(feed);
      if (!checkpoint) return 0;
      const info = await this.#jsm.streams.info(head.stream);
      // Never purge past the end: a purge up to seq S > last + 1 would make the next item S (a seq gap).
      const end = info.state.last_seq + 1;
      const since = await this.firstSeqSince(feed, beforeTs);
      const keepFrom = Math.min(checkpoint.seq + 1, since ?? end, end);
      if (keepFrom > info.state.first_seq) {
        const response = await this.#jsm.streams.purge(head.stream, { seq: keepFrom });
        if (response.success !== true || !Number.isSafeInteger(response.purged) || response.purged < 0) {
          throw new Error(`log store: ${feed}: unexpected purge response ${JSON.stringify(response)}`);
        }
        head.firstSeq = Math.max(head.firstSeq, keepFrom);
        return response.purged;
      }
      head.firstSeq = Math.max(head.firstSeq, info.state.messages > 0 ? info.state.first_seq : end);
      return 0;
    });
  }

  reset(feed: LoggedFeed): Promise<FeedHead> {
    return this.#admin(feed, async () => {
      const head = this.#head(feed);
      // Followers follow the old epoch; seqs restart at 1, so they end here (follow again after a reset).
      const followers = this.#followers.get(feed) ?? new Set();
      await Promise.all([...followers].map((follower) => follower.stop()));
      followers.clear();
      await this.#publisher.drain();
      try {
        await this.#jsm.streams.delete(head.stream);
      } catch (error) {
        if (!(error instanceof JetStreamApiError && error.code === 10059)) throw error;
      }
      await this.#checkpoints.delete(feed);
      const { info } = await ensureFeedStream(this.#jsm, head.config);
      const fresh = await headFromInfo(this.#jsm, head.config, info);
      head.epoch = fresh.epoch;
      head.seq = fresh.seq;
      head.firstSeq = fresh.firstSeq;
      head.lastTs = fresh.lastTs;
      return this.head(feed);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Appends already made are still published (or rejected after their retry budget) before the connection goes.
    await this.#publisher.drain();
    const stopping: Promise<unknown>[] = [];
    for (const followers of this.#followers.values()) {
      for (const follower of followers) stopping.push(follower.stop());
      followers.clear();
    }
    await Promise.all(stopping);
    await Promise.all([...this.#background]);
    await this.#nc.close();
  }

  /**
   * Whether the feed's stream is still the one of `epoch`. When it is not (another hub reset the feed, or the stream
   * was lost), the head is moved to the stream as it is now, so head().epoch shows the change; appends from then on
   * land in the new epoch.
   */
  async #sameEpoch(feed: LoggedFeed, epoch: string): Promise<boolean> {
    const head = this.#head(feed);
    if (head.epoch !== epoch) return false;
    const info = await streamInfoOrNull(this.#jsm, head.stream);
    const now = info ? streamEpoch(head.stream, info.created) : null;
    if (now === epoch) return true;
    if (info && head.epoch === epoch) {
      const fresh = await headFromInfo(this.#jsm, head.config, info);
      console.warn(`log store: ${feed}: the stream's epoch changed from ${epoch} to ${fresh.epoch} (reset elsewhere?)`);
      head.epoch = fresh.epoch;
      head.seq = fresh.seq;
      head.firstSeq = fresh.firstSeq;
      head.lastTs = fresh.lastTs;
    }
    return false;
  }

  #admin<T>(feed: LoggedFeed, work: () => Promise<T>): Promise<T> {
    const previous = this.#adminChains.get(feed) ?? Promise.resolve();
    const run = previous.then(work, work);
    this.#adminChains.set(feed, run.catch(() => undefined));
    return run;
  }

  #track(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.#background.delete(tracked));
    this.#background.add(tracked);
  }

  #foreign(feed: LoggedFeed, seq: number): void {
    if (this.#foreignWarned.has(feed)) return;
    this.#foreignWarned.add(feed);
    console.warn(`log store: ${feed}: message ${seq} of the stream was not written by a log store (passed on as raw text)`);
  }
}

async function headFromInfo(jsm: JetStreamManager, config: FeedStreamConfig, info: StreamInfo): Promise<MutableHead> {
  const { first_seq: first, last_seq: last, messages } = info.state;
  if (!Number.isSafeInteger(last) || last < 0 || !Number.isSafeInteger(first) || first < 0) {
    throw new Error(`stream ${config.name} reports an unusable state ${JSON.stringify(info.state)}`);
  }
  let lastTs = 0;
  if (messages > 0 && isSeq(last)) {
    const message = await jsm.streams.getMessage(config.name, { seq: last });
    if (message) lastTs = toStoredItem(last, message.string(), () => message.time.getTime(), () => undefined).ts;
  }
  return {
    epoch: streamEpoch(config.name, info.created),
    seq: last,
    firstSeq: messages > 0 ? first : last + 1,
    lastTs,
    stream: config.name,
    subject: config.subjects[0] ?? '',
    config,
  };
}
