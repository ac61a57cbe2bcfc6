import type { AqiSummary, EnvironmentData, LocalizedText, PollutantValues } from '../protocol/feed-data.js';
import type { FeedSimulator } from '../sim/feed-simulator.js';
import type { Random } from '../sim/random.js';
import { StationAqiTracker, type AqiResult } from './index.js';
import { POLLUTANTS as VN_AQI_POLLUTANTS, type Pollutant } from './pollutants.js';
import {
  diurnal,
  GAS_SEASON,
  HAZE_PER_DAY,
  O3_DIURNAL,
  O3_SEASON,
  PM_DIURNAL,
  PM_SEASON,
  RAIN_PER_DAY,
  scaled,
  SITE_PROFILES,
  STRAW_BURNING_PER_DAY,
  TRAFFIC_GAS_DIURNAL,
  type SiteProfile,
  type StationSite,
} from './station-profile.js';

export type { StationSite, StationSiteKind } from './station-profile.js';

/**
 * Simulated automatic air-quality monitoring stations (the `environment` feed in simulation mode).
 *
 * Model (see station-profile.ts for the levels):
 * - Every station is sampled on a fixed grid of 1-minute means in simulated time (a sample at minute-end `t` covers
 *   (t − 1 min, t] and belongs to the local hour that ends at or after `t`). The grid does not depend on how the
 *   driver spaces its ticks, so a tick of 1 s or of 1 h simulates the same concentrations.
 * - concentration = site level × diurnal cycle × month factor × regional weather (slow AR(1), τ ≈ 30 h, plus haze
 *   and rain episodes) × local ventilation (AR(1), τ ≈ 6 h) × short-term noise (AR(1) per pollutant, τ ≈ 30 min;
 *   PM10 shares most of PM2.5's, CO most of NO2's) + pollution episodes (straw burning, traffic jams, industrial
 *   upsets), each with a smooth rise / plateau / fall envelope. Everything is autocorrelated: no white-noise jumps.
 * - Reported values are rounded (0.1 µg/m³, CO to 1 µg/m³); the hourly means fed to VN_AQI are the means of the
 *   reported 1-minute values of the hour, kept only when at least MIN_SAMPLES_PER_HOUR of the 60 are present (the
 *   usual 75 % data-capture rule; QĐ 1459 gives no threshold).
 * - Outages (link lost, power cut, analyser fault; maintenance and calibration in working hours) last 1–4 h; a
 *   station in outage records nothing and emits nothing. About one outage per station a week (0.15 a day); never
 *   more than a fifth of the stations at once, never all of them, never during the backfill.
 * - A reading is emitted per station every READING_EVERY_TICKS ticks (ticks come once a real second, so every 5 real
 *   seconds at any --speed), stations staggered over the 5 ticks.
 */

/** Simulated sampling interval (1-minute means). */
export const SAMPLE_MS = 60_000;
/** A station reports once every this many ticks (≈ 5 real seconds). */
export const READING_EVERY_TICKS = 5;
/** Minimum number of 1-minute values (of 60) for an hourly mean (75 % data capture). */
export const MIN_SAMPLES_PER_HOUR = 45;
/** History simulated at start() so NowCast and the last complete day are available at once (at least this much). */
export const BACKFILL_HOURS = 36;

const HOUR_MS = 3_600_000;
/** A module-local copy: the per-sample loops should not go through an import binding. */
const POLLUTANTS: readonly Pollutant[] = [...VN_AQI_POLLUTANTS];
const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 1440;
/** Beyond this gap between ticks (e.g. after a suspend), the simulator skips ahead instead of catching up. */
const MAX_CATCH_UP_MS = 60 * HOUR_MS;
/** Hourly means older than this are pruned from the trackers (yesterday's 24 h + 8 h for O3 8-h means + margin). */
const TRACKER_KEEP_MS = 60 * HOUR_MS;

const OUTAGES_PER_STATION_PER_DAY = 0.15;
const MISSING_VALUE_PER_SAMPLE = 0.004;
/**
 * Industrial upsets (filter failure, kiln restart) in the province, 2–6 h long: the hours-long local episodes that
 * take one station past 200 on a still night. An assumption: about one per site every 2–3 weeks.
 */
const UPSETS_PER_DAY = 0.5;
/** Demo: the urban station's PM2.5 in the smoke, µg/m³ (NowCast ≈ 200–250: VN_AQI 250–300, Rất xấu). */
const DEMO_SMOKE_PM25 = 210;
const TRAFFIC_JAMS_PER_STATION_PER_DAY = 0.3;

/** Relative weights, by local hour, of when straw burning starts: mostly after the day's field work, 16–21 h. */
const STRAW_START_HOUR_WEIGHT: readonly number[] = [
  0.2, 0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.5, 0.5, 0.6, 0.8, 1.2, 2.5, 4, 5, 5, 4, 2.5, 1, 0.5,
];
const STRAW_WEIGHT_SUM = STRAW_START_HOUR_WEIGHT.reduce((a, b) => a + b, 0);

const OUTAGE_REASONS_ANY_TIME: readonly LocalizedText[] = [
  { vi: 'Mất kết nối truyền dữ liệu', en: 'Data link lost' },
  { vi: 'Mất điện tại trạm', en: 'Power failure at the station' },
  { vi: 'Lỗi thiết bị phân tích', en: 'Analyser fault' },
];
const OUTAGE_REASONS_WORKING_HOURS: readonly LocalizedText[] = [
  ...OUTAGE_REASONS_ANY_TIME,
  { vi: 'Bảo trì thiết bị', en: 'Equipment maintenance' },
  { vi: 'Hiệu chuẩn thiết bị', en: 'Instrument calibration' },
];

export interface EnvironmentSimulatorOptions {
  /** Local time zone of the province, minutes east of UTC (Việt Nam: 420). */
  readonly timeZoneOffsetMinutes?: number;
  /** Start with a cement/industrial station in Xấu (≥ 151) and an urban one reaching Rất xấu (≥ 201) within the hour. */
  readonly demo?: boolean;
}

type EpisodeKind = 'straw-burning' | 'traffic-peak' | 'industrial-upset' | 'demo-smoke' | 'demo-upset';

/** Something that adds concentration at some stations for a while, with a smooth envelope. */
interface Episode {
  readonly kind: EpisodeKind;
  readonly start: number;
  readonly rise: number;
  readonly plateau: number;
  readonly fall: number;
  /** Station id → intensity (0…1) and arrival delay (ms, e.g. a plume drifting over). */
  readonly targets: ReadonlyMap<string, { readonly weight: number; readonly delay: number }>;
  /** Peak addition, µg/m³. */
  readonly add: Partial<Record<Pollutant, number>>;
  /** How much the addition follows the station's short-term noise (1 = fully; the demo keeps its level steadier). */
  readonly jitter?: number;
}

/** Province-wide weather that multiplies concentrations (haze = stagnant air, rain = wash-out). */
interface WeatherEpisode {
  readonly kind: 'haze' | 'rain';
  readonly start: number;
  readonly rise: number;
  readonly plateau: number;
  readonly fall: number;
  readonly pm: number;
  readonly gas: number;
  readonly o3: number;
}

interface HourAccumulator {
  hourEnd: number;
  readonly sum: Record<Pollutant, number>;
  readonly count: Record<Pollutant, number>;
}

interface StationRuntime {
  readonly site: StationSite;
  readonly profile: SiteProfile;
  readonly measures: ReadonlySet<Pollutant>;
  readonly noise: Random;
  readonly tracker: StationAqiTracker;
  /** Local ventilation, log space. */
  slow: number;
  /** Short-term noise per pollutant, log space. */
  readonly fast: Record<Pollutant, number>;
  latest: PollutantValues;
  hasSample: boolean;
  readonly acc: HourAccumulator;
  outage: { readonly until: number; readonly reason: LocalizedText } | null;
  /** Outages are not started before this time (demo stations keep reporting). */
  protectedUntil: number;
  ticksUntilReading: number;
  hourlyCache: { readonly hourEnd: number; readonly value: AqiSummary | null } | null;
  dailyCache: { readonly date: string; readonly value: { date: string; aqi: AqiSummary } | null } | null;
}

export class EnvironmentSimulator implements FeedSimulator<'environment'> {
  readonly feed = 'environment' as const;

  readonly #stations: StationRuntime[];
  readonly #offsetMs: number;
  readonly #demo: boolean;
  readonly #weather: Random;
  readonly #episodesRandom: Random;
  readonly #outageRandom: Random;
  readonly #gapRandom: Random;

  /** Regional weather factor for primary pollutants (log space) and for ozone (sunshine; log space). */
  #regional: number;
  #regionalO3: number;
  #episodes: Episode[] = [];
  #weatherEpisodes: WeatherEpisode[] = [];
  #sampledUntil = Number.NaN;
  #started = false;
  /** Demo: the station whose data link is down since 2½ h before start, and the industrial one (docs/incidents.md). */
  #demoSilent: { readonly station: StationRuntime; readonly from: number; readonly until: number } | null = null;
  #demoIndustrial: StationRuntime | null = null;

  constructor(stations: readonly StationSite[], random: Random, options: EnvironmentSimulatorOptions = {}) {
    const ids = new Set<string>();
    for (const station of stations) {
      if (ids.has(station.id)) throw new Error(`EnvironmentSimulator: duplicate station id ${station.id}`);
      ids.add(station.id);
    }
    const offsetMinutes = options.timeZoneOffsetMinutes ?? 420;
    this.#offsetMs = offsetMinutes * 60_000;
    this.#demo = options.demo ?? false;
    this.#weather = random.fork('weather');
    this.#episodesRandom = random.fork('episodes');
    this.#outageRandom = random.fork('outages');
    this.#gapRandom = random.fork('gaps');
    this.#regional = 0.3 * this.#weather.normal();
    this.#regionalO3 = 0.2 * this.#weather.normal();
    this.#stations = stations.map((site, index) => {
      const noise = random.fork(`station:${site.id}`);
      const fast = { pm25: 0, pm10: 0, no2: 0, so2: 0, co: 0, o3: 0 };
      for (const p of POLLUTANTS) fast[p] = FAST_SIGMA * noise.normal();
      return {
        site,
        profile: SITE_PROFILES[site.site],
        measures: new Set(site.parameters),
        noise,
        tracker: new StationAqiTracker(offsetMinutes),
        slow: SLOW_SIGMA * noise.normal(),
        fast,
        latest: emptyValues(),
        hasSample: false,
        acc: { hourEnd: Number.NaN, sum: zeroes(), count: zeroes() },
        outage: null,
        protectedUntil: Number.NEGATIVE_INFINITY,
        ticksUntilReading: 1 + (index % READING_EVERY_TICKS),
        hourlyCache: null,
        dailyCache: null,
      };
    });
  }

  /** Simulates the history (≥ 36 h, and all of the last complete local day), then one reading per station. */
  start(simNowMs: number): EnvironmentData[] {
    if (this.#started) return this.#stations.filter((s) => s.outage === null && s.hasSample).map((s) => this.#reading(s, simNowMs));
    this.#started = true;
    const now = Math.floor(simNowMs);
    const startOfYesterday = this.#startOfLocalDay(now) - DAY_MS;
    const from = Math.min(now - BACKFILL_HOURS * HOUR_MS, startOfYesterday - 8 * HOUR_MS);
    this.#sampledUntil = Math.floor(from / SAMPLE_MS) * SAMPLE_MS;
    if (this.#demo) this.#planDemo(now);
    this.#advance(now, false, []);
    this.#stations.forEach((station, index) => (station.ticksUntilReading = 1 + (index % READING_EVERY_TICKS)));
    return this.#stations.filter((s) => s.hasSample && s.outage === null).map((s) => this.#reading(s, now));
  }

  tick(simNowMs: number): EnvironmentData[] {
    if (!this.#started) return this.start(simNowMs);
    const now = Math.floor(simNowMs);
    const items: EnvironmentData[] = [];
    this.#advance(now, true, items);
    for (const station of this.#stations) {
      station.ticksUntilReading -= 1;
      if (station.ticksUntilReading > 0 || station.outage !== null || !station.hasSample) continue;
      items.push(this.#reading(station, now));
      station.ticksUntilReading = READING_EVERY_TICKS;
    }
    return items;
  }

  // ── time ────────────────────────────────────────────────────────────────────────────────────────────────────

  /** End of the most recent complete local hour at `t`. */
  #lastHourEnd(t: number): number {
    return Math.floor((t + this.#offsetMs) / HOUR_MS) * HOUR_MS - this.#offsetMs;
  }

  /** End of the local hour a sample taken at minute-end `t` belongs to. */
  #hourEndOf(t: number): number {
    return Math.ceil((t + this.#offsetMs) / HOUR_MS) * HOUR_MS - this.#offsetMs;
  }

  #startOfLocalDay(t: number): number {
    return Math.floor((t + this.#offsetMs) / DAY_MS) * DAY_MS - this.#offsetMs;
  }

  #localDate(t: number): string {
    return new Date(t + this.#offsetMs).toISOString().slice(0, 10);
  }

  // ── simulation ──────────────────────────────────────────────────────────────────────────────────────────────

  #advance(now: number, live: boolean, items: EnvironmentData[]): void {
    const target = Math.floor(now / SAMPLE_MS) * SAMPLE_MS;
    if (target <= this.#sampledUntil) return;
    if (target - this.#sampledUntil > MAX_CATCH_UP_MS) {
      // A long pause: the stations' data for the gap is simply missing (as after a real hub outage).
      this.#sampledUntil = target - MAX_CATCH_UP_MS;
    }
    for (let t = this.#sampledUntil + SAMPLE_MS; t <= target; t += SAMPLE_MS) this.#step(t, live, items);
    this.#sampledUntil = target;
  }

  #step(t: number, live: boolean, items: EnvironmentData[]): void {
    const local = t + this.#offsetMs;
    const localHour = (((local % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
    const month = new Date(local).getUTCMonth();

    this.#regional = ar1(this.#regional, REGIONAL_PHI, REGIONAL_SIGMA, this.#weather);
    this.#regionalO3 = ar1(this.#regionalO3, REGIONAL_O3_PHI, REGIONAL_O3_SIGMA, this.#weather);
    this.#planWeather(t, localHour, month);
    this.#planEpisodes(t, localHour, month);

    let pmWeather = 1;
    let gasWeather = 1;
    let o3Weather = 1;
    for (const w of this.#weatherEpisodes) {
      const e = envelope(w, t);
      pmWeather *= 1 + (w.pm - 1) * e;
      gasWeather *= 1 + (w.gas - 1) * e;
      o3Weather *= 1 + (w.o3 - 1) * e;
    }
    const weather: Record<Pollutant, number> = {
      pm25: PM_SEASON[month]! * Math.exp(this.#regional) * pmWeather,
      pm10: PM_SEASON[month]! * Math.exp(0.85 * this.#regional) * pmWeather,
      no2: GAS_SEASON[month]! * Math.exp(0.6 * this.#regional) * gasWeather,
      co: GAS_SEASON[month]! * Math.exp(0.7 * this.#regional) * gasWeather,
      so2: GAS_SEASON[month]! * Math.exp(0.4 * this.#regional) * Math.sqrt(gasWeather),
      o3: O3_SEASON[month]! * Math.exp(this.#regionalO3) * o3Weather,
    };
    const cycles = {
      pm: diurnal(PM_DIURNAL, localHour),
      traffic: diurnal(TRAFFIC_GAS_DIURNAL, localHour),
      o3: diurnal(O3_DIURNAL, localHour),
    };

    const maxOutages = this.#stations.length >= 2 ? Math.max(1, Math.floor(this.#stations.length / 5)) : 0;
    let outages = live ? this.#stations.filter((s) => s.outage !== null).length : 0;
    const outageChance = OUTAGES_PER_STATION_PER_DAY / MINUTES_PER_DAY;

    for (const station of this.#stations) {
      // The noise evolves whether or not the station reports, so an outage does not shift the series.
      this.#evolveNoise(station);
      if (live) {
        if (station.outage !== null && t >= station.outage.until) {
          station.outage = null;
          outages -= 1;
          items.push({ kind: 'restored', station: station.site.id });
        }
        if (station.outage === null && this.#outageRandom.chance(outageChance) && outages < maxOutages && t >= station.protectedUntil) {
          const working = localHour >= 8 && localHour < 16.5;
          const reason = this.#outageRandom.pick(working ? OUTAGE_REASONS_WORKING_HOURS : OUTAGE_REASONS_ANY_TIME);
          const minutes = this.#outageRandom.int(60, 240);
          station.outage = { until: t + minutes * 60_000, reason };
          outages += 1;
          items.push({ kind: 'outage', station: station.site.id, reason: { vi: reason.vi, en: reason.en } });
        }
      }
      const silent = this.#demoSilent;
      if (silent?.station === station && station.outage === null && t >= silent.from && t < silent.until) {
        station.outage = { until: silent.until, reason: { vi: 'Mất kết nối truyền dữ liệu', en: 'Data link lost' } };
      }
      if (station.outage === null) this.#sample(station, t, localHour, weather, cycles);
    }

    if ((local % HOUR_MS + HOUR_MS) % HOUR_MS === 0) this.#closeHour(t);
  }

  #evolveNoise(station: StationRuntime): void {
    station.slow = ar1(station.slow, SLOW_PHI, SLOW_SIGMA, station.noise);
    for (const p of POLLUTANTS) {
      if (station.measures.has(p)) station.fast[p] = ar1(station.fast[p], FAST_PHI, FAST_SIGMA, station.noise);
    }
  }

  #sample(
    station: StationRuntime,
    t: number,
    localHour: number,
    weather: Record<Pollutant, number>,
    cycles: { pm: number; traffic: number; o3: number },
  ): void {
    const { profile, fast } = station;
    const values = emptyValues();
    const missing =
      this.#gapRandom.chance(MISSING_VALUE_PER_SAMPLE) && station.site.parameters.length > 0
        ? this.#gapRandom.pick(station.site.parameters)
        : null;
    const added = zeroes();
    const steady = zeroes();
    for (const episode of this.#episodes) {
      const target = episode.targets.get(station.site.id);
      if (target === undefined) continue;
      const strength = target.weight * envelope(episode, t - target.delay);
      if (strength <= 0) continue;
      const jitter = episode.jitter ?? 1;
      for (const p of POLLUTANTS) {
        const amount = (episode.add[p] ?? 0) * strength;
        added[p] += amount * jitter;
        steady[p] += amount * (1 - jitter);
      }
    }
    for (const p of POLLUTANTS) {
      if (!station.measures.has(p)) continue;
      let cycle: number;
      let noise: number;
      let ventilation = 1;
      switch (p) {
        case 'pm25':
          cycle = scaled(cycles.pm, profile.pmAmplitude);
          noise = fast.pm25;
          break;
        case 'pm10':
          cycle = scaled(cycles.pm, profile.pmAmplitude);
          noise = station.measures.has('pm25') ? 0.8 * fast.pm25 + 0.6 * fast.pm10 : fast.pm10;
          break;
        case 'no2':
          cycle = scaled(cycles.traffic, profile.trafficAmplitude);
          noise = fast.no2;
          break;
        case 'co':
          cycle = scaled(cycles.traffic, profile.trafficAmplitude);
          noise = station.measures.has('no2') ? 0.7 * fast.no2 + 0.71 * fast.co : fast.co;
          break;
        case 'so2':
          cycle = diurnal(profile.so2Diurnal, localHour);
          noise = fast.so2;
          break;
        case 'o3':
          cycle = cycles.o3;
          noise = fast.o3;
          // Good ventilation mixes ozone down from aloft: the opposite sign of the primary pollutants.
          ventilation = -0.4;
          break;
      }
      const base = profile.base[p] * cycle * weather[p] * Math.exp(ventilation * station.slow + noise);
      // The plume meanders: the added part fluctuates with the same short-term noise.
      const value = base + added[p] * Math.exp(noise) + steady[p];
      if (p === missing) continue;
      values[p] = round(value, p);
    }
    station.latest = values;
    station.hasSample = true;

    const hourEnd = this.#hourEndOf(t);
    const acc = station.acc;
    if (acc.hourEnd !== hourEnd) resetAccumulator(acc, hourEnd);
    for (const p of POLLUTANTS) {
      const v = values[p];
      if (v === null) continue;
      acc.sum[p] += v;
      acc.count[p] += 1;
    }
  }

  /** The local hour ending at `t` is complete: hand its means to each station's VN_AQI tracker. */
  #closeHour(t: number): void {
    for (const station of this.#stations) {
      const acc = station.acc;
      if (acc.hourEnd === t) {
        for (const p of POLLUTANTS) {
          if (acc.count[p] >= MIN_SAMPLES_PER_HOUR) station.tracker.addHourlyMean(t, p, acc.sum[p] / acc.count[p]);
        }
      }
      resetAccumulator(acc, t + HOUR_MS);
      station.tracker.prune(t - TRACKER_KEEP_MS);
    }
    this.#episodes = this.#episodes.filter((e) => episodeEnd(e) + maxDelay(e) > t);
    this.#weatherEpisodes = this.#weatherEpisodes.filter((w) => episodeEnd(w) > t);
  }

  // ── episodes ────────────────────────────────────────────────────────────────────────────────────────────────

  #planWeather(t: number, localHour: number, month: number): void {
    const r = this.#weather;
    if (!this.#weatherEpisodes.some((w) => w.kind === 'haze') && r.chance(HAZE_PER_DAY[month]! / MINUTES_PER_DAY)) {
      const pm = r.range(1.25, 1.7);
      this.#weatherEpisodes.push({
        kind: 'haze',
        start: t,
        rise: r.range(6, 12) * HOUR_MS,
        plateau: r.range(12, 40) * HOUR_MS,
        fall: r.range(4, 10) * HOUR_MS,
        pm,
        gas: 1 + (pm - 1) * 0.5,
        o3: 0.9,
      });
    }
    // Downpours, mostly in the afternoon (13–19 h).
    if (localHour >= 13 && localHour < 19 && !this.#weatherEpisodes.some((w) => w.kind === 'rain')) {
      if (r.chance(RAIN_PER_DAY[month]! / 360)) {
        this.#weatherEpisodes.push({
          kind: 'rain',
          start: t,
          rise: r.range(10, 30) * 60_000,
          plateau: r.range(40, 150) * 60_000,
          fall: r.range(60, 120) * 60_000,
          pm: r.range(0.45, 0.7),
          gas: 0.85,
          o3: 0.6,
        });
      }
    }
  }

  #planEpisodes(t: number, localHour: number, month: number): void {
    const r = this.#episodesRandom;
    const hour = Math.floor(localHour);

    // Straw burning in the fields: a plume over several rural stations for a few hours, mostly evenings.
    const strawRate = (STRAW_BURNING_PER_DAY[month]! * (STRAW_START_HOUR_WEIGHT[hour] ?? 0)) / STRAW_WEIGHT_SUM / 60;
    if (r.chance(strawRate)) {
      const candidates = this.#stations.filter((s) => s.profile.strawExposure > 0 && (s.measures.has('pm25') || s.measures.has('pm10')));
      const chosen = weightedSample(candidates, (s) => s.profile.strawExposure, r.int(2, 5), r);
      if (chosen.length > 0) {
        const pm25 = r.range(40, 150);
        const targets = new Map(chosen.map((s) => [s.site.id, { weight: r.range(0.45, 1), delay: r.range(0, 40) * 60_000 }] as const));
        this.#episodes.push({
          kind: 'straw-burning',
          start: t,
          rise: r.range(30, 75) * 60_000,
          plateau: r.range(60, 180) * 60_000,
          fall: r.range(60, 150) * 60_000,
          targets,
          add: { pm25, pm10: pm25 * r.range(1.3, 1.5), co: pm25 * r.range(10, 16), no2: pm25 * 0.08 },
        });
      }
    }

    // Traffic peaks: a jam next to a roadside / urban station in the rush hours.
    const rush = (localHour >= 7 && localHour < 9) || (localHour >= 17 && localHour < 19);
    if (rush) {
      for (const station of this.#stations) {
        const exposure = station.profile.trafficExposure;
        if (exposure <= 0) continue;
        if (!r.chance((TRAFFIC_JAMS_PER_STATION_PER_DAY * exposure) / 240)) continue;
        const id = station.site.id;
        if (this.#episodes.some((e) => e.kind === 'traffic-peak' && e.targets.has(id))) continue;
        this.#episodes.push({
          kind: 'traffic-peak',
          start: t,
          rise: r.range(10, 20) * 60_000,
          plateau: r.range(30, 80) * 60_000,
          fall: r.range(20, 40) * 60_000,
          targets: new Map([[id, { weight: 1, delay: 0 }]]),
          add: { no2: r.range(30, 90), co: r.range(800, 2500), pm25: r.range(10, 30), pm10: r.range(20, 55) },
        });
      }
    }

    // Industrial upset (filter failure, kiln restart, scrubber bypass) at one cement / industrial / power-plant site.
    if (!this.#episodes.some((e) => e.kind === 'industrial-upset') && r.chance(UPSETS_PER_DAY / MINUTES_PER_DAY)) {
      const [site] = weightedSample(this.#stations, (s) => s.profile.upsetWeight, 1, r);
      if (site) {
        const so2 = site.site.site === 'industrial' ? r.range(120, 400) : r.range(200, 600);
        this.#episodes.push({
          kind: 'industrial-upset',
          start: t,
          rise: r.range(10, 20) * 60_000,
          plateau: r.range(120, 360) * 60_000,
          fall: r.range(30, 60) * 60_000,
          targets: new Map([[site.site.id, { weight: 1, delay: 0 }]]),
          add: { so2, pm10: r.range(100, 230), pm25: r.range(25, 80) },
        });
      }
    }
  }

  /**
   * Demo: an upset that began 3½ hours ago (so the last two complete hours are both inside it) at the first cement (else industrial, else power-plant) station with an
   * SO2 analyser, so its last complete hour is already Xấu (SO2 ≈ 700 µg/m³ → ≈ 180), and a smoke plume (burning
   * straw and waste trapped under an inversion) at the first urban station, at full strength from 90 minutes before
   * start, so its PM2.5 NowCast passes 150 µg/m³ (VN_AQI 201, Rất xấu) by the first complete hour at the latest.
   * The plume tops the season's level up to about 210 µg/m³, so the demo shows Rất xấu, not Nguy hại, in winter too.
   * Neither station has an outage in its first 6 hours.
   */
  #planDemo(now: number): void {
    const kinds: readonly StationSite['site'][] = ['cement', 'industrial', 'power-plant'];
    const find = (measures: (s: StationRuntime) => boolean) =>
      kinds.map((kind) => this.#stations.find((s) => s.site.site === kind && measures(s))).find((s) => s !== undefined);
    const industrial =
      find((s) => s.measures.has('so2') && (s.measures.has('pm10') || s.measures.has('pm25'))) ??
      find((s) => s.measures.has('pm10') || s.measures.has('pm25'));
    if (industrial) {
      // Without an SO2 analyser the upset shows as dust: PM10 NowCast ≈ 330 µg/m³ (≈ 190), PM2.5 ≈ 130 (≈ 185).
      const add = industrial.measures.has('so2') ? { so2: 640, pm10: 80, pm25: 25 } : { pm10: 330, pm25: 120 };
      this.#episodes.push({
        kind: 'demo-upset',
        start: now - 210 * 60_000,
        rise: 15 * 60_000,
        plateau: 375 * 60_000,
        fall: 60 * 60_000,
        targets: new Map([[industrial.site.id, { weight: 1, delay: 0 }]]),
        add,
        jitter: 0.3,
      });
      industrial.protectedUntil = now + 6 * HOUR_MS;
      this.#demoIndustrial = industrial;
    }
    const urban =
      this.#stations.find((s) => s.site.site === 'urban' && s.measures.has('pm25')) ??
      this.#stations.find((s) => s.site.site === 'traffic' && s.measures.has('pm25')) ??
      this.#stations.find((s) => s !== industrial && (s.measures.has('pm25') || s.measures.has('pm10')));
    if (urban) {
      const month = new Date(now + this.#offsetMs).getUTCMonth();
      const pm25 = Math.min(330, Math.max(150, DEMO_SMOKE_PM25 - urban.profile.base.pm25 * PM_SEASON[month]!));
      this.#episodes.push({
        kind: 'demo-smoke',
        start: now - 200 * 60_000,
        rise: 110 * 60_000,
        plateau: 150 * 60_000,
        fall: 90 * 60_000,
        targets: new Map([[urban.site.id, { weight: 1, delay: 0 }]]),
        add: { pm25, pm10: pm25 * 1.4, co: pm25 * 11.5 },
        jitter: 0.5,
      });
      urban.protectedUntil = now + 6 * HOUR_MS;
    }
    // A background (else any other) station whose link dropped 2½ h before start and comes back 1½ h after it.
    const others = this.#stations.filter((s) => s !== industrial && s !== urban);
    const silent = others.find((s) => s.site.site === 'background') ?? others[0];
    if (silent) {
      this.#demoSilent = { station: silent, from: now - 150 * 60_000, until: now + 90 * 60_000 };
      silent.protectedUntil = now + 6 * HOUR_MS;
    }
  }

  /**
   * Demo: what the stations reported before the hub started, with the time each report arrived, for the driver to
   * publish before start(): the silent station's last reading (2½ h before start) and the industrial station's
   * reading for the hour before its last complete one (so the hub has two consecutive Xấu hours). Values are the
   * station's concentrations at that moment for the silent station; for the industrial one `values` are current
   * (only its hourly VN_AQI matters here). Starts the simulator if needed; empty unless demo.
   */
  demoBacklog(simNowMs: number): { at: number; items: EnvironmentData[] }[] {
    if (!this.#demo) return [];
    const now = Math.floor(simNowMs);
    if (!this.#started) this.start(now);
    const out: { at: number; items: EnvironmentData[] }[] = [];
    const silent = this.#demoSilent;
    if (silent && silent.station.hasSample && silent.station.outage !== null) {
      out.push({ at: silent.from, items: [this.#reading(silent.station, silent.from)] });
    }
    const industrial = this.#demoIndustrial;
    if (industrial?.hasSample) out.push({ at: now - HOUR_MS, items: [this.#reading(industrial, now - HOUR_MS)] });
    return out;
  }

  // ── output ──────────────────────────────────────────────────────────────────────────────────────────────────

  #reading(station: StationRuntime, now: number): EnvironmentData {
    const hourEnd = this.#lastHourEnd(now);
    if (station.hourlyCache?.hourEnd !== hourEnd) {
      const result = station.tracker.hourly(hourEnd);
      station.hourlyCache = { hourEnd, value: result ? toAqiSummary(result) : null };
    }
    const date = this.#localDate(now - DAY_MS);
    if (station.dailyCache?.date !== date) {
      const result = station.tracker.daily(date);
      station.dailyCache = { date, value: result ? { date, aqi: toAqiSummary(result) } : null };
    }
    return {
      kind: 'reading',
      station: station.site.id,
      values: { ...station.latest },
      hourEnd,
      hourly: cloneSummary(station.hourlyCache.value),
      daily: station.dailyCache.value ? { date, aqi: cloneSummary(station.dailyCache.value.aqi)! } : null,
    };
  }
}

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────────────────────

const REGIONAL_SIGMA = 0.25;
const REGIONAL_PHI = Math.exp(-1 / (30 * 60));
const REGIONAL_O3_SIGMA = 0.2;
const REGIONAL_O3_PHI = Math.exp(-1 / (24 * 60));
const SLOW_SIGMA = 0.18;
const SLOW_PHI = Math.exp(-1 / (6 * 60));
const FAST_SIGMA = 0.14;
const FAST_PHI = Math.exp(-1 / 30);

/** One step of a stationary AR(1) process with standard deviation `sigma` (log space). */
function ar1(x: number, phi: number, sigma: number, random: Random): number {
  return phi * x + Math.sqrt(1 - phi * phi) * sigma * random.normal();
}

function smoothstep(x: number): number {
  const c = Math.min(1, Math.max(0, x));
  return c * c * (3 - 2 * c);
}

function envelope(e: { start: number; rise: number; plateau: number; fall: number }, t: number): number {
  const s = t - e.start;
  if (s <= 0) return 0;
  if (s < e.rise) return smoothstep(s / e.rise);
  if (s < e.rise + e.plateau) return 1;
  return 1 - smoothstep((s - e.rise - e.plateau) / e.fall);
}

function episodeEnd(e: { start: number; rise: number; plateau: number; fall: number }): number {
  return e.start + e.rise + e.plateau + e.fall;
}

function maxDelay(e: Episode): number {
  let max = 0;
  for (const target of e.targets.values()) max = Math.max(max, target.delay);
  return max;
}

/** Up to `count` distinct items, drawn with probability proportional to `weight` (items of weight 0 never). */
function weightedSample<T>(items: readonly T[], weight: (item: T) => number, count: number, random: Random): T[] {
  const pool = items.filter((item) => weight(item) > 0);
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) {
    const total = pool.reduce((sum, item) => sum + weight(item), 0);
    let x = random.next() * total;
    let index = pool.length - 1;
    for (let i = 0; i < pool.length; i++) {
      x -= weight(pool[i]!);
      if (x < 0) {
        index = i;
        break;
      }
    }
    chosen.push(...pool.splice(index, 1));
  }
  return chosen;
}

function emptyValues(): PollutantValues {
  return { pm25: null, pm10: null, no2: null, so2: null, co: null, o3: null };
}

function zeroes(): Record<Pollutant, number> {
  return { pm25: 0, pm10: 0, no2: 0, so2: 0, co: 0, o3: 0 };
}

function resetAccumulator(acc: HourAccumulator, hourEnd: number): void {
  acc.hourEnd = hourEnd;
  for (const p of POLLUTANTS) {
    acc.sum[p] = 0;
    acc.count[p] = 0;
  }
}

/** Reported precision: 0.1 µg/m³, CO (≈ 1 000 µg/m³) to 1 µg/m³. */
function round(value: number, p: Pollutant): number {
  const v = Math.max(0, value);
  return p === 'co' ? Math.round(v) : Math.round(v * 10) / 10;
}

/**
 * VN_AQI result → the protocol's AqiSummary: sub-indices as integers, pollutants without a sub-index omitted.
 * Only the pollutants with a sub-index appear in `sub` (AqiSummary.sub is a partial record).
 */
export function toAqiSummary(result: AqiResult): AqiSummary {
  const sub: Partial<Record<Pollutant, number>> = {};
  for (const p of POLLUTANTS) {
    const value = result.sub[p];
    if (value !== undefined && Number.isFinite(value)) sub[p] = Math.max(0, Math.round(value));
  }
  return { aqi: Math.round(result.aqi), dominant: result.dominant, band: result.band, sub };
}

function cloneSummary(summary: AqiSummary | null): AqiSummary | null {
  return summary ? { ...summary, sub: { ...summary.sub } } : null;
}
