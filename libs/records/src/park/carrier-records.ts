import { IsNull, type DataSource } from 'typeorm';
import { AdmissionEntryEntity, type AdmissionLevel } from '../entities/admission-entry.entity';
import { CarrierTenancyEntity } from '../entities/carrier-tenancy.entity';
import { CarrierEntity } from '../entities/carrier.entity';
import { anyColumnLike } from '../dialect';
import { recordAudit } from './audit-trail';
import { AuditedStore, translateDbError, type Actor } from './audited-store';
import { likeTerm, pageOf, type Page, type PageRequest } from './paging';
import { notFound } from './records-errors';

export const CARRIER_SORTS = { code: 'c.code', name: 'c.name', floorAreaM2: 'c.floor_area_m2' } as const;

/** 产业载体: carriers, their tenancies and the industry admission list that governs who may move in. */
export class CarrierRecords {
  readonly store: AuditedStore<CarrierEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.store = new AuditedStore(dataSource, CarrierEntity, 'carrier', () => null);
  }

  list(filter: { q?: string }, page: PageRequest): Promise<Page<CarrierEntity>> {
    const qb = this.dataSource.getRepository(CarrierEntity).createQueryBuilder('c');
    if (filter.q)
      qb.andWhere(anyColumnLike(this.dataSource, ['c.code', 'c.name'], 'q'), { q: likeTerm(filter.q) });
    return pageOf(qb, page, CARRIER_SORTS, 'code');
  }

  all(): Promise<CarrierEntity[]> {
    return this.dataSource.getRepository(CarrierEntity).find({ order: { code: 'ASC' } });
  }

  /** Every live carrier's id by code, read as plain rows (see EnterpriseRecords.idsByCreditCode). */
  async idsByCode(): Promise<Map<string, string>> {
    const rows = await this.dataSource
      .getRepository(CarrierEntity)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .addSelect('c.code', 'code')
      .getRawMany<{ id: string; code: string }>();
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  /** Tenancies of one carrier (or all), current ones only unless `includeEnded`. */
  tenancies(carrierId?: string, includeEnded = false): Promise<CarrierTenancyEntity[]> {
    return this.dataSource.getRepository(CarrierTenancyEntity).find({
      where: { ...(carrierId ? { carrierId } : {}), ...(includeEnded ? {} : { endDate: IsNull() }) },
      relations: { enterprise: true },
      order: { startDate: 'ASC' },
    });
  }

  async addTenancy(
    actor: Actor,
    tenancy: Omit<CarrierTenancyEntity, 'id' | 'createdAt' | 'createdBy' | 'carrier' | 'enterprise'>,
  ): Promise<CarrierTenancyEntity> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(CarrierTenancyEntity);
      const saved = await repo
        .save(repo.create({ ...tenancy, createdBy: actor.username }))
        .catch((e: unknown) => {
          throw translateDbError(e, 'tenancy', repo.metadata.columns);
        });
      await recordAudit(tx, {
        actor: actor.username,
        action: 'create',
        entityType: 'tenancy',
        entityId: saved.id,
        enterpriseId: saved.enterpriseId,
        before: null,
        after: saved,
      });
      return saved;
    });
  }

  async endTenancy(
    actor: Actor,
    carrierId: string,
    tenancyId: string,
    endDate: string,
  ): Promise<CarrierTenancyEntity> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(CarrierTenancyEntity);
      const before = await repo.findOne({ where: { id: tenancyId, carrierId } });
      if (!before) throw notFound('tenancy', tenancyId);
      await repo.update({ id: tenancyId }, { endDate });
      const after = await repo.findOneOrFail({ where: { id: tenancyId } });
      await recordAudit(tx, {
        actor: actor.username,
        action: 'update',
        entityType: 'tenancy',
        entityId: tenancyId,
        enterpriseId: after.enterpriseId,
        before,
        after,
      });
      return after;
    });
  }

  admissionList(): Promise<AdmissionEntryEntity[]> {
    return this.dataSource.getRepository(AdmissionEntryEntity).find({ order: { industryCode: 'ASC' } });
  }

  async putAdmission(
    actor: Actor,
    entry: { industryCode: string; level: AdmissionLevel; reason: string },
  ): Promise<AdmissionEntryEntity> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(AdmissionEntryEntity);
      const before = await repo.findOne({ where: { industryCode: entry.industryCode } });
      await repo.upsert(entry, ['industryCode']);
      const after = await repo.findOneOrFail({ where: { industryCode: entry.industryCode } });
      await recordAudit(tx, {
        actor: actor.username,
        action: before ? 'update' : 'create',
        entityType: 'admission',
        entityId: entry.industryCode,
        enterpriseId: null,
        before,
        after,
      });
      return after;
    });
  }

  async removeAdmission(actor: Actor, industryCode: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(AdmissionEntryEntity);
      const before = await repo.findOne({ where: { industryCode } });
      if (!before) throw notFound('admission entry', industryCode);
      await repo.delete({ industryCode });
      await recordAudit(tx, {
        actor: actor.username,
        action: 'delete',
        entityType: 'admission',
        entityId: industryCode,
        enterpriseId: null,
        before,
        after: null,
      });
    });
  }
}
