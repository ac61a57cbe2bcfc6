import type { Rgb } from '../common/colors.js';
import type { SocAlert } from '../../feeds/protocol/feed-data.js';

export type SocSeverity = SocAlert['severity'];

/** Suricata severity (1 high, 2 medium, 3 low) → colour of the agency circle and of the arc's target end. */
export const SOC_SEVERITY_COLORS: Readonly<Record<SocSeverity, Rgb>> = {
  1: [229, 57, 53],
  2: [251, 140, 0],
  3: [253, 216, 53],
};
export const SOC_AGENCY_OUTLINE: Rgb = [33, 33, 33];
export const SOC_BURST_RING: Rgb = [229, 57, 53];
/** Arc alpha at the source end (faint) and at the target end (strong): direction without arrowheads. */
export const SOC_ARC_SOURCE_ALPHA = 50;
export const SOC_ARC_TARGET_ALPHA = 220;

/** Agency circle radius (px): 6 px for one alert, growing with √count, capped at 32 px. */
export function agencyRadiusPx(count: number): number {
  return Math.min(32, 6 + 3 * Math.sqrt(Math.max(0, count - 1)));
}

/** How much one alert weighs in the top-N cut of the arcs: a high-severity alert counts as four low ones. */
export const SOC_SEVERITY_WEIGHT: Readonly<Record<SocSeverity, number>> = { 1: 4, 2: 2, 3: 1 };

/** Arc width (px) by the group's alert count: 1.5 px for one alert, +1 px per doubling, capped at 8 px. */
export const ARC_WIDTH_MIN_PX = 1.5;
export const ARC_WIDTH_MAX_PX = 8;
export function arcWidthPx(count: number): number {
  return Math.min(ARC_WIDTH_MAX_PX, ARC_WIDTH_MIN_PX + Math.log2(Math.max(1, count)));
}

/**
 * Arcs fade with the age of their latest alert: alpha × (0.25 + 0.75 × freshness), freshness 1 now … 0 at the
 * start of the recent window; an old arc stays faintly visible until its alerts leave the window.
 */
export const ARC_MIN_FADE = 0.25;
export function arcFade(freshness: number): number {
  return ARC_MIN_FADE + (1 - ARC_MIN_FADE) * Math.min(1, Math.max(0, freshness));
}

/**
 * The burst pulse: an expanding, fading ring every SOC_PULSE_PERIOD_MS, computed from the animation clock alone
 * (uniform props radiusScale/opacity), so pulsing never touches the data or any attribute.
 */
export const SOC_PULSE_PERIOD_MS = 1400;
export function pulsePhase(time: number): number {
  const phase = (time % SOC_PULSE_PERIOD_MS) / SOC_PULSE_PERIOD_MS;
  return phase < 0 ? phase + 1 : phase;
}
export function pulseRadiusScale(time: number): number {
  return 1 + 0.9 * pulsePhase(time);
}
export function pulseOpacity(time: number): number {
  return 0.9 * (1 - pulsePhase(time));
}
