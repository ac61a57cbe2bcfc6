import { ownValue } from '../protocol/own-record.js';
import { MINUTE_MS, SOC_WINDOW_MINUTES, windowStart, type SocSignatureLabel, type SocState } from './soc-state.js';

export interface SocSeverityPoint {
  start: number;
  sev1: number;
  sev2: number;
  sev3: number;
}

/** Dense per-minute severity counts for the hour ending at feed time (60 points, zeros included): a stacked chart's data. */
export function socSeverityMinutes(state: SocState): SocSeverityPoint[] {
  if (state.now === null) return [];
  const first = windowStart(state.now);
  const byStart = new Map(state.minutes.map((minute) => [minute.start, minute]));
  return Array.from({ length: SOC_WINDOW_MINUTES }, (_, i) => {
    const start = first + i * MINUTE_MS;
    const minute = byStart.get(start);
    return { start, sev1: minute?.sev1 ?? 0, sev2: minute?.sev2 ?? 0, sev3: minute?.sev3 ?? 0 };
  });
}

export function socHourTotals(state: SocState): { total: number; sev1: number; sev2: number; sev3: number } {
  const totals = { total: 0, sev1: 0, sev2: 0, sev3: 0 };
  for (const minute of state.minutes) {
    totals.sev1 += minute.sev1;
    totals.sev2 += minute.sev2;
    totals.sev3 += minute.sev3;
  }
  totals.total = totals.sev1 + totals.sev2 + totals.sev3;
  return totals;
}

function sumBy(records: readonly Record<string, number>[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const record of records) for (const [key, n] of Object.entries(record)) sums.set(key, (sums.get(key) ?? 0) + n);
  return sums;
}

/** Highest count first, ties by key so the order is stable between renders. */
function ranked(sums: Map<string, number>, limit: number): [string, number][] {
  return [...sums].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, limit);
}

/** The agencies most alerted on over the last hour. */
export function socTopTargets(state: SocState, limit = 5): { agency: string; count: number }[] {
  return ranked(sumBy(state.minutes.map((m) => m.agencies)), limit).map(([agency, count]) => ({ agency, count }));
}

/** The signatures that fired most over the last hour, with their labels. */
export function socTopSignatures(state: SocState, limit = 5): (SocSignatureLabel & { key: string; count: number })[] {
  return ranked(sumBy(state.minutes.map((m) => m.signatures)), limit).flatMap(([key, count]) => {
    const label = ownValue(state.signatures, key);
    return label ? [{ key, count, ...label }] : [];
  });
}
