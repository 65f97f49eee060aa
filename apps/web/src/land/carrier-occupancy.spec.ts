import { barWidth, occupancyOf, occupancyPercent, tenantRows } from './carrier-occupancy';
import type { Tenancy } from './land-api';

function tenancy(id: string, enterpriseId: string, areaM2: number, endDate: string | null = null): Tenancy {
  return {
    id,
    carrierId: 'c1',
    enterpriseId,
    enterprise: { id: enterpriseId, name: `企业${enterpriseId}`, industryCode: '39' },
    areaM2,
    startDate: '2024-01-01',
    endDate,
    admission: 'encouraged',
    overrideNote: null,
    createdBy: 'admin',
    createdAt: '2024-01-01T00:00:00.000Z',
  };
}

describe('carrier occupancy', () => {
  const tenancies = [
    tenancy('t1', 'e1', 7_200),
    tenancy('t2', 'e2', 11_000),
    tenancy('t3', 'e1', 1_000),
    tenancy('t4', 'e3', 9_999, '2024-06-30'),
  ];

  it('sums the current tenancies only, counts distinct tenants, rounds occupancy to one decimal as the API does', () => {
    expect(occupancyOf(60_000, tenancies)).toEqual({
      leasedAreaM2: 19_200,
      vacantAreaM2: 40_800,
      occupancy: 32,
      tenantCount: 2,
    });
    expect(occupancyPercent(19_250, 60_000)).toBe(32.1);
  });

  it('never shows negative vacancy, and has no occupancy without floor area', () => {
    expect(occupancyOf(10_000, [tenancy('t1', 'e1', 12_000)])).toMatchObject({
      vacantAreaM2: 0,
      occupancy: 120,
    });
    expect(occupancyPercent(100, 0)).toBe(0);
  });

  it('clamps the bar, not the figure', () => {
    expect(barWidth(120)).toBe(100);
    expect(barWidth(-3)).toBe(0);
    expect(barWidth(Number.NaN)).toBe(0);
    expect(barWidth(42.5)).toBe(42.5);
  });

  it('lists current tenants largest first with their share, then ended ones', () => {
    const rows = tenantRows(tenancies, 60_000);
    expect(rows.map((r) => [r.tenancy.id, r.share, r.current])).toEqual([
      ['t2', 18.3, true],
      ['t1', 12, true],
      ['t3', 1.7, true],
      ['t4', 16.7, false],
    ]);
  });
});
