/**
 * 产业载体's occupancy, from a carrier's floor area and its tenancies, computed as the API computes it
 * (CarriersService `withOccupancy`): leased area is the sum of the current tenancies (no end date), occupancy is
 * leased / floor area in % to one decimal, tenants are distinct enterprises. The page shows the API's own figures;
 * this lets it also show vacancy and each tenant's share, and check that the tenants listed add up. Pure module.
 */
import type { Tenancy } from './land-api';

export interface Occupancy {
  /** m². */
  readonly leasedAreaM2: number;
  /** Floor area not leased, m² (never negative). */
  readonly vacantAreaM2: number;
  /** leased / floor area, %, one decimal (may exceed 100 if the records do). */
  readonly occupancy: number;
  readonly tenantCount: number;
}

/** leased / floor, %, rounded to one decimal as the API rounds it; 0 without floor area. */
export function occupancyPercent(leasedAreaM2: number, floorAreaM2: number): number {
  return floorAreaM2 > 0 ? Math.round((leasedAreaM2 / floorAreaM2) * 1000) / 10 : 0;
}

export function vacantArea(leasedAreaM2: number, floorAreaM2: number): number {
  return Math.max(0, floorAreaM2 - leasedAreaM2);
}

export function occupancyOf(floorAreaM2: number, tenancies: readonly Tenancy[]): Occupancy {
  const current = tenancies.filter((t) => t.endDate === null);
  const leasedAreaM2 = current.reduce((sum, t) => sum + t.areaM2, 0);
  return {
    leasedAreaM2,
    vacantAreaM2: vacantArea(leasedAreaM2, floorAreaM2),
    occupancy: occupancyPercent(leasedAreaM2, floorAreaM2),
    tenantCount: new Set(current.map((t) => t.enterpriseId)).size,
  };
}

/** The width of an occupancy bar, %: the figure itself clamped to 0–100 (the number beside it is not clamped). */
export function barWidth(percent: number): number {
  return Number.isFinite(percent) ? Math.min(100, Math.max(0, percent)) : 0;
}

export interface TenantRow {
  readonly tenancy: Tenancy;
  /** The tenancy's area / the carrier's floor area, %, one decimal. */
  readonly share: number;
  readonly current: boolean;
}

/** Current tenants first, the largest first (then by name); ended ones after, the most recently ended first. */
export function tenantRows(tenancies: readonly Tenancy[], floorAreaM2: number): TenantRow[] {
  const name = (t: Tenancy) => t.enterprise?.name ?? t.enterpriseId;
  return [...tenancies]
    .sort((a, b) => {
      if ((a.endDate === null) !== (b.endDate === null)) return a.endDate === null ? -1 : 1;
      if (a.endDate !== null && b.endDate !== null && a.endDate !== b.endDate)
        return b.endDate.localeCompare(a.endDate);
      return b.areaM2 - a.areaM2 || name(a).localeCompare(name(b), 'zh-CN') || a.id.localeCompare(b.id);
    })
    .map((tenancy) => ({
      tenancy,
      share: occupancyPercent(tenancy.areaM2, floorAreaM2),
      current: tenancy.endDate === null,
    }));
}
