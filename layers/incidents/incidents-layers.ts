import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { IncidentsState } from '../../feeds/incidents/incidents-reducer.js';
import { rgba, type Rgba } from '../common/colors.js';
import { layerId, type LayerInput } from '../common/layer-input.js';
import { staleColor } from '../common/stale-style.js';
import { formatIncidentsDataCached, unacknowledgedIncidents, type IncidentDatum } from './format-incidents-data.js';
import {
  ACKED_OUTLINE,
  ACKED_OUTLINE_PX,
  INCIDENT_RADIUS_PX,
  INCIDENT_SEVERITY_COLORS,
  UNACKED_OUTLINE,
  UNACKED_OUTLINE_PX,
  UNACKED_SCALE,
  incidentPulsePhase,
} from './incident-style.js';

export type IncidentsLayerInput = LayerInput<IncidentsState>;

export const INCIDENTS_LAYER_IDS = {
  halos: layerId('incidents', 'unacknowledged-halos'),
  markers: layerId('incidents', 'markers'),
} as const;

export function incidentRadiusPx(d: IncidentDatum, highlighted: boolean): number {
  return INCIDENT_RADIUS_PX[d.severity] * (d.unacknowledged ? UNACKED_SCALE : 1) + (highlighted ? 4 : 0);
}

export function incidentFillColor(d: IncidentDatum, stale: boolean): Rgba {
  return staleColor(rgba(INCIDENT_SEVERITY_COLORS[d.severity], d.unacknowledged ? 255 : 215), stale);
}

export function incidentLineColor(d: IncidentDatum, stale: boolean): Rgba {
  return staleColor(rgba(d.unacknowledged ? UNACKED_OUTLINE : ACKED_OUTLINE), stale);
}

/**
 * Incident markers at the incident's point, coloured by severity; unacknowledged ones larger, with a thick white
 * outline and a pulsing halo (radiusScale/opacity from `time`). The top layer of the map.
 */
export function renderIncidentsLayers(input: IncidentsLayerInput): Layer[] {
  const { visible, stale, time } = input;
  const highlight = input.highlight ?? null;
  const data = formatIncidentsDataCached(input.state, input.version);
  const phase = incidentPulsePhase(time);

  const halos = new ScatterplotLayer<IncidentDatum>({
    id: INCIDENTS_LAYER_IDS.halos,
    data: unacknowledgedIncidents(data),
    // Stale: no pulse (it would claim the incident is being watched live); the outline still marks it unacked.
    visible: visible && !stale,
    pickable: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    filled: false,
    stroked: true,
    getPosition: (d) => d.position,
    getRadius: (d) => incidentRadiusPx(d, false),
    getLineColor: (d) => rgba(INCIDENT_SEVERITY_COLORS[d.severity]),
    getLineWidth: 2.5,
    radiusScale: 1 + 1.2 * phase,
    opacity: 0.8 * (1 - phase),
  });

  const markers = new ScatterplotLayer<IncidentDatum>({
    id: INCIDENTS_LAYER_IDS.markers,
    data,
    visible,
    pickable: true,
    autoHighlight: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    filled: true,
    stroked: true,
    getPosition: (d) => d.position,
    getRadius: (d) => incidentRadiusPx(d, d.id === highlight),
    getFillColor: (d) => incidentFillColor(d, stale),
    getLineColor: (d) => incidentLineColor(d, stale),
    getLineWidth: (d) => (d.unacknowledged ? UNACKED_OUTLINE_PX : ACKED_OUTLINE_PX) + (d.id === highlight ? 1 : 0),
    updateTriggers: { getRadius: [highlight], getFillColor: [stale], getLineColor: [stale], getLineWidth: [highlight] },
  });

  return [halos, markers];
}
