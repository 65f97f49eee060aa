import type { Grade } from '../plan/plan-api';
import type { ParcelFeature, ParcelGeometry } from './land-api';
import {
  boundsOf,
  colourMap,
  GRADE_COLOURS,
  labelPoint,
  landUseColours,
  projection,
  svgPath,
} from './parcel-map';

/** A lon/lat rectangle as a closed GeoJSON Polygon. */
function rect(west: number, south: number, east: number, north: number): ParcelGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}

function feature(id: string, geometry: ParcelGeometry, props: Partial<ParcelFeature['properties']> = {}) {
  return {
    type: 'Feature',
    id,
    geometry,
    properties: {
      code: id,
      name: id,
      areaMu: 10,
      landUse: '工业用地',
      enterpriseId: null,
      carrierId: null,
      inefficient: false,
      revitalizedYear: null,
      ...props,
    },
  } satisfies ParcelFeature;
}

describe('park map projection', () => {
  it('takes the box around every ring of Polygons and MultiPolygons', () => {
    const multi: ParcelGeometry = {
      type: 'MultiPolygon',
      coordinates: [rect(121.7, 31.8, 121.71, 31.81).coordinates as number[][][]],
    };
    expect(boundsOf([rect(121.6, 31.79, 121.65, 31.8), multi])).toEqual({
      west: 121.6,
      south: 31.79,
      east: 121.71,
      north: 31.81,
    });
    expect(boundsOf([])).toBeNull();
  });

  it('puts north up and keeps ground proportions: a degree of longitude is cos(latitude) of one of latitude', () => {
    // 0.01° × 0.01° at 60° N is twice as tall as it is wide on the ground.
    const bounds = { west: 10, south: 59.995, east: 10.01, north: 60.005 };
    const p = projection(bounds, { width: 1000, height: 1000 });
    expect(p.height).toBeCloseTo(1000, 6);
    expect(p.width).toBeCloseTo(500, 1);
    const [x0, y0] = p.project(10, 60.005);
    expect(x0).toBeCloseTo(0, 6);
    expect(y0).toBeCloseTo(0, 6);
    const [x1, y1] = p.project(10.01, 59.995);
    expect(x1).toBeCloseTo(p.width, 6);
    expect(y1).toBeCloseTo(1000, 6);
  });

  it('fits the box inside the padding whichever side is the limit', () => {
    const p = projection({ west: 0, south: 0, east: 0.02, north: 0.01 }, { width: 420, height: 420 }, 10);
    expect(p.width).toBeCloseTo(420, 6);
    expect(p.height).toBeCloseTo(10 + 200 + 10, 1);
    expect(p.project(0, 0.01)).toEqual([10, 10]);
  });

  it('draws a ring as one closed subpath without repeating the closing position, holes included', () => {
    const p = projection({ west: 0, south: 0, east: 0.01, north: 0.01 }, { width: 100, height: 100 });
    expect(svgPath(rect(0, 0, 0.01, 0.01), p)).toBe('M0 100L100 100L100 0L0 0Z');
    const withHole: ParcelGeometry = {
      type: 'Polygon',
      coordinates: [
        (rect(0, 0, 0.01, 0.01).coordinates as number[][][])[0],
        (rect(0.004, 0.004, 0.006, 0.006).coordinates as number[][][])[0],
      ],
    };
    expect(svgPath(withHole, p).match(/Z/g)).toHaveLength(2);
  });

  it('labels a MultiPolygon at the centre of its largest part', () => {
    const p = projection({ west: 0, south: 0, east: 0.01, north: 0.01 }, { width: 100, height: 100 });
    const multi: ParcelGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        rect(0, 0, 0.001, 0.001).coordinates as number[][][],
        rect(0.005, 0.005, 0.01, 0.01).coordinates as number[][][],
      ],
    };
    expect(labelPoint(multi, p)).toEqual({ x: 75, y: 25, w: 50 });
  });
});

describe('park map colouring', () => {
  const grades = new Map<string, Grade>([
    ['e1', 'A'],
    ['e2', 'D'],
  ]);
  const features = [
    feature('p1', rect(0, 0, 1, 1), { enterpriseId: 'e1', areaMu: 12.5 }),
    feature('p2', rect(0, 0, 1, 1), { enterpriseId: 'e2', areaMu: 20 }),
    feature('p3', rect(0, 0, 1, 1), { enterpriseId: 'e1', areaMu: 7.25 }),
    feature('p4', rect(0, 0, 1, 1), { enterpriseId: 'e9', landUse: '仓储用地', areaMu: 3 }),
    feature('p5', rect(0, 0, 1, 1), { enterpriseId: null, areaMu: 40 }),
  ];

  it('colours by the enterprise grade, ungraded and no-enterprise apart, with counts and areas in the legend', () => {
    const { fills, legend } = colourMap(features, 'grade', grades);
    expect(fills.get('p1')).toBe(GRADE_COLOURS.A);
    expect(fills.get('p4')).toBe(GRADE_COLOURS.ungraded);
    expect(fills.get('p5')).toBe(GRADE_COLOURS.none);
    expect(legend.map((e) => [e.key, e.count, e.areaMu])).toEqual([
      ['A', 2, 19.75],
      ['D', 1, 20],
      ['ungraded', 1, 3],
      ['none', 1, 40],
    ]);
  });

  it('colours by land use, each use its own colour in a stable order', () => {
    const { fills, legend } = colourMap(features, 'use', grades);
    expect(legend.map((e) => [e.key, e.count])).toEqual([
      ['仓储用地', 1],
      ['工业用地', 4],
    ]);
    expect(fills.get('p4')).not.toBe(fills.get('p1'));
    expect(landUseColours(['工业用地', '仓储用地']).get('工业用地')).toBe(
      landUseColours(['仓储用地', '工业用地', '工业用地']).get('工业用地'),
    );
  });
});
