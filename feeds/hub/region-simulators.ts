import type { Region } from '../region/index.js';
import { EnvironmentSimulator } from '../environment/environment-simulator.js';
import { PortalSimulator } from '../portal/portal-simulator.js';
import type { TrafficSegment } from '../protocol/feed-data.js';
import { Random } from '../sim/random.js';
import { SocSimulator } from '../soc/soc-simulator.js';
import { buildSegments } from '../traffic/road-network.js';
import { TrafficSimulator } from '../traffic/traffic-simulator.js';
import { regionAgencyTargets, regionPortalUnits, regionRoads, regionStationSites, timeZoneOffsetMinutes } from '../region/region-inputs.js';

export interface RegionSimulatorOptions {
  readonly seed: number;
  /** The demo scenario (an incident of every kind at once, docs/incidents.md); off for an ordinary day. */
  readonly demo: boolean;
  /** Simulated start: picks the region's UTC offset at that instant. */
  readonly simStartMs: number;
}

/** The four logged feeds' simulators for a region pack, each on its own forked random stream. */
export interface RegionSimulators {
  readonly segments: TrafficSegment[];
  readonly traffic: TrafficSimulator;
  readonly environment: EnvironmentSimulator;
  readonly soc: SocSimulator;
  readonly portal: PortalSimulator;
}

/**
 * Build the region's simulators the way the hub runs them. Shared by the hub's SimulationDriver and the calibration
 * tests (docs/simulation.md), so what is measured in simulated time is what the hub publishes.
 */
export function createRegionSimulators(region: Region, options: RegionSimulatorOptions): RegionSimulators {
  const random = new Random(options.seed);
  const offset = timeZoneOffsetMinutes(region.manifest.timeZone, options.simStartMs);
  const segments = buildSegments(regionRoads(region));
  return {
    segments,
    traffic: new TrafficSimulator(segments, random.fork('traffic'), { timeZoneOffsetMinutes: offset, demo: options.demo }),
    environment: new EnvironmentSimulator(regionStationSites(region), random.fork('environment'), { timeZoneOffsetMinutes: offset, demo: options.demo }),
    soc: new SocSimulator(regionAgencyTargets(region), random.fork('soc'), { timeZoneOffsetMinutes: offset, demo: options.demo }),
    portal: new PortalSimulator(regionPortalUnits(region), random.fork('portal'), {
      timeZoneOffsetMinutes: offset,
      catalogue: region.manifest.portal?.catalogue ?? null,
      demo: options.demo,
    }),
  };
}
