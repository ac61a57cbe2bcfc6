import type { SocAlert, SocData } from '../protocol/feed-data.js';
import { deleteOwn, emptyRecord, ownValue, setOwn } from '../protocol/own-record.js';
import type { FeedReducer } from '../state/feed-reducer.js';
import {
  SOC_MAX_AGE_MS,
  SOC_MAX_ALERTS,
  minuteStart,
  socAlertTime,
  socSignatureKey,
  windowStart,
  type SocMinute,
  type SocState,
} from './soc-state.js';

export type { SocState } from './soc-state.js';

/** Drop what fell out of the hour before `state.now`: old alerts, old minutes, labels nobody refers to. */
function expire(state: SocState): void {
  if (state.now === null) return;
  const oldestAlert = state.now - SOC_MAX_AGE_MS;
  state.alerts = state.alerts.filter((alert) => alert.at >= oldestAlert);
  const first = windowStart(state.now);
  const before = state.minutes.length;
  state.minutes = state.minutes.filter((minute) => minute.start >= first);
  if (state.minutes.length === before) return;
  const live = new Set(state.minutes.flatMap((minute) => Object.keys(minute.signatures)));
  for (const key of Object.keys(state.signatures)) if (!live.has(key)) deleteOwn(state.signatures, key);
}

/** The bucket for `start`, created in order if missing; minutes arrive almost always in order, so search from the end. */
function minuteFor(state: SocState, start: number): SocMinute {
  let index = state.minutes.length;
  while (index > 0 && (state.minutes[index - 1]?.start ?? -Infinity) > start) index--;
  const existing = state.minutes[index - 1];
  if (existing?.start === start) return existing;
  const minute: SocMinute = { start, sev1: 0, sev2: 0, sev3: 0, agencies: emptyRecord(), signatures: emptyRecord() };
  state.minutes.splice(index, 0, minute);
  return minute;
}

/** Agency ids come from sources (and a parsed state's records have prototypes): own keys only. */
function count(record: Record<string, number>, key: string): void {
  setOwn(record, key, (ownValue(record, key) ?? 0) + 1);
}

function foldAlert(state: SocState, alert: SocAlert, receivedAt: number): void {
  const at = socAlertTime(alert, receivedAt, state.now);
  const previousMinute = state.now === null ? null : minuteStart(state.now);
  if (state.now === null || at > state.now) state.now = at;
  // Expiry runs once per new minute of feed time, not per alert: thousands of alerts a minute are possible.
  if (previousMinute !== minuteStart(state.now)) expire(state);
  if (at < state.now - SOC_MAX_AGE_MS) return; // arrived too late to matter

  state.alerts.push({ ...alert, at });
  if (state.alerts.length > SOC_MAX_ALERTS) state.alerts.splice(0, state.alerts.length - SOC_MAX_ALERTS);

  const start = minuteStart(at);
  if (start < windowStart(state.now)) return; // within the hour but before the chart's first minute
  const minute = minuteFor(state, start);
  if (alert.severity === 1) minute.sev1++;
  else if (alert.severity === 2) minute.sev2++;
  else minute.sev3++;
  if (alert.agency !== null) count(minute.agencies, alert.agency);
  const key = socSignatureKey(alert);
  count(minute.signatures, key);
  setOwn(state.signatures, key, {
    sensor: alert.sensor,
    signatureId: alert.signatureId,
    signature: alert.signature,
    category: alert.category,
    severity: alert.severity,
  });
}

/**
 * SOC feed state: the latest alerts plus per-minute counts (by severity, agency and signature) for the last hour
 * of feed time; `soc-selectors.ts` turns those into chart series and top lists.
 */
export const socReducer: FeedReducer<'soc', SocState> = {
  feed: 'soc',
  create: () => ({ now: null, alerts: [], minutes: [], signatures: emptyRecord() }),
  fold(state: SocState, data: SocData, ts: number): void {
    switch (data.kind) {
      case 'alert':
        foldAlert(state, data, ts);
        break;
    }
  },
  // Ages are measured against feed time (state.now), not the caller's clock: see SocState.
  trim: (state: SocState): void => expire(state),
};
