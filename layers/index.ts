import type { Layer } from '@deck.gl/core';
import type { LegendSpec } from './common/legend-spec.js';
import { renderEnvironmentLayers, type EnvironmentLayerInput } from './environment/environment-layers.js';
import { ENVIRONMENT_LEGEND } from './environment/environment-legend.js';
import { renderIncidentsLayers, type IncidentsLayerInput } from './incidents/incidents-layers.js';
import { INCIDENTS_LEGEND } from './incidents/incidents-legend.js';
import { renderPortalLayers, type PortalLayerInput } from './portal/portal-layers.js';
import { PORTAL_LEGEND } from './portal/portal-legend.js';
import { renderSocLayers, type SocLayerInput } from './soc/soc-layers.js';
import { SOC_LEGEND } from './soc/soc-legend.js';
import { renderTrafficLayers, type TrafficLayerInput } from './traffic/traffic-layers.js';
import { TRAFFIC_LEGEND } from './traffic/traffic-legend.js';
import { renderVehicleLayers, type VehicleLayerInput } from './vehicles/vehicles-layers.js';
import { VEHICLES_LEGEND } from './vehicles/vehicles-legend.js';

/**
 * layers/: pure functions from feed state to deck.gl layers (drawn through MapboxOverlay over MapLibre) and legends.
 * Per feed: format-<feed>-data.ts (state → flat data, memoised by version), <feed>-layers.ts (data → layers with
 * fixed ids), <feed>-legend.ts. Shared: common/ (LayerInput, LegendSpec, colours, the stale look).
 */
export interface AllLayersInput {
  portal: PortalLayerInput;
  traffic: TrafficLayerInput;
  vehicles: VehicleLayerInput;
  environment: EnvironmentLayerInput;
  soc: SocLayerInput;
  incidents: IncidentsLayerInput;
}

/** The feeds, bottom to top by their main layer: the layer panel's order (keys 1–6 count from the top). */
export const LAYER_ORDER = ['portal', 'traffic', 'vehicles', 'environment', 'soc', 'incidents'] as const;

/**
 * The draw order of every layer id, bottom to top (deck.gl draws `layers` in array order): the choropleth and the
 * district names, then the SOC arcs UNDER the roads, vehicles and symbols (hundreds of arcs converging on the city
 * once buried stations and incidents), the SOC agency circles, stations, accident marks, station labels, and the
 * incidents on top of everything, so neither a station nor an incident is ever covered by another feed.
 */
export const DRAW_ORDER: readonly string[] = [
  'portal-districts',
  'basemap-district-labels',
  'soc-arcs',
  'traffic-segments',
  'vehicles-points',
  'vehicles-highlight',
  'soc-agencies',
  'soc-bursts',
  'environment-stations',
  'traffic-accidents',
  'traffic-accident-marks',
  'environment-labels',
  'incidents-unacknowledged-halos',
  'incidents-markers',
];

/** Layers sorted by DRAW_ORDER (ids it does not list keep their place relative to each other, at the end). */
export function inDrawOrder(layers: readonly Layer[]): Layer[] {
  const rank = (id: string): number => {
    const index = DRAW_ORDER.indexOf(id);
    return index < 0 ? DRAW_ORDER.length : index;
  };
  return layers.map((layer, index) => ({ layer, index })).sort((a, b) => rank(a.layer.id) - rank(b.layer.id) || a.index - b.index).map(({ layer }) => layer);
}

/**
 * Every layer of every feed in DRAW_ORDER. Always the same layer ids in the same order (hidden feeds are
 * `visible: false`, never missing), so deck.gl matches layers across calls and keeps their GPU state.
 * Call it on every animation frame with the same `time` for all feeds.
 */
export function renderAllLayers(input: AllLayersInput): Layer[] {
  return inDrawOrder([
    ...renderPortalLayers(input.portal),
    ...renderTrafficLayers(input.traffic),
    ...renderVehicleLayers(input.vehicles),
    ...renderEnvironmentLayers(input.environment),
    ...renderSocLayers(input.soc),
    ...renderIncidentsLayers(input.incidents),
  ]);
}

/** Legends in the same bottom-to-top order as the layers (a legend panel usually lists them top first: reverse). */
export const ALL_LEGENDS: readonly LegendSpec[] = [
  PORTAL_LEGEND,
  TRAFFIC_LEGEND,
  VEHICLES_LEGEND,
  ENVIRONMENT_LEGEND,
  SOC_LEGEND,
  INCIDENTS_LEGEND,
];

export type { LayerInput, MapPick } from './common/layer-input.js';
export type { LegendGradient, LegendItem, LegendSpec, LegendSwatch } from './common/legend-spec.js';
export { isLegendGradient } from './common/legend-spec.js';
export { STALE_ALPHA_FACTOR, STALE_GREY_MIX, staleColor } from './common/stale-style.js';
export type { EnvironmentLayerInput, IncidentsLayerInput, PortalLayerInput, SocLayerInput, TrafficLayerInput, VehicleLayerInput };
export { renderEnvironmentLayers, renderIncidentsLayers, renderPortalLayers, renderSocLayers, renderTrafficLayers, renderVehicleLayers };
export { renderVehicleLayersFromObjects } from './vehicles/vehicles-layers.js';
export { vehiclePickAt, vehicleObjectsFromFrame } from './vehicles/format-vehicles-data.js';
export type { StationPlace } from './environment/format-environment-data.js';
export type { SocAgencyPlace } from './soc/format-soc-data.js';
export type { RegionFrame } from './soc/source-ring.js';
export { sourceRingPoint } from './soc/source-ring.js';
export type { DistrictCollection } from './portal/format-portal-data.js';
export { geometryPoint } from './incidents/incident-position.js';
