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

/** Arc width (px): 1 px for one alert, +1 px per doubling, capped at 6 px. */
export function arcWidthPx(count: number): number {
  return Math.min(3.5, 1 + 0.5 * Math.log2(Math.max(1, count)));
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
