import { DeliverPolicy, type ConsumerMessages, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import type { FollowListener, StoredItem } from '../log-store.js';
import { isSeq, toStoredItem } from './log-message.js';

const RESTART_MIN_MS = 250;
const RESTART_MAX_MS = 5_000;
/**
 * Pull expiry of the follower's consumer. Its idle heartbeat is half of it, and two missed heartbeats make the ordered
 * consumer check and, if need be, recreate itself: a consumer lost with a restarted server is replaced within ~10 s.
 */
const PULL_EXPIRES_MS = 10_000;
const PULL_BATCH = 1000;

export interface FollowerContext {
  readonly js: JetStreamClient;
  readonly stream: string;
  readonly label: string;
  readonly onForeign: (seq: number) => void;
  /** Every delivered batch, before the listener: the store keeps its head from it. */
  readonly onItems: (items: readonly StoredItem[]) => void;
  /** False when the stream is no longer the one of the follower's epoch (deleted, or deleted and recreated). */
  readonly sameEpoch: () => Promise<boolean>;
}

/**
 * Follows a feed's stream on an ordered consumer (nats.js: an ephemeral pull consumer that the client recreates from
 * the last stream seq it delivered + 1 whenever a delivery seq is skipped, heartbeats stop or the connection comes
 * back). So an outage or a server restart neither loses nor repeats an item. On top of that the follower hands on a
 * seq only when it is above the last one handed on, and batches what one socket read delivered into one call.
 */
export class StreamFollower {
  readonly #context: FollowerContext;
  readonly #listener: FollowListener;
  #last: number;
  #batch: StoredItem[] = [];
  /** Items that arrived after the consumer was recreated, held until the stream's epoch is checked. */
  #held: StoredItem[] | null = null;
  #messages: ConsumerMessages | null = null;
  #stopped = false;
  #started: Promise<void>;

  constructor(context: FollowerContext, afterSeq: number, listener: FollowListener) {
    this.#context = context;
    this.#listener = listener;
    this.#last = afterSeq;
    this.#started = this.#start();
  }

  get lastSeq(): number {
    return this.#last;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#started;
    const messages = this.#messages;
    this.#messages = null;
    if (messages) {
      messages.stop();
      await messages.closed().catch(() => undefined);
    }
  }

  async #start(): Promise<void> {
    for (let attempt = 0; !this.#stopped; attempt++) {
      try {
        const consumer = await this.#context.js.consumers.get(this.#context.stream, {
          deliver_policy: DeliverPolicy.StartSequence,
          opt_start_seq: this.#last + 1,
        });
        if (this.#stopped) return;
        const messages = await consumer.consume({
          max_messages: PULL_BATCH,
          expires: PULL_EXPIRES_MS,
          callback: (message) => this.#onMessage(message),
        });
        if (this.#stopped) {
          messages.stop();
          return;
        }
        this.#messages = messages;
        void this.#watch(messages);
        return;
      } catch (error) {
        if (this.#stopped) return;
        const wait = Math.min(RESTART_MAX_MS, RESTART_MIN_MS * 2 ** attempt);
        console.warn(`log store: ${this.#context.label}: cannot start following (${(error as Error).message}); retrying in ${wait} ms`);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  /**
   * The ordered consumer recreates itself after outages, and also — silently — on a stream deleted and recreated by
   * another hub's reset, where "the last seq + 1" means nothing. So from a reset notice on, items are held until the
   * recreated consumer's stream is checked to be the same epoch; if it is not, following ends (the store's head
   * shows the new epoch).
   */
  async #watch(messages: ConsumerMessages): Promise<void> {
    void (async () => {
      for await (const status of messages.status()) {
        if (this.#stopped) break;
        if (status.type === 'reset') this.#held ??= [];
        else if (status.type === 'ordered_consumer_recreated' || status.type === 'stream_not_found') void this.#verify();
      }
    })().catch(() => undefined);
    await messages.closed().catch((error: unknown) => {
      if (!this.#stopped) console.warn(`log store: ${this.#context.label}: following ended: ${(error as Error).message}`);
    });
  }

  async #verify(): Promise<void> {
    for (let attempt = 0; !this.#stopped; attempt++) {
      try {
        if (!(await this.#context.sameEpoch())) {
          console.warn(`log store: ${this.#context.label}: the stream was deleted or recreated (a reset by another hub?); following stops`);
          await this.stop();
          return;
        }
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, Math.min(RESTART_MAX_MS, RESTART_MIN_MS * 2 ** attempt)));
      }
    }
    const held = this.#held;
    this.#held = null;
    if (held && held.length > 0) this.#hand(held);
  }

  #onMessage(message: JsMsg): void {
    if (this.#stopped) return;
    const seq = message.seq;
    if (!isSeq(seq) || seq <= this.#last) return;
    if (seq !== this.#last + 1 && this.#last > 0) {
      // Only a prune (or max_age) removes items: a follower that far behind starts again at the first retained one.
      console.warn(`log store: ${this.#context.label}: items ${this.#last + 1}–${seq - 1} were pruned before they could be followed`);
    }
    this.#last = seq;
    const item = toStoredItem(seq, message.string(), () => message.time.getTime(), this.#context.onForeign);
    if (this.#held) {
      this.#held.push(item);
      return;
    }
    this.#batch.push(item);
    // Messages of one socket read arrive in one synchronous run: hand them on together after it.
    if (this.#batch.length === 1) queueMicrotask(() => this.#flush());
  }

  #flush(): void {
    const batch = this.#batch;
    this.#batch = [];
    this.#hand(batch);
  }

  #hand(batch: StoredItem[]): void {
    if (this.#stopped || batch.length === 0) return;
    this.#context.onItems(batch);
    try {
      this.#listener(batch);
    } catch (error) {
      console.error(`log store: ${this.#context.label}: a follow listener threw`, error);
    }
  }
}
