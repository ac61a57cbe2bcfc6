import type { FeedHealthMap } from '../client/feed-health.js';
import type { FeedName } from '../protocol/feed-names.js';

export interface PanelStaleness {
  /** True when any feed the panel shows is not live: the panel must not look live. */
  readonly stale: boolean;
  /** The feeds that are not live, in the panel's order. */
  readonly feeds: readonly FeedName[];
  /** Age of the oldest data among them (now − its last update), or null when one of them never delivered. */
  readonly ageMs: number | null;
}

const FRESH: PanelStaleness = { stale: false, feeds: [], ageMs: null };

/**
 * Whether a wall panel gets the stale overlay, and the age it states. Before the first health report (the page is
 * still connecting, nothing is drawn yet) no panel is marked; after that, 'stale', 'reconnecting' and 'down' all
 * mark it: whatever the reason, the data on it is not live.
 */
export function panelStaleness(feeds: readonly FeedName[], health: FeedHealthMap | null, now: number): PanelStaleness {
  if (!health) return FRESH;
  const stale = feeds.filter((feed) => health[feed].state !== 'live');
  if (stale.length === 0) return FRESH;
  let oldest: number | null = Number.POSITIVE_INFINITY;
  for (const feed of stale) {
    const last = health[feed].lastUpdate;
    if (last === null) {
      oldest = null;
      break;
    }
    oldest = Math.min(oldest, last);
  }
  return { stale: true, feeds: stale, ageMs: oldest === null ? null : Math.max(0, now - oldest) };
}
