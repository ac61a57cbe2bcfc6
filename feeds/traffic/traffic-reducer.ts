import type { TrafficData, TrafficSegment } from '../protocol/feed-data.js';
import type { FeedReducer } from '../state/feed-reducer.js';

export type AccidentData = Extract<TrafficData, { kind: 'accident' }>;

/** The traffic feed folded: plain JSON, keyed by id (snapshot `state` and hub checkpoint). */
export interface TrafficState {
  segments: Record<string, TrafficSegment>;
  /** Latest speed per segment and the item ts it came with. */
  speeds: Record<string, { kmh: number; ts: number }>;
  /** Accidents not yet cleared, with the ts of the item that reported them. */
  accidents: Record<string, AccidentData & { ts: number }>;
}

/** An accident never cleared (its source restarted, a clearing was lost) is dropped after this. */
const STALE_ACCIDENT_MS = 12 * 3_600_000;

export const trafficReducer: FeedReducer<'traffic', TrafficState> = {
  feed: 'traffic',
  create: () => ({ segments: {}, speeds: {}, accidents: {} }),
  fold(state, data, ts) {
    switch (data.kind) {
      case 'network': {
        // A new network replaces the old one; speeds and accidents of segments that no longer exist go with it.
        state.segments = {};
        for (const segment of data.segments) if (isSafeKey(segment.id)) state.segments[segment.id] = segment;
        for (const id of Object.keys(state.speeds)) if (!Object.hasOwn(state.segments, id)) delete state.speeds[id];
        for (const [id, accident] of Object.entries(state.accidents)) {
          if (!Object.hasOwn(state.segments, accident.segmentId)) delete state.accidents[id];
        }
        break;
      }
      case 'speeds':
        for (const { id, kmh } of data.speeds) if (isSafeKey(id)) state.speeds[id] = { kmh, ts };
        break;
      case 'accident':
        if (isSafeKey(data.id)) state.accidents[data.id] = { ...data, ts };
        break;
      case 'accident-cleared':
        if (Object.hasOwn(state.accidents, data.id)) delete state.accidents[data.id];
        break;
    }
  },
  trim(state, nowMs) {
    for (const [id, accident] of Object.entries(state.accidents)) {
      if (nowMs - accident.ts > STALE_ACCIDENT_MS) delete state.accidents[id];
    }
  },
};

/** Ids come from sources; "__proto__" as a key of a plain object would replace its prototype instead. */
function isSafeKey(id: string): boolean {
  return id !== '__proto__';
}
