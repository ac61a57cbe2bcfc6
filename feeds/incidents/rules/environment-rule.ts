import type { EnvironmentData } from '../../protocol/feed-data.js';
import type { Detection, FeedRule } from '../detection.js';
import type { IncidentConfig } from '../incident-config.js';
import type { IncidentPlaces } from '../incident-places.js';

const HOUR_MS = 3_600_000;
/** Hourly values kept per station: enough for any sensible `highHours`. */
const KEEP_HOURS = 48;

interface StationMemory {
  /** hourEnd → hourly VN_AQI. */
  readonly hours: Map<number, number>;
  /** The hourEnd a high / critical detection was last raised for (one per hour, not one per reading). */
  highHour: number;
  criticalHour: number;
  lastReportAt: number;
  lastSeq: number | undefined;
  silentReported: boolean;
}

/**
 * Air quality from the hourly VN_AQI each reading carries (data time = `hourEnd`): ≥ criticalAqi once → critical;
 * ≥ highAqi for highHours consecutive hours → high. Silence is measured on the hub clock (the item ts of the last
 * reading): no reading for more than silentMinutes → station-silent. A station is only known once it has reported.
 */
export class EnvironmentRule implements FeedRule<EnvironmentData> {
  readonly #config: IncidentConfig['environment'];
  readonly #places: IncidentPlaces;
  readonly #stations = new Map<string, StationMemory>();

  constructor(config: IncidentConfig['environment'], places: IncidentPlaces) {
    this.#config = config;
    this.#places = places;
  }

  observe(data: EnvironmentData, at: number, seq?: number): Detection[] {
    if (data.kind !== 'reading') return [];
    const memory = this.#memory(data.station);
    memory.lastReportAt = Math.max(memory.lastReportAt, at);
    memory.lastSeq = seq;
    memory.silentReported = false;
    if (data.hourly === null) return [];
    const aqi = data.hourly.aqi;
    memory.hours.set(data.hourEnd, aqi);
    for (const hourEnd of memory.hours.keys()) if (hourEnd < data.hourEnd - KEEP_HOURS * HOUR_MS) memory.hours.delete(hourEnd);
    const place = this.#place(data.station);
    const sources = [{ feed: 'environment', ...(seq !== undefined ? { seq } : {}), ref: data.station }];
    const detect = (severity: 'critical' | 'high', title: Detection['title']): Detection[] => [
      { kind: 'air-quality', severity, dedupeKey: `air-quality:${data.station}`, title, geometry: place.geometry, district: place.district, sources, at: data.hourEnd, value: aqi },
    ];
    if (aqi >= this.#config.criticalAqi && memory.criticalHour !== data.hourEnd) {
      memory.criticalHour = data.hourEnd;
      memory.highHour = data.hourEnd;
      return detect('critical', {
        vi: `Chất lượng không khí Rất xấu (VN_AQI ${aqi}) tại ${place.name.vi}`,
        en: `Very poor air quality (VN_AQI ${aqi}) at ${place.name.en}`,
      });
    }
    if (aqi >= this.#config.highAqi && memory.highHour !== data.hourEnd && this.#consecutiveHigh(memory, data.hourEnd) >= this.#config.highHours) {
      memory.highHour = data.hourEnd;
      return detect('high', {
        vi: `Chất lượng không khí Xấu ${this.#config.highHours} giờ liên tiếp (VN_AQI ${aqi}) tại ${place.name.vi}`,
        en: `Poor air quality for ${this.#config.highHours} consecutive hours (VN_AQI ${aqi}) at ${place.name.en}`,
      });
    }
    return [];
  }

  check(now: number): Detection[] {
    const out: Detection[] = [];
    const limit = this.#config.silentMinutes * 60_000;
    for (const [station, memory] of this.#stations) {
      if (memory.silentReported || now - memory.lastReportAt <= limit) continue;
      memory.silentReported = true;
      const place = this.#place(station);
      const hours = Math.floor(((now - memory.lastReportAt) / HOUR_MS) * 10) / 10;
      out.push({
        kind: 'station-silent',
        severity: 'medium',
        dedupeKey: `station-silent:${station}`,
        title: {
          vi: `Trạm quan trắc ${place.name.vi} không gửi dữ liệu ${hours} giờ`,
          en: `Monitoring station ${place.name.en} silent for ${hours} h`,
        },
        geometry: place.geometry,
        district: place.district,
        sources: [{ feed: 'environment', ...(memory.lastSeq !== undefined ? { seq: memory.lastSeq } : {}), ref: station }],
        at: now,
      });
    }
    return out;
  }

  #consecutiveHigh(memory: StationMemory, hourEnd: number): number {
    let count = 0;
    for (let h = hourEnd; (memory.hours.get(h) ?? -1) >= this.#config.highAqi; h -= HOUR_MS) count += 1;
    return count;
  }

  #memory(station: string): StationMemory {
    let memory = this.#stations.get(station);
    if (!memory) {
      memory = { hours: new Map(), highHour: Number.NaN, criticalHour: Number.NaN, lastReportAt: Number.NEGATIVE_INFINITY, lastSeq: undefined, silentReported: false };
      this.#stations.set(station, memory);
    }
    return memory;
  }

  #place(station: string) {
    const place = this.#places.station(station);
    return place ?? { ...this.#places.unknown, name: { vi: station, en: station } };
  }
}
