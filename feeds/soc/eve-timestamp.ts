/**
 * Suricata writes local time with a numeric offset and microseconds: `2026-11-22T08:01:02.123456+0700`. That is
 * not one of the formats `Date.parse` is required to accept (no colon in the offset, six fraction digits), so
 * parse it explicitly. `Z` and `+07:00` are accepted too, for other producers of EVE-shaped JSON.
 */
const EVE_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

/** Milliseconds since the epoch (sub-millisecond digits truncated), or null when malformed or out of range. */
export function parseEveTimestamp(text: string): number | null {
  const m = EVE_TIMESTAMP.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = m[7] ?? '';
  const millis = fraction === '' ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const offsetMinutes = m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || Math.abs(offsetMinutes) > 14 * 60) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 31 February over into March; a day that does not survive the round trip does not exist.
  if (new Date(local).getUTCDate() !== day) return null;
  return local - offsetMinutes * 60_000;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Format like Suricata: local time for `offsetMinutes` east of UTC, six fraction digits, `+HHMM` offset. */
export function formatEveTimestamp(ms: number, offsetMinutes: number, micros = 0): string {
  const local = new Date(ms + offsetMinutes * 60_000);
  const fraction = pad(local.getUTCMilliseconds(), 3) + pad(micros % 1000, 3);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${fraction}` +
    `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}
