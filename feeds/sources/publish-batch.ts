import { createHash } from 'node:crypto';
import { FEED_DATA_SCHEMAS } from '../protocol/feed-data.js';
import { itemKey } from '../store/item-keys.js';
import type { SourceBatch, RejectedRecord } from './source-result.js';
import type { SourcePublisher } from './source-publisher.js';

export interface PublishOutcome {
  readonly accepted: number;
  readonly ignored: SourceBatch['ignored'];
  /** The format's rejections plus items the feed schema refused, by line. */
  readonly rejected: RejectedRecord[];
  /** Items committed to the log. */
  readonly items: number;
  /** Items the log already held (the same key sent again): not stored twice. */
  readonly duplicates: number;
}

/**
 * Hand a parsed batch to the hub: logged feeds through `hub.publish` (validated, appended in one append call —
 * one group commit, so the batch is in the log whole or not at all — and durable when this resolves), vehicles
 * as one keyframe (latest-wins, not logged). An item the feed schema refuses turns its record into a rejection;
 * for formats that merge records into one item (environment, portal) that cannot happen short of a bug here.
 */
export async function publishBatch(hub: SourcePublisher, batch: SourceBatch, source = 'ingest'): Promise<PublishOutcome> {
  const rejected = [...batch.rejected];
  if (batch.feed === 'vehicles') {
    // Vehicles replace only this source's earlier positions (see VehicleChannel).
    if (batch.vehicles) hub.publishVehicles(batch.vehicles, Date.now(), source);
    return { accepted: batch.accepted, ignored: batch.ignored, rejected, items: batch.vehicles ? 1 : 0, duplicates: 0 };
  }
  if (batch.items.length === 0) {
    await afterCommit(batch);
    return { accepted: batch.accepted, ignored: batch.ignored, rejected, items: 0, duplicates: 0 };
  }
  const feed = batch.feed;
  const result = await hub.publish(feed, batch.items, undefined, batch.items.map((item) => itemKey(feed, item)));
  await afterCommit(batch);
  for (const refusal of result.rejected) {
    const line = batch.itemLines[refusal.index] ?? 0;
    rejected.push({ line, reason: refusal.reason, raw: JSON.stringify(batch.items[refusal.index] ?? null) });
  }
  rejected.sort((a, b) => a.line - b.line);
  const accepted = Math.max(0, batch.accepted - result.rejected.length);
  return { accepted, ignored: batch.ignored, rejected, items: result.accepted, duplicates: result.duplicates.length };
}

/** The items are in the log whatever happens here: a failure is reported, not passed to the sender as a refusal. */
async function afterCommit(batch: SourceBatch): Promise<void> {
  try {
    await batch.afterCommit?.();
  } catch (error) {
    console.error(`sources: ${batch.feed}: after-commit step failed`, error);
  }
}

/** The items as the hub will store them (the feed schema's output, JSON text, as FeedChannel does); invalid ones left out. */
export function canonicalItems(batch: SourceBatch): string[] {
  if (batch.feed === 'vehicles') return [];
  const schema = FEED_DATA_SCHEMAS[batch.feed];
  return batch.items.flatMap((item) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [JSON.stringify(parsed.data)] : [];
  });
}

/**
 * How many items the hub will log for this batch, the hash of the first and the hash of all: a file source records
 * them before publishing so that after a crash it can tell whether the batch reached the log (file-source.ts).
 */
export function batchFingerprint(batch: SourceBatch): { count: number; firstHash: string; hash: string } {
  const items = canonicalItems(batch);
  return { count: items.length, firstHash: items[0] === undefined ? '' : sha256(items[0]), hash: storedFingerprint(items) };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Hash of stored items' JSON, comparable with batchFingerprint's `hash`. */
export function storedFingerprint(jsons: readonly string[]): string {
  const hash = createHash('sha256');
  for (const json of jsons) {
    hash.update(json);
    hash.update('\n');
  }
  return hash.digest('hex');
}
