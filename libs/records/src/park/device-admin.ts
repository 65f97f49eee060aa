import type { DataSource, DeepPartial, EntityManager } from 'typeorm';
import { DeviceEntity } from '../entities/device.entity';
import { anyColumnLike } from '../dialect';
import { AuditedStore, type Actor } from './audited-store';
import { likeTerm, pageOf, type Page, type PageRequest } from './paging';

export interface DeviceFilter {
  /** Id or name, partial. */
  readonly q?: string;
  readonly kind?: string;
  readonly enabled?: boolean;
  readonly enterpriseId?: string | null;
}

export const DEVICE_SORTS = {
  id: 'd.id',
  name: 'd.name',
  kind: 'd.kind',
  updatedAt: 'd.updated_at',
} as const;

/**
 * Device administration: provisioning, changes, disabling, credential rotation — all audited. A change to a
 * device row fires the `park_device_changed` notification (a trigger), which ingestion's cache listens to.
 */
export class DeviceAdmin {
  private readonly store: AuditedStore<DeviceEntity & { id: string }>;

  constructor(private readonly dataSource: DataSource) {
    this.store = new AuditedStore(dataSource, DeviceEntity, 'device', (d) => d.enterpriseId, false);
  }

  list(filter: DeviceFilter, page: PageRequest): Promise<Page<DeviceEntity>> {
    const qb = this.dataSource.getRepository(DeviceEntity).createQueryBuilder('d');
    if (filter.enterpriseId) qb.andWhere('d.enterprise_id = :scope', { scope: filter.enterpriseId });
    if (filter.q)
      qb.andWhere(anyColumnLike(this.dataSource, ['d.id', 'd.name'], 'q'), { q: likeTerm(filter.q) });
    if (filter.kind) qb.andWhere('d.kind = :kind', { kind: filter.kind });
    if (filter.enabled !== undefined) qb.andWhere('d.enabled = :enabled', { enabled: filter.enabled });
    return pageOf(qb, page, DEVICE_SORTS, 'id');
  }

  all(): Promise<DeviceEntity[]> {
    return this.dataSource.getRepository(DeviceEntity).find({ order: { id: 'ASC' } });
  }

  find(id: string): Promise<DeviceEntity | null> {
    return this.store.find(id);
  }

  create(actor: Actor, device: DeepPartial<DeviceEntity>): Promise<DeviceEntity> {
    return this.store.create(actor, device);
  }

  update(actor: Actor, id: string, patch: DeepPartial<DeviceEntity>): Promise<DeviceEntity> {
    return this.store.update(actor, id, patch);
  }

  /**
   * Insert or update by id, in the caller's transaction (the spreadsheet import): a new device is created with
   * the credential `issue` gives it; an existing one takes the values and keeps its credential — an identical one
   * is left alone (no audit entry).
   */
  async upsert(
    actor: Actor,
    values: DeepPartial<DeviceEntity> & { id: string },
    issue: () => Promise<Pick<DeviceEntity, 'credentialHash' | 'credentialIssuedAt'>>,
    em: EntityManager,
  ): Promise<{ record: DeviceEntity; outcome: 'created' | 'updated' | 'unchanged' }> {
    const existing = await em.getRepository(DeviceEntity).findOne({ where: { id: values.id } });
    if (!existing)
      return {
        record: await this.store.create(actor, { ...values, ...(await issue()) }, em),
        outcome: 'created',
      };
    return this.store.upsertBy(actor, 'id', values, em);
  }
}
