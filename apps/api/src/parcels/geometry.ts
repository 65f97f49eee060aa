import type { ParcelGeometry } from '@park/records';

type Position = number[];

function ringProblem(ring: unknown, where: string): string | null {
  if (!Array.isArray(ring) || ring.length < 4)
    return `${where} must be a closed ring of at least 4 positions`;
  for (const [i, p] of (ring as unknown[]).entries()) {
    if (!Array.isArray(p) || p.length < 2 || !p.every((n) => typeof n === 'number' && Number.isFinite(n)))
      return `${where}[${i}] must be [longitude, latitude]`;
    const [lon, lat] = p as Position;
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return `${where}[${i}] is outside WGS 84 bounds`;
  }
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1])
    return `${where} is not closed (first and last positions differ)`;
  return null;
}

function polygonProblem(polygon: unknown, where: string): string | null {
  if (!Array.isArray(polygon) || polygon.length === 0) return `${where} must be an array of rings`;
  for (const [i, ring] of (polygon as unknown[]).entries()) {
    const problem = ringProblem(ring, `${where}[${i}]`);
    if (problem) return problem;
  }
  return null;
}

/** Why a value is not a GeoJSON Polygon / MultiPolygon (RFC 7946 §3.1.6–7), or null when it is one. */
export function geometryProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'must be a GeoJSON object';
  const g = value as Partial<ParcelGeometry> & Record<string, unknown>;
  if (g.type === 'Polygon') return polygonProblem(g.coordinates, 'coordinates');
  if (g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0)
      return 'coordinates must be an array of polygons';
    for (const [i, polygon] of (g.coordinates as unknown[]).entries()) {
      const problem = polygonProblem(polygon, `coordinates[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  return 'type must be "Polygon" or "MultiPolygon"';
}
