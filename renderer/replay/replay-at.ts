/**
 * The moment of a `?at=` link (docs/replay.md): an ISO 8601 date-time with a zone (`Z` or `+07:00`), or without one,
 * read as the province's time (UTC+7, Việt Nam has no daylight saving). A `+` typed unencoded in a link arrives as a
 * space (form encoding), so a space before the offset is read as `+`. Returns the time in ms, or null when the text
 * is not such a time — the console then says so and stays live.
 */
export function parseReplayAt(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+\- ]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, hh, mi, ss, ms, zone] = match;
  const numbers = [y, mo, d, hh, mi].map(Number);
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0] = numbers;
  const second = Number(ss ?? '0');
  const millis = Number((ms ?? '0').padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 7 * 60;
  if (zone === 'Z') offsetMinutes = 0;
  else if (zone !== undefined) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 31 February over into March: refuse a day the month does not have.
  if (new Date(utc).getUTCDate() !== day) return null;
  return utc - offsetMinutes * 60_000;
}

/** The `?at=` value for a moment: ISO 8601 in the province's time (what a duty officer reads in the link). */
export function formatReplayAt(ms: number): string {
  const local = new Date(Math.round(ms / 1000) * 1000 + 7 * 3_600_000);
  return `${local.toISOString().slice(0, 19)}+07:00`;
}

/** `page` with its `at` parameter set to the moment (other parameters such as `lang` or `role` kept). */
export function replayLink(page: string, ms: number): string {
  const url = new URL(page);
  url.searchParams.set('at', formatReplayAt(ms));
  return url.toString();
}
