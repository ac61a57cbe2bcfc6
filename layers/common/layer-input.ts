import type { FeedName } from '../../feeds/protocol/feed-names.js';
import type { LocalizedText } from '../../feeds/protocol/feed-data.js';

/**
 * What every `render<Feed>Layers` takes. The renderer calls the factories on every animation frame; they are cheap
 * when nothing changed because the formatted data is memoised (see format-memo.ts) and deck.gl then sees the same
 * `data` and the same updateTriggers and recomputes nothing.
 */
export interface LayerInput<S> {
  /** The feed's folded state (the reducer's state, or for vehicles the latest frame). */
  state: S;
  /** Whether the feed's layers are shown. Hidden layers are still returned, with `visible: false` (deck.gl keeps
   *  their GPU buffers, so showing them again is instant). */
  visible: boolean;
  /** True when the feed stopped updating: drawn greyed and faded (common/stale-style.ts). */
  stale: boolean;
  /** Id of the entity the operator selected (segment, station, agency, district code, incident…), or null. */
  highlight?: string | null;
  /** Animation clock in ms (e.g. `performance.now()`); only animated props depend on it, never the data. */
  time: number;
  /**
   * A number that changes whenever `state` changes — the feed's last folded seq is the natural choice. Reducers
   * mutate their state in place, so the object's identity cannot tell a changed state from an unchanged one; with
   * `version` the formatted data is reused while (state, version) are unchanged and deck.gl skips all accessors.
   * Without it the data is reformatted on every call (always correct, but every frame re-runs the accessors).
   */
  version?: number;
}

/** What a picked object carries for the tooltip, whatever the feed. Every layer's data objects extend it. */
export interface MapPick {
  feed: FeedName;
  id: string;
  name: LocalizedText;
  /** The headline number (km/h, AQI, alert count, on-time %, …), null when unknown. */
  value: number | null;
  /** Unit of `value`, language-neutral ('km/h', 'AQI', '%', …) or '' . */
  unit: string;
}

/** Ids of every layer are `<feed>-<part>`, fixed strings: deck.gl matches layers across renders by id. */
export function layerId(feed: FeedName, part: string): string {
  return `${feed}-${part}`;
}
