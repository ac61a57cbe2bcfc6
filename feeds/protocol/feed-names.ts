/** Every feed the hub carries. `vehicles` is latest-wins (not logged); the others are logged per item. */
export const FEED_NAMES = ['traffic', 'vehicles', 'environment', 'soc', 'portal', 'incidents'] as const;
export type FeedName = (typeof FEED_NAMES)[number];

export const LOGGED_FEEDS = ['traffic', 'environment', 'soc', 'portal', 'incidents'] as const;
export type LoggedFeed = (typeof LOGGED_FEEDS)[number];

export function isLoggedFeed(feed: FeedName): feed is LoggedFeed {
  return feed !== 'vehicles';
}

export function isFeedName(value: string): value is FeedName {
  return (FEED_NAMES as readonly string[]).includes(value);
}

export type { FeedDataMap } from './feed-data.js';
