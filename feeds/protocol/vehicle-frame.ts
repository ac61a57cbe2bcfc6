/**
 * Binary vehicle-position frame (docs/PROTOCOL.md §Binary frames). Struct-of-arrays, little-endian, every array
 * 4-byte aligned so a receiver can view positions as a Float32Array and hand it to deck.gl with no per-vehicle work.
 *
 * offset        size   type      field
 * 0             4      u8[4]     magic "IOCV"
 * 4             1      u8        version (1)
 * 5             1      u8        flags (bit 0: keyframe — the complete set of vehicles)
 * 6             1      u8        feed code (1 = vehicles)
 * 7             1      u8        reserved, 0
 * 8             8      f64       seq
 * 16            8      f64       ts, ms since the Unix epoch
 * 24            16     ascii     epoch, 16 lowercase hex characters
 * 40            4      u32       count N
 * 44            4      u32       reserved, 0
 * 48            4N     u32[N]    vehicle ids
 * 48+4N         8N     f32[2N]   positions: lon0, lat0, lon1, lat1, …
 * 48+12N        2N     u16[N]    heading, degrees clockwise from north (0–359)
 * 48+14N        N      u8[N]     speed, km/h (0–255)
 * 48+15N        N      u8[N]     vehicle kind (VEHICLE_KINDS index)
 * total 48 + 16N bytes
 */
export const VEHICLE_FRAME_MAGIC = 'IOCV';
export const VEHICLE_FRAME_VERSION = 1;
export const VEHICLE_FRAME_HEADER_BYTES = 48;
export const VEHICLE_FRAME_BYTES_PER_VEHICLE = 16;
export const FEED_CODE_VEHICLES = 1;
export const FLAG_KEYFRAME = 1;
export const VEHICLE_KINDS = ['car', 'bus', 'truck', 'motorbike', 'emergency'] as const;
export type VehicleKind = (typeof VEHICLE_KINDS)[number];

export interface VehicleBatch {
  readonly ids: Uint32Array;
  /** Interleaved lon/lat, length 2N. */
  readonly positions: Float32Array;
  readonly headings: Uint16Array;
  readonly speeds: Uint8Array;
  readonly kinds: Uint8Array;
}

export interface VehicleFrame extends VehicleBatch {
  readonly seq: number;
  readonly ts: number;
  readonly epoch: string;
  readonly keyframe: boolean;
  readonly count: number;
  /** 0 for a live frame; a replay's slot (1–255, named in its replay-snapshot) for a keyframe of a replay. */
  readonly replaySlot: number;
}

export class VehicleFrameError extends Error {
  override readonly name = 'VehicleFrameError';
}

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function vehicleFrameSize(count: number): number {
  return VEHICLE_FRAME_HEADER_BYTES + VEHICLE_FRAME_BYTES_PER_VEHICLE * count;
}

/** Encode a batch into a fresh ArrayBuffer. */
export function encodeVehicleFrame(
  header: { seq: number; ts: number; epoch: string; keyframe: boolean },
  batch: VehicleBatch,
): ArrayBuffer {
  const count = batch.ids.length;
  if (batch.positions.length !== count * 2 || batch.headings.length !== count || batch.speeds.length !== count
    || batch.kinds.length !== count) {
    throw new VehicleFrameError(`vehicle batch arrays disagree on length (ids ${count})`);
  }
  if (!/^[0-9a-f]{16}$/.test(header.epoch)) throw new VehicleFrameError(`bad epoch "${header.epoch}"`);
  const buffer = new ArrayBuffer(vehicleFrameSize(count));
  const view = new DataView(buffer);
  for (let i = 0; i < 4; i++) view.setUint8(i, VEHICLE_FRAME_MAGIC.charCodeAt(i));
  view.setUint8(4, VEHICLE_FRAME_VERSION);
  view.setUint8(5, header.keyframe ? FLAG_KEYFRAME : 0);
  view.setUint8(6, FEED_CODE_VEHICLES);
  view.setFloat64(8, header.seq, true);
  view.setFloat64(16, header.ts, true);
  for (let i = 0; i < 16; i++) view.setUint8(24 + i, header.epoch.charCodeAt(i));
  view.setUint32(40, count, true);
  const bytes = new Uint8Array(buffer);
  const offsets = arrayOffsets(count);
  if (littleEndianHost) {
    bytes.set(new Uint8Array(batch.ids.buffer, batch.ids.byteOffset, count * 4), offsets.ids);
    bytes.set(new Uint8Array(batch.positions.buffer, batch.positions.byteOffset, count * 8), offsets.positions);
    bytes.set(new Uint8Array(batch.headings.buffer, batch.headings.byteOffset, count * 2), offsets.headings);
  } else {
    for (let i = 0; i < count; i++) {
      view.setUint32(offsets.ids + i * 4, batch.ids[i] ?? 0, true);
      view.setFloat32(offsets.positions + i * 8, batch.positions[i * 2] ?? 0, true);
      view.setFloat32(offsets.positions + i * 8 + 4, batch.positions[i * 2 + 1] ?? 0, true);
      view.setUint16(offsets.headings + i * 2, batch.headings[i] ?? 0, true);
    }
  }
  bytes.set(batch.speeds, offsets.speeds);
  bytes.set(batch.kinds, offsets.kinds);
  return buffer;
}

/** A copy of an encoded frame marked as a replay's (byte 7, reserved 0 in live frames: docs/PROTOCOL.md §7, §11). */
export function markReplayFrame(frame: Uint8Array, slot: number): Uint8Array {
  if (!Number.isInteger(slot) || slot < 1 || slot > 255) throw new VehicleFrameError(`replay slot ${slot} is not 1–255`);
  const copy = new Uint8Array(frame);
  copy[7] = slot;
  return copy;
}

function arrayOffsets(count: number): { ids: number; positions: number; headings: number; speeds: number; kinds: number } {
  const ids = VEHICLE_FRAME_HEADER_BYTES;
  const positions = ids + 4 * count;
  const headings = positions + 8 * count;
  const speeds = headings + 2 * count;
  const kinds = speeds + count;
  return { ids, positions, headings, speeds, kinds };
}

/**
 * Decode a frame. On a little-endian host with a 4-byte-aligned buffer the arrays are views into `bytes`
 * (no copy); otherwise they are copied into an aligned buffer first.
 */
export function decodeVehicleFrame(input: ArrayBuffer | Uint8Array): VehicleFrame {
  let bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.byteLength < VEHICLE_FRAME_HEADER_BYTES) {
    throw new VehicleFrameError(`vehicle frame too short: ${bytes.byteLength} bytes, header needs 48`);
  }
  // A copy (new Uint8Array(view) copies; Buffer#slice would not): typed arrays over the frame need 4-byte alignment.
  if (bytes.byteOffset % 4 !== 0 || !littleEndianHost) bytes = new Uint8Array(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3));
  if (magic !== VEHICLE_FRAME_MAGIC) throw new VehicleFrameError(`bad magic "${magic}", expected IOCV`);
  const version = view.getUint8(4);
  if (version !== VEHICLE_FRAME_VERSION) throw new VehicleFrameError(`unsupported vehicle frame version ${version}`);
  const feedCode = view.getUint8(6);
  if (feedCode !== FEED_CODE_VEHICLES) throw new VehicleFrameError(`unknown feed code ${feedCode}`);
  const count = view.getUint32(40, true);
  if (bytes.byteLength !== vehicleFrameSize(count)) {
    throw new VehicleFrameError(`vehicle frame of ${bytes.byteLength} bytes does not match count ${count}`);
  }
  let epoch = '';
  for (let i = 0; i < 16; i++) epoch += String.fromCharCode(view.getUint8(24 + i));
  const offsets = arrayOffsets(count);
  const base = bytes.byteOffset;
  const buffer = bytes.buffer;
  let ids: Uint32Array;
  let positions: Float32Array;
  let headings: Uint16Array;
  if (littleEndianHost) {
    ids = new Uint32Array(buffer, base + offsets.ids, count);
    positions = new Float32Array(buffer, base + offsets.positions, count * 2);
    headings = new Uint16Array(buffer, base + offsets.headings, count);
  } else {
    ids = new Uint32Array(count);
    positions = new Float32Array(count * 2);
    headings = new Uint16Array(count);
    for (let i = 0; i < count; i++) {
      ids[i] = view.getUint32(offsets.ids + i * 4, true);
      positions[i * 2] = view.getFloat32(offsets.positions + i * 8, true);
      positions[i * 2 + 1] = view.getFloat32(offsets.positions + i * 8 + 4, true);
      headings[i] = view.getUint16(offsets.headings + i * 2, true);
    }
  }
  return {
    seq: view.getFloat64(8, true),
    ts: view.getFloat64(16, true),
    epoch,
    keyframe: (view.getUint8(5) & FLAG_KEYFRAME) !== 0,
    count,
    replaySlot: view.getUint8(7),
    ids,
    positions,
    headings,
    speeds: new Uint8Array(buffer, base + offsets.speeds, count),
    kinds: new Uint8Array(buffer, base + offsets.kinds, count),
  };
}
