import type { DataSource } from 'typeorm';
import { LandParcelEntity } from '../entities/land-parcel.entity';
import { anyColumnLike } from '../dialect';
import { AuditedStore } from './audited-store';
import { likeTerm, pageOf, type Page, type PageRequest } from './paging';

export interface ParcelFilter {
  /** Code, name or owner, partial. */
  readonly q?: string;
  readonly inefficient?: boolean;
  readonly carrierId?: string;
  readonly enterpriseId?: string | null;
}

export const PARCEL_SORTS = {
  code: 'p.code',
  name: 'p.name',
  areaMu: 'p.area_mu',
  landUse: 'p.land_use',
  updatedAt: 'p.updated_at',
} as const;

/** 一地一档: land parcels. */
export class LandRecords {
  readonly store: AuditedStore<LandParcelEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.store = new AuditedStore(dataSource, LandParcelEntity, 'parcel', (p) => p.enterpriseId);
  }

  list(filter: ParcelFilter, page: PageRequest): Promise<Page<LandParcelEntity>> {
    const qb = this.dataSource.getRepository(LandParcelEntity).createQueryBuilder('p');
    if (filter.enterpriseId) qb.andWhere('p.enterprise_id = :scope', { scope: filter.enterpriseId });
    if (filter.q)
      qb.andWhere(anyColumnLike(this.dataSource, ['p.code', 'p.name', 'p.owner'], 'q'), {
        q: likeTerm(filter.q),
      });
    if (filter.inefficient !== undefined)
      qb.andWhere('p.inefficient = :ineff', { ineff: filter.inefficient });
    if (filter.carrierId) qb.andWhere('p.carrier_id = :carrier', { carrier: filter.carrierId });
    return pageOf(qb, page, PARCEL_SORTS, 'code');
  }

  all(filter: { enterpriseId?: string | null } = {}): Promise<LandParcelEntity[]> {
    return this.dataSource.getRepository(LandParcelEntity).find({
      where: filter.enterpriseId ? { enterpriseId: filter.enterpriseId } : {},
      order: { code: 'ASC' },
    });
  }
}
