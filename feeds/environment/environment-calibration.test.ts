import assert from 'node:assert/strict';
import { test } from 'node:test';
import { regionStationSites } from '../region/region-inputs.js';
import { loadRegion } from '../region/load-region.js';
import { Random } from '../sim/random.js';
import { EnvironmentSimulator } from './environment-simulator.js';

/**
 * Calibration (docs/simulation.md): the shipped region's 20 stations over simulated December weeks, hourly VN_AQI
 * per station-hour. Deterministic for the seeds; the bounds are the documented ones, with the measured values
 * printed beside them.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const region = await loadRegion(new URL('../../regions/hai-duong', import.meta.url).pathname);
const sites = regionStationSites(region);
const urban = new Set(sites.filter((s) => s.site === 'urban').map((s) => s.id));

interface StationHour {
  readonly station: string;
  readonly hourEnd: number;
  readonly aqi: number;
}

/** Every station's hourly VN_AQI for `days` from local midnight of `startIso`, and the urban PM2.5 readings' mean. */
function simulateDays(seed: number, startIso: string, days: number): { hours: StationHour[]; urbanPm25: number } {
  const t0 = Date.parse(startIso);
  const sim = new EnvironmentSimulator(sites, new Random(seed));
  sim.start(t0);
  const byKey = new Map<string, StationHour>();
  let pmSum = 0;
  let pmCount = 0;
  for (let t = t0 + 60_000; t <= t0 + days * DAY; t += 60_000) {
    for (const item of sim.tick(t)) {
      if (item.kind !== 'reading') continue;
      if (item.hourly) byKey.set(`${item.station}@${item.hourEnd}`, { station: item.station, hourEnd: item.hourEnd, aqi: item.hourly.aqi });
      if (urban.has(item.station) && item.values.pm25 !== null) {
        pmSum += item.values.pm25;
        pmCount += 1;
      }
    }
  }
  return { hours: [...byKey.values()].filter((h) => h.hourEnd > t0), urbanPm25: pmSum / pmCount };
}

const share = (hours: readonly StationHour[], test: (aqi: number) => boolean): number => hours.filter((h) => test(h.aqi)).length / hours.length;
const percent = (x: number): string => `${(x * 100).toFixed(1)} %`;

const december = [1, 2].map((seed) => simulateDays(seed, '2026-12-03T00:00:00+07:00', 7));
const decemberHours = december.flatMap((run) => run.hours);

test('December: most station-hours are Trung bình or Kém (VN_AQI 51–150); Xấu is a minority, Nguy hại all but absent', () => {
  const bands = [
    share(decemberHours, (a) => a <= 50),
    share(decemberHours, (a) => a > 50 && a <= 100),
    share(decemberHours, (a) => a > 100 && a <= 150),
    share(decemberHours, (a) => a > 150 && a <= 200),
    share(decemberHours, (a) => a > 200 && a <= 300),
    share(decemberHours, (a) => a > 300),
  ];
  console.info(`December station-hours by band (Tốt … Nguy hại): ${bands.map(percent).join(' / ')} of ${decemberHours.length}`);
  assert.ok(decemberHours.length > 2 * 7 * 24 * 18, `station-hours ${decemberHours.length}`);
  assert.ok((bands[1] ?? 0) + (bands[2] ?? 0) >= 0.7, `51–150: ${percent((bands[1] ?? 0) + (bands[2] ?? 0))} (bound ≥ 70 %)`);
  assert.ok((bands[3] ?? 0) <= 0.2, `151–200: ${percent(bands[3] ?? 0)} (bound ≤ 20 %)`);
  assert.ok((bands[4] ?? 0) + (bands[5] ?? 0) <= 0.02, `≥ 201: ${percent((bands[4] ?? 0) + (bands[5] ?? 0))} (bound ≤ 2 %)`);
  assert.ok((bands[5] ?? 0) <= 0.001, `≥ 301: ${percent(bands[5] ?? 0)} (bound ≤ 0.1 %)`);
});

test('December: an ordinary day has its median station in 51–150 and few Xấu hours', () => {
  const days = december.flatMap((run) => {
    const byDay = new Map<number, StationHour[]>();
    const t0 = Date.parse('2026-12-03T00:00:00+07:00');
    for (const h of run.hours) {
      const day = Math.floor((h.hourEnd - 1 - t0) / DAY);
      byDay.set(day, [...(byDay.get(day) ?? []), h]);
    }
    return [...byDay.values()];
  });
  const ordinary = days.filter((hours) => {
    const sorted = hours.map((h) => h.aqi).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    return median > 50 && median <= 150 && share(hours, (a) => a > 150) <= 0.25;
  });
  console.info(`ordinary December days (median 51–150, ≤ 25 % of station-hours Xấu or worse): ${ordinary.length} of ${days.length}`);
  assert.ok(ordinary.length >= days.length * 0.7, `${ordinary.length} of ${days.length} (bound ≥ 70 %)`);
});

test('December: episodes above 200 exist but are rare, short and local', () => {
  const above = decemberHours.filter((h) => h.aqi > 200);
  const stationDays = new Set(above.map((h) => `${h.station}@${Math.floor(h.hourEnd / DAY)}`));
  console.info(`station-hours above 200 in two December weeks: ${above.length}, on ${stationDays.size} station-days`);
  assert.ok(above.length >= 1, 'at least one episode above 200 in two December weeks');
  // Rare: at most a few percent of station-days see any hour above 200.
  assert.ok(stationDays.size <= 2 * 7 * 20 * 0.1, `${stationDays.size} station-days (bound ≤ 10 % of ${2 * 7 * 20})`);
});

test('seasons: December urban PM2.5 is at least twice July, and a July week is mostly Tốt', () => {
  const july = simulateDays(1, '2026-07-06T00:00:00+07:00', 3);
  const dec = december[0]!;
  console.info(`urban PM2.5 mean: December ${dec.urbanPm25.toFixed(1)} µg/m³, July ${july.urbanPm25.toFixed(1)} µg/m³`);
  assert.ok(dec.urbanPm25 >= 2 * july.urbanPm25, `${dec.urbanPm25} vs ${july.urbanPm25}`);
  assert.ok(dec.urbanPm25 >= 35 && dec.urbanPm25 <= 70, `December urban PM2.5 ${dec.urbanPm25} (bound 35–70)`);
  assert.ok(share(july.hours, (a) => a <= 100) >= 0.9, 'July at most Trung bình');
});
