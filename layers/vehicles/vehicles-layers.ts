import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { VehicleFrame } from '../../feeds/protocol/vehicle-frame.js';
import { rgba } from '../common/colors.js';
import { layerId, type LayerInput } from '../common/layer-input.js';
import { staleColor } from '../common/stale-style.js';
import {
  EMPTY_VEHICLE_DATA,
  formatVehicleBinaryDataCached,
  vehicleColor,
  vehicleIndexOf,
  vehiclePickAt,
  type VehicleObject,
  type VehiclePick,
} from './format-vehicles-data.js';
import { VEHICLE_RADIUS_PX } from './vehicle-style.js';

/** `state` is the latest decoded vehicle frame (PROTOCOL §7), null before the first one. */
export type VehicleLayerInput = LayerInput<VehicleFrame | null>;

export const VEHICLE_LAYER_IDS = {
  points: layerId('vehicles', 'points'),
  highlight: layerId('vehicles', 'highlight'),
  /** The accessor baseline (benchmark) gets its own id so both can be compared in one deck. */
  pointsFromObjects: layerId('vehicles', 'points-objects'),
} as const;

const HIGHLIGHT_RING = rgba([255, 255, 255]);

/**
 * Vehicle positions as a ScatterplotLayer over binary attributes: `data.attributes.getPosition.value` IS the
 * frame's Float32Array. Picking returns `info.index`; turn it into a tooltip object with `vehiclePickAt(frame, i)`.
 * The highlighted vehicle (highlight = its decimal id) gets a white ring in a second, one-object layer.
 */
export function renderVehicleLayers(input: VehicleLayerInput): Layer[] {
  const { visible, stale, state: frame } = input;
  const data = frame === null ? EMPTY_VEHICLE_DATA : formatVehicleBinaryDataCached(frame, stale);
  const frameKey = frame === null ? null : `${frame.epoch}:${frame.seq}`;

  const points = new ScatterplotLayer<unknown>({
    id: VEHICLE_LAYER_IDS.points,
    data,
    visible,
    pickable: true,
    radiusUnits: 'pixels',
    getRadius: VEHICLE_RADIUS_PX,
    radiusMinPixels: 2,
    stroked: false,
    // The binary data changes per frame; the triggers say so explicitly for anyone reading the layer's props.
    updateTriggers: { getPosition: [frameKey], getFillColor: [frameKey, stale] },
  });

  const index = frame === null ? -1 : vehicleIndexOf(frame, input.highlight);
  const picked = frame !== null && index >= 0 ? vehiclePickAt(frame, index) : null;
  const highlight = new ScatterplotLayer<VehiclePick>({
    id: VEHICLE_LAYER_IDS.highlight,
    data: picked ? [picked] : [],
    visible,
    pickable: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    filled: false,
    stroked: true,
    getPosition: (d) => d.position,
    getRadius: VEHICLE_RADIUS_PX + 5,
    getLineWidth: 2,
    getLineColor: () => staleColor(HIGHLIGHT_RING, stale),
    updateTriggers: { getLineColor: [stale] },
  });

  return [points, highlight];
}

/**
 * The slow baseline for the benchmark: the same picture from one object per vehicle through accessor functions
 * (deck.gl calls getPosition and getFillColor once per vehicle on every update). Not used by the live console.
 */
export function renderVehicleLayersFromObjects(
  objects: readonly VehicleObject[],
  options: { visible?: boolean; stale?: boolean; version?: number } = {},
): Layer[] {
  const stale = options.stale ?? false;
  return [
    new ScatterplotLayer<VehicleObject>({
      id: VEHICLE_LAYER_IDS.pointsFromObjects,
      data: objects,
      visible: options.visible ?? true,
      pickable: true,
      radiusUnits: 'pixels',
      getRadius: VEHICLE_RADIUS_PX,
      radiusMinPixels: 2,
      stroked: false,
      getPosition: (d) => d.position,
      getFillColor: (d) => vehicleColor(d.kind, stale),
      updateTriggers: { getFillColor: [stale, options.version ?? null], getPosition: [options.version ?? null] },
    }),
  ];
}
