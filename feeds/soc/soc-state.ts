import type { SocAlert } from '../protocol/feed-data.js';

/** Alerts seen in one minute of feed time, broken down the ways the SOC panel charts them. */
export interface SocMinute {
  /** Start of the minute, ms since the epoch. */
  start: number;
  sev1: number;
  sev2: number;
  sev3: number;
  /** Alert count per agency id; alerts with no agency are counted by severity only. */
  agencies: Record<string, number>;
  /** Alert count per signature key (`socSignatureKey`). */
  signatures: Record<string, number>;
}

export interface SocSignatureLabel {
  sensor: SocAlert['sensor'];
  signatureId: number;
  signature: string;
  category: string;
  severity: SocAlert['severity'];
}

/**
 * An alert as the state keeps it: `at` is the time it counts at — when the sensor saw it (`observedAt`), unless that
 * was more than an hour before the feed's own time when the hub received it (a replayed eve.json beside live
 * sensors, a sensor that buffered for hours): then when it arrived. Such an alert is news to the control room;
 * dropping it as "too old" would make a posted file vanish without a trace. Compared with feed time, not the hub
 * clock, so a simulation started in the past (`--sim-start`) keeps its own clock. `observedAt` is never changed.
 */
export type SocStateAlert = SocAlert & { at: number };

/** The time an alert counts at (see SocStateAlert); `feedNow` is the state's feed time before this alert. */
export function socAlertTime(alert: SocAlert, receivedAt: number, feedNow: number | null): number {
  return feedNow === null || alert.observedAt >= feedNow - SOC_MAX_AGE_MS ? alert.observedAt : receivedAt;
}

/**
 * The SOC feed folded: plain JSON (snapshot frames and checkpoints). Time is feed time, the latest alert time `at`
 * folded, not the hub's clock: in simulation the two differ by the speed factor, and the chart is about when the
 * sensor saw things.
 */
export interface SocState {
  /** Feed time: the latest alert time (`at`) folded, or null before the first alert. */
  now: number | null;
  /** Most recent alerts in arrival order (oldest first), at most SOC_MAX_ALERTS, none older than an hour. */
  alerts: SocStateAlert[];
  /** Minutes with at least one alert among the last SOC_WINDOW_MINUTES, ascending by start. */
  minutes: SocMinute[];
  /** Labels for the signature keys that appear in `minutes`. */
  signatures: Record<string, SocSignatureLabel>;
}

export const SOC_MAX_ALERTS = 500;
export const SOC_MAX_AGE_MS = 60 * 60_000;
export const SOC_WINDOW_MINUTES = 60;
export const MINUTE_MS = 60_000;

/** Suricata sids and Wazuh rule ids are separate number spaces, so a signature is keyed by sensor too. */
export function socSignatureKey(alert: Pick<SocAlert, 'sensor' | 'signatureId'>): string {
  return `${alert.sensor}:${alert.signatureId}`;
}

export function minuteStart(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** Start of the oldest minute still in the window ending at `now`'s minute. */
export function windowStart(now: number): number {
  return minuteStart(now) - (SOC_WINDOW_MINUTES - 1) * MINUTE_MS;
}
