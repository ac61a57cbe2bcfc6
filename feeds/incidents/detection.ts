import type { LoggedFeed } from '../protocol/feed-names.js';
import type { LocalizedText } from '../protocol/localized-text.js';
import type { DetectedKind, IncidentGeometry, IncidentSeverity } from '../protocol/incident.js';
export { SEVERITY_RANK } from '../protocol/incident.js';

/** A reference to the feed item (or source id) that raised or repeated a condition. */
export interface SourceRef {
  readonly feed: string;
  readonly seq?: number;
  readonly ref?: string;
}

/**
 * What a rule reports: "this condition holds now". The engine turns it into a new incident, or a repeat of the open
 * one with the same dedupeKey.
 */
export interface Detection {
  readonly kind: DetectedKind;
  readonly severity: IncidentSeverity;
  readonly dedupeKey: string;
  readonly title: LocalizedText;
  readonly geometry: IncidentGeometry;
  readonly district: string | null;
  readonly sources: readonly SourceRef[];
  /** When the condition was seen (item ts or data time, ms). */
  readonly at: number;
  /** The condition's figure when it has one (VN_AQI for air quality): the incident keeps the last and the peak. */
  readonly value?: number;
}

/** The feeds the rules watch (incidents are their output, not an input). */
export type RuleFeed = Exclude<LoggedFeed, 'incidents'>;

/** A rule over one feed: `observe` each committed item, `check` on the clock (for conditions made of silence). */
export interface FeedRule<D> {
  observe(data: D, at: number, seq?: number): Detection[];
  check(now: number): Detection[];
}

