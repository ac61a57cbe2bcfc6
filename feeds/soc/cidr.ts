import { z } from 'zod';

/**
 * IPv4 helpers for mapping alert addresses onto agencies' ranges. Numbers are unsigned 32-bit (0 … 2³²−1) so they
 * compare and mask without sign surprises.
 */

const Ipv4 = z.ipv4();
const Cidr = z.cidrv4();

/** `"10.61.1.7"` → 171770119; null for anything that is not a dotted-quad IPv4 address (IPv6 included). */
export function ipv4ToNumber(ip: string): number | null {
  if (!Ipv4.safeParse(ip).success) return null;
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

/** The inverse of `ipv4ToNumber` (the value is taken modulo 2³²). */
export function numberToIpv4(value: number): string {
  const v = value >>> 0;
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

export interface Ipv4Range {
  /** First address of the range. */
  readonly network: number;
  /** Number of addresses in the range (2^(32 − prefix)). */
  readonly size: number;
}

/** `"10.61.1.0/24"` → its first address and size; host bits set in the address are ignored; null when malformed. */
export function parseCidr(cidr: string): Ipv4Range | null {
  if (!Cidr.safeParse(cidr).success) return null;
  const [address = '', prefixText = ''] = cidr.split('/');
  const base = ipv4ToNumber(address);
  if (base === null) return null;
  const size = 2 ** (32 - Number(prefixText));
  // Plain arithmetic instead of bit masks: `/0` has size 2³², which 32-bit shifts cannot express.
  return { network: base - (base % size), size };
}

export function rangeContains(range: Ipv4Range, ip: number): boolean {
  return ip >= range.network && ip < range.network + range.size;
}

/** Whether `ip` lies in `cidr`; false when either is malformed or `ip` is IPv6. */
export function cidrContains(cidr: string, ip: string): boolean {
  const range = parseCidr(cidr);
  const value = ipv4ToNumber(ip);
  return range !== null && value !== null && rangeContains(range, value);
}
