import type { AgencyTarget } from './agency-target.js';
import { cidrContains, parseCidr, parseIpv4, type Ipv4Cidr } from '../region/cidr.js';

type AgencyRanges = Pick<AgencyTarget, 'id' | 'ipRanges'>;
interface CompiledRange {
  readonly agency: string;
  readonly range: Ipv4Cidr;
}

// Alerts arrive by the thousand against one agency list: parse its CIDRs once per list, not once per alert. The
// cache is keyed by the array, so treat an agency list as immutable once alerts have been mapped against it.
const compiled = new WeakMap<readonly AgencyRanges[], readonly CompiledRange[]>();

function compile(agencies: readonly AgencyRanges[]): readonly CompiledRange[] {
  let ranges = compiled.get(agencies);
  if (!ranges) {
    ranges = agencies.flatMap((agency) =>
      agency.ipRanges.flatMap((cidr) => {
        const range = parseCidr(cidr);
        return range ? [{ agency: agency.id, range }] : [];
      }),
    );
    compiled.set(agencies, ranges);
  }
  return ranges;
}

/**
 * The agency whose range holds `ip`, or null. When ranges overlap the most specific (smallest) one wins, so a
 * department's /26 inside its parent's /24 is attributed to the department.
 */
export function agencyForIp(agencies: readonly AgencyRanges[], ip: string): string | null {
  const value = parseIpv4(ip);
  if (value === null) return null;
  let best: CompiledRange | null = null;
  for (const entry of compile(agencies)) {
    if (cidrContains(entry.range, value) && (best === null || entry.range.size < best.range.size)) best = entry;
  }
  return best?.agency ?? null;
}
