import type { FeedHealthMap } from '../../../feeds/client/feed-health.js';
import type { FeedName } from '../../../feeds/protocol/feed-names.js';
import type { FeedStreams } from '../../app/feed-streams.js';
import type { RegionPlaces } from '../../app/region-places.js';
import type { I18n } from '../../i18n/i18n.js';
import type { RegionPack } from '../../region/fetch-region.js';

/** What every panel gets: the shared streams (latest state replayed on subscribe), the region, the language. */
export interface PanelContext {
  readonly streams: FeedStreams;
  readonly region: RegionPack;
  readonly places: RegionPlaces;
  readonly i18n: I18n;
  /** The wall config's zone (schedules and clocks agree), normally the region's. */
  readonly timeZone: string;
}

/** One mounted panel of a layout. `destroy` must release everything (subscriptions, timers, WebGL). */
export interface WallPanel {
  readonly element: HTMLElement;
  readonly feeds: readonly FeedName[];
  /** Called once the element is in the page (a map needs its size). */
  start?(): Promise<void>;
  /** Once a second: ages, clocks. */
  tick?(now: number, health: FeedHealthMap | null): void;
  destroy(): void;
}
