import { encodeVehicleFrame, type VehicleBatch } from '../protocol/vehicle-frame.js';
import { newEpoch } from '../store/sqlite-log-store.js';

/**
 * How long a source's last positions stay in the frame without a new batch. GTFS-RT producers post every 10–30 s;
 * a source silent for two minutes has stopped, and its vehicles must not sit on the map as if they were live.
 */
export const VEHICLE_SOURCE_TTL_MS = 120_000;

/** The simulator's source name; real sources are named by who sent them (e.g. "ingest:<token name>"). */
export const SIMULATOR_VEHICLE_SOURCE = 'simulator';

/**
 * Vehicles are latest-wins and not logged: one in-memory epoch per hub process (a resume after a restart
 * therefore always gets a fresh keyframe) and the latest encoded frame for new subscribers. Every source (the
 * simulator, each GTFS-RT producer) replaces only its own vehicles; a frame is the union of every source's latest
 * batch, so a real bus feed and the simulated fleet share the map instead of erasing each other every second.
 */
export class VehicleChannel {
  readonly epoch = newEpoch();
  readonly #sources = new Map<string, { readonly batch: VehicleBatch; readonly ts: number }>();
  #seq = 0;
  #latest: ArrayBuffer | null = null;
  #lastTs = 0;

  get seq(): number {
    return this.#seq;
  }
  get lastTs(): number {
    return this.#lastTs;
  }
  get latest(): ArrayBuffer | null {
    return this.#latest;
  }
  /** Sources whose vehicles are in the current frame. */
  get sources(): string[] {
    return [...this.#sources.keys()];
  }

  encode(batch: VehicleBatch, ts: number, source: string = SIMULATOR_VEHICLE_SOURCE): ArrayBuffer {
    this.#sources.set(source, { batch, ts });
    this.#dropSilent(ts);
    return this.#encode(ts);
  }

  /**
   * Called on the hub's clock: when a source has been silent past the TTL and nothing else publishes (a lone GTFS-RT
   * feed that stopped), its vehicles must still leave. Returns the new keyframe to send, or null if nothing changed.
   */
  expire(now: number): ArrayBuffer | null {
    return this.#dropSilent(now) ? this.#encode(now) : null;
  }

  #dropSilent(now: number): boolean {
    let dropped = false;
    for (const [name, entry] of this.#sources) {
      if (now - entry.ts > VEHICLE_SOURCE_TTL_MS) {
        this.#sources.delete(name);
        dropped = true;
      }
    }
    return dropped;
  }

  #encode(ts: number): ArrayBuffer {
    this.#seq += 1;
    this.#lastTs = ts;
    const batches = [...this.#sources.values()].map((entry) => entry.batch);
    // One source (the common case): encode its arrays as they are, no merge copy.
    const merged = batches.length === 1 && batches[0] ? batches[0] : mergeVehicleBatches(batches);
    this.#latest = encodeVehicleFrame({ seq: this.#seq, ts, epoch: this.epoch, keyframe: true }, merged);
    return this.#latest;
  }
}

/** Concatenate batches (struct of arrays) in order. */
export function mergeVehicleBatches(batches: readonly VehicleBatch[]): VehicleBatch {
  const count = batches.reduce((sum, batch) => sum + batch.ids.length, 0);
  const merged = {
    ids: new Uint32Array(count),
    positions: new Float32Array(count * 2),
    headings: new Uint16Array(count),
    speeds: new Uint8Array(count),
    kinds: new Uint8Array(count),
  };
  let at = 0;
  for (const batch of batches) {
    merged.ids.set(batch.ids, at);
    merged.positions.set(batch.positions, at * 2);
    merged.headings.set(batch.headings, at);
    merged.speeds.set(batch.speeds, at);
    merged.kinds.set(batch.kinds, at);
    at += batch.ids.length;
  }
  return merged;
}
