import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PortalData, type PortalUnitStats } from '../protocol/feed-data.js';
import { Random } from '../sim/random.js';
import { onTimePercent, onlineSharePercent, sumPortalStats } from './portal-kpis.js';
import { PortalSimulator } from './portal-simulator.js';
import type { PortalUnit } from './portal-unit.js';

// The 12 districts (GSO codes) with rough population shares, and two provincial departments.
const DISTRICTS: [string, string, number][] = [
  ['288', 'Thành phố Hải Dương', 0.16],
  ['290', 'Thành phố Chí Linh', 0.09],
  ['291', 'Huyện Nam Sách', 0.07],
  ['292', 'Thị xã Kinh Môn', 0.09],
  ['293', 'Huyện Kim Thành', 0.07],
  ['294', 'Huyện Thanh Hà', 0.08],
  ['295', 'Huyện Cẩm Giàng', 0.07],
  ['296', 'Huyện Bình Giang', 0.06],
  ['297', 'Huyện Gia Lộc', 0.07],
  ['298', 'Huyện Tứ Kỳ', 0.08],
  ['299', 'Huyện Ninh Giang', 0.07],
  ['300', 'Huyện Thanh Miện', 0.06],
];
const UNITS: PortalUnit[] = [
  ...DISTRICTS.map(([id, vi, weight]): PortalUnit => ({ id, name: { vi, en: vi }, kind: 'district', weight })),
  { id: 'so-tu-phap', name: { vi: 'Sở Tư pháp', en: 'Department of Justice' }, kind: 'agency', weight: 0.04 },
  { id: 'so-khdt', name: { vi: 'Sở Kế hoạch và Đầu tư', en: 'Department of Planning and Investment' }, kind: 'agency', weight: 0.03 },
];

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Local midnight starting Monday 23 November 2026 in Hải Dương (UTC+7). */
const MONDAY = Date.UTC(2026, 10, 22, 17, 0, 0);

interface Call {
  at: number;
  items: PortalData[];
}

function run(seed: number, from: number, to: number, stepMs: number): { start: PortalData[]; calls: Call[]; sim: PortalSimulator } {
  const sim = new PortalSimulator(UNITS, new Random(seed), { catalogue: CATALOGUE });
  const start = sim.start(from);
  const calls: Call[] = [];
  for (let at = from + stepMs; at <= to; at += stepMs) calls.push({ at, items: sim.tick(at) });
  return { start, calls, sim };
}

type Stats = Extract<PortalData, { kind: 'stats' }>;
function statsItems(items: readonly PortalData[]): Stats[] {
  return items.filter((item): item is Stats => item.kind === 'stats');
}

/** The latest stats item emitted at or before `at`. */
function statsAt(calls: readonly Call[], at: number): Stats {
  let found: Stats | undefined;
  for (const call of calls) {
    if (call.at > at) break;
    found = statsItems(call.items).at(-1) ?? found;
  }
  if (!found) throw new Error(`no stats by ${new Date(at).toISOString()}`);
  return found;
}

function total(stats: Stats): PortalUnitStats {
  return { unit: 'all', ...sumPortalStats(stats.units) };
}

/** The catalogue of the Hải Dương pack's region.json (regions/hai-duong/SOURCES.md). */
const CATALOGUE = { total: 1960, fullyOnline: 335, partlyOnline: 664, informationOnly: 961, onNationalPortal: 543 };

const twoDays = run(1, MONDAY, MONDAY + 48 * HOUR, MINUTE);
const allStats = [...statsItems(twoDays.start), ...twoDays.calls.flatMap((c) => statsItems(c.items))];

test('start announces the catalogue: 1,960 = 335 + 664 + 961, 543 on the national portal', () => {
  assert.deepEqual(twoDays.start[0], {
    kind: 'catalogue',
    catalogue: { total: 1960, fullyOnline: 335, partlyOnline: 664, informationOnly: 961, onNationalPortal: 543 },
  });
  const catalogue = twoDays.start[0]?.kind === 'catalogue' ? twoDays.start[0].catalogue : null;
  assert.equal((catalogue?.fullyOnline ?? 0) + (catalogue?.partlyOnline ?? 0) + (catalogue?.informationOnly ?? 0), catalogue?.total);
  assert.equal(twoDays.start[1]?.kind, 'stats', 'and the counters so far');
});

test('every item is valid PortalData covering every unit', () => {
  for (const item of [...twoDays.start, ...twoDays.calls.flatMap((c) => c.items)]) {
    assert.ok(PortalData.safeParse(item).success, JSON.stringify(item));
    if (item.kind === 'stats') assert.deepEqual(item.units.map((u) => u.unit), UNITS.map((u) => u.id));
  }
});

test('invariants: received = resolved + pending, online ≤ received, integers ≥ 0', () => {
  for (const item of allStats) {
    for (const u of item.units) {
      assert.equal(u.received, u.resolvedOnTime + u.resolvedLate + u.pendingInTime + u.pendingOverdue, JSON.stringify(u));
      assert.ok(u.receivedOnline <= u.received);
      for (const value of Object.values(u)) if (typeof value === 'number') assert.ok(Number.isInteger(value) && value >= 0);
    }
  }
});

test('cumulative counters are monotonic within a day and restart at local midnight', () => {
  const dates = [...new Set(allStats.map((s) => s.date))];
  // The last call lands exactly on Wednesday's midnight: Tuesday's final counters, then Wednesday's zeros.
  assert.deepEqual(dates, ['2026-11-23', '2026-11-24', '2026-11-25']);
  assert.equal(total(allStats.at(-1) ?? ({} as Stats)).received, 0);
  const cumulative = ['received', 'receivedOnline', 'resolvedOnTime', 'resolvedLate'] as const;
  let previous: Stats | undefined;
  for (const item of allStats) {
    if (previous?.date === item.date) {
      item.units.forEach((u, i) => {
        for (const key of cumulative) assert.ok(u[key] >= (previous?.units[i]?.[key] ?? 0), `${u.unit} ${key}`);
      });
    }
    previous = item;
  }
  // The first item of Tuesday starts from zero; Monday's last item holds the whole day.
  const firstTuesday = allStats.find((s) => s.date === '2026-11-24');
  assert.equal(firstTuesday ? total(firstTuesday).received : -1, 0);
  const lastMonday = allStats.filter((s) => s.date === '2026-11-23').at(-1);
  assert.ok(lastMonday && total(lastMonday).received > 3000, `Monday total ${lastMonday ? total(lastMonday).received : 0}`);
});

test('nothing is received at 02:00; more arrives 09:00–09:30 than 12:30–13:00', () => {
  for (const day of [MONDAY, MONDAY + 24 * HOUR]) {
    assert.equal(total(statsAt(twoDays.calls, day + 2 * HOUR)).received, 0);
    const received = (h: number) => total(statsAt(twoDays.calls, day + h * HOUR)).received;
    const morning = received(9.5) - received(9);
    const lunch = received(13) - received(12.5);
    assert.ok(morning > 3 * lunch, `09:00 ${morning} vs 12:30 ${lunch}`);
    assert.ok(lunch >= 0);
  }
});

test('online share over a working day is near 53.51 %', () => {
  for (const date of ['2026-11-23', '2026-11-24']) {
    const last = allStats.filter((s) => s.date === date).at(-1);
    assert.ok(last);
    const share = onlineSharePercent(total(last)) ?? 0;
    assert.ok(share >= 50 && share <= 57, `${date}: ${share.toFixed(2)} %`);
  }
});

test('a few units are chronically worse: lower on-time share and more overdue', () => {
  const struggling = new Set(twoDays.sim.strugglingUnits);
  assert.ok(struggling.size >= 1 && struggling.size <= Math.ceil(UNITS.length / 3), [...struggling].join());
  const endOfMonday = statsAt(twoDays.calls, MONDAY + 17.5 * HOUR);
  const worst = Math.max(...endOfMonday.units.filter((u) => struggling.has(u.unit)).map((u) => onTimePercent(u) ?? 100));
  const others = endOfMonday.units.filter((u) => !struggling.has(u.unit));
  const best = Math.min(...others.map((u) => onTimePercent(u) ?? 0));
  assert.ok(worst < best, `struggling at best ${worst.toFixed(1)} %, others at worst ${best.toFixed(1)} %`);
  assert.ok(endOfMonday.units.some((u) => u.pendingOverdue > 0));
  assert.ok(others.every((u) => (onTimePercent(u) ?? 0) > 85));
});

test('weekends: Saturday morning brings a little, Sunday less, both far below a weekday', () => {
  const saturday = MONDAY + 5 * 24 * HOUR;
  const weekend = run(1, saturday, saturday + 48 * HOUR, 5 * MINUTE);
  const dayTotal = (date: string) => total(weekend.calls.flatMap((c) => statsItems(c.items)).filter((s) => s.date === date).at(-1) ?? statsItems(weekend.start)[0] ?? allStats[0] ?? ({} as Stats)).received;
  const monday = total(allStats.filter((s) => s.date === '2026-11-23').at(-1) ?? ({} as Stats)).received;
  const sat = dayTotal('2026-11-28');
  const sun = dayTotal('2026-11-29');
  assert.ok(sat > 0 && sat < monday / 2, `Saturday ${sat}, Monday ${monday}`);
  assert.ok(sun < sat, `Sunday ${sun}`);
  assert.equal(total(statsAt(weekend.calls, saturday + 14 * HOUR)).received - total(statsAt(weekend.calls, saturday + 12 * HOUR)).received < sat / 5, true);
});

test('a stats item at least every 5 calls, by night and by day, at speed 1', () => {
  for (const from of [MONDAY + 2 * HOUR, MONDAY + 9 * HOUR]) {
    const { calls } = run(2, from, from + 20 * MINUTE, 1000);
    let quiet = 0;
    for (const call of calls) {
      quiet = call.items.length === 0 ? quiet + 1 : 0;
      assert.ok(quiet < 5);
    }
  }
});

test('deterministic by seed, and the counters do not depend on how often tick is called', () => {
  const again = run(1, MONDAY, MONDAY + 48 * HOUR, MINUTE);
  assert.deepEqual(again.calls, twoDays.calls);
  const coarse = run(1, MONDAY, MONDAY + 15 * HOUR, 7 * MINUTE);
  const at = MONDAY + 14 * HOUR;
  assert.deepEqual(statsAt(coarse.calls, at), statsAt(twoDays.calls, at));
  const other = run(2, MONDAY, MONDAY + 15 * HOUR, 7 * MINUTE);
  assert.notDeepEqual(statsAt(other.calls, at), statsAt(twoDays.calls, at));
});

test('a hub starting mid-afternoon shows the day so far at once', () => {
  const sim = new PortalSimulator(UNITS, new Random(1), { catalogue: CATALOGUE });
  const items = sim.start(MONDAY + 15 * HOUR);
  const stats = statsItems(items)[0];
  assert.ok(stats);
  assert.deepEqual(stats, statsAt(twoDays.calls, MONDAY + 15 * HOUR));
});

test("a caller's own interface (no index signature) is accepted as units", () => {
  interface RegionUnit {
    id: string;
    name: { vi: string; en: string };
    kind: 'district' | 'agency';
    weight: number;
    gsoCode: string;
  }
  const units: RegionUnit[] = [{ id: '288', name: { vi: 'x', en: 'x' }, kind: 'district', weight: 1, gsoCode: '288' }];
  assert.equal(new PortalSimulator(units, new Random(1), { catalogue: CATALOGUE }).start(MONDAY).length, 2);
  assert.equal(new PortalSimulator(units, new Random(1)).start(MONDAY)[0]?.kind, 'stats', 'no catalogue in the pack, no catalogue item');
});

test('bad units are refused', () => {
  assert.throws(() => new PortalSimulator([], new Random(1)));
  assert.throws(() => new PortalSimulator([{ ...UNITS[0], weight: -1 } as PortalUnit], new Random(1)), /weight/);
});
