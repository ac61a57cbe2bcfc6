import type { SocData } from '../../protocol/feed-data.js';
import type { Detection, FeedRule } from '../detection.js';
import type { IncidentConfig } from '../incident-config.js';
import type { IncidentPlaces, Place } from '../incident-places.js';

/**
 * SOC alerts, on the sensor's clock (`observedAt`): a Suricata severity-1 alert → soc-high-severity (high); burstCount
 * or more alerts from one source to one target within burstMinutes → soc-burst (high, once per burst: the window
 * must fall below the count again before another); a Wazuh rule level ≥ wazuhLevel → soc-wazuh (level ≥ 15 critical,
 * else high).
 */
export class SocRule implements FeedRule<SocData> {
  readonly #config: IncidentConfig['soc'];
  readonly #places: IncidentPlaces;
  /** "src>dest" → observedAt of the alerts in the window (ascending), and whether this burst was reported. */
  readonly #pairs = new Map<string, { times: number[]; reported: boolean }>();
  /** Feed time: the newest observedAt seen. Idle pairs are judged on the sensor's clock, like the windows. */
  #feedNow = Number.NEGATIVE_INFINITY;

  constructor(config: IncidentConfig['soc'], places: IncidentPlaces) {
    this.#config = config;
    this.#places = places;
  }

  observe(alert: SocData, _at: number, seq?: number): Detection[] {
    if (alert.observedAt > this.#feedNow) this.#feedNow = alert.observedAt;
    const out: Detection[] = [];
    const place = this.#place(alert.agency, alert.destIp);
    const sources = [{ feed: 'soc', ...(seq !== undefined ? { seq } : {}), ref: alert.id }];
    const base = { geometry: place.geometry, district: place.district, sources, at: alert.observedAt };
    if (alert.sensor === 'suricata' && alert.severity === 1) {
      out.push({
        ...base,
        kind: 'soc-high-severity',
        severity: 'high',
        dedupeKey: `soc-high-severity:${alert.signatureId}:${alert.srcIp}>${alert.destIp}`,
        title: {
          vi: `Cảnh báo mức cao: ${alert.signature} (${alert.srcIp} → ${place.name.vi})`,
          en: `High-severity alert: ${alert.signature} (${alert.srcIp} → ${place.name.en})`,
        },
      });
    }
    if (alert.sensor === 'wazuh' && alert.level !== undefined && alert.level >= this.#config.wazuhLevel) {
      out.push({
        ...base,
        kind: 'soc-wazuh',
        severity: alert.level >= 15 ? 'critical' : 'high',
        dedupeKey: `soc-wazuh:${alert.signatureId}:${alert.agency ?? alert.destIp}`,
        title: {
          vi: `Wazuh mức ${alert.level}: ${alert.signature} tại ${place.name.vi}`,
          en: `Wazuh level ${alert.level}: ${alert.signature} at ${place.name.en}`,
        },
      });
    }
    const key = `${alert.srcIp}>${alert.destIp}`;
    const pair = this.#pairs.get(key) ?? { times: [], reported: false };
    this.#pairs.set(key, pair);
    const windowMs = this.#config.burstMinutes * 60_000;
    insertSorted(pair.times, alert.observedAt);
    const newest = pair.times[pair.times.length - 1] ?? alert.observedAt;
    while ((pair.times[0] ?? newest) <= newest - windowMs) pair.times.shift();
    if (pair.times.length < this.#config.burstCount) {
      pair.reported = false;
    } else if (!pair.reported) {
      pair.reported = true;
      out.push({
        ...base,
        kind: 'soc-burst',
        severity: 'high',
        dedupeKey: `soc-burst:${key}`,
        title: {
          vi: `${pair.times.length} cảnh báo từ ${alert.srcIp} tới ${place.name.vi} trong ${this.#config.burstMinutes} phút`,
          en: `${pair.times.length} alerts from ${alert.srcIp} to ${place.name.en} within ${this.#config.burstMinutes} min`,
        },
      });
    }
    return out;
  }

  /**
   * Forget idle pairs so a long-running hub does not keep every address it ever saw. Idle is measured against feed
   * time, not the hub clock: a sensor whose clock lags (or a replayed file) must not lose a burst split across posts.
   */
  check(_hubNow: number): Detection[] {
    const windowMs = this.#config.burstMinutes * 60_000;
    for (const [key, pair] of this.#pairs) {
      const newest = pair.times[pair.times.length - 1];
      if (newest === undefined || newest < this.#feedNow - 2 * windowMs) this.#pairs.delete(key);
    }
    return [];
  }

  #place(agency: string | null, destIp: string): Place {
    const place = agency !== null ? this.#places.agency(agency) : null;
    return place ?? { ...this.#places.unknown, name: { vi: destIp, en: destIp } };
  }
}

function insertSorted(times: number[], value: number): void {
  let i = times.length;
  while (i > 0 && (times[i - 1] ?? 0) > value) i -= 1;
  times.splice(i, 0, value);
}
