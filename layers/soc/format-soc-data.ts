import type { LocalizedText } from '../../feeds/protocol/feed-data.js';
import { agencyForIp } from '../../feeds/soc/agency-for-ip.js';
import { MINUTE_MS, SOC_WINDOW_MINUTES, minuteStart, type SocState, type SocStateAlert } from '../../feeds/soc/soc-state.js';
import { memoizeFormat } from '../common/format-memo.js';
import type { MapPick } from '../common/layer-input.js';
import { sourceRingPoint, type RegionFrame } from './source-ring.js';
import { agencyRadiusPx, type SocSeverity } from './soc-style.js';

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

export interface SocArcDatum extends MapPick {
  feed: 'soc';
  srcIp: string;
  /** Agency the source address belongs to (internal source), null for an external one placed on the ring. */
  sourceAgency: string | null;
  targetAgency: string;
  source: [number, number];
  target: [number, number];
  count: number;
  severity: SocSeverity;
  /** The latest alert's signature, for the tooltip. */
  signature: string;
  lastAt: number;
}

export interface SocLayerData {
  agencies: SocAgencyDatum[];
  /** The agencies in a burst (a subset of `agencies`), drawn again as pulsing rings. */
  bursts: SocAgencyDatum[];
  arcs: SocArcDatum[];
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Pure: SocState + agency places + region → agency circles, burst subset and source→target arcs. */
export function formatSocData(state: SocState, agencies: readonly SocAgencyPlace[], region: RegionFrame): SocLayerData {
  if (state.now === null) return { agencies: [], bursts: [], arcs: [] };
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
      unit: `alerts/${SOC_RECENT_MINUTES} min`,
      position: [place.position[0], place.position[1]],
      count,
      severity: worst.get(id) ?? 2,
      burst: peakPerMinute >= Math.max(BURST_MIN_ALERTS, BURST_FACTOR * mean),
      peakPerMinute,
      radius: agencyRadiusPx(count),
    });
  }
  agencyData.sort(byId);

  return { agencies: agencyData, bursts: agencyData.filter((d) => d.burst), arcs: formatArcs(recentAlerts, agencies, places, region) };
}

function formatArcs(
  alerts: readonly SocStateAlert[],
  agencies: readonly SocAgencyPlace[],
  places: ReadonlyMap<string, SocAgencyPlace>,
  region: RegionFrame,
): SocArcDatum[] {
  const ranges = agencies.map((agency) => ({ id: agency.id, ipRanges: [...(agency.ipRanges ?? [])] }));
  const sourceAgencies = new Map<string, string | null>();
  const arcs = new Map<string, SocArcDatum>();
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
    const key = `${alert.srcIp}>${alert.agency}`;
    const existing = arcs.get(key);
    if (existing) {
      existing.count++;
      existing.value = existing.count;
      if (alert.severity < existing.severity) existing.severity = alert.severity;
      if (alert.at >= existing.lastAt) {
        existing.lastAt = alert.at;
        existing.signature = alert.signature;
      }
      continue;
    }
    const sourcePlace = sourceAgency === null ? null : places.get(sourceAgency);
    arcs.set(key, {
      feed: 'soc',
      id: key,
      name: {
        vi: `${alert.srcIp} → ${target.name.vi}`,
        en: `${alert.srcIp} → ${target.name.en}`,
      },
      value: 1,
      unit: 'alerts',
      srcIp: alert.srcIp,
      sourceAgency,
      targetAgency: alert.agency,
      source: sourcePlace ? [sourcePlace.position[0], sourcePlace.position[1]] : sourceRingPoint(alert.srcIp, region),
      target: [target.position[0], target.position[1]],
      count: 1,
      severity: alert.severity,
      signature: alert.signature,
      lastAt: alert.at,
    });
  }
  return [...arcs.values()].sort(byId);
}

/** formatSocData memoised by (state, version, agencies, region): see common/format-memo.ts. */
export const formatSocDataCached = memoizeFormat(formatSocData);
