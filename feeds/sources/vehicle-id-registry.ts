/**
 * GTFS-RT vehicle ids are strings; the binary vehicle frame carries u32 ids. Each new string gets the next number,
 * so two vehicles never share an id (a hash could collide). Vehicles are latest-wins and not logged, and the
 * vehicle epoch changes on every hub start, so the table need not survive a restart.
 */
export class VehicleIdRegistry {
  static readonly MAX_ENTRIES = 1_000_000;
  /** Real vehicles get ids from 2^31 up, so they never collide with the simulator's (1 … 100,000) in one frame. */
  static readonly FIRST_ID = 0x8000_0000;
  readonly #ids = new Map<string, number>();
  #next = VehicleIdRegistry.FIRST_ID;

  idFor(key: string): number {
    let id = this.#ids.get(key);
    if (id === undefined) {
      // A feed that invents a new id per message would grow the table forever: start over (one keyframe of churn).
      if (this.#ids.size >= VehicleIdRegistry.MAX_ENTRIES) this.#ids.clear();
      id = this.#next;
      this.#next = this.#next >= 0xffffffff ? VehicleIdRegistry.FIRST_ID : this.#next + 1;
      this.#ids.set(key, id);
    }
    return id;
  }
}
