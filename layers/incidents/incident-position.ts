/**
 * The map point of an incident's geometry (GeoJSON, WGS84): a Point is itself; otherwise the centroid —
 * MultiPoint: mean of the points; (Multi)LineString: length-weighted midpoint of the segments; (Multi)Polygon:
 * area-weighted centroid of the rings (holes subtract); GeometryCollection: mean of its members' points; a Feature: its geometry's. Planar in
 * lon/lat degrees, which is exact enough at a province's scale. Degenerate shapes (zero length or area) fall back
 * to the mean of their vertices. Returns null for anything malformed — incidents come from rules and sources, so
 * the layer must not throw on a bad geometry; the incident just has no marker.
 */
export type LonLatPoint = [number, number];

function isPosition(value: unknown): value is [number, number, ...number[]] {
  return Array.isArray(value) && value.length >= 2 && Number.isFinite(value[0]) && Number.isFinite(value[1]);
}

function positions(value: unknown): LonLatPoint[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const out: LonLatPoint[] = [];
  for (const item of value) {
    if (!isPosition(item)) return null;
    out.push([item[0], item[1]]);
  }
  return out;
}

function mean(points: readonly LonLatPoint[]): LonLatPoint | null {
  if (points.length === 0) return null;
  let x = 0;
  let y = 0;
  for (const [px, py] of points) {
    x += px;
    y += py;
  }
  return [x / points.length, y / points.length];
}

function lineCentroid(lines: readonly LonLatPoint[][]): LonLatPoint | null {
  let total = 0;
  let x = 0;
  let y = 0;
  for (const line of lines) {
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1];
      const b = line[i];
      if (!a || !b) continue;
      const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
      total += length;
      x += length * (a[0] + b[0]) / 2;
      y += length * (a[1] + b[1]) / 2;
    }
  }
  return total > 0 ? [x / total, y / total] : mean(lines.flat());
}

/** Rings of one or more polygons; signed areas make holes (opposite winding to their shell) subtract. */
function polygonCentroid(polygons: readonly LonLatPoint[][][]): LonLatPoint | null {
  let area = 0;
  let x = 0;
  let y = 0;
  for (const rings of polygons) {
    rings.forEach((ring, index) => {
      let ringArea = 0;
      let rx = 0;
      let ry = 0;
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i];
        const b = ring[(i + 1) % ring.length];
        if (!a || !b) continue;
        const cross = a[0] * b[1] - b[0] * a[1];
        ringArea += cross;
        rx += (a[0] + b[0]) * cross;
        ry += (a[1] + b[1]) * cross;
      }
      // Shell counts positive and holes negative whatever the file's winding order.
      const sign = (index === 0 ? 1 : -1) * Math.sign(ringArea || 1);
      area += sign * ringArea / 2;
      x += sign * rx / 6;
      y += sign * ry / 6;
    });
  }
  if (Math.abs(area) < 1e-15) return mean(polygons.flatMap((rings) => rings[0] ?? []));
  return [x / area, y / area];
}

function rings(value: unknown): LonLatPoint[][] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const out: LonLatPoint[][] = [];
  for (const ring of value) {
    const points = positions(ring);
    if (!points) return null;
    out.push(points);
  }
  return out;
}

export function geometryPoint(geometry: unknown, depth = 0): LonLatPoint | null {
  if (typeof geometry !== 'object' || geometry === null || depth > 4) return null;
  const record = geometry as Record<string, unknown>;
  const coordinates = record['coordinates'];
  switch (record['type']) {
    case 'Point':
      return isPosition(coordinates) ? [coordinates[0], coordinates[1]] : null;
    case 'MultiPoint': {
      const points = positions(coordinates);
      return points ? mean(points) : null;
    }
    case 'LineString': {
      const line = positions(coordinates);
      return line ? lineCentroid([line]) : null;
    }
    case 'MultiLineString': {
      const lines = rings(coordinates);
      return lines ? lineCentroid(lines) : null;
    }
    case 'Polygon': {
      const polygon = rings(coordinates);
      return polygon ? polygonCentroid([polygon]) : null;
    }
    case 'MultiPolygon': {
      if (!Array.isArray(coordinates) || coordinates.length === 0) return null;
      const polygons: LonLatPoint[][][] = [];
      for (const item of coordinates) {
        const polygon = rings(item);
        if (!polygon) return null;
        polygons.push(polygon);
      }
      return polygonCentroid(polygons);
    }
    case 'Feature':
      return geometryPoint(record['geometry'], depth + 1);
    case 'GeometryCollection': {
      const members = record['geometries'];
      if (!Array.isArray(members)) return null;
      const points = members.map((member) => geometryPoint(member, depth + 1)).filter((p): p is LonLatPoint => p !== null);
      return mean(points);
    }
    default:
      return null;
  }
}
