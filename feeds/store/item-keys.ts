import { createHash } from 'node:crypto';
import type { LoggedFeed } from '../protocol/feed-names.js';

/**
 * The idempotency key of an item from a source (docs/sources.md): sending the same record again — a retried POST,
 * a file re-read after a crash, another hub receiving the retry — must not store it twice. An alert is named by
 * its source's own id (`eve-…`, `wazuh-…`, or the id of an own-NDJSON alert), so a repeat counts as the same alert
 * even if a field was re-rendered; any other item by its content. Hashed, so any id fits the log's key rule.
 */
export function itemKey(feed: LoggedFeed, item: unknown): string {
  if (feed === 'soc' && typeof item === 'object' && item !== null && !Array.isArray(item)) {
    const record = item as Record<string, unknown>;
    if (record['kind'] === 'alert' && typeof record['id'] === 'string') return `a-${sha256(`soc-alert:${record['id']}`)}`;
  }
  return `c-${sha256(`${feed}:${JSON.stringify(item) ?? 'null'}`)}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
