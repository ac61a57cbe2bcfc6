import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Objm, StorageType, type ObjectInfo, type ObjectStore } from '@nats-io/obj';
import type { LoggedFeed } from '../../protocol/feed-names.js';
import type { Checkpoint } from '../log-store.js';
import { streamInfoOrNull } from './stream-config.js';

const FORMAT = '1';
const READ_TIMEOUT_MS = 30_000;
const READ_ATTEMPTS = 3;
const DECIMAL = /^(0|[1-9]\d{0,15})$/;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * Checkpoints in a JetStream Object Store bucket, one object per feed. A feed state can be several MB (the traffic
 * network) and a NATS message is at most 1 MiB by default, so it must be chunked; the Object Store does exactly that
 * (128 KiB chunks), writes the object's metadata last with a rollup, so a reader sees the old checkpoint or the new
 * one and never a mix, and checks a SHA-256 of the whole on read. Chunking by hand in KV would redo all of it.
 *
 * The object's metadata holds the checkpoint's seq, ts and the epoch it belongs to: a checkpoint of another epoch (a
 * stream recreated behind our back) is ignored, never applied to the new log.
 */
export class CheckpointObjects {
  readonly #store: ObjectStore;

  private constructor(store: ObjectStore) {
    this.#store = store;
  }

  static async open(nc: NatsConnection, jsm: JetStreamManager, bucket: string, replicas: number): Promise<CheckpointObjects> {
    const objm = new Objm(nc);
    // open() fails on a missing bucket; create() on a bucket made meanwhile by another hub returns it (same config).
    const exists = (await streamInfoOrNull(jsm, `OBJ_${bucket}`)) !== null;
    const store = exists ? await objm.open(bucket) : await objm.create(bucket, { storage: StorageType.File, replicas });
    return new CheckpointObjects(store);
  }

  /** The stored checkpoint's seq when it belongs to `epoch`, else null (none, another epoch, unreadable metadata). */
  async storedSeq(feed: LoggedFeed, epoch: string): Promise<number | null> {
    const info = await this.#store.info(feed);
    return info ? (parseMetadata(info, epoch)?.seq ?? null) : null;
  }

  async save(feed: LoggedFeed, epoch: string, checkpoint: Checkpoint): Promise<void> {
    await this.#store.putBlob(
      {
        name: feed,
        metadata: { format: FORMAT, epoch, seq: String(checkpoint.seq), ts: JSON.stringify(checkpoint.ts) },
      },
      new TextEncoder().encode(checkpoint.stateJson),
    );
  }

  /** The feed's checkpoint of `epoch`; `warn` names why a stored one is not used. */
  async load(feed: LoggedFeed, epoch: string, warn: (why: string) => void): Promise<Checkpoint | null> {
    for (let attempt = 1; ; attempt++) {
      const result = await this.#store.get(feed);
      if (!result) return null;
      const meta = parseMetadata(result.info, epoch);
      if (!meta) {
        await result.data.cancel().catch(() => undefined);
        warn(`the checkpoint object's metadata ${JSON.stringify(result.info.metadata ?? null)} is not a checkpoint of epoch ${epoch}`);
        return null;
      }
      try {
        const bytes = await readAll(result.data, result.error);
        const stateJson = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return { seq: meta.seq, ts: meta.ts, stateJson };
      } catch (error) {
        // A checkpoint replaced while we read it loses its chunks under us: read the new one.
        if (attempt >= READ_ATTEMPTS) throw new Error(`cannot read the ${feed} checkpoint: ${(error as Error).message}`, { cause: error });
      }
    }
  }

  async delete(feed: LoggedFeed): Promise<void> {
    if (await this.#store.info(feed)) await this.#store.delete(feed);
  }
}

function parseMetadata(info: ObjectInfo, epoch: string): { seq: number; ts: number } | null {
  const meta = info.metadata;
  if (!meta || meta['format'] !== FORMAT || meta['epoch'] !== epoch) return null;
  const seqText = meta['seq'] ?? '';
  const tsText = meta['ts'] ?? '';
  if (!DECIMAL.test(seqText) || !NUMBER.test(tsText)) return null;
  const seq = Number(seqText);
  const ts = Number(tsText);
  return Number.isSafeInteger(seq) && Number.isFinite(ts) ? { seq, ts } : null;
}

async function readAll(data: ReadableStream<Uint8Array>, error: Promise<Error | null>): Promise<Uint8Array> {
  const reader = data.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no complete checkpoint within ${READ_TIMEOUT_MS} ms`)), READ_TIMEOUT_MS);
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), timeout]);
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
    const failed = await Promise.race([error, timeout]);
    if (failed) throw failed;
  } catch (failure) {
    // Ends the object's consumer too, so a stalled read leaves nothing running.
    await reader.cancel().catch(() => undefined);
    throw failure;
  } finally {
    clearTimeout(timer);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
