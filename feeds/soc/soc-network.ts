import type { Random } from '../sim/random.js';
import type { AgencyTarget } from './agency-target.js';
import { formatIpv4, parseCidr, parseIpv4, type Ipv4Cidr } from '../region/cidr.js';

/** One attackable service: an agency system's address and port. */
export interface SocTarget {
  readonly agency: string | null;
  readonly name: string;
  readonly ip: string;
  readonly port: number;
}

export interface SocAgencyNet {
  readonly id: string;
  readonly range: Ipv4Cidr | null;
  readonly targets: readonly SocTarget[];
}

/** The simulated province as the attacker sees it: agencies' services inside, a stable cast of hosts outside. */
export interface SocNetwork {
  readonly agencies: readonly SocAgencyNet[];
  readonly targets: readonly SocTarget[];
  /** Recurring scanners and brute-forcers. */
  readonly attackers: readonly string[];
  /** Command-and-control servers that infected hosts call. */
  readonly c2Servers: readonly string[];
}

/**
 * RFC 5737 documentation ranges: public-looking addresses that can never belong to a real party. Three /24s
 * hold 762 usable hosts, plenty for a province's worth of internet background noise.
 */
const DOCUMENTATION_NETS = ['192.0.2.', '198.51.100.', '203.0.113.'] as const;

export function randomExternalIp(random: Random): string {
  return `${random.pick(DOCUMENTATION_NETS)}${random.int(1, 254)}`;
}

/** A usable host address inside `range` (not the network or broadcast address when there is room for that). */
export function randomHostIn(range: Ipv4Cidr, random: Random): string {
  if (range.size <= 2) return formatIpv4(range.network + random.int(0, range.size - 1));
  return formatIpv4(range.network + random.int(1, range.size - 2));
}

function distinctExternal(count: number, random: Random, taken: Set<string>): string[] {
  const result: string[] = [];
  while (result.length < count) {
    const ip = randomExternalIp(random);
    if (!taken.has(ip)) {
      taken.add(ip);
      result.push(ip);
    }
  }
  return result;
}

const FALLBACK_TARGET: SocTarget = { agency: null, name: 'unassigned', ip: '10.0.0.10', port: 443 };

/**
 * Targets come from the agencies' systems. A system whose host is a name rather than an IPv4 address gets a
 * stable address inside its agency's first range (an IDS only ever sees addresses); without any range it is
 * skipped. With no usable system at all there is one unattributed fallback target, so the feed still runs.
 */
export function buildSocNetwork(agencies: readonly AgencyTarget[], random: Random): SocNetwork {
  const nets: SocAgencyNet[] = agencies.map((agency) => {
    const range = agency.ipRanges.map(parseCidr).find((r) => r !== null) ?? null;
    const targets = agency.systems.flatMap((system, index): SocTarget[] => {
      if (parseIpv4(system.host) !== null) return [{ agency: agency.id, name: system.name, ip: system.host, port: system.port }];
      if (!range) return [];
      const ip = formatIpv4(range.network + ((10 + index) % Math.max(1, range.size)));
      return [{ agency: agency.id, name: system.name, ip, port: system.port }];
    });
    return { id: agency.id, range, targets };
  });
  const withTargets = nets.filter((net) => net.targets.length > 0);
  const targets = withTargets.flatMap((net) => net.targets);
  const pool = random.fork('soc:pool');
  const taken = new Set<string>();
  return {
    agencies: withTargets.length > 0 ? withTargets : [{ id: '', range: null, targets: [FALLBACK_TARGET] }],
    targets: targets.length > 0 ? targets : [FALLBACK_TARGET],
    attackers: distinctExternal(24, pool, taken),
    c2Servers: distinctExternal(4, pool, taken),
  };
}
