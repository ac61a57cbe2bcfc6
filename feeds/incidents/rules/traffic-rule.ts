import type { LonLat, TrafficData, TrafficSegment } from '../../protocol/feed-data.js';
import type { IncidentSeverity } from '../../protocol/incident.js';
import type { Detection, FeedRule } from '../detection.js';
import type { IncidentConfig } from '../incident-config.js';
import type { IncidentPlaces } from '../incident-places.js';

const ACCIDENT_SEVERITY: Record<'minor' | 'serious' | 'fatal', IncidentSeverity> = { minor: 'medium', serious: 'high', fatal: 'critical' };

/**
 * Traffic, on the hub clock (speeds carry no time of their own): a segment below congestedRatio × free flow in every
 * speeds item for congestedMinutes → traffic-congestion (once per episode; an item at or above the ratio ends it).
 * Every accident event → traffic-accident (fatal critical, serious high, minor medium).
 */
export class TrafficRule implements FeedRule<TrafficData> {
  readonly #config: IncidentConfig['traffic'];
  readonly #places: IncidentPlaces;
  readonly #segments = new Map<string, TrafficSegment>();
  /** Segment id → when it first went below the ratio, and whether this episode was reported. */
  readonly #slow = new Map<string, { since: number; reported: boolean }>();

  constructor(config: IncidentConfig['traffic'], places: IncidentPlaces) {
    this.#config = config;
    this.#places = places;
  }

  observe(data: TrafficData, at: number, seq?: number): Detection[] {
    const ref = seq !== undefined ? { seq } : {};
    switch (data.kind) {
      case 'network':
        this.#segments.clear();
        for (const segment of data.segments) this.#segments.set(segment.id, segment);
        return [];
      case 'accident-cleared':
        return [];
      case 'accident': {
        const segment = this.#segments.get(data.segmentId);
        const road = segment ? segment.name : { vi: data.segmentId, en: data.segmentId };
        return [
          {
            kind: 'traffic-accident',
            severity: ACCIDENT_SEVERITY[data.severity],
            dedupeKey: `traffic-accident:${data.id}`,
            title: { vi: `Tai nạn giao thông trên ${road.vi}: ${data.description.vi}`, en: `Traffic accident on ${road.en}: ${data.description.en}` },
            geometry: { type: 'Point', coordinates: [data.position[0], data.position[1]] },
            district: this.#places.districtAt(data.position),
            sources: [{ feed: 'traffic', ...ref, ref: data.id }],
            at,
          },
        ];
      }
      case 'speeds': {
        const out: Detection[] = [];
        const limitMs = this.#config.congestedMinutes * 60_000;
        for (const { id, kmh } of data.speeds) {
          const segment = this.#segments.get(id);
          if (!segment) continue;
          if (kmh >= this.#config.congestedRatio * segment.freeFlowKmh) {
            this.#slow.delete(id);
            continue;
          }
          const slow = this.#slow.get(id) ?? { since: at, reported: false };
          this.#slow.set(id, slow);
          if (slow.reported || at - slow.since < limitMs) continue;
          slow.reported = true;
          const percent = Math.round((kmh / segment.freeFlowKmh) * 100);
          const minutes = Math.round((at - slow.since) / 60_000);
          out.push({
            kind: 'traffic-congestion',
            severity: 'high',
            dedupeKey: `traffic-congestion:${id}`,
            title: {
              vi: `Ùn tắc trên ${segment.name.vi}: ${percent} % tốc độ tự do trong ${minutes} phút`,
              en: `Congestion on ${segment.name.en}: ${percent} % of free-flow speed for ${minutes} min`,
            },
            geometry: { type: 'LineString', coordinates: segment.path.map((p): [number, number] => [p[0], p[1]]) },
            district: this.#places.districtAt(midpoint(segment.path)),
            sources: [{ feed: 'traffic', ...ref, ref: id }],
            at,
          });
        }
        return out;
      }
    }
  }

  check(): Detection[] {
    return [];
  }
}

function midpoint(path: readonly LonLat[]): readonly [number, number] {
  const point = path[Math.floor(path.length / 2)] ?? path[0] ?? [0, 0];
  return [point[0], point[1]];
}
