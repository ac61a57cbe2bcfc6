import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { PortalState } from '../../feeds/portal/portal-reducer.js';
import { rgba, type Rgba } from '../common/colors.js';
import { layerId, type LayerInput } from '../common/layer-input.js';
import { staleColor } from '../common/stale-style.js';
import { formatPortalDataCached, type DistrictCollection, type DistrictFeature } from './format-portal-data.js';
import {
  DISTRICT_HIGHLIGHT_LINE_COLOR,
  DISTRICT_LINE_COLOR,
  FILL_ALPHA,
  NO_DATA_ALPHA,
  NO_DATA_COLOR,
  onTimeColor,
} from './portal-style.js';

export interface PortalLayerInput extends LayerInput<PortalState> {
  /** District polygons from the region pack (districts.geojson), null until loaded. Same object every call. */
  districts: DistrictCollection | null;
}

export const PORTAL_LAYER_IDS = { districts: layerId('portal', 'districts') } as const;

/** Choropleth fill of an on-time rate (0…1) or of "no data" (null). */
export function portalFillColor(rate: number | null, stale: boolean): Rgba {
  return staleColor(rate === null ? rgba(NO_DATA_COLOR, NO_DATA_ALPHA) : rgba(onTimeColor(rate), FILL_ALPHA), stale);
}

/**
 * District choropleth of the portal's on-time rate (GeoJsonLayer, filled polygons with line outlines); the bottom
 * layer of the map. The highlighted district (highlight = GSO code) gets a dark, thicker outline.
 */
export function renderPortalLayers(input: PortalLayerInput): Layer[] {
  const { visible, stale } = input;
  const highlight = input.highlight ?? null;
  const data = formatPortalDataCached(input.state, input.version, input.districts);

  const districts = new GeoJsonLayer<DistrictFeature['properties']>({
    id: PORTAL_LAYER_IDS.districts,
    data,
    visible,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 60],
    filled: true,
    stroked: true,
    lineWidthUnits: 'pixels',
    getFillColor: (f) => portalFillColor(f.properties.rate, stale),
    getLineColor: (f) => staleColor(rgba(f.properties.id === highlight ? DISTRICT_HIGHLIGHT_LINE_COLOR : DISTRICT_LINE_COLOR, 220), stale),
    getLineWidth: (f) => (f.properties.id === highlight ? 3 : 1),
    updateTriggers: { getFillColor: [stale], getLineColor: [stale, highlight], getLineWidth: [highlight] },
  });
  return [districts];
}
