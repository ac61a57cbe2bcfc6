import { zoneOffsetMs } from '../time/zoned-time.js';
import type { Region } from './index.js';
import type { PortalUnit } from '../portal/portal-unit.js';
import type { AgencyTarget } from '../soc/agency-target.js';
import type { RoadInput } from '../traffic/road-network.js';

/** Adapters from a loaded region pack to the simulators' own small input types (they do not know the pack). */

export function regionRoads(region: Region): RoadInput[] {
  return region.roads.flatMap((road) =>
    road.kind === 'road' && road.freeFlowKmh !== null
      ? [{ ref: road.ref ?? road.id, name: { vi: road.name, en: road.nameEn ?? road.name }, lines: road.lines, freeFlowKmh: road.freeFlowKmh }]
      : [],
  );
}

export function regionStationSites(region: Region) {
  return region.stations.map((station) => ({ id: station.id, name: station.name, site: station.site, parameters: [...station.parameters] }));
}

export function regionAgencyTargets(region: Region): AgencyTarget[] {
  return region.agencies;
}

/**
 * Portal units: every district, weighted by how many of the pack's agencies sit there (a data-driven stand-in for
 * population: the seat of the province has most of both), plus the agencies that run one-stop desks themselves.
 */
export function regionPortalUnits(region: Region): PortalUnit[] {
  const agenciesPerDistrict = new Map<string, number>();
  for (const agency of region.agencies) agenciesPerDistrict.set(agency.district, (agenciesPerDistrict.get(agency.district) ?? 0) + 1);
  const districts: PortalUnit[] = region.districts.map((district) => ({
    id: district.code,
    name: { vi: district.name, en: district.shortName },
    kind: 'district',
    weight: 1 + 0.15 * (agenciesPerDistrict.get(district.code) ?? 0),
  }));
  const agencies: PortalUnit[] = region.agencies
    .filter((agency) => agency.kind === 'province-department' || agency.kind === 'public-service')
    .map((agency) => ({ id: agency.id, name: agency.name, kind: 'agency', weight: 0.4 }));
  return [...districts, ...agencies];
}

/**
 * Offset of the region's time zone from UTC at `at`, in minutes (Asia/Ho_Chi_Minh: 420). The simulators take a
 * fixed offset; zones with daylight saving would need the offset per instant, which no region pack has yet.
 */
export function timeZoneOffsetMinutes(timeZone: string, at: number): number {
  return Math.round(zoneOffsetMs(timeZone, at) / 60_000);
}
