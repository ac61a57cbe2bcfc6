import type { LoggedFeed } from '../../protocol/feed-names.js';

/**
 * A prefix names one log (a set of streams and a checkpoint bucket) on a NATS server: lowercase so that the stream
 * names (uppercased) of two prefixes never collide, and only characters valid in both subjects and stream names.
 */
const PREFIX_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

export const DEFAULT_PREFIX = 'ioc';

export function validatePrefix(prefix: string): string {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new RangeError(`invalid JetStream prefix "${prefix}": 1–32 of a-z 0-9 _ -, starting with a letter`);
  }
  return prefix;
}

/** `<PREFIX>_<FEED>`, e.g. IOC_TRAFFIC. */
export function streamName(prefix: string, feed: LoggedFeed): string {
  return `${prefix}_${feed}`.toUpperCase();
}

/** `<prefix>.log.<feed>`, e.g. ioc.log.traffic: the only subject of the feed's stream. */
export function logSubject(prefix: string, feed: LoggedFeed): string {
  return `${prefix}.log.${feed}`;
}

/** Object Store bucket of the checkpoints (its stream is OBJ_<bucket>). */
export function checkpointBucket(prefix: string): string {
  return `${prefix}_checkpoints`;
}
