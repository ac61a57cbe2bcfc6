/**
 * When dossiers arrive, per minute of the local day. Offices ("one-stop shop" counters, bộ phận một cửa) work
 * 07:30–11:30 and 13:30–17:00 Monday to Friday and Saturday morning at a reduced level; outside those hours only
 * online submissions trickle in, and nothing at all between 22:00 and 06:00. Holidays are not modelled.
 */

interface Segment {
  readonly from: string;
  readonly to: string;
  /** Relative arrival rate; 1 ≈ an ordinary office hour. */
  readonly rate: number;
  /** Counters open: walk-in dossiers arrive and staff process. */
  readonly office: boolean;
}

const WEEKDAY: readonly Segment[] = [
  { from: '06:00', to: '07:30', rate: 0.15, office: false },
  { from: '07:30', to: '08:00', rate: 0.7, office: true },
  { from: '08:00', to: '10:30', rate: 1.3, office: true }, // the morning queue
  { from: '10:30', to: '11:30', rate: 0.9, office: true },
  { from: '11:30', to: '13:30', rate: 0.15, office: false }, // lunch
  { from: '13:30', to: '14:00', rate: 0.7, office: true },
  { from: '14:00', to: '16:00', rate: 1.0, office: true },
  { from: '16:00', to: '17:00', rate: 0.8, office: true },
  { from: '17:00', to: '22:00', rate: 0.12, office: false },
];
const SATURDAY: readonly Segment[] = [
  { from: '06:00', to: '07:30', rate: 0.08, office: false },
  { from: '07:30', to: '11:30', rate: 0.3, office: true },
  { from: '11:30', to: '22:00', rate: 0.08, office: false },
];
const SUNDAY: readonly Segment[] = [{ from: '07:00', to: '21:00', rate: 0.05, office: false }];

export const MINUTES_PER_DAY = 1440;

/** Offices and online: the share of dossiers filed online province-wide (docs/simulation.md). */
export const ONLINE_SHARE_TARGET = 0.5351;

export interface DayProfile {
  /** Relative arrival rate for each minute of the day. */
  readonly rate: Float64Array;
  readonly office: Uint8Array;
  /** Minute at which the last office session ends (deadlines of same-day procedures are capped there). */
  readonly officeClose: number;
  /** Probability that a dossier arriving while offices are open is filed online, so the day's share hits the target. */
  readonly officeOnlineShare: number;
}

function toMinute(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function build(segments: readonly Segment[]): DayProfile {
  const rate = new Float64Array(MINUTES_PER_DAY);
  const office = new Uint8Array(MINUTES_PER_DAY);
  let officeClose = 0;
  for (const segment of segments) {
    const from = toMinute(segment.from);
    const to = toMinute(segment.to);
    rate.fill(segment.rate, from, to);
    office.fill(segment.office ? 1 : 0, from, to);
    if (segment.office) officeClose = Math.max(officeClose, to);
  }
  let total = 0;
  let offHours = 0;
  rate.forEach((r, minute) => {
    total += r;
    if (!office[minute]) offHours += r;
  });
  // Everything filed out of hours is online; solve for the office-hours share that makes the day's mix the target.
  const offShare = total > 0 ? offHours / total : 1;
  const officeOnlineShare = offShare >= 1 ? 0 : Math.min(1, Math.max(0, (ONLINE_SHARE_TARGET - offShare) / (1 - offShare)));
  return { rate, office, officeClose, officeOnlineShare };
}

const PROFILES = { weekday: build(WEEKDAY), saturday: build(SATURDAY), sunday: build(SUNDAY) };

/** Sum of a weekday's rates: arrival rates are scaled so that a weekday brings a unit its daily volume. */
export const WEEKDAY_RATE_SUM = PROFILES.weekday.rate.reduce((sum, r) => sum + r, 0);

export function dayProfile(dayOfWeek: number): DayProfile {
  return dayOfWeek === 0 ? PROFILES.sunday : dayOfWeek === 6 ? PROFILES.saturday : PROFILES.weekday;
}
