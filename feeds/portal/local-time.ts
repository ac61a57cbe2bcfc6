/** Local calendar arithmetic at a fixed UTC offset (Việt Nam has had no daylight saving time since 1975). */

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of the local day holding `ms`. */
export function localDate(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** UTC ms of the local midnight that starts the day holding `ms`. */
export function localMidnight(ms: number, offsetMinutes: number): number {
  const offset = offsetMinutes * 60_000;
  return Math.floor((ms + offset) / DAY_MS) * DAY_MS - offset;
}

/** 0 = Sunday … 6 = Saturday, for the local day holding `ms`. */
export function localDayOfWeek(ms: number, offsetMinutes: number): number {
  return new Date(ms + offsetMinutes * 60_000).getUTCDay();
}

/** The local date after `date` (`YYYY-MM-DD`). */
export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}
