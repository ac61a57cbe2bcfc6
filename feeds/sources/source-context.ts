import type { AgencyTarget } from '../soc/agency-target.js';
import { EnvironmentAggregator } from './environment-aggregator.js';
import type { StationHoursStore } from '../store/station-hours-store.js';
import { VehicleIdRegistry } from './vehicle-id-registry.js';

/**
 * What the formats need to know about the province, taken from the region pack when the hub has one. Without a
 * pack every station and unit id is accepted as given and no alert has an agency.
 */
export interface SourceRegion {
  readonly agencies: readonly Pick<AgencyTarget, 'id' | 'ipRanges'>[];
  /** Known station ids, or null to accept any. */
  readonly stations: ReadonlySet<string> | null;
  /** Known portal unit ids (district codes and agency ids), or null to accept any. */
  readonly portalUnits: ReadonlySet<string> | null;
  /** Local time of the province, minutes east of UTC (station times without an offset; day boundaries). */
  readonly timeZoneOffsetMinutes: number;
  /** The SOC's own site (the pack's `soc.home`): where alerts raised on the sensors' manager itself are placed. */
  readonly home: { readonly agency: string; readonly ip: string } | null;
}

export const NO_REGION: SourceRegion = { agencies: [], stations: null, portalUnits: null, timeZoneOffsetMinutes: 420, home: null };

/**
 * Per-hub state shared by the ingest API and the file sources: the region, the per-station VN_AQI trackers (a
 * station's hours may arrive through both paths) and the GTFS-RT vehicle id table.
 */
export class SourceContext {
  readonly region: SourceRegion;
  readonly environment: EnvironmentAggregator;
  readonly vehicleIds = new VehicleIdRegistry();
  /** Where committed hour means are saved for the next start (startSources sets it; tests may leave it null). */
  stationHours: StationHoursStore | null = null;

  constructor(region: SourceRegion = NO_REGION) {
    this.region = region;
    this.environment = new EnvironmentAggregator(region.timeZoneOffsetMinutes);
  }
}
