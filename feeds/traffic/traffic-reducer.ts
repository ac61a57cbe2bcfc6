import type { TrafficData, TrafficSegment } from '../protocol/feed-data.js';
import { deleteOwn, emptyRecord, hasOwnKey, setOwn } from '../protocol/own-record.js';
import type { FeedReducer } from '../state/feed-reducer.js';

export type AccidentData = Extract<TrafficData, { kind: 'accident' }>;

/**
 * The traffic feed folded: plain JSON, keyed by id (snapshot `state` and hub checkpoint). Ids come from sources,
 * "__proto__" and "constructor" included: read and write the records with the own-record helpers.
 */
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
  create: () => ({ segments: emptyRecord(), speeds: emptyRecord(), accidents: emptyRecord() }),
  fold(state, data, ts) {
    switch (data.kind) {
      case 'network': {
        // A new network replaces the old one; speeds and accidents of segments that no longer exist go with it.
        state.segments = emptyRecord();
        for (const segment of data.segments) setOwn(state.segments, segment.id, segment);
        for (const id of Object.keys(state.speeds)) if (!hasOwnKey(state.segments, id)) deleteOwn(state.speeds, id);
        for (const [id, accident] of Object.entries(state.accidents)) {
          if (!hasOwnKey(state.segments, accident.segmentId)) deleteOwn(state.accidents, id);
        }
        break;
      }
      case 'speeds':
        for (const { id, kmh } of data.speeds) setOwn(state.speeds, id, { kmh, ts });
        break;
      case 'accident':
        setOwn(state.accidents, data.id, { ...data, ts });
        break;
      case 'accident-cleared':
        deleteOwn(state.accidents, data.id);
        break;
    }
  },
  trim(state, nowMs) {
    for (const [id, accident] of Object.entries(state.accidents)) {
      if (nowMs - accident.ts > STALE_ACCIDENT_MS) deleteOwn(state.accidents, id);
    }
  },
};
