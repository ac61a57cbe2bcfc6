import type { LoggedFeed } from '../protocol/feed-names.js';
import { FEED_DATA_SCHEMAS } from '../protocol/feed-data.js';
import { describeIssues } from '../protocol/frames.js';
import { parseJson } from '../protocol/parse-json.js';
import { clipRaw, emptyBatch, NO_PARSE_LIMITS, stopAt, type NumberedLine, type ParseLimits, type SourceBatch } from './source-result.js';

/** Our own items, one `data` per line (docs/PROTOCOL.md §10); the hub's schema validates each when publishing. */
export function parseOwnNdjson(feed: LoggedFeed, lines: readonly NumberedLine[], limits: ParseLimits = NO_PARSE_LIMITS): SourceBatch {
  const batch = emptyBatch(feed);
  for (let i = 0; i < lines.length; i++) {
    batch.unexamined = stopAt(lines, i, batch.rejected.length, limits);
    if (batch.unexamined) break;
    const { line, text } = lines[i] as NumberedLine;
    const json = parseJson(text);
    if (!json.ok) {
      batch.rejected.push({ line, reason: json.reason, raw: clipRaw(text) });
      continue;
    }
    // Checked here as well as by the hub, so that schema refusals count toward the body's rejection limit.
    const parsed = FEED_DATA_SCHEMAS[feed].safeParse(json.value);
    if (!parsed.success) {
      batch.rejected.push({ line, reason: describeIssues(parsed.error, '(item)'), raw: clipRaw(text) });
      continue;
    }
    batch.items.push(json.value);
    batch.itemLines.push(line);
    batch.accepted += 1;
  }
  return batch;
}
