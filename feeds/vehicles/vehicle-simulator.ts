import type { TrafficSegment } from '../protocol/feed-data.js';
import { VEHICLE_KINDS, type VehicleBatch } from '../protocol/vehicle-frame.js';
import type { VehicleSimulator } from '../sim/feed-simulator.js';
import type { Random } from '../sim/random.js';
import { DENSITY, EMERGENCY_KIND, KIND_BEHAVIOUR, KIND_MIX, kindForDraw, roadClassOf, type RoadClass } from './vehicle-mix.js';
import { buildVehicleNetwork, type VehicleNetwork } from './vehicle-network.js';

export const DEFAULT_VEHICLE_COUNT = 2000;

/**
 * A longer gap between ticks moves vehicles by at most this much simulated time: enough for `--speed 300` (five
 * simulated minutes per tick), while a driver resuming after a long pause does not fling vehicles around the map.
 */
const MAX_STEP_S = 300;
/** Vehicles reach the speed of the flow around them with this time constant (seconds). */
const SPEED_TAU_S = 6;
/** Vehicles drive this far right of the road's centre line (metres), so the two directions are apart on the map. */
const LANE_OFFSET_MIN_M = 3;
const LANE_OFFSET_MAX_M = 9;

/**
 * A fleet moving along the road network, both ways, at the speed of the traffic feed's segments. All state is in
 * typed arrays (struct of arrays) allocated once; `tick` writes the same output arrays every time and allocates
 * nothing per vehicle, so 100 000 vehicles take a few milliseconds. Random draws happen only in the constructor,
 * so the fleet is a pure function of the seed and the sequence of `now` values.
 *
 * A vehicle reaching the end of its chain (the province border, or a gap in the mapped road) turns around — read it
 * as that vehicle leaving and another entering in the opposite direction.
 */
export class VehicleFleetSimulator implements VehicleSimulator {
  readonly count: number;
  readonly #network: VehicleNetwork;
  readonly #segmentIds: readonly string[];
  readonly #freeFlow: Float64Array;
  readonly #speedOf: ((segmentId: string) => number | undefined) | undefined;
  /** Traffic speed per segment, refreshed once per tick (not per vehicle). */
  readonly #flow: Float64Array;
  // Per-vehicle state.
  readonly #chain: Uint32Array;
  readonly #edge: Uint32Array;
  readonly #along: Float64Array;
  readonly #direction: Int8Array;
  readonly #speed: Float32Array;
  readonly #factor: Float32Array;
  readonly #maxKmh: Float32Array;
  readonly #laneM: Float32Array;
  readonly #batch: VehicleBatch;
  #lastMs: number | null = null;

  constructor(
    segments: TrafficSegment[],
    count: number = DEFAULT_VEHICLE_COUNT,
    random: Random,
    speedOf?: (segmentId: string) => number | undefined,
  ) {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`vehicle count must be a whole number ≥ 0, got ${count}`);
    const network = buildVehicleNetwork(segments);
    if (count > 0 && network.chainCount === 0) throw new Error('VehicleFleetSimulator: the road network has no usable segment');
    this.count = count;
    this.#network = network;
    this.#segmentIds = segments.map((segment) => segment.id);
    this.#freeFlow = Float64Array.from(segments, (segment) => segment.freeFlowKmh);
    this.#speedOf = speedOf;
    this.#flow = Float64Array.from(this.#freeFlow);
    this.#chain = new Uint32Array(count);
    this.#edge = new Uint32Array(count);
    this.#along = new Float64Array(count);
    this.#direction = new Int8Array(count);
    this.#speed = new Float32Array(count);
    this.#factor = new Float32Array(count);
    this.#maxKmh = new Float32Array(count);
    this.#laneM = new Float32Array(count);
    this.#batch = Object.freeze({
      ids: new Uint32Array(count),
      positions: new Float32Array(count * 2),
      headings: new Uint16Array(count),
      speeds: new Uint8Array(count),
      kinds: new Uint8Array(count),
    });
    this.#spawn(segments, random.fork('vehicles/spawn'));
    this.#write(0, 0);
  }

  tick(simNowMs: number): VehicleBatch {
    const dtS = this.#lastMs === null ? 0 : Math.min(MAX_STEP_S, Math.max(0, (simNowMs - this.#lastMs) / 1000));
    this.#lastMs = this.#lastMs === null ? simNowMs : Math.max(this.#lastMs, simNowMs);
    if (this.#speedOf) {
      for (let s = 0; s < this.#segmentIds.length; s++) {
        const kmh = this.#speedOf(this.#segmentIds[s]!);
        this.#flow[s] = kmh !== undefined && Number.isFinite(kmh) && kmh >= 0 ? kmh : this.#freeFlow[s]!;
      }
    }
    this.#write(dtS, 1 - Math.exp(-dtS / SPEED_TAU_S));
    return this.#batch;
  }

  /** Move every vehicle by `dtS` seconds and write the output arrays (the hot path: locals only, no allocation). */
  #write(dtS: number, follow: number): void {
    const { chainFirst, chainLast, chainLengthM, lon, lat, along, edgeSegment, edgeHeading, edgeRightLon, edgeRightLat } = this.#network;
    const { positions, headings, speeds, kinds } = this.#batch;
    const flow = this.#flow;
    const freeFlow = this.#freeFlow;
    const chains = this.#chain;
    const edges = this.#edge;
    const alongs = this.#along;
    const directions = this.#direction;
    const currentSpeeds = this.#speed;
    const factors = this.#factor;
    const maxKmh = this.#maxKmh;
    const laneM = this.#laneM;
    const metresPerKmhSecond = dtS / 3.6;
    for (let i = 0; i < this.count; i++) {
      const c = chains[i]!;
      const first = chainFirst[c]!;
      const last = chainLast[c]!;
      const length = chainLengthM[c]!;
      let e = edges[i]!;
      let dir = directions[i]!;

      const s = edgeSegment[e]!;
      let target = flow[s]! * factors[i]!;
      // Emergency vehicles get through a jam (sirens) at half of free flow at least.
      if (kinds[i] === EMERGENCY_KIND && target < 0.5 * freeFlow[s]!) target = 0.5 * freeFlow[s]!;
      if (target > maxKmh[i]!) target = maxKmh[i]!;
      const v = currentSpeeds[i]! + (target - currentSpeeds[i]!) * follow;
      currentSpeeds[i] = v;

      let d = alongs[i]! + dir * v * metresPerKmhSecond;
      // Turn around at the chain's ends (a step is at most 10 km and a chain at least 300 m: a few turns at most).
      while (d > length || d < 0) {
        d = d > length ? 2 * length - d : -d;
        dir = -dir;
      }
      // `along` restarts at 0 on every chain.
      while (e + 1 < last && d > along[e + 1]!) e++;
      while (e > first && d < along[e]!) e--;
      alongs[i] = d;
      edges[i] = e;
      directions[i] = dir;

      const start = along[e]!;
      const span = along[e + 1]! - start;
      const t = span > 0 ? (d - start) / span : 0;
      const lane = laneM[i]! * dir;
      positions[2 * i] = lon[e]! + (lon[e + 1]! - lon[e]!) * t + lane * edgeRightLon[e]!;
      positions[2 * i + 1] = lat[e]! + (lat[e + 1]! - lat[e]!) * t + lane * edgeRightLat[e]!;
      headings[i] = Math.round(dir > 0 ? edgeHeading[e]! : edgeHeading[e]! + 180) % 360;
      speeds[i] = v > 255 ? 255 : Math.round(v);
    }
  }

  /** Place vehicles on chains in proportion to length × road-class density, uniformly along each, both directions. */
  #spawn(segments: readonly TrafficSegment[], random: Random): void {
    const network = this.#network;
    const classes: RoadClass[] = [];
    const weights = new Float64Array(network.chainCount);
    let total = 0;
    for (let c = 0; c < network.chainCount; c++) {
      const segment = segments[network.edgeSegment[network.chainFirst[c]!]!]!;
      const roadClass = roadClassOf(segment.road, segment.freeFlowKmh);
      classes.push(roadClass);
      total += network.chainLengthM[c]! * DENSITY[roadClass];
      weights[c] = total;
    }
    const { ids, kinds } = this.#batch;
    for (let i = 0; i < this.count; i++) {
      const c = upperBound(weights, random.next() * total);
      const first = network.chainFirst[c]!;
      const last = network.chainLast[c]!;
      const d = random.next() * network.chainLengthM[c]!;
      let e = first;
      while (e + 1 < last && d > network.along[e + 1]!) e++;
      const kind = kindForDraw(KIND_MIX[classes[c]!], random.next());
      const behaviour = KIND_BEHAVIOUR[VEHICLE_KINDS[kind]!];
      ids[i] = i + 1;
      kinds[i] = kind;
      this.#chain[i] = c;
      this.#edge[i] = e;
      this.#along[i] = d;
      this.#direction[i] = random.chance(0.5) ? 1 : -1;
      this.#factor[i] = Math.max(0.5, behaviour.factor + behaviour.spread * random.normal());
      this.#maxKmh[i] = behaviour.maxKmh;
      this.#laneM[i] = random.range(LANE_OFFSET_MIN_M, LANE_OFFSET_MAX_M);
      const s = network.edgeSegment[e]!;
      this.#speed[i] = Math.min(behaviour.maxKmh, this.#freeFlow[s]! * this.#factor[i]!);
    }
  }
}

/** First index whose cumulative weight exceeds `value` (binary search; 100 000 spawns over a few chains). */
function upperBound(cumulative: Float64Array, value: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
