import type { LonLat, TrafficData, TrafficSegment } from '../protocol/feed-data.js';
import type { FeedSimulator } from '../sim/feed-simulator.js';
import type { Random } from '../sim/random.js';
import { describeAccident, type AccidentSeverity } from './accident-description.js';
import { pointAlongPath } from './polyline.js';
import { poissonSample } from './poisson.js';
import { linkSegments } from './segment-links.js';
import { isNight, localHourOfDay, rushIntensity } from './time-of-day.js';
import { urbanFactors } from './urban-factors.js';

export interface TrafficSimulatorOptions {
  /** Local time of the region, minutes east of UTC; 420 (UTC+7, Vietnam) by default. */
  timeZoneOffsetMinutes?: number;
  /** Start an accident and a congestion episode within the first simulated minute, for a first look. */
  demo?: boolean;
  /** The city the roads converge on; by default the length-weighted centre of the network. */
  centre?: LonLat;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Longer gaps between ticks are simulated in steps of at most this (events and clearings keep their order). */
const STEP_MS = 30_000;
/** Demo jam: how long before start it began, and how deep it is (speed ≈ (1 − severity) × free flow). */
const DEMO_JAM_LEAD_MS = 15 * 60_000;
const DEMO_JAM_SEVERITY = 0.8;
/** A gap longer than this (a suspended laptop) is skipped rather than replayed. */
const MAX_CATCH_UP_MS = 6 * HOUR_MS;
/** Free-flow speeds at or above this are access-controlled roads (expressways): no local traffic, no motorbikes. */
const EXPRESSWAY_KMH = 90;

/** Measurement noise: an Ornstein–Uhlenbeck process, so speeds wander instead of jumping. */
const NOISE_SIGMA = 0.05;
const NOISE_TAU_MS = 2 * MINUTE_MS;
/** Speeds follow their target with this time constant: a jam builds (and dissolves) over minutes. */
const SPEED_TAU_MS = 90_000;

/**
 * Congestion episodes per hour per 100 km of road: off-peak slowdowns (roadworks, a slow convoy) that never go below
 * about half of free flow, and rush-hour jams, added at the height of a rush hour, that can (docs/simulation.md).
 */
const EPISODES_PER_HOUR_PER_100KM = 0.15;
const RUSH_EPISODES_PER_HOUR_PER_100KM = 1.2;
/** Share of free flow an episode takes away at its origin: off-peak and rush hour. */
const EPISODE_SEVERITY: readonly [number, number] = [0.2, 0.45];
const RUSH_EPISODE_SEVERITY: readonly [number, number] = [0.35, 0.7];
/** Each hop away from an episode's origin keeps this share of its severity. */
const SPREAD_DECAY = 0.55;

/**
 * Crashes with an injury or a death recorded by the police, per km of road and year: national roads from QL.5 in
 * Hải Dương (44 crashes on its ~44 km in 2023), expressways from CT.04 Hà Nội–Hải Phòng (11 on ~40 km).
 */
const RECORDED_CRASHES_PER_KM_YEAR = { road: 1.0, expressway: 0.27 } as const;
/**
 * Minor collisions (damage, light injuries) the centre hears of — cameras, the hotline, patrols — per recorded
 * crash. Not in any statistics; an assumption (docs/simulation.md).
 */
const MINOR_PER_RECORDED_CRASH = 4;

/** Shares among all accidents: recorded crashes are about half fatal (124 deaths in 239 crashes, 2023), the rest minor. */
const ACCIDENT_PROFILE: Record<AccidentSeverity, { share: number; speedFactor: number; minutes: [number, number] }> = {
  minor: { share: 0.8, speedFactor: 0.5, minutes: [20, 45] },
  serious: { share: 0.105, speedFactor: 0.3, minutes: [35, 70] },
  fatal: { share: 0.095, speedFactor: 0.15, minutes: [60, 90] },
};

/** Accidents per km and day on a road of the class, before the time-of-day factor (which averages 1 over a day). */
function accidentsPerKmDay(expressway: boolean): number {
  const recorded = expressway ? RECORDED_CRASHES_PER_KM_YEAR.expressway : RECORDED_CRASHES_PER_KM_YEAR.road;
  return (recorded * (1 + MINOR_PER_RECORDED_CRASH)) / 365 / meanAccidentTimeFactor(expressway);
}

interface Episode {
  /** Segment indices by hop from the origin (hop 0 is the origin). */
  readonly hops: readonly (readonly number[])[];
  readonly severity: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly spreadMs: number;
}

interface ActiveAccident {
  readonly id: string;
  readonly segment: number;
  readonly speedFactor: number;
  readonly endMs: number;
}

/**
 * Road-segment speeds, congestion and accidents for a region's network. Pure in simulated time: the same seed and
 * the same sequence of `now` values give the same items.
 *
 * Speed of a segment = free flow × time of day (rush hours, worse near the city) × active congestion episodes ×
 * active accidents × (1 + noise), approached smoothly. Episodes start at random (mostly urban, mostly rush-hour)
 * segments, spread hop by hop to neighbours, shrink and clear after 10–40 min. Accidents are Poisson per road, more
 * in rush hours and, on expressways, at night; each is an `accident` item and, 20–90 min later, `accident-cleared`.
 */
export class TrafficSimulator implements FeedSimulator<'traffic'> {
  readonly feed = 'traffic';
  readonly #segments: readonly TrafficSegment[];
  readonly #indexById: ReadonlyMap<string, number>;
  readonly #offsetMinutes: number;
  readonly #demo: boolean;
  readonly #noiseRandom: Random;
  readonly #episodeRandom: Random;
  readonly #accidentRandom: Random;
  readonly #neighbours: readonly (readonly number[])[];
  readonly #urban: Float64Array;
  readonly #expressway: Uint8Array;
  readonly #roads: readonly { readonly ref: string; readonly segments: readonly number[]; readonly lengthM: number; readonly expressway: boolean }[];
  readonly #totalLengthM: number;
  readonly #noise: Float64Array;
  readonly #speed: Float64Array;
  readonly #congestion: Float64Array;
  readonly #accidentFactor: Float64Array;
  #episodes: Episode[] = [];
  #accidents: ActiveAccident[] = [];
  #nowMs: number | null = null;
  #idPrefix = '';
  #accidentCount = 0;
  #demoEpisodeAt: number | null = null;
  #demoAccidentAt: number | null = null;

  constructor(segments: TrafficSegment[], random: Random, options: TrafficSimulatorOptions = {}) {
    this.#segments = segments;
    this.#indexById = new Map(segments.map((segment, i) => [segment.id, i]));
    this.#offsetMinutes = options.timeZoneOffsetMinutes ?? 420;
    this.#demo = options.demo ?? false;
    // Separate streams, so e.g. a change to the accident model does not reshuffle the speed noise.
    this.#noiseRandom = random.fork('traffic/noise');
    this.#episodeRandom = random.fork('traffic/episodes');
    this.#accidentRandom = random.fork('traffic/accidents');
    this.#neighbours = linkSegments(segments).neighbours;
    this.#urban = urbanFactors(segments, options.centre);
    this.#expressway = Uint8Array.from(segments, (segment) => (segment.freeFlowKmh >= EXPRESSWAY_KMH ? 1 : 0));
    const roads = new Map<string, number[]>();
    segments.forEach((segment, i) => {
      const list = roads.get(segment.road);
      if (list) list.push(i);
      else roads.set(segment.road, [i]);
    });
    this.#roads = [...roads].map(([ref, indices]) => ({
      ref,
      segments: indices,
      lengthM: indices.reduce((sum, i) => sum + segments[i]!.lengthM, 0),
      expressway: indices.every((i) => this.#expressway[i] === 1),
    }));
    this.#totalLengthM = segments.reduce((sum, segment) => sum + segment.lengthM, 0);
    const n = segments.length;
    this.#noise = new Float64Array(n);
    this.#speed = new Float64Array(n);
    this.#congestion = new Float64Array(n).fill(1);
    this.#accidentFactor = new Float64Array(n).fill(1);
  }

  start(simNowMs: number): TrafficData[] {
    // After demoBacklog the simulator already runs: carry it on to now instead of starting afresh.
    if (this.#nowMs !== null && this.#nowMs <= simNowMs) return [{ kind: 'network', segments: this.#segments.slice() }, ...this.tick(simNowMs)];
    this.#init(simNowMs);
    return [{ kind: 'network', segments: this.#segments.slice() }, this.#speedsItem()];
  }

  /**
   * Demo: a heavy jam (about a fifth of free flow) on an urban arterial that began DEMO_JAM_LEAD_MS before start.
   * Simulates that lead-in and returns its items, one batch a simulated minute with its time, for the driver to
   * publish before start() — so the hub holds the jam's real history and the 10-minute congestion rule is met by
   * data, not by a shortened rule (docs/incidents.md). Call before start(); empty unless demo.
   */
  demoBacklog(simNowMs: number): { at: number; items: TrafficData[] }[] {
    if (!this.#demo || this.#nowMs !== null || this.#segments.length === 0) return [];
    const from = simNowMs - DEMO_JAM_LEAD_MS;
    this.#init(from);
    this.#demoEpisodeAt = null;
    this.#demoAccidentAt = null;
    this.#startEpisode(from, this.#mostUrban(3, false), 45, 1, DEMO_JAM_SEVERITY);
    const out = [{ at: from, items: [{ kind: 'network', segments: this.#segments.slice() } as TrafficData, this.#speedsItem()] }];
    for (let t = from + MINUTE_MS; t < simNowMs; t += MINUTE_MS) out.push({ at: t, items: this.tick(t) });
    this.#demoEpisodeAt = simNowMs + 15_000;
    this.#demoAccidentAt = simNowMs + 30_000;
    return out;
  }

  tick(simNowMs: number): TrafficData[] {
    if (this.#nowMs === null) {
      this.#init(simNowMs);
      return [this.#speedsItem()];
    }
    const items: TrafficData[] = [];
    let t = Math.max(this.#nowMs, simNowMs - MAX_CATCH_UP_MS);
    while (t < simNowMs) {
      const next = Math.min(simNowMs, t + STEP_MS);
      this.#step(t, next, items);
      t = next;
    }
    this.#nowMs = Math.max(this.#nowMs, simNowMs);
    items.push(this.#speedsItem());
    return items;
  }

  /**
   * The speed last emitted for a segment (km/h), or undefined for an unknown id or before start: what the vehicle
   * fleet drives at, so vehicles crawl where the map shows a jam.
   */
  currentSpeed(segmentId: string): number | undefined {
    const i = this.#indexById.get(segmentId);
    return i === undefined || this.#nowMs === null ? undefined : this.#roundedSpeed(i);
  }

  #init(nowMs: number): void {
    this.#nowMs = nowMs;
    // Accident ids carry the start time, so a restarted simulator does not reuse the ids of a previous run.
    this.#idPrefix = `acc-${Math.max(0, Math.floor(nowMs)).toString(36)}-`;
    for (let i = 0; i < this.#segments.length; i++) this.#noise[i] = NOISE_SIGMA * this.#noiseRandom.normal();
    this.#updateFactors(nowMs);
    for (let i = 0; i < this.#segments.length; i++) this.#speed[i] = this.#target(i, nowMs);
    if (this.#demo && this.#segments.length > 0) {
      this.#demoEpisodeAt = nowMs + 15_000;
      this.#demoAccidentAt = nowMs + 30_000;
    }
  }

  /** Advance from `fromMs` to `toMs` (at most STEP_MS): new events, clearings, then the speeds. */
  #step(fromMs: number, toMs: number, items: TrafficData[]): void {
    const dt = toMs - fromMs;
    const hour = localHourOfDay(toMs, this.#offsetMinutes);
    const rush = rushIntensity(hour);
    const night = isNight(hour);

    if (this.#demoEpisodeAt !== null && toMs >= this.#demoEpisodeAt) {
      this.#demoEpisodeAt = null;
      // Two hops of spread, so a first look shows a jam growing along the road.
      this.#startEpisode(toMs, this.#mostUrban(3, false), 25, 2);
    }
    if (this.#demoAccidentAt !== null && toMs >= this.#demoAccidentAt) {
      this.#demoAccidentAt = null;
      items.push(this.#startAccident(toMs, this.#mostUrban(5, true), 'serious'));
    }

    const perHour = (this.#totalLengthM / 100_000) * (dt / HOUR_MS);
    const maxEpisodes = Math.max(2, Math.ceil(this.#segments.length / 8));
    const kinds = [
      { mean: EPISODES_PER_HOUR_PER_100KM * perHour, severity: EPISODE_SEVERITY },
      { mean: RUSH_EPISODES_PER_HOUR_PER_100KM * rush * perHour, severity: RUSH_EPISODE_SEVERITY },
    ];
    for (const kind of kinds) {
      for (let k = poissonSample(this.#episodeRandom, kind.mean); k > 0 && this.#episodes.length < maxEpisodes; k--) {
        const minutes = 10 + 30 * this.#episodeRandom.next();
        this.#startEpisode(toMs, this.#pickEpisodeOrigin(rush), minutes, undefined, this.#episodeRandom.range(kind.severity[0], kind.severity[1]));
      }
    }

    for (const road of this.#roads) {
      const mean = accidentsPerKmDay(road.expressway) * (road.lengthM / 1000) * accidentTimeFactor(rush, night, road.expressway) * (dt / DAY_MS);
      for (let k = poissonSample(this.#accidentRandom, mean); k > 0; k--) {
        const segment = this.#pickAccidentSegment(road.segments);
        if (segment >= 0) items.push(this.#startAccident(toMs, segment, this.#pickSeverity()));
      }
    }

    this.#episodes = this.#episodes.filter((episode) => episode.endMs > toMs);
    const ending = this.#accidents.filter((accident) => accident.endMs <= toMs);
    if (ending.length > 0) {
      this.#accidents = this.#accidents.filter((accident) => accident.endMs > toMs);
      for (const accident of ending) items.push({ kind: 'accident-cleared', id: accident.id });
    }

    this.#updateFactors(toMs);
    const noiseDecay = Math.exp(-dt / NOISE_TAU_MS);
    const noiseStd = NOISE_SIGMA * Math.sqrt(1 - noiseDecay * noiseDecay);
    const follow = 1 - Math.exp(-dt / SPEED_TAU_MS);
    for (let i = 0; i < this.#segments.length; i++) {
      this.#noise[i] = this.#noise[i]! * noiseDecay + noiseStd * this.#noiseRandom.normal();
      this.#speed[i] = this.#speed[i]! + (this.#target(i, toMs) - this.#speed[i]!) * follow;
    }
  }

  /** Where segment i's speed is heading now. */
  #target(i: number, nowMs: number): number {
    const segment = this.#segments[i]!;
    const hour = localHourOfDay(nowMs, this.#offsetMinutes);
    // Rush hour costs 12 % on an open road up to 50 % in the city; an expressway has no local traffic, so less.
    const rushDepth = (0.12 + 0.38 * this.#urban[i]!) * (this.#expressway[i] === 1 ? 0.6 : 1);
    const timeOfDay = (isNight(hour) ? 1.06 : 1) * (1 - rushDepth * rushIntensity(hour));
    const target = segment.freeFlowKmh * timeOfDay * this.#congestion[i]! * this.#accidentFactor[i]! * (1 + this.#noise[i]!);
    return Math.min(segment.freeFlowKmh * 1.2, Math.max(0, target));
  }

  #updateFactors(nowMs: number): void {
    this.#congestion.fill(1);
    for (const episode of this.#episodes) {
      episode.hops.forEach((hop, h) => {
        // Hop h joins h spread intervals in and leaves half as early as that before the end: the jam grows, then shrinks.
        if (nowMs < episode.startMs + h * episode.spreadMs || nowMs >= episode.endMs - h * episode.spreadMs * 0.5) return;
        const factor = 1 - episode.severity * SPREAD_DECAY ** h;
        for (const i of hop) this.#congestion[i] = this.#congestion[i]! * factor;
      });
    }
    this.#accidentFactor.fill(1);
    for (const accident of this.#accidents) {
      this.#accidentFactor[accident.segment] = Math.min(this.#accidentFactor[accident.segment]!, accident.speedFactor);
    }
  }

  #startEpisode(nowMs: number, origin: number, minutes: number, hopsWanted?: number, severity?: number): void {
    const random = this.#episodeRandom;
    const maxHops = hopsWanted ?? random.int(0, 2);
    const hops: number[][] = [[origin]];
    const seen = new Set([origin]);
    for (let h = 1; h <= maxHops; h++) {
      const ring = hops[h - 1]!.flatMap((i) => this.#neighbours[i]!).filter((j) => !seen.has(j));
      const unique = [...new Set(ring)];
      if (unique.length === 0) break;
      for (const j of unique) seen.add(j);
      hops.push(unique);
    }
    this.#episodes.push({
      hops,
      severity: severity ?? random.range(0.35, 0.65),
      startMs: nowMs,
      endMs: nowMs + minutes * MINUTE_MS,
      spreadMs: random.range(3, 6) * MINUTE_MS,
    });
  }

  #startAccident(nowMs: number, segmentIndex: number, severity: AccidentSeverity): TrafficData {
    const random = this.#accidentRandom;
    const segment = this.#segments[segmentIndex]!;
    const profile = ACCIDENT_PROFILE[severity];
    const expressway = this.#expressway[segmentIndex] === 1;
    const lanesBlocked = severity === 'minor' ? (random.chance(0.6) ? 1 : 0)
      : severity === 'serious' ? random.int(1, 2)
        : random.int(2, expressway ? 3 : 2);
    const position = pointAlongPath(segment.path, segment.lengthM * random.range(0.05, 0.95));
    const description = describeAccident(random, segment.name, severity, lanesBlocked, expressway);
    this.#accidentCount += 1;
    const id = `${this.#idPrefix}${this.#accidentCount}`;
    const minutes = random.range(profile.minutes[0], profile.minutes[1]);
    this.#accidents.push({ id, segment: segmentIndex, speedFactor: profile.speedFactor, endMs: nowMs + minutes * MINUTE_MS });
    return {
      kind: 'accident',
      id,
      segmentId: segment.id,
      position: [Math.round(position[0] * 1e6) / 1e6, Math.round(position[1] * 1e6) / 1e6],
      severity,
      lanesBlocked,
      description,
    };
  }

  /** Mostly urban segments, and more so in rush hour: length × (0.25 + urban)^(1 + rush). */
  #pickEpisodeOrigin(rush: number): number {
    return this.#weightedPick(this.#episodeRandom, this.#segments.map((segment, i) => segment.lengthM * (0.25 + this.#urban[i]!) ** (1 + rush)));
  }

  /** A segment of the road by length, avoiding one that already has an accident; -1 when all have. */
  #pickAccidentSegment(indices: readonly number[]): number {
    const busy = new Set(this.#accidents.map((accident) => accident.segment));
    const weights = this.#segments.map((segment, i) => (indices.includes(i) && !busy.has(i) ? segment.lengthM : 0));
    return weights.some((w) => w > 0) ? this.#weightedPick(this.#accidentRandom, weights) : -1;
  }

  #pickSeverity(): AccidentSeverity {
    const u = this.#accidentRandom.next();
    if (u < ACCIDENT_PROFILE.minor.share) return 'minor';
    return u < ACCIDENT_PROFILE.minor.share + ACCIDENT_PROFILE.serious.share ? 'serious' : 'fatal';
  }

  /** One of the `count` most urban segments (for the demo: where an operator looks first). */
  #mostUrban(count: number, useAccidentStream: boolean): number {
    const order = this.#segments.map((_, i) => i).sort((a, b) => this.#urban[b]! - this.#urban[a]! || a - b);
    const random = useAccidentStream ? this.#accidentRandom : this.#episodeRandom;
    return random.pick(order.slice(0, Math.max(1, count)));
  }

  #weightedPick(random: Random, weights: readonly number[]): number {
    const total = weights.reduce((sum, w) => sum + w, 0);
    let u = random.next() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i]!;
      if (u < 0) return i;
    }
    // Rounding can leave u ≥ 0 after the last weight: fall back to the last segment that can be picked.
    for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
    return 0;
  }

  #speedsItem(): TrafficData {
    return {
      kind: 'speeds',
      speeds: this.#segments.map((segment, i) => ({ id: segment.id, kmh: this.#roundedSpeed(i) })),
    };
  }

  /** One decimal is plenty; the cap is rounded down so a rounded speed never exceeds 1.2 × free flow. */
  #roundedSpeed(i: number): number {
    const cap = Math.floor(this.#segments[i]!.freeFlowKmh * 1.2 * 10) / 10;
    return Math.min(cap, Math.max(0, Math.round(this.#speed[i]! * 10) / 10));
  }
}

/** Rush hours roughly double the risk; at night the expressway is worse (fatigue, speeding trucks), other roads calmer. */
function accidentTimeFactor(rush: number, night: boolean, expressway: boolean): number {
  return (1 + 1.5 * rush) * (night ? (expressway ? 2 : 0.6) : 1);
}

const meanTimeFactors = new Map<boolean, number>();

/** The day's mean of accidentTimeFactor (minute by minute), so the annual rates stay the annual rates. */
function meanAccidentTimeFactor(expressway: boolean): number {
  let mean = meanTimeFactors.get(expressway);
  if (mean === undefined) {
    let sum = 0;
    for (let minute = 0; minute < 1440; minute++) {
      const hour = minute / 60;
      sum += accidentTimeFactor(rushIntensity(hour), isNight(hour), expressway);
    }
    mean = sum / 1440;
    meanTimeFactors.set(expressway, mean);
  }
  return mean;
}
