import type { FeatureCollection } from 'geojson';
import type { DistrictCollection, RegionFrame, SocAgencyPlace, StationPlace } from '../../layers/index.js';
import type { PlaceLabel } from '../../layers/basemap/basemap-labels.js';
import { stationShortName } from '../../layers/environment/format-environment-data.js';
import type { RegionPack } from '../region/fetch-region.js';

/** What the layers and KPI cards need of a region pack: places, names by id, district labels. */
export interface RegionPlaces {
  readonly stations: StationPlace[];
  readonly stationNames: ReadonlyMap<string, string>;
  readonly agencies: SocAgencyPlace[];
  readonly agencyNames: ReadonlyMap<string, { vi: string; en: string }>;
  readonly districtNames: ReadonlyMap<string, string>;
  readonly regionFrame: RegionFrame;
  readonly placeLabels: PlaceLabel[];
  readonly districts: DistrictCollection;
}

const pointsOf = (collection: FeatureCollection): { id: string; name: string; nameEn: string; position: [number, number] }[] =>
  collection.features.flatMap((feature) => {
    const properties = feature.properties ?? {};
    if (feature.geometry.type !== 'Point') return [];
    const [lon, lat] = feature.geometry.coordinates;
    return [{ id: String(properties['id']), name: String(properties['name']), nameEn: String(properties['name_en'] ?? properties['name']), position: [lon ?? 0, lat ?? 0] as [number, number] }];
  });

export function regionPlaces(region: RegionPack): RegionPlaces {
  const stations: StationPlace[] = pointsOf(region.stations).map((s) => ({ id: s.id, name: { vi: s.name, en: s.nameEn }, position: s.position }));
  const districtNames = new Map(
    region.districts.features.map((f) => [String(f.properties?.['code']), String(f.properties?.['short_name'] ?? f.properties?.['name'])]),
  );
  return {
    stations,
    stationNames: new Map(stations.map((s) => [s.id, shortStationName(typeof s.name === 'string' ? s.name : s.name.vi)])),
    agencies: region.agencies.map((a) => ({ id: a.id, name: a.name, position: a.position, ...(a.ipRanges ? { ipRanges: a.ipRanges } : {}) })),
    agencyNames: new Map(region.agencies.map((a) => [a.id, a.name])),
    districtNames,
    regionFrame: { bbox: region.manifest.bbox, center: region.manifest.center },
    // District names at the seats (the seats file says which district each belongs to).
    placeLabels: region.seats.features.flatMap((feature) => {
      const code = String(feature.properties?.['district'] ?? '');
      const name = districtNames.get(code);
      if (!name || feature.geometry.type !== 'Point') return [];
      return [{ id: code, text: name, position: [feature.geometry.coordinates[0] ?? 0, feature.geometry.coordinates[1] ?? 0] as const }];
    }),
    districts: region.districts as unknown as DistrictCollection,
  };
}

/** The bars' and the map's short station name (one rule for both: layers/environment/format-environment-data.ts). */
export function shortStationName(name: string): string {
  return stationShortName(name);
}
