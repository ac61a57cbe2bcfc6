import type { LocalizedText } from '../protocol/localized-text.js';
import type { IncidentGeometry } from '../protocol/incident.js';

/** Where a thing is, for an incident's geometry, district and title. */
export interface Place {
  readonly name: LocalizedText;
  readonly geometry: IncidentGeometry;
  readonly district: string | null;
}

/**
 * The rules' view of the region pack. The hub builds it from the pack (places-from-region.node.ts); without a pack
 * every lookup misses and incidents fall back to `unknown` (a point at 0,0 with no district, said in the title).
 */
export interface IncidentPlaces {
  station(id: string): Place | null;
  agency(id: string): Place | null;
  /** A portal unit: a district (its seat, else its polygon) or an agency (its position). */
  unit(id: string): Place | null;
  districtAt(position: readonly [number, number]): string | null;
  readonly unknown: Place;
}

export const NO_PLACES: IncidentPlaces = {
  station: () => null,
  agency: () => null,
  unit: () => null,
  districtAt: () => null,
  unknown: { name: { vi: 'không rõ vị trí', en: 'unknown place' }, geometry: { type: 'Point', coordinates: [0, 0] }, district: null },
};
