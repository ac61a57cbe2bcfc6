import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EnvironmentData } from '../protocol/feed-data.js';
import { Random } from '../sim/random.js';
import { EnvironmentSimulator, MIN_SAMPLES_PER_HOUR, READING_EVERY_TICKS, SAMPLE_MS, type StationSite } from './environment-simulator.js';
import { hourlyAqi } from './hourly-aqi.js';
import type { Pollutant } from './pollutants.js';

const ALL: Pollutant[] = ['pm25', 'pm10', 'no2', 'so2', 'co', 'o3'];
const HOUR = 3_600_000;
const MINUTE = 60_000;
const OFFSET = 7 * HOUR;

/** A province-like network: 20 stations, every kind of site, not every station measuring everything. */
const STATIONS: StationSite[] = [
  { id: 'HD-AQ-01', name: 'TP Hải Dương – Quảng trường Độc Lập', site: 'urban', parameters: ALL },
  { id: 'HD-AQ-02', name: 'TP Hải Dương – Thanh Bình', site: 'urban', parameters: ALL },
  { id: 'HD-AQ-03', name: 'TP Chí Linh – Sao Đỏ', site: 'urban', parameters: ALL },
  { id: 'HD-AQ-04', name: 'TX Kinh Môn – An Lưu', site: 'urban', parameters: ['pm25', 'pm10', 'no2', 'co', 'o3'] },
  { id: 'HD-AQ-05', name: 'Thị trấn Gia Lộc', site: 'urban', parameters: ['pm25', 'pm10', 'o3'] },
  { id: 'HD-AQ-06', name: 'QL5 – Cẩm Giàng', site: 'traffic', parameters: ALL },
  { id: 'HD-AQ-07', name: 'QL5 – Kim Thành', site: 'traffic', parameters: ['pm25', 'pm10', 'no2', 'co'] },
  { id: 'HD-AQ-08', name: 'QL18 – Chí Linh', site: 'traffic', parameters: ALL },
  { id: 'HD-AQ-09', name: 'KCN Đại An', site: 'industrial', parameters: ALL },
  { id: 'HD-AQ-10', name: 'KCN Phúc Điền', site: 'industrial', parameters: ALL },
  { id: 'HD-AQ-11', name: 'KCN Nam Sách', site: 'industrial', parameters: ['pm25', 'pm10', 'so2', 'no2'] },
  { id: 'HD-AQ-12', name: 'Xi măng Phúc Sơn', site: 'cement', parameters: ALL },
  { id: 'HD-AQ-13', name: 'Xi măng Hoàng Thạch', site: 'cement', parameters: ALL },
  { id: 'HD-AQ-14', name: 'Xi măng Thành Công', site: 'cement', parameters: ['pm10', 'so2', 'no2', 'co'] },
  { id: 'HD-AQ-15', name: 'Nhiệt điện Phả Lại', site: 'power-plant', parameters: ALL },
  { id: 'HD-AQ-16', name: 'Nhiệt điện Phả Lại – cuối hướng gió', site: 'power-plant', parameters: ['pm25', 'pm10', 'so2', 'no2'] },
  { id: 'HD-AQ-17', name: 'Thanh Hà', site: 'background', parameters: ALL },
  { id: 'HD-AQ-18', name: 'Ninh Giang', site: 'background', parameters: ALL },
  { id: 'HD-AQ-19', name: 'Thanh Miện', site: 'background', parameters: ['pm25', 'pm10', 'so2', 'o3'] },
  { id: 'HD-AQ-20', name: 'Tứ Kỳ', site: 'background', parameters: ['pm25', 'pm10', 'no2', 'so2', 'o3'] },
];
const SITE_OF = new Map(STATIONS.map((s) => [s.id, s]));

type Reading = Extract<EnvironmentData, { kind: 'reading' }>;

interface Run {
  readonly t0: number;
  readonly start: EnvironmentData[];
  /** Items of each tick, with the simulated time passed to tick(). */
  readonly ticks: { readonly now: number; readonly items: EnvironmentData[] }[];
}

function simulate(options: { seed?: number; t0: number; stepMs: number; ticks: number; demo?: boolean; stations?: StationSite[] }): Run {
  const sim = new EnvironmentSimulator(options.stations ?? STATIONS, new Random(options.seed ?? 1), { demo: options.demo ?? false });
  const start = sim.start(options.t0);
  const ticks: Run['ticks'] = [];
  for (let i = 1; i <= options.ticks; i++) {
    const now = options.t0 + i * options.stepMs;
    ticks.push({ now, items: sim.tick(now) });
  }
  return { t0: options.t0, start, ticks };
}

function readingsOf(items: readonly EnvironmentData[]): Reading[] {
  return items.filter((item): item is Reading => item.kind === 'reading');
}

function localHour(ms: number): number {
  return new Date(ms + OFFSET).getUTCHours();
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** 14 January 2025, 00:00 in Hải Dương (UTC+7): a winter week. */
const WINTER = Date.UTC(2025, 0, 13, 17, 0, 0);
/** 3 simulated days, one tick per simulated minute (a driver at --speed 60). */
const threeDays = simulate({ t0: WINTER, stepMs: MINUTE, ticks: 3 * 1440 });
const allItems = [...threeDays.start, ...threeDays.ticks.flatMap((t) => t.items)];
const timedReadings = threeDays.ticks.flatMap(({ now, items }) => readingsOf(items).map((reading) => ({ now, reading })));

test('every item passes the contract schema EnvironmentData', () => {
  assert.ok(allItems.length > 15_000);
  for (const item of allItems) {
    const result = EnvironmentData.safeParse(item);
    assert.ok(result.success, `${JSON.stringify(item)}: ${result.error?.message}`);
  }
});

test('start() backfills: one reading per station, each with an hourly and a daily VN_AQI, sub-indices only for what it measures', () => {
  const readings = readingsOf(threeDays.start);
  assert.equal(threeDays.start.length, STATIONS.length);
  assert.deepEqual(readings.map((r) => r.station), STATIONS.map((s) => s.id));
  for (const reading of readings) {
    const site = SITE_OF.get(reading.station)!;
    assert.ok(reading.hourly, `${reading.station} has an hourly AQI at start`);
    assert.equal(reading.hourEnd, WINTER, 'the last complete hour at 00:00 ends at 00:00');
    assert.deepEqual(reading.daily?.date, '2025-01-13', 'the last complete local day');
    for (const p of ALL) {
      if (!site.parameters.includes(p)) {
        assert.equal(reading.values[p], null, `${reading.station} does not measure ${p}`);
        assert.equal(reading.hourly.sub[p], undefined);
      }
    }
    assert.ok(Object.keys(reading.hourly.sub).length > 0);
    assert.ok(Number.isInteger(reading.hourly.aqi) && reading.hourly.aqi > 0);
  }
});

test('online stations keep an hourly AQI; readings name the last complete hour; unmeasured parameters stay null', () => {
  let withHourly = 0;
  for (const { now, reading } of timedReadings) {
    if (reading.hourly) withHourly += 1;
    assert.equal(reading.hourEnd, Math.floor((now + OFFSET) / HOUR) * HOUR - OFFSET);
    const site = SITE_OF.get(reading.station)!;
    for (const p of ALL) if (!site.parameters.includes(p)) assert.equal(reading.values[p], null);
  }
  // Only stations just back from an outage may lack NowCast's 2 of the last 3 hours.
  assert.ok(withHourly / timedReadings.length > 0.97, `${withHourly} of ${timedReadings.length}`);
  const measuredNulls = timedReadings.filter(({ reading }) =>
    SITE_OF.get(reading.station)!.parameters.some((p) => reading.values[p] === null),
  );
  assert.ok(measuredNulls.length > 0, 'occasional single missing values');
  assert.ok(measuredNulls.length < timedReadings.length * 0.02);
});

test('daily cycle: urban PM2.5 higher at 08 h and 21 h than at 14 h; O3 higher at 15 h than at 06 h', () => {
  const at = (pollutant: Pollutant, hour: number, sites: readonly string[]): number =>
    mean(
      timedReadings
        .filter(({ now, reading }) => localHour(now) === hour && sites.includes(SITE_OF.get(reading.station)!.site))
        .map(({ reading }) => reading.values[pollutant])
        .filter((v): v is number => v !== null),
    );
  const pm8 = at('pm25', 8, ['urban']);
  const pm14 = at('pm25', 14, ['urban']);
  const pm21 = at('pm25', 21, ['urban']);
  assert.ok(pm8 > pm14 * 1.2, `08 h ${pm8} vs 14 h ${pm14}`);
  assert.ok(pm21 > pm14 * 1.2, `21 h ${pm21} vs 14 h ${pm14}`);
  const every = ['urban', 'traffic', 'industrial', 'cement', 'power-plant', 'background'];
  const o3at15 = at('o3', 15, every);
  const o3at6 = at('o3', 6, every);
  assert.ok(o3at15 > o3at6 * 2, `O3 15 h ${o3at15} vs 06 h ${o3at6}`);
  const no2at8 = at('no2', 8, ['traffic']);
  const no2at13 = at('no2', 13, ['traffic']);
  assert.ok(no2at8 > no2at13 * 1.3, `traffic NO2 08 h ${no2at8} vs 13 h ${no2at13}`);
});

test('plausible winter levels in the Red River delta, and no white-noise jumping', () => {
  const pm25 = timedReadings.map(({ reading }) => reading.values.pm25).filter((v): v is number => v !== null);
  const urban = timedReadings
    .filter(({ reading }) => SITE_OF.get(reading.station)!.site === 'urban')
    .map(({ reading }) => reading.values.pm25)
    .filter((v): v is number => v !== null);
  const urbanMean = mean(urban);
  assert.ok(urbanMean > 35 && urbanMean < 130, `urban PM2.5 mean in January ${urbanMean}`);
  assert.ok(Math.min(...pm25) >= 0);
  assert.ok(Math.max(...pm25) < 600, `max PM2.5 ${Math.max(...pm25)}`);
  // Consecutive readings of a station (5 simulated minutes apart here) move smoothly.
  const last = new Map<string, number>();
  const steps: number[] = [];
  for (const { reading } of timedReadings) {
    const v = reading.values.pm25;
    if (v === null || v <= 0) continue;
    const previous = last.get(reading.station);
    if (previous !== undefined) steps.push(Math.abs(Math.log(v / previous)));
    last.set(reading.station, v);
  }
  steps.sort((a, b) => a - b);
  const median = steps[Math.floor(steps.length / 2)]!;
  assert.ok(median < 0.1, `median |Δ log PM2.5| over 5 min = ${median}`);
});

test('SO2 is higher at cement and power-plant sites than at background sites', () => {
  const so2 = (sites: readonly string[]) =>
    mean(
      timedReadings
        .filter(({ reading }) => sites.includes(SITE_OF.get(reading.station)!.site))
        .map(({ reading }) => reading.values.so2)
        .filter((v): v is number => v !== null),
    );
  const industrial = so2(['cement', 'power-plant']);
  const background = so2(['background']);
  assert.ok(industrial > background * 3, `cement/power plant ${industrial} vs background ${background}`);
});

test('outages: reason in Vietnamese and English, 1–4 hours of silence, then restored', () => {
  const open = new Map<string, number>();
  const durations: number[] = [];
  for (const { now, items } of threeDays.ticks) {
    for (const item of items) {
      if (item.kind === 'outage') {
        assert.ok(!open.has(item.station), 'no second outage while in one');
        assert.ok(item.reason.vi.length > 0 && item.reason.en.length > 0);
        assert.notEqual(item.reason.vi, item.reason.en);
        open.set(item.station, now);
      } else if (item.kind === 'restored') {
        const since = open.get(item.station);
        assert.ok(since !== undefined, 'restored only after an outage');
        durations.push(now - since);
        open.delete(item.station);
      } else {
        assert.ok(!open.has(item.station), `${item.station} is silent during its outage`);
      }
    }
  }
  assert.ok(durations.length >= 1, 'at least one outage and its restoration in 3 days');
  for (const d of durations) assert.ok(d >= 60 * MINUTE && d <= 241 * MINUTE, `outage of ${d / MINUTE} min`);
  assert.ok(durations.length < 60, `${durations.length} outages in 3 days is too many`);
  const reasons = new Set(allItems.flatMap((item) => (item.kind === 'outage' ? [item.reason.en] : [])));
  assert.ok(reasons.size >= 2, `several kinds of outage: ${[...reasons].join(', ')}`);
});

test('deterministic: the same seed and times give identical items; another seed differs', () => {
  const options = { t0: WINTER + 5 * HOUR + 17_000, stepMs: 30_000, ticks: 1500 };
  const a = simulate({ ...options, seed: 42 });
  const b = simulate({ ...options, seed: 42 });
  const c = simulate({ ...options, seed: 43 });
  assert.deepEqual(b, a);
  assert.notDeepEqual(c.start, a.start);
  assert.notDeepEqual(c.ticks, a.ticks);
});

test('the hourly AQI of a reading equals hourlyAqi() of the hourly means rebuilt from the reported values', () => {
  // One tick per 12 simulated seconds: each station reports once per simulated minute, so the test sees every
  // 1-minute value (each covers the minute ending at floor(now / 1 min)) and can rebuild every hourly mean itself.
  const t0 = Date.UTC(2025, 5, 10, 9, 0, 0); // 10 June 2025, 16:00 local
  const run = simulate({ seed: 5, t0, stepMs: 12_000, ticks: 15 * 300 });
  const samples = new Map<string, Map<number, Reading['values']>>();
  const remember = (now: number, reading: Reading) => {
    const minute = Math.floor(now / SAMPLE_MS) * SAMPLE_MS;
    const series = samples.get(reading.station) ?? new Map<number, Reading['values']>();
    const seen = series.get(minute);
    if (seen) assert.deepEqual(reading.values, seen, 'a repeated minute repeats its values');
    series.set(minute, reading.values);
    samples.set(reading.station, series);
  };
  for (const reading of readingsOf(run.start)) remember(t0, reading);
  for (const { now, items } of run.ticks) for (const reading of readingsOf(items)) remember(now, reading);

  const hourlyMean = (station: string, hourEnd: number, p: Pollutant): number | null => {
    let sum = 0;
    let count = 0;
    for (let minute = hourEnd - HOUR + MINUTE; minute <= hourEnd; minute += MINUTE) {
      const v = samples.get(station)?.get(minute)?.[p];
      if (v === undefined || v === null) continue;
      sum += v;
      count += 1;
    }
    return count >= MIN_SAMPLES_PER_HOUR ? sum / count : null;
  };

  let checked = 0;
  let withAqi = 0;
  for (const { items } of run.ticks) {
    for (const reading of readingsOf(items)) {
      // Every minute of the 12 hours behind this NowCast was after start(), so the test saw them all.
      if (reading.hourEnd - 12 * HOUR < t0) continue;
      const twelve = (p: Pollutant) => Array.from({ length: 12 }, (_, age) => hourlyMean(reading.station, reading.hourEnd - age * HOUR, p));
      const expected = hourlyAqi({
        pm25: twelve('pm25'),
        pm10: twelve('pm10'),
        no2: hourlyMean(reading.station, reading.hourEnd, 'no2'),
        so2: hourlyMean(reading.station, reading.hourEnd, 'so2'),
        co: hourlyMean(reading.station, reading.hourEnd, 'co'),
        o3: hourlyMean(reading.station, reading.hourEnd, 'o3'),
      });
      checked += 1;
      if (expected === null) {
        assert.equal(reading.hourly, null);
        continue;
      }
      withAqi += 1;
      assert.ok(reading.hourly, `${reading.station} ${new Date(reading.hourEnd).toISOString()}`);
      assert.equal(reading.hourly.aqi, expected.aqi);
      assert.equal(reading.hourly.band, expected.band);
      assert.equal(reading.hourly.dominant, expected.dominant);
      assert.deepEqual(reading.hourly.sub, expected.sub);
    }
  }
  assert.ok(withAqi >= STATIONS.length * 2, `checked ${checked} readings, ${withAqi} with an AQI`);
});

test('demo: a cement/industrial station is Xấu (≥ 151) within minutes and an urban one passes 201 within the hour', () => {
  const starts = [
    WINTER, // 00:00 local, January
    WINTER + 13 * HOUR + 59 * MINUTE, // 13:59 local: the first complete hour comes a minute later
    Date.UTC(2025, 6, 15, 3, 30, 0), // 10:30 local, July: clean season
  ];
  for (const t0 of starts) {
    for (const seed of [1, 2, 3]) {
      const run = simulate({ seed, t0, stepMs: MINUTE, ticks: 60, demo: true });
      const within = (minutes: number) => [
        ...readingsOf(run.start),
        ...run.ticks.filter((t) => t.now - t0 <= minutes * MINUTE).flatMap((t) => readingsOf(t.items)),
      ];
      const label = `seed ${seed}, start ${new Date(t0).toISOString()}`;
      const cement = within(5).filter((r) => r.station === 'HD-AQ-12');
      assert.ok(cement.some((r) => (r.hourly?.aqi ?? 0) >= 151), `${label}: cement ${cement.map((r) => r.hourly?.aqi)}`);
      const urban = within(60).filter((r) => r.station === 'HD-AQ-01');
      assert.ok(urban.some((r) => (r.hourly?.aqi ?? 0) >= 201), `${label}: urban ${urban.map((r) => r.hourly?.aqi)}`);
      // Rất xấu is what the demo is after; Nguy hại would tell an operator the demo is broken.
      assert.ok(urban.every((r) => (r.hourly?.aqi ?? 0) <= 300), `${label}: urban above 300: ${urban.map((r) => r.hourly?.aqi)}`);
      assert.ok(within(60).some((r) => (r.hourly?.band ?? 0) >= 4));
    }
  }
  // A region whose only cement works has no SO2 analyser: the upset shows in PM.
  const small: StationSite[] = [
    { id: 'U', name: 'urban', site: 'urban', parameters: ['pm25', 'pm10'] },
    { id: 'C', name: 'cement', site: 'cement', parameters: ['pm25', 'pm10', 'no2'] },
    { id: 'B', name: 'background', site: 'background', parameters: ALL },
  ];
  for (const seed of [1, 2, 3]) {
    const run = simulate({ seed, t0: Date.UTC(2025, 6, 15, 3, 59, 0), stepMs: MINUTE, ticks: 60, demo: true, stations: small });
    const all = [...readingsOf(run.start), ...run.ticks.flatMap((t) => readingsOf(t.items))];
    const first = readingsOf(run.start).find((r) => r.station === 'C');
    assert.ok((first?.hourly?.aqi ?? 0) >= 151, `seed ${seed}: cement without SO2 ${first?.hourly?.aqi}`);
    assert.ok(all.some((r) => r.station === 'U' && (r.hourly?.aqi ?? 0) >= 201), `seed ${seed}: urban`);
  }
  // Without demo, the same start is an ordinary day: nothing that bad at once.
  const calm = simulate({ seed: 1, t0: Date.UTC(2025, 6, 15, 3, 30, 0), stepMs: MINUTE, ticks: 60 });
  assert.ok(readingsOf(calm.start).every((r) => (r.hourly?.aqi ?? 0) < 201));
});

test('cadence: at 1 s real = 1 s simulated, every window of 5 ticks carries a reading of every online station', () => {
  const t0 = Date.UTC(2025, 9, 20, 10, 0, 0);
  const sim = new EnvironmentSimulator(STATIONS, new Random(9));
  sim.start(t0);
  const perTick: EnvironmentData[][] = [];
  for (let i = 1; i <= 2 * 3600; i++) perTick.push(sim.tick(t0 + i * 1000));
  const offline = new Set<string>();
  for (let i = 0; i + READING_EVERY_TICKS <= perTick.length; i++) {
    const window = perTick.slice(i, i + READING_EVERY_TICKS).flat();
    assert.ok(window.some((item) => item.kind === 'reading'), `ticks ${i + 1}…${i + READING_EVERY_TICKS}`);
  }
  // Staggered: readings are spread over the ticks, not bunched on one.
  const counts = perTick.slice(0, 10).map((items) => readingsOf(items).length);
  assert.ok(Math.max(...counts) <= Math.ceil(STATIONS.length / READING_EVERY_TICKS), counts.join(','));
  // Each station reports every 5 ticks while online.
  const lastTick = new Map<string, number>();
  perTick.forEach((items, i) => {
    for (const item of items) {
      if (item.kind === 'outage') offline.add(item.station);
      else if (item.kind === 'restored') offline.delete(item.station);
      else {
        const previous = lastTick.get(item.station);
        if (previous !== undefined && !offline.has(item.station)) assert.ok(i - previous <= READING_EVERY_TICKS);
        lastTick.set(item.station, i);
      }
    }
  });
  assert.equal(lastTick.size, STATIONS.length);
});

test('a region with a single station still reports (no outage can silence the whole feed)', () => {
  const run = simulate({ seed: 3, t0: WINTER, stepMs: 60_000, ticks: 2 * 1440, stations: [STATIONS[0]!] });
  assert.ok(run.ticks.every((t) => t.items.every((item) => item.kind === 'reading')));
  for (let i = 0; i + 5 <= run.ticks.length; i++) assert.ok(run.ticks.slice(i, i + 5).some((t) => t.items.length > 0));
});

test('straw burning: evening smoke at rural stations is far more frequent in the June harvest than in August', () => {
  const smokyEvenings = (month: number, seed: number): number => {
    const t0 = Date.UTC(2025, month, 5, 17, 0, 0);
    const run = simulate({ seed, t0, stepMs: 5 * MINUTE, ticks: 10 * 288 });
    let smoky = 0;
    for (const { now, items } of run.ticks) {
      if (localHour(now) < 17) continue;
      for (const reading of readingsOf(items)) {
        if (SITE_OF.get(reading.station)!.site === 'background' && (reading.values.pm25 ?? 0) > 80) smoky += 1;
      }
    }
    return smoky;
  };
  const june = smokyEvenings(5, 1) + smokyEvenings(5, 2);
  const august = smokyEvenings(7, 1) + smokyEvenings(7, 2);
  assert.ok(june > 3 * august + 5, `background evening readings over 80 µg/m³: June ${june}, August ${august}`);
});
