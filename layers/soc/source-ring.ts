/**
 * Where an arc from an EXTERNAL source address starts. External IPs have no geolocation (and guessing a country
 * from a GeoIP database would be both wrong and a network/data dependency), so the console places them by rule:
 *
 *   centre C = the region's centre [lon, lat] (region pack `region.json` "center");
 *   radius r = max(0.6°, 1.25 × the distance from C to the farthest corner of the region bbox), in degrees of latitude;
 *   angle  θ = FNV-1a 32-bit hash of the IP string ÷ 2³² × 360°, clockwise from north;
 *   point    = [C.lon + r·sin θ / cos(C.lat), C.lat + r·cos θ].
 *
 * The longitude offset is divided by cos(latitude) so the ring is a circle on the (Mercator) map, not an ellipse.
 * Deterministic: the same IP lands on the same point in every render, session and console. Always outside the
 * bbox: every bbox point is within the farthest-corner distance d of C, and the point's plain-degree distance from
 * C is ≥ r > d (dividing by cos only stretches the longitude offset). For Hải Dương, d ≈ 0.37°, so r = 0.6°
 * (≈ 67 km): a ring just outside the province at the usual zoom.
 */
export interface RegionFrame {
  /** [west, south, east, north] */
  bbox: readonly [number, number, number, number];
  center: readonly [number, number];
}

export const SOURCE_RING_MIN_RADIUS_DEG = 0.6;
export const SOURCE_RING_CORNER_FACTOR = 1.25;

/** FNV-1a, 32-bit, over the UTF-16 code units of `text` (IPs are ASCII). Unsigned result. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function sourceRingRadius(region: RegionFrame): number {
  const [west, south, east, north] = region.bbox;
  const [cx, cy] = region.center;
  const farthest = Math.max(
    Math.hypot(west - cx, south - cy),
    Math.hypot(west - cx, north - cy),
    Math.hypot(east - cx, south - cy),
    Math.hypot(east - cx, north - cy),
  );
  return Math.max(SOURCE_RING_MIN_RADIUS_DEG, SOURCE_RING_CORNER_FACTOR * farthest);
}

/** The ring point of an external source IP (see the rule above). */
export function sourceRingPoint(ip: string, region: RegionFrame): [number, number] {
  const radius = sourceRingRadius(region);
  const theta = (fnv1a32(ip) / 2 ** 32) * 2 * Math.PI;
  const [cx, cy] = region.center;
  const lonScale = Math.cos((cy * Math.PI) / 180) || 1;
  return [cx + (radius * Math.sin(theta)) / lonScale, cy + radius * Math.cos(theta)];
}
