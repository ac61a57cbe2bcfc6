import type { Rgb } from '../common/colors.js';
import type { LocalizedText } from '../../feeds/protocol/feed-data.js';

export const INCIDENT_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];
export const INCIDENT_STATES = ['open', 'acknowledged', 'assigned', 'resolved'] as const;
export type IncidentLifecycle = (typeof INCIDENT_STATES)[number];

/** Severity colours (critical red, high orange, medium yellow, low blue; Material palette). */
export const INCIDENT_SEVERITY_COLORS: Readonly<Record<IncidentSeverity, Rgb>> = {
  critical: [211, 47, 47],
  high: [245, 124, 0],
  medium: [251, 192, 45],
  low: [30, 136, 229],
};

export const INCIDENT_SEVERITY_LABELS: Readonly<Record<IncidentSeverity, LocalizedText>> = {
  critical: { vi: 'Nghiêm trọng', en: 'Critical' },
  high: { vi: 'Cao', en: 'High' },
  medium: { vi: 'Trung bình', en: 'Medium' },
  low: { vi: 'Thấp', en: 'Low' },
};

/** Marker radius (px) by severity; × UNACKED_SCALE while nobody has acknowledged the incident. */
export const INCIDENT_RADIUS_PX: Readonly<Record<IncidentSeverity, number>> = { critical: 10, high: 9, medium: 8, low: 7 };
export const UNACKED_SCALE = 1.4;
/** Outline: thick white for unacknowledged, thin dark otherwise. */
export const UNACKED_OUTLINE: Rgb = [255, 255, 255];
export const ACKED_OUTLINE: Rgb = [33, 33, 33];
export const UNACKED_OUTLINE_PX = 3;
export const ACKED_OUTLINE_PX = 1;

/** Unacknowledged incidents also get a slow pulsing halo (uniform props from `time`, like the SOC bursts). */
export const INCIDENT_PULSE_PERIOD_MS = 2000;
export function incidentPulsePhase(time: number): number {
  const phase = (time % INCIDENT_PULSE_PERIOD_MS) / INCIDENT_PULSE_PERIOD_MS;
  return phase < 0 ? phase + 1 : phase;
}
