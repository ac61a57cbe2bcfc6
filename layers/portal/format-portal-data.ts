import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { LocalizedText, PortalUnitStats } from '../../feeds/protocol/feed-data.js';
import { ownValue } from '../../feeds/protocol/own-record.js';
import type { PortalState } from '../../feeds/portal/portal-reducer.js';
import { memoizeFormat } from '../common/format-memo.js';
import type { MapPick } from '../common/layer-input.js';

/** District properties as the region pack's districts.geojson has them (only `code` and `name` are required). */
export interface DistrictProperties {
  /** GSO district code, the portal's unit id for a district. */
  code: string;
  name: string;
  name_en?: string;
  short_name?: string;
  type?: string;
  [key: string]: unknown;
}

export type DistrictCollection = FeatureCollection<Polygon | MultiPolygon, DistrictProperties>;

/** The picked object's properties: the district plus its figures. */
export interface DistrictPickProperties extends MapPick {
  feed: 'portal';
  /** On-time rate 0…1, null when nothing resolved. */
  rate: number | null;
  stats: PortalUnitStats | null;
}

export type DistrictFeature = Feature<Polygon | MultiPolygon, DistrictPickProperties>;

/** By the district file's `type` (text from the region pack): a Map, so no type reads an Object.prototype member. */
const TYPE_EN: ReadonlyMap<string, string> = new Map([['Thành phố', 'City'], ['Thị xã', 'Town'], ['Huyện', 'District'], ['Quận', 'Urban district']]);

function districtName(properties: DistrictProperties): LocalizedText {
  const type = properties.type === undefined ? undefined : TYPE_EN.get(properties.type);
  const en = properties.name_en ?? (properties.short_name && type ? `${properties.short_name} ${type}` : properties.name);
  return { vi: properties.name, en };
}

/** resolvedOnTime / (resolvedOnTime + resolvedLate), null when nothing has been resolved. */
export function onTimeRate(stats: Pick<PortalUnitStats, 'resolvedOnTime' | 'resolvedLate'> | null | undefined): number | null {
  if (!stats) return null;
  const resolved = stats.resolvedOnTime + stats.resolvedLate;
  return resolved === 0 ? null : stats.resolvedOnTime / resolved;
}

/**
 * Pure: portal state + district polygons → features for the choropleth. Each feature is new (its properties carry
 * the figures for the tooltip) but its geometry is the input's, by reference. Units that are not districts
 * (provincial agencies) are not on this map.
 * Rebuilding 12 district features per portal update is cheap; a region pack with hundreds of communes should
 * switch to stable features and a colour lookup with updateTriggers instead.
 */
export function formatPortalData(state: PortalState, districts: DistrictCollection | null): DistrictFeature[] {
  if (!districts) return [];
  return districts.features.flatMap((feature): DistrictFeature[] => {
    const properties = feature.properties;
    if (!properties || typeof properties.code !== 'string') return [];
    const stats = ownValue(state.units, properties.code) ?? null;
    const rate = onTimeRate(stats);
    return [{
      type: 'Feature',
      geometry: feature.geometry,
      properties: {
        feed: 'portal',
        id: properties.code,
        name: districtName(properties),
        value: rate === null ? null : Math.round(rate * 1000) / 10,
        unit: '%',
        rate,
        stats,
      },
    }];
  });
}

/** formatPortalData memoised by (state, version, districts): see common/format-memo.ts. */
export const formatPortalDataCached = memoizeFormat(formatPortalData);
