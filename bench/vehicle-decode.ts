import { decodeVehicleFrame, encodeVehicleFrame } from '../feeds/protocol/vehicle-frame.js';

export interface DecodeResult {
  readonly name: string;
  readonly vehicles: number;
  readonly frames: number;
  readonly seconds: number;
  readonly updatesPerSecond: number;
  readonly bytesPerFrame: number;
}

interface VehicleObject {
  id: number;
  lon: number;
  lat: number;
  heading: number;
  speed: number;
  kind: number;
}

function makeBatch(count: number, t: number) {
  const ids = new Uint32Array(count);
  const positions = new Float32Array(count * 2);
  const headings = new Uint16Array(count);
  const speeds = new Uint8Array(count);
  const kinds = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    ids[i] = i;
    positions[i * 2] = 106.0 + ((i * 0.00037 + t * 0.0001) % 0.7);
    positions[i * 2 + 1] = 20.6 + ((i * 0.00041 + t * 0.0001) % 0.6);
    headings[i] = (i + t) % 360;
    speeds[i] = (i * 3 + t) % 110;
    kinds[i] = i % 5;
  }
  return { ids, positions, headings, speeds, kinds };
}

/**
 * What the console does with each vehicle update: decode it and write positions into the GPU attribute array.
 * Binary: view the frame and copy one Float32Array. JSON: parse objects and write them one by one.
 */
export function benchVehicleDecode(vehicles: number, frames: number): DecodeResult[] {
  const binaryFrames = Array.from({ length: 8 }, (_, t) =>
    encodeVehicleFrame({ seq: t + 1, ts: 1_700_000_000_000 + t, epoch: '0123456789abcdef', keyframe: true }, makeBatch(vehicles, t)),
  );
  const jsonFrames = Array.from({ length: 8 }, (_, t) => {
    const batch = makeBatch(vehicles, t);
    const list: VehicleObject[] = [];
    for (let i = 0; i < vehicles; i++) {
      list.push({
        id: batch.ids[i] ?? 0,
        lon: batch.positions[i * 2] ?? 0,
        lat: batch.positions[i * 2 + 1] ?? 0,
        heading: batch.headings[i] ?? 0,
        speed: batch.speeds[i] ?? 0,
        kind: batch.kinds[i] ?? 0,
      });
    }
    return JSON.stringify({ type: 'vehicles', seq: t + 1, items: list });
  });
  const attribute = new Float32Array(vehicles * 2);
  const speedAttribute = new Uint8Array(vehicles);
  let checksum = 0;

  const runBinary = (count: number): number => {
    const start = performance.now();
    for (let f = 0; f < count; f++) {
      const frame = decodeVehicleFrame(binaryFrames[f % binaryFrames.length] as ArrayBuffer);
      attribute.set(frame.positions);
      speedAttribute.set(frame.speeds);
      checksum += attribute[0] ?? 0;
    }
    return (performance.now() - start) / 1000;
  };
  const runJson = (count: number): number => {
    const start = performance.now();
    for (let f = 0; f < count; f++) {
      const message = JSON.parse(jsonFrames[f % jsonFrames.length] as string) as { items: VehicleObject[] };
      for (const vehicle of message.items) {
        attribute[vehicle.id * 2] = vehicle.lon;
        attribute[vehicle.id * 2 + 1] = vehicle.lat;
        speedAttribute[vehicle.id] = vehicle.speed;
      }
      checksum += attribute[0] ?? 0;
    }
    return (performance.now() - start) / 1000;
  };
  runBinary(Math.max(2, frames / 10));
  runJson(Math.max(2, frames / 10));
  const binarySeconds = runBinary(frames);
  const jsonFramesCount = Math.max(3, Math.floor(frames / 20));
  const jsonSeconds = runJson(jsonFramesCount);
  if (!Number.isFinite(checksum)) throw new Error('checksum');
  return [
    {
      name: 'binary frame → Float32Array',
      vehicles,
      frames,
      seconds: binarySeconds,
      updatesPerSecond: (vehicles * frames) / binarySeconds,
      bytesPerFrame: binaryFrames[0]?.byteLength ?? 0,
    },
    {
      name: 'JSON objects → Float32Array',
      vehicles,
      frames: jsonFramesCount,
      seconds: jsonSeconds,
      updatesPerSecond: (vehicles * jsonFramesCount) / jsonSeconds,
      bytesPerFrame: Buffer.byteLength(jsonFrames[0] ?? ''),
    },
  ];
}
