import type { Incident } from '../../feeds/protocol/incident.js';

/** Incidents of one kind in one district opened within this of the previous one form a group. */
export const GROUP_WINDOW_MS = 30 * 60_000;

export interface IncidentGroup {
  /** Stable while the group lives: kind, district and the first member's id. */
  readonly key: string;
  /** In the queue's order; the first is the row shown for the group (the worst, then the oldest). */
  readonly incidents: readonly Incident[];
}

/**
 * Related incidents as one queue row (issue 15: no alarm storm): same kind, same district, each opened within
 * `windowMs` of the one before it. Resolved incidents stay alone (they are history, not noise). `sorted` is in the
 * queue's order; groups come in the order of their first member, members in that order too.
 */
export function groupIncidents(sorted: readonly Incident[], windowMs = GROUP_WINDOW_MS): IncidentGroup[] {
  // Chains by opening time within each kind + district.
  const chains = new Map<string, Incident[][]>();
  const byOpening = [...sorted].filter((incident) => incident.state !== 'resolved').sort((a, b) => a.openedAt - b.openedAt || (a.id < b.id ? -1 : 1));
  const chainOf = new Map<string, Incident[]>();
  for (const incident of byOpening) {
    const key = `${incident.kind}|${incident.district ?? ''}`;
    const list = chains.get(key) ?? [];
    chains.set(key, list);
    const last = list[list.length - 1];
    const previous = last?.[last.length - 1];
    const chain = last && previous && incident.openedAt - previous.openedAt <= windowMs ? last : [];
    if (chain !== last) list.push(chain);
    chain.push(incident);
    chainOf.set(incident.id, chain);
  }
  const order = new Map(sorted.map((item, index) => [item.id, index]));
  const groups: IncidentGroup[] = [];
  const seen = new Set<Incident[]>();
  for (const incident of sorted) {
    const chain = chainOf.get(incident.id);
    if (!chain) {
      groups.push({ key: `${incident.kind}|${incident.district ?? ''}|${incident.id}`, incidents: [incident] });
      continue;
    }
    if (seen.has(chain)) continue;
    seen.add(chain);
    const members = [...chain].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    groups.push({ key: `${incident.kind}|${incident.district ?? ''}|${chain[0]?.id ?? incident.id}`, incidents: members });
  }
  return groups;
}
