import { AckPolicy, DeliverPolicy, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { StoredItem } from '../log-store.js';
import { isSeq, toStoredItem } from './log-message.js';

/** Server-side lifetime of a read consumer this process failed to delete (crashed mid-read). */
const READ_CONSUMER_INACTIVE_MS = 30_000;
/** A fetch asks for exactly the messages the consumer reported pending; this only bounds a purge racing the read. */
const FETCH_EXPIRES_MS = 5_000;

export interface ReadContext {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly stream: string;
  /** A consumer name unique to this read. */
  readonly consumerName: string;
  readonly onForeign: (seq: number) => void;
  /** Deleting the consumer is not awaited by the read; the store waits for these at close. */
  readonly track: (work: Promise<unknown>) => void;
}

/**
 * Up to `limit` items after `afterSeq` in one batch: an ephemeral pull consumer starting at afterSeq + 1 (memory
 * storage, no acks), whose creation reports how many messages follow; one fetch of min(limit, that) messages then
 * ends as soon as they arrived. One request to create, one pull, no request per message.
 */
export async function readBatch(context: ReadContext, afterSeq: number, limit: number): Promise<StoredItem[]> {
  const { js, jsm, stream, consumerName } = context;
  const info = await jsm.consumers.add(stream, {
    name: consumerName,
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: afterSeq + 1,
    ack_policy: AckPolicy.None,
    mem_storage: true,
    num_replicas: 1,
    inactive_threshold: nanos(READ_CONSUMER_INACTIVE_MS),
  });
  const items: StoredItem[] = [];
  try {
    const pending = Number.isSafeInteger(info.num_pending) && info.num_pending > 0 ? info.num_pending : 0;
    const wanted = Math.min(limit, pending);
    if (wanted === 0) return items;
    const consumer = js.consumers.getConsumerFromInfo(info);
    const messages = await consumer.fetch({ max_messages: wanted, expires: FETCH_EXPIRES_MS });
    let last = afterSeq;
    for await (const message of messages) {
      const seq = message.seq;
      // A consumer delivers in stream order; anything else is not a message of this read.
      if (!isSeq(seq) || seq <= last) continue;
      last = seq;
      items.push(toStoredItem(seq, message.string(), () => message.time.getTime(), context.onForeign));
      if (items.length >= wanted) break;
    }
    return items;
  } finally {
    context.track(jsm.consumers.delete(stream, consumerName).catch(() => undefined));
  }
}

/**
 * The smallest retained seq whose server receive time is ≥ `fromMs`, or null when the last one is earlier: a binary
 * search over [first_seq, last_seq] with one MSG.GET per step. Valid because the server stamps messages in seq order.
 */
export async function firstSeqAtServerTime(jsm: JetStreamManager, stream: string, fromMs: number): Promise<number | null> {
  const info = await jsm.streams.info(stream);
  let low = info.state.first_seq;
  let high = info.state.last_seq;
  if (!isSeq(low) || !Number.isSafeInteger(high) || info.state.messages === 0 || high < low) return null;
  const timeOf = async (seq: number): Promise<number | null> => {
    const message = await jsm.streams.getMessage(stream, { seq });
    if (!message) return null;
    const time = Date.parse(message.timestamp);
    if (!Number.isFinite(time)) throw new Error(`stream ${stream}: message ${seq} has an unusable timestamp ${message.timestamp}`);
    return time;
  };
  const lastTime = await timeOf(high);
  if (lastTime === null || lastTime < fromMs) return null;
  // Invariant: time(high) ≥ fromMs. A message gone meanwhile (a prune) was before every retained one: search on.
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    const time = await timeOf(mid);
    if (time === null || time < fromMs) low = mid + 1;
    else high = mid;
  }
  return high;
}
