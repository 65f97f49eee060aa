/**
 * 地块档案's park map, drawn as SVG from the parcels' GeoJSON (no tiles: the park network has no internet): the
 * bounding box of every polygon, a local equirectangular projection that keeps the ground's proportions (a degree
 * of longitude is cos(latitude) of a degree of latitude), SVG path data per parcel, a point to label it at, and
 * what each parcel is coloured by — its enterprise's 亩均 grade or its land use — with the legend's counts and
 * areas. Pure module (no DOM).
 */
import type { Grade } from '../plan/plan-api';
import type { ParcelFeature, ParcelGeometry } from './land-api';

type Position = readonly number[];
type Ring = readonly Position[];
type Polygon = readonly Ring[];

/** The polygons of a Polygon or MultiPolygon, each a list of rings (the first the outer one). */
export function polygonsOf(geometry: ParcelGeometry): Polygon[] {
  return geometry.type === 'Polygon'
    ? [geometry.coordinates as number[][][]]
    : (geometry.coordinates as number[][][][]);
}

export interface Bounds {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
}

/** The box around every position of every geometry; null when there is none. */
export function boundsOf(geometries: readonly ParcelGeometry[]): Bounds | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const geometry of geometries)
    for (const polygon of polygonsOf(geometry))
      for (const ring of polygon)
        for (const [lon, lat] of ring) {
          west = Math.min(west, lon);
          east = Math.max(east, lon);
          south = Math.min(south, lat);
          north = Math.max(north, lat);
        }
  return Number.isFinite(west) ? { west, south, east, north } : null;
}

export interface Projection {
  /** The drawing's size in SVG units: the box's proportions on the ground, fitted into the size asked for. */
  readonly width: number;
  readonly height: number;
  /** [x, y] in SVG units, y downwards (north up). */
  project(lon: number, lat: number): [number, number];
}

/**
 * Fits `bounds` into `size` SVG units with `padding` on every side, keeping its proportions. A park spans a few
 * kilometres, so a local equirectangular projection (longitude scaled by the cosine of the box's middle latitude)
 * is true to within a fraction of a percent. A degenerate box (one point, a line) still gets a drawable size.
 */
export function projection(
  bounds: Bounds,
  size: { readonly width: number; readonly height: number },
  padding = 0,
): Projection {
  const lonScale = Math.cos((((bounds.south + bounds.north) / 2) * Math.PI) / 180);
  const spanX = Math.max((bounds.east - bounds.west) * lonScale, 1e-9);
  const spanY = Math.max(bounds.north - bounds.south, 1e-9);
  const k = Math.min(
    Math.max(1, size.width - 2 * padding) / spanX,
    Math.max(1, size.height - 2 * padding) / spanY,
  );
  return {
    width: spanX * k + 2 * padding,
    height: spanY * k + 2 * padding,
    project: (lon, lat) => [padding + (lon - bounds.west) * lonScale * k, padding + (bounds.north - lat) * k],
  };
}

const round = (v: number) => Math.round(v * 10) / 10;

/** SVG path data for the geometry: one closed subpath per ring (draw with fill-rule evenodd for holes). */
export function svgPath(geometry: ParcelGeometry, p: Projection): string {
  const parts: string[] = [];
  for (const polygon of polygonsOf(geometry))
    for (const ring of polygon) {
      // GeoJSON rings repeat the first position at the end; SVG closes with Z.
      const open = ring.length > 1 && samePosition(ring[0], ring[ring.length - 1]) ? ring.slice(0, -1) : ring;
      if (open.length === 0) continue;
      parts.push(
        open
          .map(([lon, lat], i) => {
            const [x, y] = p.project(lon, lat);
            return `${i === 0 ? 'M' : 'L'}${round(x)} ${round(y)}`;
          })
          .join('') + 'Z',
      );
    }
  return parts.join('');
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Shoelace area of a ring in projected units (absolute). */
function ringArea(ring: readonly (readonly [number, number])[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum) / 2;
}

/** Where to put the parcel's label: the centre of the box of its largest polygon's outer ring, projected. */
export function labelPoint(geometry: ParcelGeometry, p: Projection): { x: number; y: number; w: number } {
  let best: { x: number; y: number; w: number; area: number } = { x: 0, y: 0, w: 0, area: -1 };
  for (const polygon of polygonsOf(geometry)) {
    const outer = (polygon[0] ?? []).map(([lon, lat]) => p.project(lon, lat));
    if (outer.length === 0) continue;
    const xs = outer.map(([x]) => x);
    const ys = outer.map(([, y]) => y);
    const area = ringArea(outer);
    if (area > best.area) {
      const minX = Math.min(...xs);
      const maxX = Math.max(...xs);
      best = { x: (minX + maxX) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2, w: maxX - minX, area };
    }
  }
  return { x: round(best.x), y: round(best.y), w: round(best.w) };
}

export type MapColouring = 'grade' | 'use';

/** A parcel's 亩均 category: its enterprise's grade, ungraded, or no enterprise on it (a carrier, public land). */
export type GradeCategory = Grade | 'ungraded' | 'none';
export const GRADE_CATEGORIES: readonly GradeCategory[] = ['A', 'B', 'C', 'D', 'ungraded', 'none'];

/** The grade badges' colours (styles.css .grade-badge), so the map reads like the tables. */
export const GRADE_COLOURS: Readonly<Record<GradeCategory, string>> = {
  A: '#067647',
  B: '#1570ef',
  C: '#f79009',
  D: '#d92d20',
  ungraded: '#98a2b3',
  none: '#d0d5dd',
};

export function gradeCategory(
  enterpriseId: string | null,
  grades: ReadonlyMap<string, Grade>,
): GradeCategory {
  if (!enterpriseId) return 'none';
  return grades.get(enterpriseId) ?? 'ungraded';
}

/** Distinguishable fills for land uses, assigned in the uses' sorted order so a use keeps its colour. */
const USE_PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#edc948', '#76b7b2', '#ff9da7', '#9c755f'];

export function landUseColours(uses: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(uses)].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return new Map(sorted.map((use, i) => [use, USE_PALETTE[i % USE_PALETTE.length]]));
}

export interface LegendEntry {
  /** A GradeCategory for 'grade', the land use as stored for 'use'. */
  readonly key: string;
  readonly colour: string;
  readonly count: number;
  /** 亩. */
  readonly areaMu: number;
}

/** The category a parcel falls in under a colouring. */
export function categoryOf(
  feature: ParcelFeature,
  colouring: MapColouring,
  grades: ReadonlyMap<string, Grade>,
): string {
  return colouring === 'grade'
    ? gradeCategory(feature.properties.enterpriseId, grades)
    : feature.properties.landUse;
}

/** The map's colouring: each parcel's fill by id, and the legend — every category present, with count and area. */
export function colourMap(
  features: readonly ParcelFeature[],
  colouring: MapColouring,
  grades: ReadonlyMap<string, Grade>,
): { fills: Map<string, string>; legend: LegendEntry[] } {
  const useColours = landUseColours(features.map((f) => f.properties.landUse));
  const colourOf = (category: string) =>
    colouring === 'grade'
      ? GRADE_COLOURS[category as GradeCategory]
      : (useColours.get(category) ?? '#d0d5dd');
  const fills = new Map<string, string>();
  const totals = new Map<string, { count: number; areaMu: number }>();
  for (const f of features) {
    const category = categoryOf(f, colouring, grades);
    fills.set(f.id, colourOf(category));
    const total = totals.get(category) ?? { count: 0, areaMu: 0 };
    totals.set(category, { count: total.count + 1, areaMu: total.areaMu + f.properties.areaMu });
  }
  const order = colouring === 'grade' ? [...GRADE_CATEGORIES] : [...useColours.keys()];
  const legend = order
    .filter((key) => totals.has(key))
    .map((key) => ({
      key,
      colour: colourOf(key),
      count: totals.get(key)!.count,
      areaMu: Math.round(totals.get(key)!.areaMu * 100) / 100,
    }));
  return { fills, legend };
}
