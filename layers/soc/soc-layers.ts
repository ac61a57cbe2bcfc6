import type { Layer } from '@deck.gl/core';
import { ArcLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { SocState } from '../../feeds/soc/soc-state.js';
import { rgba, type Rgba } from '../common/colors.js';
import { layerId, type LayerInput } from '../common/layer-input.js';
import { staleColor } from '../common/stale-style.js';
import { formatSocDataCached, type SocAgencyDatum, type SocAgencyPlace, type SocArcDatum } from './format-soc-data.js';
import type { RegionFrame } from './source-ring.js';
import {
  SOC_AGENCY_OUTLINE,
  SOC_ARC_SOURCE_ALPHA,
  SOC_ARC_TARGET_ALPHA,
  SOC_BURST_RING,
  SOC_SEVERITY_COLORS,
  arcFade,
  arcWidthPx,
  pulseOpacity,
  pulseRadiusScale,
} from './soc-style.js';

export interface SocLayerInput extends LayerInput<SocState> {
  /** Agencies from the region pack (agencies.json). Pass the same array on every call (memo key). */
  agencies: readonly SocAgencyPlace[];
  /** The region's bbox and centre (region.json): where external sources are placed (source-ring.ts). Same object
   *  every call (memo key). */
  region: RegionFrame;
}

export const SOC_LAYER_IDS = {
  arcs: layerId('soc', 'arcs'),
  agencies: layerId('soc', 'agencies'),
  bursts: layerId('soc', 'bursts'),
} as const;

export function socArcColors(d: SocArcDatum, stale: boolean, highlighted: boolean): { source: Rgba; target: Rgba } {
  const rgb = SOC_SEVERITY_COLORS[d.severity];
  const fade = highlighted ? 1 : arcFade(d.freshness);
  return {
    source: staleColor(rgba(rgb, Math.round((highlighted ? 160 : SOC_ARC_SOURCE_ALPHA) * fade)), stale),
    target: staleColor(rgba(rgb, Math.round((highlighted ? 255 : SOC_ARC_TARGET_ALPHA) * fade)), stale),
  };
}

export function socAgencyFillColor(d: SocAgencyDatum, stale: boolean): Rgba {
  return staleColor(rgba(SOC_SEVERITY_COLORS[d.severity], 200), stale);
}

/**
 * SOC: aggregated arcs, source network (or internal agency) → targeted agency, at most SOC_MAX_ARCS, width by
 * count and fading with age (format-soc-data.ts; external sources on the ring of source-ring.ts, internal ones from
 * their own agency), agency circles sized by recent alert count, and pulsing rings on the
 * agencies in a burst. The pulse is animated only through `radiusScale` and `opacity` (uniforms) computed from
 * `time`; the burst layer's data is the memoised subset and does not change from frame to frame.
 */
export function renderSocLayers(input: SocLayerInput): Layer[] {
  const { visible, stale, time } = input;
  const highlight = input.highlight ?? null;
  const data = formatSocDataCached(input.state, input.version, input.agencies, input.region);
  // null never matches: external sources have no agency (sourceAgency null) and nothing selected is highlight null.
  const isHighlighted = (d: SocArcDatum): boolean =>
    highlight !== null && (d.id === highlight || d.targetAgency === highlight || d.sourceAgency === highlight);

  const arcs = new ArcLayer<SocArcDatum>({
    id: SOC_LAYER_IDS.arcs,
    data: data.arcs,
    visible,
    pickable: true,
    autoHighlight: true,
    widthUnits: 'pixels',
    greatCircle: false,
    // Flat: the map has no pitch, and a raised arc seen from straight above only grows thick towards the camera.
    getHeight: 0,
    getSourcePosition: (d) => d.source,
    getTargetPosition: (d) => d.target,
    getSourceColor: (d) => socArcColors(d, stale, isHighlighted(d)).source,
    getTargetColor: (d) => socArcColors(d, stale, isHighlighted(d)).target,
    getWidth: (d) => arcWidthPx(d.count) * (isHighlighted(d) ? 2 : 1),
    updateTriggers: {
      getSourceColor: [stale, highlight],
      getTargetColor: [stale, highlight],
      getWidth: [highlight],
    },
  });

  const agencies = new ScatterplotLayer<SocAgencyDatum>({
    id: SOC_LAYER_IDS.agencies,
    data: data.agencies,
    visible,
    pickable: true,
    autoHighlight: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    stroked: true,
    filled: true,
    getPosition: (d) => d.position,
    getRadius: (d) => d.radius,
    getFillColor: (d) => socAgencyFillColor(d, stale),
    getLineColor: () => staleColor(rgba(SOC_AGENCY_OUTLINE, 220), stale),
    getLineWidth: (d) => (d.id === highlight ? 4 : 1.5),
    updateTriggers: { getFillColor: [stale], getLineColor: [stale], getLineWidth: [highlight] },
  });

  // A stale feed shows no pulse: a burst that is not being observed any more must not look live.
  const bursts = new ScatterplotLayer<SocAgencyDatum>({
    id: SOC_LAYER_IDS.bursts,
    data: data.bursts,
    visible: visible && !stale,
    pickable: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    stroked: true,
    filled: false,
    getPosition: (d) => d.position,
    getRadius: (d) => d.radius,
    getLineColor: rgba(SOC_BURST_RING),
    getLineWidth: 3,
    radiusScale: pulseRadiusScale(time),
    opacity: pulseOpacity(time),
  });

  return [arcs, agencies, bursts];
}
