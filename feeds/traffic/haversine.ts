/**
 * Great-circle helpers on the WGS84 mean sphere. Hand-written because @turf/distance, @turf/length and
 * @turf/along are not installed (only @turf/helpers and @turf/boolean-point-in-polygon are); at province scale the
 * spherical error (< 0.5 %) is far below what a traffic map shows.
 */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Distance in metres between two lon/lat points. */
export function haversineM(aLon: number, aLat: number, bLon: number, bLat: number): number {
  const dLat = (bLat - aLat) * RAD;
  const dLon = (bLon - aLon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * RAD) * Math.cos(bLat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from a to b, degrees clockwise from north in [0, 360). */
export function bearingDeg(aLon: number, aLat: number, bLon: number, bLat: number): number {
  const φ1 = aLat * RAD;
  const φ2 = bLat * RAD;
  const Δλ = (bLon - aLon) * RAD;
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  const deg = Math.atan2(y, x) / RAD;
  return deg < 0 ? deg + 360 : deg;
}

/** Smallest absolute difference between two bearings, in [0, 180]. */
export function bearingDifferenceDeg(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}
