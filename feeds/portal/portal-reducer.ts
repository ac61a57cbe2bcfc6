import type { PortalCatalogue, PortalData, PortalUnitStats } from '../protocol/feed-data.js';
import { emptyRecord, setOwn } from '../protocol/own-record.js';
import type { FeedReducer } from '../state/feed-reducer.js';

/** The portal feed folded: the current local day's counters per unit and the procedure catalogue. Plain JSON. */
export interface PortalState {
  /** Local date (`YYYY-MM-DD`) of `units`, or null before the first stats item. */
  date: string | null;
  /** By unit id (district GSO code or agency id) as the source names it: write with the own-record helpers. */
  units: Record<string, PortalUnitStats>;
  catalogue: PortalCatalogue | null;
}

/**
 * Latest wins per unit within a day; a stats item for a later date replaces the whole previous day (counters restart
 * at local midnight); one for an earlier date (a late straggler) is ignored. ISO dates compare as strings.
 */
export const portalReducer: FeedReducer<'portal', PortalState> = {
  feed: 'portal',
  create: () => ({ date: null, units: emptyRecord(), catalogue: null }),
  fold(state: PortalState, data: PortalData): void {
    switch (data.kind) {
      case 'catalogue':
        state.catalogue = { ...data.catalogue };
        break;
      case 'stats':
        if (state.date !== null && data.date < state.date) return;
        if (state.date !== data.date) {
          state.date = data.date;
          state.units = emptyRecord();
        }
        for (const stats of data.units) setOwn(state.units, stats.unit, { ...stats });
        break;
    }
  },
};
