import type { PortalData } from '../../protocol/feed-data.js';
import type { Detection, FeedRule } from '../detection.js';
import type { IncidentConfig } from '../incident-config.js';
import type { IncidentPlaces } from '../incident-places.js';

/**
 * Public-service portal: a unit whose pending-overdue dossiers rise above overdueAbove → portal-overdue (medium),
 * once per crossing (a unit that falls back to the threshold or below may raise it again).
 */
export class PortalRule implements FeedRule<PortalData> {
  readonly #config: IncidentConfig['portal'];
  readonly #places: IncidentPlaces;
  readonly #above = new Set<string>();

  constructor(config: IncidentConfig['portal'], places: IncidentPlaces) {
    this.#config = config;
    this.#places = places;
  }

  observe(data: PortalData, at: number, seq?: number): Detection[] {
    if (data.kind !== 'stats') return [];
    const out: Detection[] = [];
    for (const unit of data.units) {
      if (unit.pendingOverdue <= this.#config.overdueAbove) {
        this.#above.delete(unit.unit);
        continue;
      }
      if (this.#above.has(unit.unit)) continue;
      this.#above.add(unit.unit);
      const place = this.#places.unit(unit.unit) ?? { ...this.#places.unknown, name: { vi: unit.unit, en: unit.unit } };
      out.push({
        kind: 'portal-overdue',
        severity: 'medium',
        dedupeKey: `portal-overdue:${unit.unit}`,
        title: {
          vi: `${place.name.vi}: ${unit.pendingOverdue} hồ sơ quá hạn chưa giải quyết (ngưỡng ${this.#config.overdueAbove})`,
          en: `${place.name.en}: ${unit.pendingOverdue} overdue dossiers pending (threshold ${this.#config.overdueAbove})`,
        },
        geometry: place.geometry,
        district: place.district,
        sources: [{ feed: 'portal', ...(seq !== undefined ? { seq } : {}), ref: `${unit.unit}@${data.date}` }],
        at,
      });
    }
    return out;
  }

  check(): Detection[] {
    return [];
  }
}
