import { VEHICLE_KINDS, encodeVehicleFrame } from '../../feeds/protocol/vehicle-frame.js';

/**
 * A deterministic fleet of N vehicles spread over Hải Dương that all move every frame, encoded as real binary
 * vehicle frames (PROTOCOL §7) — the message the hub would send. Both render-bench variants decode the same frames,
 * so they differ only in how the decoded frame reaches deck.gl. Runs in the page (no DOM, no Node).
 */
const WEST = 106.0;
const SOUTH = 20.65;
const WIDTH = 0.6;
const HEIGHT = 0.55;
/** Degrees moved per frame at full speed (≈ 100 m): enough that every dot lands on other pixels each frame. */
const STEP = 0.001;

export class MovingFleet {
  private readonly ids: Uint32Array;
  private readonly start: Float32Array;
  private readonly velocity: Float32Array;
  private readonly positions: Float32Array;
  private readonly headings: Uint16Array;
  private readonly speeds: Uint8Array;
  private readonly kinds: Uint8Array;
  private seq = 0;

  constructor(readonly count: number) {
    if (!Number.isInteger(count) || count <= 0) throw new Error(`MovingFleet: count must be a positive integer, got ${count}`);
    this.ids = new Uint32Array(count);
    this.start = new Float32Array(count * 2);
    this.velocity = new Float32Array(count * 2);
    this.positions = new Float32Array(count * 2);
    this.headings = new Uint16Array(count);
    this.speeds = new Uint8Array(count);
    this.kinds = new Uint8Array(count);
    let seed = 0x9e3779b9;
    // xorshift32: cheap, deterministic, good enough to scatter points.
    const next = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 0x1_0000_0000;
    };
    for (let i = 0; i < count; i++) {
      const heading = Math.floor(next() * 360);
      const speed = 10 + Math.floor(next() * 90);
      const radians = (heading * Math.PI) / 180;
      this.ids[i] = i + 1;
      this.start[i * 2] = WEST + next() * WIDTH;
      this.start[i * 2 + 1] = SOUTH + next() * HEIGHT;
      this.velocity[i * 2] = Math.sin(radians) * STEP * (speed / 100);
      this.velocity[i * 2 + 1] = Math.cos(radians) * STEP * (speed / 100);
      this.headings[i] = heading;
      this.speeds[i] = speed;
      this.kinds[i] = i % VEHICLE_KINDS.length;
    }
  }

  /** The next frame: every vehicle moved one step (wrapping inside the box), encoded into a fresh ArrayBuffer. */
  nextFrame(): ArrayBuffer {
    this.seq += 1;
    const t = this.seq;
    for (let i = 0; i < this.count; i++) {
      const lon = (this.start[i * 2] ?? 0) + (this.velocity[i * 2] ?? 0) * t - WEST;
      const lat = (this.start[i * 2 + 1] ?? 0) + (this.velocity[i * 2 + 1] ?? 0) * t - SOUTH;
      this.positions[i * 2] = WEST + (((lon % WIDTH) + WIDTH) % WIDTH);
      this.positions[i * 2 + 1] = SOUTH + (((lat % HEIGHT) + HEIGHT) % HEIGHT);
    }
    return encodeVehicleFrame(
      { seq: this.seq, ts: 1_700_000_000_000 + this.seq * 1000, epoch: '0000000000bec0de', keyframe: true },
      { ids: this.ids, positions: this.positions, headings: this.headings, speeds: this.speeds, kinds: this.kinds },
    );
  }
}
