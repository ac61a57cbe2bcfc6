import type { JetStreamManager } from '@nats-io/jetstream';
import { LOGGED_FEEDS } from '../../protocol/feed-names.js';
import { checkpointBucket, streamName, validatePrefix } from './naming.js';

/**
 * The streams on the server that belong to a log prefix: its feed streams and its checkpoint bucket's stream. Only
 * those exact names: another prefix that merely starts the same way (`ioc` and `ioc_2`) is never matched.
 */
export async function streamsOfPrefix(jsm: JetStreamManager, prefix: string): Promise<string[]> {
  validatePrefix(prefix);
  const ours = new Set([...LOGGED_FEEDS.map((feed) => streamName(prefix, feed)), `OBJ_${checkpointBucket(prefix)}`]);
  const found: string[] = [];
  for await (const name of jsm.streams.names()) if (ours.has(name)) found.push(name);
  return found.sort();
}

/** Delete a log prefix entirely (its feeds' logs and checkpoints); returns the names of the deleted streams. */
export async function deletePrefixStreams(jsm: JetStreamManager, prefix: string): Promise<string[]> {
  const names = await streamsOfPrefix(jsm, prefix);
  for (const name of names) await jsm.streams.delete(name);
  return names;
}
