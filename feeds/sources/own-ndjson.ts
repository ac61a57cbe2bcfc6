import type { LoggedFeed } from '../protocol/feed-names.js';
import { parseJson } from '../protocol/parse-json.js';
import { clipRaw, emptyBatch, type NumberedLine, type SourceBatch } from './source-result.js';

/** Our own items, one `data` per line (docs/PROTOCOL.md §10); the hub's schema validates each when publishing. */
export function parseOwnNdjson(feed: LoggedFeed, lines: readonly NumberedLine[]): SourceBatch {
  const batch = emptyBatch(feed);
  for (const { line, text } of lines) {
    const json = parseJson(text);
    if (!json.ok) {
      batch.rejected.push({ line, reason: json.reason, raw: clipRaw(text) });
      continue;
    }
    batch.items.push(json.value);
    batch.itemLines.push(line);
    batch.accepted += 1;
  }
  // publishBatch takes back the ones the hub's schema refuses (they become rejections with their line).
  return batch;
}
