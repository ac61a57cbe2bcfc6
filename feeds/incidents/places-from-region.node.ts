import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Region } from '../region/index.js';
import type { IncidentPlaces, Place } from './incident-places.js';

/** The rules' places from a loaded region pack: stations and agencies as points, districts by seat (else polygon). */
export function placesFromRegion(region: Region): IncidentPlaces {
  const stations = new Map<string, Place>(
    region.stations.map((s) => [s.id, { name: { vi: s.name, en: s.nameEn }, geometry: { type: 'Point', coordinates: [s.position[0], s.position[1]] }, district: s.district }]),
  );
  const agencies = new Map<string, Place>(
    region.agencies.map((a) => [a.id, { name: { ...a.name }, geometry: { type: 'Point', coordinates: [a.position[0], a.position[1]] }, district: a.district }]),
  );
  const seats = new Map(region.seats.map((seat) => [seat.district, seat]));
  const districts = new Map<string, Place>(
    region.districts.map((d) => {
      const seat = seats.get(d.code);
      return [
        d.code,
        {
          name: { vi: d.name, en: d.shortName },
          geometry: seat ? { type: 'Point', coordinates: [seat.position[0], seat.position[1]] } : d.geometry,
          district: d.code,
        },
      ];
    }),
  );
  const [minLon, minLat, maxLon, maxLat] = region.manifest.bbox;
  return {
    station: (id) => stations.get(id) ?? null,
    agency: (id) => agencies.get(id) ?? null,
    unit: (id) => districts.get(id) ?? agencies.get(id) ?? null,
    districtAt: (position) => region.districts.find((d) => booleanPointInPolygon([position[0], position[1]], d.geometry))?.code ?? null,
    unknown: {
      name: { vi: region.province.name, en: region.province.name },
      geometry: { type: 'Point', coordinates: [(minLon + maxLon) / 2, (minLat + maxLat) / 2] },
      district: null,
    },
  };
}
