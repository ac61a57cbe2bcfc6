import type { PortalUnitStats } from '../protocol/feed-data.js';
import type { PortalState } from './portal-reducer.js';

/** Counters without the unit: one unit's, or a sum over units. */
export type PortalCounters = Omit<PortalUnitStats, 'unit'>;

/** Sum counters over units (the province total for the KPI wall). */
export function sumPortalStats(units: Iterable<PortalCounters>): PortalCounters {
  const total: PortalCounters = { received: 0, resolvedOnTime: 0, resolvedLate: 0, pendingInTime: 0, pendingOverdue: 0, receivedOnline: 0 };
  for (const s of units) {
    total.received += s.received;
    total.resolvedOnTime += s.resolvedOnTime;
    total.resolvedLate += s.resolvedLate;
    total.pendingInTime += s.pendingInTime;
    total.pendingOverdue += s.pendingOverdue;
    total.receivedOnline += s.receivedOnline;
  }
  return total;
}

/** Province totals of the state's day. */
export function portalTotals(state: PortalState): PortalCounters {
  return sumPortalStats(Object.values(state.units));
}

export function receivedToday(stats: PortalCounters): number {
  return stats.received;
}

/** Resolved on time as a percentage of everything resolved; null when nothing has been resolved yet. */
export function onTimePercent(stats: PortalCounters): number | null {
  const resolved = stats.resolvedOnTime + stats.resolvedLate;
  return resolved === 0 ? null : (100 * stats.resolvedOnTime) / resolved;
}

/** Dossiers past their deadline and still not resolved (late resolutions are in `resolvedLate`, not here). */
export function overdue(stats: PortalCounters): number {
  return stats.pendingOverdue;
}

/** Received online as a percentage of received; null when nothing has been received. */
export function onlineSharePercent(stats: PortalCounters): number | null {
  return stats.received === 0 ? null : (100 * stats.receivedOnline) / stats.received;
}
