import type { Layer } from '@deck.gl/core';
import type { EnvironmentState } from '../../feeds/environment/environment-reducer.js';
import type { IncidentsState } from '../../feeds/incidents/incidents-reducer.js';
import type { FeedStateFrame } from '../../feeds/pipelines/feed-state.js';
import type { PortalState } from '../../feeds/portal/portal-reducer.js';
import type { FeedName, LoggedFeed } from '../../feeds/protocol/feed-names.js';
import type { VehicleFrame } from '../../feeds/protocol/vehicle-frame.js';
import type { SocState } from '../../feeds/soc/soc-state.js';
import { REDUCERS } from '../../feeds/state/reducers.js';
import type { TrafficState } from '../../feeds/traffic/traffic-reducer.js';
import { inDrawOrder, renderAllLayers } from '../../layers/index.js';
import { renderBasemapLabels } from '../../layers/basemap/basemap-labels.js';
import { formatEnvironmentDataCached } from '../../layers/environment/format-environment-data.js';
import { formatIncidentsDataCached } from '../../layers/incidents/format-incidents-data.js';
import { incidentRadiusPx } from '../../layers/incidents/incidents-layers.js';
import { UNACKED_OUTLINE_PX } from '../../layers/incidents/incident-style.js';
import { formatTrafficDataCached } from '../../layers/traffic/format-traffic-data.js';
import { ACCIDENT_RADIUS_PX } from '../../layers/traffic/traffic-style.js';
import { chooseMapLabels, type MapLabelChoice, type MapLabelInput, type MapSymbol } from '../map/map-labels.js';
import type { RegionPlaces } from './region-places.js';

/** The latest state of every feed, as the pipelines deliver it (null before the first snapshot). */
export interface FeedStates {
  traffic: FeedStateFrame<TrafficState> | null;
  environment: FeedStateFrame<EnvironmentState> | null;
  soc: FeedStateFrame<SocState> | null;
  portal: FeedStateFrame<PortalState> | null;
  incidents: FeedStateFrame<IncidentsState> | null;
  vehicles: VehicleFrame | null;
}

export const emptyFeedStates = (): FeedStates => ({ traffic: null, environment: null, soc: null, portal: null, incidents: null, vehicles: null });

export interface MapLayersInput {
  readonly states: FeedStates;
  readonly places: RegionPlaces;
  readonly visible: (feed: FeedName) => boolean;
  readonly stale: (feed: FeedName) => boolean;
  readonly highlight: string | null;
  /** performance.now(), the same for every feed of a frame. */
  readonly time: number;
  /**
   * To keep labels from overlapping: the map's projection now and the text layers' sizeScale. Absent: every label
   * is drawn (tests of the layer list).
   */
  readonly labels?: Pick<MapLabelInput, 'project' | 'textScale'>;
}

/** District labels plus every feed's layers, in the fixed z-order (hidden feeds are `visible: false`). */
export function buildMapLayers(input: MapLayersInput): Layer[] {
  const { states, places } = input;
  const base = (feed: FeedName, version: number | undefined) => ({
    visible: input.visible(feed),
    stale: input.stale(feed),
    highlight: input.highlight,
    time: input.time,
    ...(version !== undefined ? { version } : {}),
  });
  const empty = <S>(feed: LoggedFeed): S => REDUCERS[feed].create() as S;
  const environmentState = states.environment?.state ?? empty<EnvironmentState>('environment');
  const environmentVersion = states.environment?.version;
  let labels: MapLabelChoice | null = null;
  if (input.labels) {
    // The same (memoised) data the environment layer draws, so the boxes are those of its labels.
    const stations = input.visible('environment') ? formatEnvironmentDataCached(environmentState, environmentVersion, places.stations) : [];
    labels = chooseMapLabels({ ...input.labels, stations, places: places.placeLabels, highlight: input.highlight, symbols: labelObstacles(input) });
  }
  return inDrawOrder([
    ...renderBasemapLabels(places.placeLabels, true, labels?.places ?? null),
    ...renderAllLayers({
      portal: { ...base('portal', states.portal?.version), state: states.portal?.state ?? empty('portal'), districts: places.districts },
      traffic: { ...base('traffic', states.traffic?.version), state: states.traffic?.state ?? empty('traffic') },
      vehicles: { ...base('vehicles', states.vehicles?.seq), state: states.vehicles },
      environment: { ...base('environment', environmentVersion), state: environmentState, stations: places.stations, labels: labels?.stations ?? null },
      soc: { ...base('soc', states.soc?.version), state: states.soc?.state ?? empty('soc'), agencies: places.agencies, region: places.regionFrame },
      incidents: { ...base('incidents', states.incidents?.version), state: states.incidents?.state ?? empty('incidents') },
    }),
  ]);
}

/** The incident markers and accident marks shown: labels keep off them (the same memoised data the layers draw). */
function labelObstacles(input: MapLayersInput): MapSymbol[] {
  const symbols: MapSymbol[] = [];
  const incidents = input.states.incidents;
  if (incidents && input.visible('incidents')) {
    for (const d of formatIncidentsDataCached(incidents.state, incidents.version)) symbols.push({ position: d.position, radius: incidentRadiusPx(d, false) + UNACKED_OUTLINE_PX });
  }
  const traffic = input.states.traffic;
  if (traffic && input.visible('traffic')) {
    for (const d of formatTrafficDataCached(traffic.state, traffic.version).accidents) symbols.push({ position: d.position, radius: ACCIDENT_RADIUS_PX[d.severity] + 2 });
  }
  return symbols;
}
