import type { LoggedFeed } from '../protocol/feed-names.js';
import type { VehicleBatch } from '../protocol/vehicle-frame.js';

/** A record that produced nothing, on purpose (an EVE `flow` event, a deleted GTFS-RT entity …). */
export interface IgnoredRecord {
  readonly line: number;
  readonly reason: string;
}

/** A record refused whole: its 1-based line (or entity / element number, see docs/sources.md), why, and its text. */
export interface RejectedRecord {
  readonly line: number;
  readonly reason: string;
  readonly raw: string;
}

/**
 * What a source format made of one body or one chunk of lines. `accepted` counts source records, not items: one
 * CSV row of PM2.5 is one accepted record, and the hour it belongs to becomes one `reading` item with the other
 * rows of that hour. Each record is in exactly one of accepted / ignored / rejected.
 */
export interface SourceBatch {
  readonly feed: LoggedFeed | 'vehicles';
  /** Items for the logged feed, in order (empty for vehicles). */
  readonly items: unknown[];
  /** For each item, the line of the record it came from (for refusals by the hub's own schema). */
  readonly itemLines: number[];
  /** The vehicle keyframe for `vehicles`, null otherwise or when nothing was accepted. */
  vehicles: VehicleBatch | null;
  accepted: number;
  readonly ignored: IgnoredRecord[];
  readonly rejected: RejectedRecord[];
  /**
   * Called once the items are durably in the log, or at once when there are none (never when the publish failed):
   * state a format advances or saves only then.
   */
  readonly afterCommit?: () => void | Promise<void>;
  /** Lines the format stopped before, having reached `ParseLimits.maxRejected` (null: every line was examined). */
  unexamined: Unexamined | null;
}

/** The tail of a body a format did not look at: from which line, how many lines. */
export interface Unexamined {
  readonly fromLine: number;
  readonly lines: number;
}

/**
 * How much bad input one parse examines. A failed JSON.parse or schema check costs ~10 µs (the error object): a 4
 * MiB body of junk lines is two million of them, half a minute of a blocked event loop. Ingest stops after
 * `maxRejected` rejections and answers which lines it did not examine; file sources read bounded chunks of a
 * local file and examine everything.
 */
export interface ParseLimits {
  readonly maxRejected: number;
}
export const NO_PARSE_LIMITS: ParseLimits = { maxRejected: Number.POSITIVE_INFINITY };

/** In a loop over `lines`: the tail from index `i` when the batch has rejected enough, else null. */
export function stopAt(lines: readonly NumberedLine[], i: number, rejected: number, limits: ParseLimits): Unexamined | null {
  if (rejected < limits.maxRejected) return null;
  const first = lines[i];
  return first ? { fromLine: first.line, lines: lines.length - i } : null;
}

export function emptyBatch(feed: LoggedFeed | 'vehicles'): SourceBatch {
  return { feed, items: [], itemLines: [], vehicles: null, accepted: 0, ignored: [], rejected: [], unexamined: null };
}

/** One line of a text body with its 1-based number; blank lines are skipped by every line format. */
export interface NumberedLine {
  readonly line: number;
  readonly text: string;
}

/** Split a text body into numbered non-blank lines (CRLF tolerated). */
export function numberedLines(body: string, firstLine = 1): NumberedLine[] {
  const out: NumberedLine[] = [];
  body.split('\n').forEach((raw, index) => {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() !== '') out.push({ line: firstLine + index, text });
  });
  return out;
}

/** Raw text kept in quarantine is capped: a 16 MiB garbage line must not become a 16 MiB row. */
export const MAX_RAW_CHARS = 8192;
export function clipRaw(text: string): string {
  return text.length > MAX_RAW_CHARS ? `${text.slice(0, MAX_RAW_CHARS)}… (${text.length} chars)` : text;
}
