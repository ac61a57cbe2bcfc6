import type { FeatureCollection } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';

export interface BasemapData {
  readonly province: FeatureCollection;
  readonly districts: FeatureCollection;
  readonly waterways: FeatureCollection;
  readonly roads: FeatureCollection;
}

/** Dark control-room palette: the data layers carry the colour, the basemap stays quiet. */
export const BASEMAP_COLORS = {
  background: '#0b1220',
  outside: '#0b1220',
  province: '#142033',
  districtLine: '#3a4d6b',
  provinceLine: '#7d93b8',
  water: '#1f4e79',
  road: '#4a5568',
  rail: '#5b6472',
} as const;

/**
 * A MapLibre style made only of the region pack's GeoJSON: no tiles, no sprite, no glyphs, so it renders offline
 * and requests nothing. Labels are drawn by deck.gl's TextLayer with the bundled Vietnamese font instead of MapLibre
 * symbol layers, which would need glyph PBFs.
 */
export function buildBasemapStyle(data: BasemapData): StyleSpecification {
  return {
    version: 8,
    name: 'ioc-basemap',
    sources: {
      province: { type: 'geojson', data: data.province },
      districts: { type: 'geojson', data: data.districts },
      waterways: { type: 'geojson', data: data.waterways },
      roads: { type: 'geojson', data: data.roads },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BASEMAP_COLORS.background } },
      { id: 'province-fill', type: 'fill', source: 'province', paint: { 'fill-color': BASEMAP_COLORS.province } },
      {
        id: 'waterways',
        type: 'line',
        source: 'waterways',
        paint: {
          'line-color': BASEMAP_COLORS.water,
          'line-width': ['match', ['get', 'waterway'], 'river', 2, 1],
          'line-opacity': ['match', ['get', 'waterway'], 'river', 0.9, 0.45],
        },
      },
      { id: 'district-lines', type: 'line', source: 'districts', paint: { 'line-color': BASEMAP_COLORS.districtLine, 'line-width': 1, 'line-dasharray': [3, 2] } },
      { id: 'province-line', type: 'line', source: 'province', paint: { 'line-color': BASEMAP_COLORS.provinceLine, 'line-width': 2 } },
      {
        id: 'rail',
        type: 'line',
        source: 'roads',
        filter: ['!', ['has', 'ref']],
        paint: { 'line-color': BASEMAP_COLORS.rail, 'line-width': 1.5, 'line-dasharray': [2, 2] },
      },
      {
        id: 'roads',
        type: 'line',
        source: 'roads',
        filter: ['has', 'ref'],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': BASEMAP_COLORS.road, 'line-width': 3 },
      },
    ],
  };
}
