import type { FeatureCollection } from 'geojson';

/** What the console reads of a region pack: the manifest and the files it names, fetched from the host. */
export interface RegionManifestLike {
  readonly id: string;
  readonly name: { readonly vi: string; readonly en: string };
  readonly bbox: readonly [number, number, number, number];
  readonly center: readonly [number, number];
  readonly zoom: number;
  readonly attribution: string;
  readonly files: Readonly<Record<'province' | 'districts' | 'roads' | 'waterways' | 'stations' | 'agencies' | 'seats', string>>;
}

export interface RegionAgency {
  readonly id: string;
  readonly name: { readonly vi: string; readonly en: string };
  readonly district: string;
  readonly position: readonly [number, number];
  /** The agency's address blocks: alerts from them are internal (their arcs start at the agency). */
  readonly ipRanges?: readonly string[];
}

export interface RegionPack {
  readonly manifest: RegionManifestLike;
  readonly province: FeatureCollection;
  readonly districts: FeatureCollection;
  readonly roads: FeatureCollection;
  readonly waterways: FeatureCollection;
  readonly stations: FeatureCollection;
  readonly seats: FeatureCollection;
  readonly agencies: readonly RegionAgency[];
}

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The hub validated this pack with its schema at start; the console trusts the same files. */
export async function fetchRegion(baseUrl: string): Promise<RegionPack> {
  const base = new URL(baseUrl, document.baseURI);
  const manifest = await fetchJson<RegionManifestLike>(new URL('region.json', base).href);
  const file = <T>(name: keyof RegionManifestLike['files']): Promise<T> => fetchJson<T>(new URL(manifest.files[name], base).href);
  const [province, districts, roads, waterways, stations, seats, agencies] = await Promise.all([
    file<FeatureCollection>('province'),
    file<FeatureCollection>('districts'),
    file<FeatureCollection>('roads'),
    file<FeatureCollection>('waterways'),
    file<FeatureCollection>('stations'),
    file<FeatureCollection>('seats'),
    file<{ agencies: RegionAgency[] }>('agencies'),
  ]);
  return { manifest, province, districts, roads, waterways, stations, seats, agencies: agencies.agencies };
}
