import type { JetStreamClient, JetStreamManager, PubAck } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { classifyFailure, errorMessage } from './nats-errors.js';

/** Header naming the store instance and counter that published a message: tells our own retry from a duplicate. */
export const WRITER_HEADER = 'Ioc-Writer';

export interface OutboundMessage {
  readonly stream: string;
  readonly subject: string;
  readonly body: Uint8Array;
  /** `Nats-Msg-Id`: the entry's key, or the writer id for an entry without one. */
  readonly msgID: string;
  /** `<instance>:<feed>:<counter>`, unique per entry. */
  readonly writer: string;
  readonly keyed: boolean;
}

export interface Published {
  readonly seq: number;
  /** True when the stream already held the message's key (stored by someone else, or by an earlier append). */
  readonly duplicate: boolean;
}

export interface OrderedPublisherOptions {
  /** How long one attempt waits for its PubAck. */
  readonly attemptTimeoutMs: number;
  /** How long after the append an entry may still be retried; then the append rejects. */
  readonly retryMs: number;
  readonly windowMessages?: number;
  readonly windowBytes?: number;
}

interface Job {
  readonly messages: readonly OutboundMessage[];
  readonly results: (Published | undefined)[];
  readonly deadline: number;
  next: number;
  done: number;
  error: Error | null;
  readonly resolve: (results: Published[]) => void;
  readonly reject: (error: Error) => void;
}

interface InFlight {
  readonly job: Job;
  readonly index: number;
  /** An earlier attempt may have been stored: a duplicate ack then needs a look at who wrote the stored copy. */
  ambiguous: boolean;
}

const BACKOFF_MIN_MS = 100;
const BACKOFF_MAX_MS = 2000;

/**
 * Publishes the messages of every append of one store instance, in call order, and resolves each append with the
 * PubAcks of its messages after all of them are acknowledged (`append` resolves only for durable items).
 *
 * Order: messages go out in windows. A window is sent in one synchronous burst on the one connection, and the next
 * window waits until every message of this one is acknowledged, retried into success, or given up. A connection that
 * fails loses a suffix of what it was sent (TCP order, and nats.js drops its unsent buffer when it redials), so what
 * the server stored of a window is a prefix of it, and the re-sent remainder follows it — the stream keeps call order.
 * (The one exception: a "no responders" for one message while a later one of the same burst is stored, possible only
 * in the instant a clustered stream gets its leader; the acks then show it and `append` warns.)
 *
 * Retries reuse the msgID, so the server drops a copy it already stored and acks with the seq of the stored one. For
 * an entry without a key that can only be our own earlier attempt; for a keyed entry whose earlier attempt may have
 * been stored, the stored copy's writer header says whether it is ours (stored now) or a duplicate.
 */
export class OrderedPublisher {
  readonly #js: JetStreamClient;
  readonly #jsm: JetStreamManager;
  readonly #attemptTimeoutMs: number;
  readonly #retryMs: number;
  readonly #windowMessages: number;
  readonly #windowBytes: number;
  readonly #queue: Job[] = [];
  #running = false;
  #idle: (() => void)[] = [];

  constructor(js: JetStreamClient, jsm: JetStreamManager, options: OrderedPublisherOptions) {
    this.#js = js;
    this.#jsm = jsm;
    this.#attemptTimeoutMs = options.attemptTimeoutMs;
    this.#retryMs = options.retryMs;
    this.#windowMessages = options.windowMessages ?? 512;
    this.#windowBytes = options.windowBytes ?? 4 * 1024 * 1024;
  }

  get pending(): number {
    return this.#queue.length;
  }

  publish(messages: readonly OutboundMessage[]): Promise<Published[]> {
    return new Promise<Published[]>((resolve, reject) => {
      this.#queue.push({
        messages,
        results: new Array<Published | undefined>(messages.length).fill(undefined),
        deadline: Date.now() + this.#retryMs,
        next: 0,
        done: 0,
        error: null,
        resolve,
        reject,
      });
      void this.#run();
    });
  }

  /** Resolves when every queued append has settled. */
  drain(): Promise<void> {
    if (!this.#running && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  async #run(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#queue.length > 0) {
        const window = this.#takeWindow();
        if (window.length > 0) await this.#sendWindow(window);
        const before = this.#queue.length;
        this.#settleFinished();
        // Cannot happen (a sent message always ends with a result or its append failed); never spin if it does.
        if (window.length === 0 && this.#queue.length === before) break;
      }
    } finally {
      this.#running = false;
      const idle = this.#idle;
      this.#idle = [];
      for (const resolve of idle) resolve();
    }
  }

  #takeWindow(): InFlight[] {
    const window: InFlight[] = [];
    let bytes = 0;
    const now = Date.now();
    for (const job of this.#queue) {
      if (job.error) continue;
      if (job.next < job.messages.length && now >= job.deadline) {
        this.#fail(job, new Error(`JetStream append not sent within ${this.#retryMs} ms (earlier appends were still retrying)`));
        continue;
      }
      while (job.next < job.messages.length && window.length < this.#windowMessages) {
        const size = job.messages[job.next]?.body.length ?? 0;
        if (window.length > 0 && bytes + size > this.#windowBytes) return window;
        window.push({ job, index: job.next, ambiguous: false });
        bytes += size;
        job.next++;
      }
      if (window.length >= this.#windowMessages) break;
    }
    return window;
  }

  async #sendWindow(window: readonly InFlight[]): Promise<void> {
    let pending = window;
    for (let attempt = 0; pending.length > 0; attempt++) {
      // One synchronous burst: js.publish writes to the connection before its first await.
      const settled = await Promise.allSettled(pending.map((flight) => this.#publishOne(flight)));
      const retry: InFlight[] = [];
      const verify: { flight: InFlight; seq: number }[] = [];
      settled.forEach((result, i) => {
        const flight = pending[i];
        if (!flight || flight.job.error) return;
        const message = this.#message(flight);
        if (result.status === 'fulfilled') {
          const ack = result.value;
          if (ack.stream !== message.stream || !Number.isSafeInteger(ack.seq) || ack.seq < 1 || typeof ack.duplicate !== 'boolean') {
            this.#fail(flight.job, new Error(`JetStream answered an append to ${message.stream} with an invalid PubAck ${JSON.stringify(ack)}`));
          } else if (!ack.duplicate || !message.keyed) {
            // A duplicate of a keyless entry is our own earlier attempt: its msgID is unique to this entry.
            this.#record(flight, { seq: ack.seq, duplicate: false });
          } else if (flight.ambiguous) {
            verify.push({ flight, seq: ack.seq });
          } else {
            this.#record(flight, { seq: ack.seq, duplicate: true });
          }
          return;
        }
        const failure = classifyFailure(result.reason);
        if (failure === 'permanent' || Date.now() >= flight.job.deadline) {
          this.#fail(flight.job, new Error(`JetStream append to ${message.stream} failed: ${errorMessage(result.reason)}`, { cause: result.reason }));
          return;
        }
        if (failure === 'ambiguous') flight.ambiguous = true;
        retry.push(flight);
      });
      for (const { flight, seq } of verify) {
        if (flight.job.error) continue;
        const message = this.#message(flight);
        try {
          const stored = await this.#jsm.streams.getMessage(message.stream, { seq });
          // Gone (pruned) means old: not the copy we sent a moment ago.
          const ours = stored !== null && stored.header.get(WRITER_HEADER) === message.writer;
          this.#record(flight, { seq, duplicate: !ours });
        } catch (error) {
          if (classifyFailure(error) === 'permanent' || Date.now() >= flight.job.deadline) {
            this.#fail(flight.job, new Error(`JetStream append to ${message.stream}: cannot check seq ${seq}: ${errorMessage(error)}`, { cause: error }));
          } else {
            retry.push(flight);
          }
        }
      }
      pending = retry.filter((flight) => !flight.job.error).sort((a, b) => this.#order(a, b, window));
      if (pending.length > 0) {
        const soonest = Math.min(...pending.map((flight) => flight.job.deadline));
        const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** attempt) * (0.8 + Math.random() * 0.4);
        await new Promise((resolve) => setTimeout(resolve, Math.max(10, Math.min(backoff, soonest - Date.now()))));
      }
    }
  }

  /** Window order (the verify step may have pushed a flight after later ones). */
  #order(a: InFlight, b: InFlight, window: readonly InFlight[]): number {
    return window.indexOf(a) - window.indexOf(b);
  }

  #publishOne(flight: InFlight): Promise<PubAck> {
    const message = this.#message(flight);
    const h = headers();
    h.set(WRITER_HEADER, message.writer);
    return this.#js.publish(message.subject, message.body, {
      msgID: message.msgID,
      headers: h,
      timeout: this.#attemptTimeoutMs,
      // Refused unless the subject lands in the feed's stream: another stream capturing it would split the log.
      expect: { streamName: message.stream },
    });
  }

  #message(flight: InFlight): OutboundMessage {
    const message = flight.job.messages[flight.index];
    if (!message) throw new Error('publisher: no message at index');
    return message;
  }

  #record(flight: InFlight, published: Published): void {
    if (flight.job.results[flight.index] !== undefined) return;
    flight.job.results[flight.index] = published;
    flight.job.done++;
  }

  #fail(job: Job, error: Error): void {
    if (!job.error) job.error = error;
  }

  /** Settle finished appends from the front of the queue only, so appends resolve in call order. */
  #settleFinished(): void {
    while (this.#queue.length > 0) {
      const job = this.#queue[0];
      if (!job) break;
      if (job.error) {
        job.reject(job.error);
      } else if (job.done === job.messages.length) {
        job.resolve(job.results.filter((result): result is Published => result !== undefined));
      } else {
        break;
      }
      this.#queue.shift();
    }
  }
}
