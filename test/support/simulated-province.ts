import { createRegionSimulators } from '../../feeds/hub/region-simulators.js';
import type { Detection } from '../../feeds/incidents/detection.js';
import { defaultIncidentConfig, type IncidentConfig } from '../../feeds/incidents/incident-config.js';
import { placesFromRegion } from '../../feeds/incidents/places-from-region.node.js';
import { EnvironmentRule } from '../../feeds/incidents/rules/environment-rule.js';
import { PortalRule } from '../../feeds/incidents/rules/portal-rule.js';
import { SocRule } from '../../feeds/incidents/rules/soc-rule.js';
import { TrafficRule } from '../../feeds/incidents/rules/traffic-rule.js';
import type { EnvironmentData, PortalData, SocData, TrafficData } from '../../feeds/protocol/feed-data.js';
import type { Region } from '../../feeds/region/index.js';
import { loadRegion } from '../../feeds/region/load-region.js';

const REGION_DIR = new URL('../../regions/hai-duong', import.meta.url).pathname;
let haiDuong: Promise<Region> | null = null;

/** The shipped Hải Dương region pack (loaded once per test process). */
export function haiDuongRegion(): Promise<Region> {
  haiDuong ??= loadRegion(REGION_DIR);
  return haiDuong;
}

export interface ProvinceRunOptions {
  readonly seed: number;
  readonly startMs: number;
  readonly hours: number;
  /** Simulated time between ticks (the hub ticks once a real second × --speed). Default 5 s. */
  readonly tickMs?: number;
  readonly demo?: boolean;
  readonly config?: IncidentConfig;
}

/** Everything one simulated stretch of the province produced, with the simulated time each item came at. */
export interface ProvinceRun {
  readonly traffic: readonly { readonly at: number; readonly data: TrafficData }[];
  readonly environment: readonly { readonly at: number; readonly data: EnvironmentData }[];
  readonly soc: readonly { readonly at: number; readonly data: SocData }[];
  readonly portal: readonly { readonly at: number; readonly data: PortalData }[];
  /** What the incident rules reported, in order. */
  readonly detections: readonly Detection[];
}

/**
 * Runs the region's four simulators in simulated time (no waiting) and the incident rules over their items the way
 * the hub's engine does: each item observed with its time, the clock check once a tick. Items before `startMs` (the
 * demo's backlog) are observed too, as the hub publishes them first.
 */
export function simulateProvince(region: Region, options: ProvinceRunOptions): ProvinceRun {
  const tickMs = options.tickMs ?? 5000;
  const demo = options.demo ?? false;
  const config = options.config ?? defaultIncidentConfig();
  const places = placesFromRegion(region);
  const sims = createRegionSimulators(region, { seed: options.seed, demo, simStartMs: options.startMs });
  const rules = {
    traffic: new TrafficRule(config.traffic, places),
    environment: new EnvironmentRule(config.environment, places),
    soc: new SocRule(config.soc, places),
    portal: new PortalRule(config.portal, places),
  };
  const run = { traffic: [] as ProvinceRun['traffic'][number][], environment: [] as ProvinceRun['environment'][number][], soc: [] as ProvinceRun['soc'][number][], portal: [] as ProvinceRun['portal'][number][], detections: [] as Detection[] };
  const take = {
    traffic: (at: number, items: readonly TrafficData[]) => items.forEach((data) => (run.traffic.push({ at, data }), run.detections.push(...rules.traffic.observe(data, at)))),
    environment: (at: number, items: readonly EnvironmentData[]) => items.forEach((data) => (run.environment.push({ at, data }), run.detections.push(...rules.environment.observe(data, at)))),
    soc: (at: number, items: readonly SocData[]) => items.forEach((data) => (run.soc.push({ at, data }), run.detections.push(...rules.soc.observe(data, at)))),
    portal: (at: number, items: readonly PortalData[]) => items.forEach((data) => (run.portal.push({ at, data }), run.detections.push(...rules.portal.observe(data, at)))),
  };
  const start = options.startMs;
  for (const entry of sims.traffic.demoBacklog(start)) take.traffic(entry.at, entry.items);
  for (const entry of sims.environment.demoBacklog(start)) take.environment(entry.at, entry.items);
  take.traffic(start, sims.traffic.start(start));
  take.environment(start, sims.environment.start(start));
  take.soc(start, sims.soc.start(start));
  take.portal(start, sims.portal.start(start));
  const end = start + options.hours * 3_600_000;
  for (let now = start + tickMs; now <= end; now += tickMs) {
    take.traffic(now, sims.traffic.tick(now));
    take.environment(now, sims.environment.tick(now));
    take.soc(now, sims.soc.tick(now));
    take.portal(now, sims.portal.tick(now));
    for (const rule of Object.values(rules)) run.detections.push(...rule.check(now));
  }
  return run;
}

/**
 * Incidents the engine would open from these detections if nobody resolved any: one per dedupe key (a detection
 * whose key is open only repeats it). With operators resolving, a recurrence opens another one; that count lies
 * between this and the number of detections.
 */
export function openedIncidents(detections: readonly Detection[]): Map<string, Detection> {
  const opened = new Map<string, Detection>();
  for (const detection of detections) if (!opened.has(detection.dedupeKey)) opened.set(detection.dedupeKey, detection);
  return opened;
}

/** Count by a key. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
