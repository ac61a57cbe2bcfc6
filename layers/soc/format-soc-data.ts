import type { LocalizedText } from '../../feeds/protocol/feed-data.js';
import { agencyForIp } from '../../feeds/soc/agency-for-ip.js';
import { MINUTE_MS, SOC_WINDOW_MINUTES, minuteStart, type SocState, type SocStateAlert } from '../../feeds/soc/soc-state.js';
import { memoizeFormat } from '../common/format-memo.js';
import type { MapPick } from '../common/layer-input.js';
import { sourceNetwork } from './source-network.js';
import { sourceRingPoint, type RegionFrame } from './source-ring.js';
import { SOC_SEVERITY_WEIGHT, agencyRadiusPx, type SocSeverity } from './soc-style.js';

/** An agency as the region pack places it (agencies.json); `ipRanges` lets internal sources start at their agency. */
export interface SocAgencyPlace {
  id: string;
  name: LocalizedText;
  position: readonly [number, number];
  ipRanges?: readonly string[];
}

/** "Recent" for the map: the last 15 minutes of feed time (the current, partial minute included). */
export const SOC_RECENT_MINUTES = 15;
/**
 * A burst: in the current or the previous minute of feed time an agency received at least BURST_MIN_ALERTS alerts
 * AND at least BURST_FACTOR times its mean per minute over the hour window (SOC_WINDOW_MINUTES, quiet minutes
 * counting as zero). The first guards against "3 alerts after a quiet hour", the second against a busy agency's
 * normal load.
 */
export const BURST_MIN_ALERTS = 10;
export const BURST_FACTOR = 3;
/**
 * The most arcs the map draws at once, whatever the alert rate: beyond a few dozen, arcs converging on the city
 * bury the stations, labels and incidents under them (and cost frames). The strongest groups are kept.
 */
export const SOC_MAX_ARCS = 30;

export interface SocAgencyDatum extends MapPick {
  feed: 'soc';
  position: [number, number];
  /** Alerts on this agency in the recent window (also `value`). */
  count: number;
  /** Worst severity among its recent alerts still held in the state (1 = high), 2 when none is held. */
  severity: SocSeverity;
  burst: boolean;
  /** Alerts in the busiest of the last two minutes. */
  peakPerMinute: number;
  radius: number;
}

/**
 * One arc: every recent alert from one source network (or one internal agency) to one target agency, aggregated
 * (see formatArcs for the rule and SOC_MAX_ARCS for the cap).
 */
export interface SocArcDatum extends MapPick {
  feed: 'soc';
  /** `agency:<id>` for an internal source, else the source network (source-network.ts), e.g. "203.0.113.0/24". */
  sourceKey: string;
  /** The source network for an external source, null for an internal one (then `sourceAgency` says which). */
  sourceNetwork: string | null;
  /** The latest alert's source address. */
  srcIp: string;
  /** Distinct source addresses in the group. */
  sourceAddresses: number;
  /** Agency the source address belongs to (internal source), null for an external one placed on the ring. */
  sourceAgency: string | null;
  targetAgency: string;
  source: [number, number];
  target: [number, number];
  /** Alerts in the group (also `value`). */
  count: number;
  /** Worst severity in the group (1 = high). */
  severity: SocSeverity;
  /** Σ severity weight (SOC_SEVERITY_WEIGHT): what the top-N cut ranks by. */
  score: number;
  /** The latest alert's signature, for the tooltip. */
  signature: string;
  lastAt: number;
  /** 1 when the latest alert is now (feed time) … 0 at the start of the recent window: the arc fades with it. */
  freshness: number;
}

export interface SocLayerData {
  agencies: SocAgencyDatum[];
  /** The agencies in a burst (a subset of `agencies`), drawn again as pulsing rings. */
  bursts: SocAgencyDatum[];
  /** The strongest SOC_MAX_ARCS groups, weakest first (the strongest is drawn on top). */
  arcs: SocArcDatum[];
  /** How many groups there were before the cut (the legend can say "30 of 57"). */
  arcGroups: number;
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Pure: SocState + agency places + region → agency circles, burst subset and source→target arcs. */
export function formatSocData(state: SocState, agencies: readonly SocAgencyPlace[], region: RegionFrame): SocLayerData {
  if (state.now === null) return { agencies: [], bursts: [], arcs: [], arcGroups: 0 };
  const places = new Map(agencies.map((agency) => [agency.id, agency]));
  const currentMinute = minuteStart(state.now);
  const recentStart = currentMinute - (SOC_RECENT_MINUTES - 1) * MINUTE_MS;

  const recent = new Map<string, number>();
  const hour = new Map<string, number>();
  const peak = new Map<string, number>();
  for (const minute of state.minutes) {
    for (const [agency, n] of Object.entries(minute.agencies)) {
      hour.set(agency, (hour.get(agency) ?? 0) + n);
      if (minute.start >= recentStart) recent.set(agency, (recent.get(agency) ?? 0) + n);
      if (minute.start >= currentMinute - MINUTE_MS) peak.set(agency, Math.max(peak.get(agency) ?? 0, n));
    }
  }

  const recentAlerts = state.alerts.filter((alert) => alert.at >= recentStart);
  const worst = new Map<string, SocSeverity>();
  for (const alert of recentAlerts) {
    if (alert.agency === null) continue;
    const seen = worst.get(alert.agency);
    if (seen === undefined || alert.severity < seen) worst.set(alert.agency, alert.severity);
  }

  const agencyData: SocAgencyDatum[] = [];
  for (const [id, count] of recent) {
    const place = places.get(id);
    if (!place || count <= 0) continue;
    const peakPerMinute = peak.get(id) ?? 0;
    const mean = (hour.get(id) ?? 0) / SOC_WINDOW_MINUTES;
    agencyData.push({
      feed: 'soc',
      id,
      name: place.name,
      value: count,
      unit: 'alerts',
      position: [place.position[0], place.position[1]],
      count,
      severity: worst.get(id) ?? 2,
      burst: peakPerMinute >= Math.max(BURST_MIN_ALERTS, BURST_FACTOR * mean),
      peakPerMinute,
      radius: agencyRadiusPx(count),
    });
  }
  agencyData.sort(byId);

  const groups = formatArcs(recentAlerts, agencies, places, region, state.now, recentStart);
  return { agencies: agencyData, bursts: agencyData.filter((d) => d.burst), arcs: topArcs(groups), arcGroups: groups.length };
}

/**
 * The aggregation rule of the map's arcs (the map stays readable with hundreds of alerts a minute):
 *   1. only alerts of the recent window (SOC_RECENT_MINUTES) with a target agency on the map;
 *   2. grouped by (source, target agency), the source being the sending agency for an internal address (an
 *      agency's ipRanges) and otherwise the address's network (IPv4 /24, IPv6 /48: source-network.ts), so one
 *      scanner farm is one arc and its ring point is the network's;
 *   3. a group carries its count (arc width), its worst severity (colour), its latest alert (freshness → fade);
 *   4. only the SOC_MAX_ARCS groups with the highest score are drawn (score = Σ severity weight: a high-severity
 *      alert counts as four low ones), ties to the most recent, then by key.
 */
function formatArcs(
  alerts: readonly SocStateAlert[],
  agencies: readonly SocAgencyPlace[],
  places: ReadonlyMap<string, SocAgencyPlace>,
  region: RegionFrame,
  now: number,
  windowStartMs: number,
): SocArcDatum[] {
  const ranges = agencies.map((agency) => ({ id: agency.id, ipRanges: [...(agency.ipRanges ?? [])] }));
  const sourceAgencies = new Map<string, string | null>();
  const arcs = new Map<string, SocArcDatum>();
  const addresses = new Map<string, Set<string>>();
  const windowMs = Math.max(1, now - windowStartMs);
  for (const alert of alerts) {
    if (alert.agency === null) continue; // no target agency: nowhere to draw the arc's end
    const target = places.get(alert.agency);
    if (!target) continue;
    let sourceAgency = sourceAgencies.get(alert.srcIp);
    if (sourceAgency === undefined) {
      sourceAgency = agencyForIp(ranges, alert.srcIp);
      if (sourceAgency !== null && !places.has(sourceAgency)) sourceAgency = null;
      sourceAgencies.set(alert.srcIp, sourceAgency);
    }
    if (sourceAgency === alert.agency) continue; // inside one agency: a zero-length arc
    const network = sourceAgency === null ? sourceNetwork(alert.srcIp) : null;
    const sourceKey = network ?? `agency:${sourceAgency ?? ''}`;
    const key = `${sourceKey}>${alert.agency}`;
    const weight = SOC_SEVERITY_WEIGHT[alert.severity];
    const existing = arcs.get(key);
    if (existing) {
      existing.count++;
      existing.value = existing.count;
      existing.score += weight;
      if (alert.severity < existing.severity) existing.severity = alert.severity;
      if (alert.at >= existing.lastAt) {
        existing.lastAt = alert.at;
        existing.signature = alert.signature;
        existing.srcIp = alert.srcIp;
      }
      const seen = addresses.get(key);
      seen?.add(alert.srcIp);
      existing.sourceAddresses = seen?.size ?? 1;
      continue;
    }
    addresses.set(key, new Set([alert.srcIp]));
    const sourcePlace = sourceAgency === null ? null : places.get(sourceAgency);
    const sourceName = sourcePlace ? sourcePlace.name : { vi: network ?? alert.srcIp, en: network ?? alert.srcIp };
    arcs.set(key, {
      feed: 'soc',
      id: key,
      name: { vi: `${sourceName.vi} → ${target.name.vi}`, en: `${sourceName.en} → ${target.name.en}` },
      value: 1,
      unit: 'alerts',
      sourceKey,
      sourceNetwork: network,
      srcIp: alert.srcIp,
      sourceAddresses: 1,
      sourceAgency,
      targetAgency: alert.agency,
      source: sourcePlace ? [sourcePlace.position[0], sourcePlace.position[1]] : sourceRingPoint(network ?? alert.srcIp, region),
      target: [target.position[0], target.position[1]],
      count: 1,
      severity: alert.severity,
      score: weight,
      signature: alert.signature,
      lastAt: alert.at,
      freshness: 0,
    });
  }
  const groups = [...arcs.values()];
  for (const arc of groups) arc.freshness = Math.min(1, Math.max(0, 1 - (now - arc.lastAt) / windowMs));
  return groups;
}

/** The SOC_MAX_ARCS strongest groups (rule 4 above), weakest first so the strongest is drawn last, on top. */
export function topArcs(groups: readonly SocArcDatum[], max = SOC_MAX_ARCS): SocArcDatum[] {
  const strongestFirst = [...groups].sort((a, b) => b.score - a.score || b.lastAt - a.lastAt || byId(a, b));
  return strongestFirst.slice(0, max).reverse();
}

/** formatSocData memoised by (state, version, agencies, region): see common/format-memo.ts. */
export const formatSocDataCached = memoizeFormat(formatSocData);
