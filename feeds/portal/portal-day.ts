import type { PortalUnitStats } from '../protocol/feed-data.js';
import type { Random } from '../sim/random.js';
import { MINUTES_PER_DAY, WEEKDAY_RATE_SUM, type DayProfile } from './portal-day-profile.js';
import type { PortalUnitTraits } from './portal-unit-traits.js';

/** A dossier received today that will still change state today (resolve and/or fall overdue). */
interface Tracked {
  /** First minute it counts as overdue if still unresolved (Infinity: not due today). */
  readonly overdueAt: number;
  /** Minute its result is issued (Infinity: not today). */
  readonly resolveAt: number;
  overdue: boolean;
}

/** Same-day procedures are due 2, 4 or 8 office hours after arrival, and never later than the counters close. */
const SAME_DAY_DEADLINES = [120, 240, 480] as const;
/** Staff finish the day's results up to half an hour after the counters close. */
const STAFF_OVERTIME = 30;
const SPREAD = 0.7; // log-normal sigma of processing times

function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  // Normal approximation for large means (Knuth's product would underflow e^-mean).
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.normal()));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random.next(); p > limit; p *= random.next()) k++;
  return k;
}

/**
 * One local day of dossier traffic, simulated minute by minute from midnight. Counters cover the dossiers
 * received that day: each is resolved (on time / late) or pending (in time / overdue), so
 * received = resolvedOnTime + resolvedLate + pendingInTime + pendingOverdue at every minute.
 */
export class PortalDay {
  readonly date: string;
  /** Minutes of the day simulated so far (0 … 1440). */
  minutesDone = 0;
  /** Bumped whenever a counter changes, so the simulator knows whether there is news. */
  version = 0;
  readonly #profile: DayProfile;
  readonly #traits: readonly PortalUnitTraits[];
  readonly #random: Random;
  readonly #stats: PortalUnitStats[];
  readonly #tracked: Tracked[][];

  constructor(date: string, unitIds: readonly string[], traits: readonly PortalUnitTraits[], profile: DayProfile, random: Random) {
    this.date = date;
    this.#profile = profile;
    this.#traits = traits;
    this.#random = random;
    this.#stats = unitIds.map((unit) => ({
      unit, received: 0, resolvedOnTime: 0, resolvedLate: 0, pendingInTime: 0, pendingOverdue: 0, receivedOnline: 0,
    }));
    this.#tracked = unitIds.map(() => []);
  }

  /** Simulate every minute before `minute` (clamped to the day). */
  advanceTo(minute: number): void {
    const end = Math.min(MINUTES_PER_DAY, Math.max(0, minute));
    for (; this.minutesDone < end; this.minutesDone++) this.#minute(this.minutesDone);
  }

  /** Copies of the current counters, in unit order. */
  stats(): PortalUnitStats[] {
    return this.#stats.map((s) => ({ ...s }));
  }

  #minute(m: number): void {
    this.#stats.forEach((stats, index) => {
      const traits = this.#traits[index];
      const tracked = this.#tracked[index];
      if (!traits || !tracked) return;
      if (tracked.length > 0) this.#transitions(m, stats, tracked, index);
      this.#arrivals(m, stats, tracked, traits);
    });
  }

  #transitions(m: number, stats: PortalUnitStats, tracked: Tracked[], index: number): void {
    let changed = false;
    const open = tracked.filter((d) => {
      if (!d.overdue && d.overdueAt <= m && d.resolveAt >= d.overdueAt) {
        d.overdue = true;
        stats.pendingInTime--;
        stats.pendingOverdue++;
        changed = true;
      }
      if (d.resolveAt > m) return true;
      if (d.overdue) {
        stats.pendingOverdue--;
        stats.resolvedLate++;
      } else {
        stats.pendingInTime--;
        stats.resolvedOnTime++;
      }
      changed = true;
      return false;
    });
    if (changed) {
      this.#tracked[index] = open;
      this.version++;
    }
  }

  #arrivals(m: number, stats: PortalUnitStats, tracked: Tracked[], traits: PortalUnitTraits): void {
    const rate = this.#profile.rate[m] ?? 0;
    const count = poisson(this.#random, (traits.dailyVolume * rate) / WEEKDAY_RATE_SUM);
    if (count === 0) return;
    this.version++;
    const office = this.#profile.office[m] === 1;
    const close = this.#profile.officeClose;
    const onlineShare = office ? Math.min(0.98, Math.max(0.02, this.#profile.officeOnlineShare + traits.onlineBias)) : 1;
    const random = this.#random;
    for (let i = 0; i < count; i++) {
      stats.received++;
      stats.pendingInTime++;
      if (random.chance(onlineShare)) stats.receivedOnline++;
      // Out-of-hours dossiers wait for tomorrow's staff: pending in time for the rest of the day.
      if (!office) continue;
      const minutes = Math.max(1, Math.round(traits.medianMinutes * Math.exp(SPREAD * random.normal())));
      if (random.chance(traits.sameDayShare)) {
        const overdueAt = Math.min(m + random.pick(SAME_DAY_DEADLINES), close);
        const resolveAt = m + minutes <= close + STAFF_OVERTIME ? m + minutes : Infinity;
        tracked.push({ overdueAt, resolveAt, overdue: false });
      } else if (random.chance(traits.earlyShare)) {
        // A multi-day procedure finished early: due days from now, so on time whenever it resolves today.
        const resolveAt = m + 3 * minutes <= close + STAFF_OVERTIME ? m + 3 * minutes : Infinity;
        if (resolveAt !== Infinity) tracked.push({ overdueAt: Infinity, resolveAt, overdue: false });
      }
    }
  }
}
