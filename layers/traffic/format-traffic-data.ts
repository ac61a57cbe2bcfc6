import type { LonLat, LocalizedText } from '../../feeds/protocol/feed-data.js';
import { ownValue } from '../../feeds/protocol/own-record.js';
import type { TrafficState } from '../../feeds/traffic/traffic-reducer.js';
import { memoizeFormat } from '../common/format-memo.js';
import type { MapPick } from '../common/layer-input.js';
import { roadClassOf, type AccidentSeverity, type RoadClass } from './traffic-style.js';

/** One road segment as the PathLayer draws it; also the picked object (tooltip: name, km/h, ratio). */
export interface TrafficSegmentDatum extends MapPick {
  feed: 'traffic';
  road: string;
  roadClass: RoadClass;
  /** The state's own path array (not copied). */
  path: LonLat[];
  /** Latest measured speed, null when none yet. Also `value`. */
  kmh: number | null;
  freeFlowKmh: number;
  /** kmh / freeFlowKmh, null when no speed. */
  ratio: number | null;
  lengthM: number;
}

export interface TrafficAccidentDatum extends MapPick {
  feed: 'traffic';
  segmentId: string;
  position: LonLat;
  severity: AccidentSeverity;
  lanesBlocked: number;
  /** When the accident was reported (item ts). */
  ts: number;
}

export interface TrafficLayerData {
  segments: TrafficSegmentDatum[];
  accidents: TrafficAccidentDatum[];
}

const ACCIDENT_NAME: Readonly<Record<AccidentSeverity, LocalizedText>> = {
  minor: { vi: 'Tai nạn nhẹ', en: 'Minor accident' },
  serious: { vi: 'Tai nạn nghiêm trọng', en: 'Serious accident' },
  fatal: { vi: 'Tai nạn chết người', en: 'Fatal accident' },
};

/** Pure: TrafficState → the flat arrays the traffic layers draw (segments sorted by id so the order is stable). */
export function formatTrafficData(state: TrafficState): TrafficLayerData {
  const segments = Object.values(state.segments)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((segment): TrafficSegmentDatum => {
      const kmh = ownValue(state.speeds, segment.id)?.kmh ?? null;
      return {
        feed: 'traffic',
        id: segment.id,
        name: segment.name,
        value: kmh,
        unit: 'km/h',
        road: segment.road,
        roadClass: roadClassOf(segment.road),
        path: segment.path,
        kmh,
        freeFlowKmh: segment.freeFlowKmh,
        ratio: kmh === null ? null : kmh / segment.freeFlowKmh,
        lengthM: segment.lengthM,
      };
    });
  const accidents = Object.values(state.accidents)
    .sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((accident): TrafficAccidentDatum => {
      const title = ACCIDENT_NAME[accident.severity];
      return {
        feed: 'traffic',
        id: accident.id,
        name: { vi: `${title.vi}: ${accident.description.vi}`, en: `${title.en}: ${accident.description.en}` },
        value: accident.lanesBlocked,
        unit: 'lanes',
        segmentId: accident.segmentId,
        position: accident.position,
        severity: accident.severity,
        lanesBlocked: accident.lanesBlocked,
        ts: accident.ts,
      };
    });
  return { segments, accidents };
}

/** formatTrafficData memoised by (state, version): see common/format-memo.ts. */
export const formatTrafficDataCached = memoizeFormat(formatTrafficData);
