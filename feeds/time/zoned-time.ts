/**
 * Time-of-day arithmetic in a named time zone with nothing but Intl (portable: renderer and main). The wall's
 * schedules are in the region's zone (Asia/Ho_Chi_Minh), whatever zone the machine is set to.
 */
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True when Intl knows the zone (schemas use it to refuse a typo). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at `instant`, in ms (Asia/Ho_Chi_Minh: +7 h). */
export function zoneOffsetMs(timeZone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(parts['year'] ?? 1970, (parts['month'] ?? 1) - 1, parts['day'] ?? 1, parts['hour'] ?? 0, parts['minute'] ?? 0, parts['second'] ?? 0);
  // The formatter has whole seconds; compare with the instant truncated the same way.
  return asUtc - (instant - mod(instant, 1000));
}

/** "Local clock" ms: the instant shifted by the zone's offset, so that mod DAY_MS gives the local time of day. */
export function localMs(timeZone: string, instant: number): number {
  return instant + zoneOffsetMs(timeZone, instant);
}

/** The instant whose local clock reads `local` (two passes, so a zone with daylight saving still lands right). */
export function instantOfLocal(timeZone: string, local: number): number {
  const guess = local - zoneOffsetMs(timeZone, local);
  return local - zoneOffsetMs(timeZone, guess);
}

/** "07:00" → 420 (minutes after local midnight); "24:00" is allowed as the end of the day. */
export function parseTimeOfDay(text: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

export function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
