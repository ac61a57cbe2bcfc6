import { z } from 'zod';
import { PortalCatalogue, type PortalData } from '../protocol/feed-data.js';
import type { FeedSimulator } from '../sim/feed-simulator.js';
import type { Random } from '../sim/random.js';
import { PortalDay } from './portal-day.js';
import { dayProfile } from './portal-day-profile.js';
import { PortalUnit } from './portal-unit.js';
import { unitTraits, type PortalUnitTraits } from './portal-unit-traits.js';
import { localDate, localDayOfWeek, localMidnight, nextDate } from './local-time.js';

export interface PortalSimulatorOptions {
  /** Local time, minutes east of UTC (default 420, Việt Nam). */
  readonly timeZoneOffsetMinutes?: number;
  /** Dossiers received province-wide on a working day, spread over units by weight (default 4,800). */
  readonly dossiersPerWorkday?: number;
  /** The procedure catalogue announced at start, from the region pack; none → no catalogue item. */
  readonly catalogue?: PortalCatalogue | null;
  /**
   * Demo: start() also reports the closing counters of the last working day before today (a whole simulated day),
   * so the units that fell behind then show their overdue dossiers at once (docs/incidents.md).
   */
  readonly demo?: boolean;
}

const DAY_MS = 86_400_000;

/** A quiet call is followed, after this many in a row, by a stats item anyway: every feed emits at least every 5 s. */
const MAX_QUIET_CALLS = 4;

const Units = z.array(PortalUnit).min(1);

/**
 * Simulated public-service portal (Cổng dịch vụ công): per unit, dossiers arrive through the local working day and
 * are resolved or left pending. Counters are cumulative for the local day and restart at local midnight. Each day
 * is simulated minute by minute from midnight with its own random stream (forked by date), so the counters at a
 * given simulated time do not depend on how often `tick` was called.
 */
export class PortalSimulator implements FeedSimulator<'portal'> {
  readonly feed = 'portal' as const;
  readonly #unitIds: readonly string[];
  readonly #traits: readonly PortalUnitTraits[];
  readonly #random: Random;
  readonly #offset: number;
  readonly #catalogue: PortalCatalogue | null;
  #day: PortalDay | null = null;
  readonly #demo: boolean;
  #last: number | null = null;
  #emittedVersion = -1;
  #quietCalls = 0;

  constructor(units: readonly PortalUnit[], random: Random, options: PortalSimulatorOptions = {}) {
    const valid: readonly PortalUnit[] = Units.parse(units);
    this.#unitIds = valid.map((unit) => unit.id);
    this.#traits = unitTraits(valid, random, options.dossiersPerWorkday ?? 4800);
    this.#random = random;
    this.#offset = options.timeZoneOffsetMinutes ?? 420;
    this.#catalogue = options.catalogue ? PortalCatalogue.parse(options.catalogue) : null;
    this.#demo = options.demo ?? false;
  }

  /** The catalogue, then the counters of the day so far (a hub starting at 15:00 shows a day's worth, not zeros). */
  start(simNowMs: number): PortalData[] {
    const catalogue: PortalData[] = this.#catalogue ? [{ kind: 'catalogue', catalogue: { ...this.#catalogue } }] : [];
    const closing = this.#demo && this.#last === null ? [this.#lastWorkdayClose(simNowMs)] : [];
    return [...catalogue, ...closing, ...this.#advance(simNowMs, true)];
  }

  tick(simNowMs: number): PortalData[] {
    return this.#advance(simNowMs, false);
  }

  /** Which units are chronically slow (for tests and documentation; the feed itself does not say). */
  get strugglingUnits(): string[] {
    return this.#unitIds.filter((_, i) => this.#traits[i]?.struggling);
  }

  #advance(simNowMs: number, force: boolean): PortalData[] {
    if (this.#last !== null && simNowMs <= this.#last && !force) return [];
    this.#last = Math.max(this.#last ?? simNowMs, simNowMs);
    const out: PortalData[] = [];
    const date = localDate(simNowMs, this.#offset);
    if (this.#day && this.#day.date !== date) {
      // Close the previous day with its final counters when we crossed one midnight; after a longer gap, skip it.
      if (nextDate(this.#day.date) === date) {
        this.#day.advanceTo(Infinity);
        out.push(this.#stats(this.#day));
      }
      this.#day = null;
    }
    const midnight = localMidnight(simNowMs, this.#offset);
    const day = (this.#day ??= this.#newDay(date, midnight));
    day.advanceTo(Math.floor((simNowMs - midnight) / 60_000));
    if (force || out.length > 0 || day.version !== this.#emittedVersion || ++this.#quietCalls >= MAX_QUIET_CALLS) {
      out.push(this.#stats(day));
    }
    return out;
  }

  /** Demo: the final counters of the most recent Monday–Friday before today, simulated minute by minute. */
  #lastWorkdayClose(simNowMs: number): PortalData {
    let midnight = localMidnight(simNowMs, this.#offset) - DAY_MS;
    while ([0, 6].includes(localDayOfWeek(midnight, this.#offset))) midnight -= DAY_MS;
    const date = localDate(midnight, this.#offset);
    const profile = dayProfile(localDayOfWeek(midnight, this.#offset));
    const day = new PortalDay(date, this.#unitIds, this.#traits, profile, this.#random.fork(`portal:day:${date}`));
    day.advanceTo(Infinity);
    return { kind: 'stats', date, units: day.stats() };
  }

  #newDay(date: string, midnight: number): PortalDay {
    const profile = dayProfile(localDayOfWeek(midnight, this.#offset));
    this.#emittedVersion = -1; // a new day is news even before its first dossier
    return new PortalDay(date, this.#unitIds, this.#traits, profile, this.#random.fork(`portal:day:${date}`));
  }

  #stats(day: PortalDay): PortalData {
    this.#emittedVersion = day.version;
    this.#quietCalls = 0;
    return { kind: 'stats', date: day.date, units: day.stats() };
  }
}
