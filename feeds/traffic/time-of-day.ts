const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Local clock time in hours [0, 24) for a fixed UTC offset (Vietnam has no daylight saving: UTC+7 all year). */
export function localHourOfDay(nowMs: number, offsetMinutes: number): number {
  const local = (nowMs + offsetMinutes * 60_000) % DAY_MS;
  return (local < 0 ? local + DAY_MS : local) / HOUR_MS;
}

/** Rush windows, local hours: commuters and school runs in the morning, offices and factories closing at night. */
export const RUSH_WINDOWS: readonly (readonly [number, number])[] = [
  [7, 9],
  [16.5, 18.5],
];
const RAMP_H = 0.5;

/**
 * How much of a rush hour it is, 0–1: 1 inside a window, easing in over the half hour before it and out over the
 * half hour after (traffic does not switch on at 07:00 sharp).
 */
export function rushIntensity(hour: number): number {
  let intensity = 0;
  for (const [start, end] of RUSH_WINDOWS) {
    let value = 0;
    if (hour >= start && hour <= end) value = 1;
    else if (hour > start - RAMP_H && hour < start) value = ease((hour - (start - RAMP_H)) / RAMP_H);
    else if (hour > end && hour < end + RAMP_H) value = ease((end + RAMP_H - hour) / RAMP_H);
    intensity = Math.max(intensity, value);
  }
  return intensity;
}

/** Night, 22:00–05:00: empty roads, but tired drivers and long-haul trucks. */
export function isNight(hour: number): boolean {
  return hour >= 22 || hour < 5;
}

function ease(t: number): number {
  return 0.5 - 0.5 * Math.cos(Math.PI * Math.max(0, Math.min(1, t)));
}
