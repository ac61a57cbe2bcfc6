import { formatIpv4, parseIpv4 } from '../../feeds/region/cidr.js';

/**
 * The network an alert's source address is counted under on the map: its IPv4 /24 (the usual unit of an
 * allocation and of a block rule), or for IPv6 its /48. The data carries no country, and guessing one would need a
 * GeoIP database; a /24 keeps a scanner farm on one arc while two unrelated hosts of a /16 stay apart.
 */
export const SOURCE_PREFIX_V4 = 24;
export const SOURCE_PREFIX_V6 = 48;

export function sourceNetwork(ip: string): string {
  const v4 = parseIpv4(ip);
  if (v4 !== null) {
    const block = 2 ** (32 - SOURCE_PREFIX_V4);
    return `${formatIpv4(Math.floor(v4 / block) * block)}/${SOURCE_PREFIX_V4}`;
  }
  if (ip.includes(':')) {
    const groups = expandIpv6(ip);
    if (groups) return `${groups.slice(0, SOURCE_PREFIX_V6 / 16).join(':')}::/${SOURCE_PREFIX_V6}`;
  }
  // Not an address (a hostname from some sensor): its own group.
  return ip;
}

/** "2001:db8::1" → ["2001", "db8", "0", …] (8 groups, leading zeros dropped), null when it is not IPv6. */
function expandIpv6(ip: string): string[] | null {
  const halves = ip.split('::');
  if (halves.length > 2) return null;
  const part = (text: string | undefined): string[] => (text ? text.split(':') : []);
  const head = part(halves[0]);
  const tail = part(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return null;
  return groups.map((group) => parseInt(group, 16).toString(16));
}
