import type { Incident } from '../protocol/incident.js';
import { deleteOwn, emptyRecord, setOwn } from '../protocol/own-record.js';
import type { FeedReducer } from '../state/feed-reducer.js';

export interface IncidentsState {
  /**
   * Every incident not resolved, and those resolved in the last 24 h, by id (the snapshot rule, docs/architecture.md §4). Ids arrive
   * over the wire: read and write with the own-record helpers.
   */
  incidents: Record<string, Incident>;
}

/** A resolved incident stays in the state (and in the engine's memory) this long after resolution. */
export const RESOLVED_KEPT_MS = 24 * 3600 * 1000;

/** Each `incident` item carries the incident's full current object; latest wins by id. */
export const incidentsReducer: FeedReducer<'incidents', IncidentsState> = {
  feed: 'incidents',
  create: () => ({ incidents: emptyRecord() }),
  fold(state, data) {
    setOwn(state.incidents, data.incident.id, data.incident);
  },
  trim(state, nowMs) {
    for (const [id, incident] of Object.entries(state.incidents)) {
      if (incident.state === 'resolved' && incident.resolvedAt !== undefined && nowMs - incident.resolvedAt > RESOLVED_KEPT_MS) {
        deleteOwn(state.incidents, id);
      }
    }
  },
};
