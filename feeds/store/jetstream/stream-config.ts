import {
  DiscardPolicy,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

/**
 * How far beyond the hub's retention the stream's own `max_age` deletes items. `prune` is the real retention: it
 * removes only items a checkpoint covers. `max_age` is a safety net for a log nobody prunes any more (every hub gone),
 * so a disk cannot fill for ever; it deletes by server time whatever a checkpoint covers or not, so it sits a day
 * above retention: a hub that has been down for a day longer than the retention loses the uncovered tail.
 */
export const MAX_AGE_MARGIN_MS = 24 * 60 * 60 * 1000;

export interface FeedStreamSettings {
  readonly name: string;
  readonly subject: string;
  readonly retentionMs: number;
  readonly dedupeWindowMs: number;
  readonly replicas: number;
}

export type FeedStreamConfig = Partial<StreamConfig> & { readonly name: string; readonly subjects: string[] };

/** The fields of a feed's stream this store depends on. */
export function feedStreamConfig(settings: FeedStreamSettings): FeedStreamConfig {
  return {
    name: settings.name,
    subjects: [settings.subject],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    num_replicas: settings.replicas,
    max_age: nanos(settings.retentionMs + MAX_AGE_MARGIN_MS),
    duplicate_window: nanos(settings.dedupeWindowMs),
    discard: DiscardPolicy.Old,
    max_msgs: -1,
    max_bytes: -1,
    max_msgs_per_subject: -1,
    max_msg_size: -1,
    // Single messages are never deleted (seqs stay contiguous); only `prune` purges a covered prefix.
    deny_delete: true,
    deny_purge: false,
    allow_rollup_hdrs: false,
  };
}

type Check = readonly [field: string, ok: (config: StreamConfig) => boolean, why: string];

/**
 * Differences that would break the log's contract and that this store will not change on its own: an operator made
 * the stream that way, or another program uses it. Open fails naming the field.
 */
function incompatibilities(want: FeedStreamConfig): readonly Check[] {
  const noLimit = (value: number | undefined): boolean => value === undefined || value <= 0;
  return [
    ['subjects', (c) => c.subjects?.length === 1 && c.subjects[0] === want.subjects[0], `must be exactly ["${want.subjects[0]}"]`],
    ['retention', (c) => c.retention === RetentionPolicy.Limits, 'must be "limits" (items stay until pruned)'],
    ['storage', (c) => c.storage === StorageType.File, 'must be "file" (appends are durable)'],
    ['sealed', (c) => c.sealed !== true, 'must be false (the hub appends)'],
    ['deny_purge', (c) => c.deny_purge !== true, 'must be false (prune purges covered items)'],
    ['mirror', (c) => c.mirror === undefined || c.mirror === null, 'must not be set (the hub appends)'],
    ['sources', (c) => (c.sources ?? []).length === 0, 'must be empty (the hub is the only writer)'],
    ['max_msgs', (c) => noLimit(c.max_msgs), 'must be unlimited (only prune may delete items)'],
    ['max_bytes', (c) => noLimit(c.max_bytes), 'must be unlimited (only prune may delete items)'],
    ['max_msgs_per_subject', (c) => noLimit(c.max_msgs_per_subject), 'must be unlimited (only prune may delete items)'],
  ];
}

/** Differences this store corrects: its own options (windows, replicas) or a safer setting. */
const UPDATABLE = ['duplicate_window', 'max_age', 'num_replicas', 'deny_delete', 'max_msg_size'] as const;

export interface EnsuredStream {
  readonly info: StreamInfo;
  readonly created: boolean;
  readonly updated: readonly string[];
}

/**
 * Create the feed's stream if it is missing; else check its config: incompatible → error naming the field, a
 * difference in this store's own settings → updated. Two hubs opening at once may both try to create it; the second
 * one then checks the first one's stream like any existing one.
 */
export async function ensureFeedStream(jsm: JetStreamManager, want: FeedStreamConfig): Promise<EnsuredStream> {
  let info = await streamInfoOrNull(jsm, want.name);
  if (!info) {
    try {
      return { info: await jsm.streams.add(want), created: true, updated: [] };
    } catch (error) {
      // 10058: stream name already in use (created meanwhile with another config, e.g. another hub's options).
      if (!(error instanceof JetStreamApiError && error.code === 10058)) throw error;
      info = await jsm.streams.info(want.name);
    }
  }
  const have = info.config;
  for (const [field, ok, why] of incompatibilities(want)) {
    if (!ok(have)) throw new Error(`JetStream stream ${want.name}: ${field} ${why}; it is ${JSON.stringify(have[field as keyof StreamConfig])}`);
  }
  const changes: Partial<StreamConfig> = {};
  const updated: string[] = [];
  for (const field of UPDATABLE) {
    if (have[field] !== want[field]) {
      Object.assign(changes, { [field]: want[field] });
      updated.push(field);
    }
  }
  if (updated.length === 0) return { info, created: false, updated };
  try {
    info = await jsm.streams.update(want.name, changes);
  } catch (error) {
    throw new Error(`JetStream stream ${want.name}: cannot update ${updated.join(', ')}: ${(error as Error).message}`, { cause: error });
  }
  return { info, created: false, updated };
}

export async function streamInfoOrNull(jsm: JetStreamManager, name: string): Promise<StreamInfo | null> {
  try {
    return await jsm.streams.info(name);
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === 10059) return null;
    throw error;
  }
}
