import type { VehicleFrame } from '../../feeds/protocol/vehicle-frame.js';
import { rgba, type Rgba } from '../common/colors.js';
import type { MapPick } from '../common/layer-input.js';
import { staleColor } from '../common/stale-style.js';
import {
  UNKNOWN_VEHICLE_COLOR,
  VEHICLE_ALPHA,
  VEHICLE_KIND_COLORS,
  VEHICLE_KIND_LABELS,
  vehicleKindOf,
} from './vehicle-style.js';

/**
 * The vehicles layer is fed binary attributes straight from the frame: positions are the frame's own Float32Array
 * (a view into the WebSocket message, never copied) and colours a Uint8Array RGBA written by a loop over the
 * frame's `kinds` bytes through a 256-entry lookup table — no object per vehicle, and the byte buffer is reused
 * from frame to frame (grown when the fleet grows).
 */
export interface VehicleBinaryData {
  length: number;
  attributes: {
    getPosition: { value: Float32Array; size: 2 };
    getFillColor: { value: Uint8Array; size: 4; normalized: true };
  };
}

/** RGBA per kind code 0…255 (unknown codes grey), stale-styled. Built once per `stale` value. */
function kindPalette(stale: boolean): Uint8Array {
  const table = new Uint8Array(256 * 4);
  for (let code = 0; code < 256; code++) {
    const kind = vehicleKindOf(code);
    const color = staleColor(rgba(kind ? VEHICLE_KIND_COLORS[kind] : UNKNOWN_VEHICLE_COLOR, VEHICLE_ALPHA), stale);
    table.set(color, code * 4);
  }
  return table;
}
const PALETTES = { live: kindPalette(false), stale: kindPalette(true) } as const;

/**
 * A reusable RGBA buffer. `fill` writes the colours of `kinds` into it and returns a view of exactly 4N bytes
 * (a fresh view object each time, so deck.gl sees a new attribute value, over the same memory).
 */
export class VehicleColorBuffer {
  private bytes = new Uint8Array(0);
  private words = new Uint32Array(0);

  fill(kinds: Uint8Array, stale: boolean): Uint8Array {
    const count = kinds.length;
    if (this.bytes.length < count * 4) {
      // Grow with headroom so a fleet that creeps up by a few vehicles does not reallocate every frame.
      this.bytes = new Uint8Array(Math.ceil(count * 1.25) * 4);
      this.words = new Uint32Array(this.bytes.buffer);
    }
    // Copy whole RGBA words from the palette: one 32-bit store per vehicle (byte order is the same on both sides).
    const palette = new Uint32Array((stale ? PALETTES.stale : PALETTES.live).buffer);
    const words = this.words;
    for (let i = 0; i < count; i++) words[i] = palette[kinds[i] ?? 0] ?? 0;
    return this.bytes.subarray(0, count * 4);
  }
}

export function formatVehicleBinaryData(frame: VehicleFrame, stale: boolean, colors: VehicleColorBuffer): VehicleBinaryData {
  return {
    length: frame.count,
    attributes: {
      getPosition: { value: frame.positions, size: 2 },
      getFillColor: { value: colors.fill(frame.kinds, stale), size: 4, normalized: true },
    },
  };
}

const sharedColors = new VehicleColorBuffer();
let lastBinary: { frame: VehicleFrame; stale: boolean; data: VehicleBinaryData } | null = null;

/**
 * Memoised by (frame, stale): frames are immutable and a new one arrives per message, so the same frame again (an
 * animation frame with no new vehicle message) returns the identical data object and deck.gl uploads nothing.
 */
export function formatVehicleBinaryDataCached(frame: VehicleFrame, stale: boolean): VehicleBinaryData {
  if (lastBinary !== null && lastBinary.frame === frame && lastBinary.stale === stale) return lastBinary.data;
  const data = formatVehicleBinaryData(frame, stale, sharedColors);
  lastBinary = { frame, stale, data };
  return data;
}

export const EMPTY_VEHICLE_DATA: VehicleBinaryData = {
  length: 0,
  attributes: {
    getPosition: { value: new Float32Array(0), size: 2 },
    getFillColor: { value: new Uint8Array(0), size: 4, normalized: true },
  },
};

/** What the tooltip shows for a vehicle; with binary data deck.gl picks an index, not an object. */
export interface VehiclePick extends MapPick {
  feed: 'vehicles';
  position: [number, number];
  heading: number;
  kmh: number;
  kind: string;
}

/** The tooltip object of the vehicle at `index` (deck.gl `info.index` of a pick on the vehicles layer), or null. */
export function vehiclePickAt(frame: VehicleFrame, index: number): VehiclePick | null {
  if (!Number.isInteger(index) || index < 0 || index >= frame.count) return null;
  const code = frame.kinds[index] ?? 255;
  const kind = vehicleKindOf(code);
  const kmh = frame.speeds[index] ?? 0;
  const id = String(frame.ids[index] ?? index);
  const label = kind ? VEHICLE_KIND_LABELS[kind] : { vi: 'Phương tiện', en: 'Vehicle' };
  return {
    feed: 'vehicles',
    id,
    name: { vi: `${label.vi} #${id}`, en: `${label.en} #${id}` },
    value: kmh,
    unit: 'km/h',
    position: [frame.positions[index * 2] ?? 0, frame.positions[index * 2 + 1] ?? 0],
    heading: frame.headings[index] ?? 0,
    kmh,
    kind: kind ?? `kind-${code}`,
  };
}

/** Index of vehicle `id` (decimal string of the u32 id) in the frame, or -1. A typed-array scan, no objects. */
export function vehicleIndexOf(frame: VehicleFrame, id: string | null | undefined): number {
  if (id === null || id === undefined || !/^\d+$/.test(id)) return -1;
  const wanted = Number(id);
  return frame.ids.indexOf(wanted);
}

/** The slow baseline: one object per vehicle (benchmark only — the live path never builds these). */
export interface VehicleObject {
  id: number;
  position: [number, number];
  heading: number;
  kmh: number;
  kind: number;
}

export function vehicleObjectsFromFrame(frame: VehicleFrame): VehicleObject[] {
  const objects = new Array<VehicleObject>(frame.count);
  for (let i = 0; i < frame.count; i++) {
    objects[i] = {
      id: frame.ids[i] ?? 0,
      position: [frame.positions[i * 2] ?? 0, frame.positions[i * 2 + 1] ?? 0],
      heading: frame.headings[i] ?? 0,
      kmh: frame.speeds[i] ?? 0,
      kind: frame.kinds[i] ?? 0,
    };
  }
  return objects;
}

/** Colour of one vehicle kind code (accessor path and tests). */
export function vehicleColor(code: number, stale: boolean): Rgba {
  const kind = vehicleKindOf(code);
  return staleColor(rgba(kind ? VEHICLE_KIND_COLORS[kind] : UNKNOWN_VEHICLE_COLOR, VEHICLE_ALPHA), stale);
}
