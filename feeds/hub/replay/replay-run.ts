import { isLoggedFeed, type FeedName, type LoggedFeed } from '../../protocol/feed-names.js';
import type { ReplayFrame } from '../../protocol/frames.js';
import { markReplayFrame } from '../../protocol/vehicle-frame.js';
import type { FeedReducer } from '../../state/feed-reducer.js';
import type { LogStore, StoredItem } from '../../store/log-store.js';
import type { ReplayHistoryStore } from '../../store/replay-history.js';
import { stateAt } from './replay-state.js';

/** Where a replay sends its frames (a ClientSession); `backlog` lets it wait for a slow reader. */
export interface ReplaySink {
  sendText(text: string): boolean;
  sendBinary(bytes: Uint8Array): boolean;
  backlog(): number;
  /** Resolves when the oldest frame of this replay not yet written to the OS is (at once when none is). */
  written(): Promise<void>;
  readonly maxBacklog: number;
  readonly closed: boolean;
}

export interface ReplayDeps {
  readonly log: LogStore;
  readonly history: ReplayHistoryStore;
  readonly reducers: { readonly [F in LoggedFeed]: FeedReducer<F, unknown> };
}

const PAGE = 5000;
const MAX_ITEMS_PER_FRAME = 2000;
/** How far ahead of another feed's next item a replay at speed 0 may send a feed's items (feed time). */
const MERGE_SLACK_MS = 60_000;
/** Real time a paced replay sleeps at most in one go, so a replay-stop is heard quickly. */
const MAX_SLEEP_MS = 200;

interface Cursor {
  readonly feed: FeedName;
  buffer: { seq: number; ts: number; json: string }[] | { ts: number; frame: Uint8Array }[];
  /** Logged feeds: the last seq read; vehicles: the last keyframe ts read. */
  after: number;
  exhausted: boolean;
  /** Logged feeds: the next page, read while this one is sent (the log reads on another thread). */
  ahead: Promise<StoredItem[]> | null;
}

/**
 * One replay of one connection (docs/PROTOCOL.md §11): for each feed the state at `at` (replay-snapshot), then every
 * logged item with at < ts ≤ until (replay-events), all feeds merged in ts order and paced at `speed` × real time
 * (0: as fast as the client reads), then replay-end. Vehicles come as their sampled keyframes, binary frames marked
 * with the replay's slot. Live frames of the connection are not touched: a replay has no seq of its own.
 */
export class ReplayRun {
  readonly #frame: ReplayFrame;
  readonly #deps: ReplayDeps;
  readonly #sink: ReplaySink;
  readonly #slot: number;
  #stopped = false;

  constructor(frame: ReplayFrame, deps: ReplayDeps, sink: ReplaySink, slot: number) {
    this.#frame = frame;
    this.#deps = deps;
    this.#sink = sink;
    this.#slot = slot;
  }

  get replayId(): string {
    return this.#frame.replayId;
  }

  stop(): void {
    this.#stopped = true;
  }

  get #over(): boolean {
    return this.#stopped || this.#sink.closed;
  }

  /** Snapshots (a feed that cannot be rebuilt at `at` rejects, before anything is sent), events, end. */
  async run(): Promise<void> {
    const { at, replayId } = this.#frame;
    const id = JSON.stringify(replayId);
    // Every state first: a feed that cannot be rebuilt at `at` refuses the replay before any frame of it is sent.
    const moments = new Map<LoggedFeed, { seq: number; stateJson: string }>();
    for (const feed of this.#frame.feeds) {
      if (isLoggedFeed(feed)) moments.set(feed, await stateAt(feed, at, this.#deps.log, this.#deps.history, this.#deps.reducers[feed]));
    }
    const cursors: Cursor[] = [];
    for (const feed of this.#frame.feeds) {
      if (this.#over) break;
      const moment = isLoggedFeed(feed) ? moments.get(feed) : undefined;
      if (moment) {
        this.#sink.sendText(`{"type":"replay-snapshot","replayId":${id},"feed":"${feed}","at":${at},"seq":${moment.seq},"state":${moment.stateJson}}`);
        cursors.push({ feed, buffer: [], after: moment.seq, exhausted: false, ahead: null });
      } else {
        const keyframe = await this.#deps.history.vehicleKeyframeAtOrBefore(at);
        this.#sink.sendText(`{"type":"replay-snapshot","replayId":${id},"feed":"vehicles","at":${at},"seq":0,"state":{"keyframeTs":${keyframe?.ts ?? 'null'},"slot":${this.#slot}}}`);
        if (keyframe) this.#sink.sendBinary(markReplayFrame(keyframe.frame, this.#slot));
        cursors.push({ feed, buffer: [], after: at, exhausted: false, ahead: null });
      }
    }
    await this.#events(cursors);
    if (!this.#sink.closed) this.#sink.sendText(`{"type":"replay-end","replayId":${id},"ok":true,"reason":"${this.#stopped ? 'stopped' : 'done'}"}`);
  }

  async #fill(cursor: Cursor): Promise<void> {
    if (cursor.exhausted || cursor.buffer.length > 0) return;
    const { until, at } = this.#frame;
    if (isLoggedFeed(cursor.feed)) {
      const feed = cursor.feed;
      const page: StoredItem[] = await (cursor.ahead ?? this.#deps.log.read(feed, cursor.after, PAGE));
      cursor.ahead = null;
      if (page.length < PAGE) cursor.exhausted = true;
      const kept: { seq: number; ts: number; json: string }[] = [];
      for (const item of page) {
        cursor.after = item.seq;
        if (item.ts > until) {
          cursor.exhausted = true;
          break;
        }
        // A back-dated item after `at`'s snapshot is part of that state already.
        if (item.ts > at) kept.push(item);
      }
      cursor.buffer = kept;
      if (!cursor.exhausted) {
        cursor.ahead = this.#deps.log.read(feed, cursor.after, PAGE);
        // A replay stopped before it needs the page must not leave a rejection unhandled; #fill awaits the original.
        cursor.ahead.catch(() => undefined);
      }
      if (kept.length === 0 && !cursor.exhausted) await this.#fill(cursor);
    } else {
      const frames = await this.#deps.history.vehicleKeyframes(cursor.after, until, 50);
      if (frames.length < 50) cursor.exhausted = true;
      const last = frames[frames.length - 1];
      if (last) cursor.after = last.ts;
      cursor.buffer = frames;
    }
  }

  async #events(cursors: Cursor[]): Promise<void> {
    const { at, speed, replayId } = this.#frame;
    const started = Date.now();
    const id = JSON.stringify(replayId);
    for (;;) {
      if (this.#over) return;
      await Promise.all(cursors.map((cursor) => this.#fill(cursor)));
      const live = cursors.filter((cursor) => cursor.buffer.length > 0);
      if (live.length === 0) return;
      // The cursor whose next item is the oldest goes next, with as many items as come before any other's next.
      live.sort((a, b) => (a.buffer[0]?.ts ?? 0) - (b.buffer[0]?.ts ?? 0));
      const [first, second] = live;
      if (!first) return;
      const bound = second?.buffer[0]?.ts ?? Number.POSITIVE_INFINITY;
      const ts = first.buffer[0]?.ts ?? at;
      if (speed > 0) {
        const due = started + (ts - at) / speed;
        const wait = due - Date.now();
        if (wait > 0) {
          await sleep(Math.min(wait, MAX_SLEEP_MS));
          continue;
        }
      } else if (this.#sink.backlog() > this.#sink.maxBacklog / 4) {
        // Wait for the socket to take the oldest frame: neither a spin (it takes the CPU the reader needs) nor a timer
        // (it would idle the replay). Bounded, so a socket torn down mid-write cannot hold the replay.
        await Promise.race([this.#sink.written(), sleep(MAX_SLEEP_MS)]);
        continue;
      }
      if (isLoggedFeed(first.feed)) {
        const buffer = first.buffer as { seq: number; ts: number; json: string }[];
        // Paced: everything up to the replay clock goes now, one frame per feed. As fast as read: up to a minute past
        // the other feeds' next item, so frames stay full (the order across feeds is kept to the minute).
        const limit = speed > 0 ? at + (Date.now() - started) * speed : bound + MERGE_SLACK_MS;
        let count = 0;
        while (count < buffer.length && count < MAX_ITEMS_PER_FRAME && (buffer[count]?.ts ?? 0) <= limit) count++;
        count = Math.max(1, count);
        const chunk = buffer.splice(0, count);
        // One growing string (V8 joins it once, when it is encoded), not an array of item strings to join.
        let text = `{"type":"replay-events","replayId":${id},"feed":"${first.feed}","items":[`;
        for (let i = 0; i < chunk.length; i++) {
          const item = chunk[i];
          if (item) text += `${i === 0 ? '' : ','}{"seq":${item.seq},"ts":${item.ts},"data":${item.json}}`;
        }
        this.#sink.sendText(`${text}]}`);
      } else {
        const keyframe = (first.buffer as { ts: number; frame: Uint8Array }[]).shift();
        if (keyframe) this.#sink.sendBinary(markReplayFrame(keyframe.frame, this.#slot));
      }
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
