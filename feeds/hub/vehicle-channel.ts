import { encodeVehicleFrame, type VehicleBatch } from '../protocol/vehicle-frame.js';
import { newEpoch } from '../store/sqlite-log-store.js';

/**
 * Vehicles are latest-wins and not logged: one in-memory epoch per hub process (a resume after a restart
 * therefore always gets a fresh keyframe) and the latest encoded frame for new subscribers.
 */
export class VehicleChannel {
  readonly epoch = newEpoch();
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

  encode(batch: VehicleBatch, ts: number): ArrayBuffer {
    this.#seq += 1;
    this.#lastTs = ts;
    this.#latest = encodeVehicleFrame({ seq: this.#seq, ts, epoch: this.epoch, keyframe: true }, batch);
    return this.#latest;
  }
}
