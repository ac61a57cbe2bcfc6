/**
 * IPv4 address ranges (CIDR blocks) of the region pack's agencies: parse them, test an address, find the agency an
 * address belongs to. IPv4 only — an IPv6 address or block is "malformed" here (parse → null, tests → false/null);
 * the pack's government network is IPv4 (docs in regions/<id>/SOURCES.md).
 *
 * Addresses are unsigned 32-bit numbers (0 … 2³²−1) handled with plain arithmetic rather than bit operators, which
 * are signed 32-bit in JavaScript and cannot express the size of a /0 (2³²).
 *
 * A maintained npm alternative is `ipaddr.js` (`ipaddr.parseCIDR`, `addr.match(range)`); these few functions are
 * all the pack needs, so the project does not take the dependency.
 */

/** One parsed block: its first address and its length. */
export interface Ipv4Cidr {
  /** First address of the block (host bits cleared). */
  readonly network: number;
  /** Prefix length, 0 … 32. */
  readonly prefix: number;
  /** Number of addresses, 2^(32 − prefix). */
  readonly size: number;
}

// Decimal octets 0–255 without leading zeros ("010" is ambiguous: octal in some parsers, decimal in others).
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const PREFIX = /^(?:3[0-2]|[12]?\d)$/;

/** `"10.61.1.7"` → 171770119; null for anything that is not a dotted-quad IPv4 address. */
export function parseIpv4(ip: string): number | null {
  if (!IPV4.test(ip)) return null;
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

/** The inverse of `parseIpv4`. */
export function formatIpv4(value: number): string {
  const v = value >>> 0;
  return [Math.floor(v / 2 ** 24), Math.floor(v / 2 ** 16) % 256, Math.floor(v / 256) % 256, v % 256].join('.');
}

/**
 * `"10.61.1.0/24"` → `{ network, prefix: 24, size: 256 }`; null when malformed. Host bits set in the address are
 * cleared (`"10.61.1.5/24"` parses as 10.61.1.0/24); compare with `formatCidr` to reject such non-canonical input.
 */
export function parseCidr(cidr: string): Ipv4Cidr | null {
  const slash = cidr.indexOf('/');
  if (slash < 0) return null;
  const address = parseIpv4(cidr.slice(0, slash));
  const prefixText = cidr.slice(slash + 1);
  if (address === null || !PREFIX.test(prefixText)) return null;
  const prefix = Number(prefixText);
  const size = 2 ** (32 - prefix);
  return { network: address - (address % size), prefix, size };
}

/** The canonical text of a block, e.g. `"10.61.1.0/24"`. */
export function formatCidr(cidr: Ipv4Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefix}`;
}

/** Whether the numeric address lies in the block. */
export function cidrContains(cidr: Ipv4Cidr, address: number): boolean {
  return address >= cidr.network && address < cidr.network + cidr.size;
}

/** Whether two blocks share any address (CIDR blocks either nest or are disjoint). */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.network < b.network + b.size && b.network < a.network + a.size;
}

/** Whether `ip` lies in `cidr`; false when either is malformed (IPv6 included). */
export function ipInCidr(ip: string, cidr: string): boolean {
  const address = parseIpv4(ip);
  const block = parseCidr(cidr);
  return address !== null && block !== null && cidrContains(block, address);
}

interface AgencyBlock<A> {
  readonly agency: A;
  readonly block: Ipv4Cidr;
}

// Alerts arrive by the thousand against one agency list: parse its blocks once per list, not once per lookup.
const compiled = new WeakMap<readonly object[], readonly AgencyBlock<object>[]>();

function compile<A extends { readonly ipRanges: readonly string[] }>(agencies: readonly A[]): readonly AgencyBlock<A>[] {
  const cached = compiled.get(agencies) as readonly AgencyBlock<A>[] | undefined;
  if (cached) return cached;
  const blocks = agencies.flatMap((agency) =>
    agency.ipRanges.flatMap((text) => {
      const block = parseCidr(text);
      return block ? [{ agency, block }] : [];
    }),
  );
  compiled.set(agencies, blocks);
  return blocks;
}

/**
 * The agency one of whose `ipRanges` holds `ip`, or null (also for a malformed or IPv6 address). A loaded pack's
 * ranges never overlap; for other lists the most specific (smallest) block wins. The parsed blocks are cached per
 * array, so do not mutate an array after looking addresses up in it.
 */
export function findAgencyByIp<A extends { readonly ipRanges: readonly string[] }>(
  agencies: readonly A[],
  ip: string,
): A | null {
  const address = parseIpv4(ip);
  if (address === null) return null;
  let best: AgencyBlock<A> | null = null;
  for (const entry of compile(agencies)) {
    if (cidrContains(entry.block, address) && (best === null || entry.block.size < best.block.size)) best = entry;
  }
  return best?.agency ?? null;
}
