import { In, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditEntryEntity } from '../entities/audit-entry.entity';
import { EnterpriseIndicatorEntity } from '../entities/enterprise-indicator.entity';
import { EnterpriseEntity, type CultivationLibrary } from '../entities/enterprise.entity';
import { RecordEventDocumentEntity } from '../entities/record-event-document.entity';
import { RecordEventEntity } from '../entities/record-event.entity';
import { CarrierEntity } from '../entities/carrier.entity';
import { DeviceEntity } from '../entities/device.entity';
import { LandParcelEntity } from '../entities/land-parcel.entity';
import { ProjectEntity } from '../entities/project.entity';
import { PolicyEntity } from '../entities/policy.entity';
import { PlanTaskEntity } from '../entities/plan-task.entity';
import { QualificationEntity } from '../entities/qualification.entity';
import { UserEntity } from '../entities/user.entity';
import { anyColumnLike, jsonArrayContains } from '../dialect';
import { AttachedDocuments } from './attached-documents';
import { recordAudit } from './audit-trail';
import { AuditedStore, type Actor } from './audited-store';
import { likeTerm, pageOf, type Page, type PageRequest } from './paging';
import { notFound } from './records-errors';

export interface EnterpriseFilter {
  /** Name or credit code, partial, case-insensitive. */
  readonly q?: string;
  /** GB/T 4754 code prefix: "26" finds every class in division 26. */
  readonly industry?: string;
  readonly carrierId?: string;
  readonly library?: CultivationLibrary;
  /** Confines the list to one enterprise (an energy manager's scope). */
  readonly enterpriseId?: string | null;
  /** Confines the list to these enterprises (e.g. those of one 亩均 grade); empty finds none. */
  readonly ids?: readonly string[];
}

/** Names compare as the committee's lists are read: by pinyin (拼音), not by the database's code-point order. */
const PINYIN = new Intl.Collator('zh-CN-u-co-pinyin', { numeric: true });

export const ENTERPRISE_SORTS = {
  name: 'e.name',
  creditCode: 'e.credit_code',
  industryCode: 'e.industry_code',
  createdAt: 'e.created_at',
  updatedAt: 'e.updated_at',
} as const;

export type IndicatorValues = Omit<
  EnterpriseIndicatorEntity,
  'id' | 'enterpriseId' | 'enterprise' | 'year' | 'updatedAt'
>;

const LIBRARY_FLAG: Record<CultivationLibrary, string> = {
  'above-scale': 'above_scale',
  'high-tech': 'high_tech',
  listed: 'listed',
  'revenue-100m': 'revenue_over_100m',
};

/** A timeline event with its documents' metadata. */
export interface RecordEventRecord {
  readonly event: RecordEventEntity;
  readonly documents: Omit<RecordEventDocumentEntity, 'content'>[];
}

/** 一企一档: enterprises, their annual indicators, their events timeline and their audit trail. */
/** The audit log's filters: by record, enterprise, who, what action, and a span of time [from, until). */
export interface AuditFilter {
  readonly entityType?: string;
  readonly entityId?: string;
  readonly enterpriseId?: string;
  readonly actor?: string;
  readonly action?: string;
  readonly from?: Date;
  readonly until?: Date;
}

export class EnterpriseRecords {
  readonly store: AuditedStore<EnterpriseEntity>;
  private readonly indicatorStore: AuditedStore<EnterpriseIndicatorEntity>;
  /** The documents attached to timeline events (of enterprises and of parcels alike). */
  readonly eventDocuments: AttachedDocuments<RecordEventDocumentEntity, 'eventId'>;

  constructor(private readonly dataSource: DataSource) {
    this.store = new AuditedStore(dataSource, EnterpriseEntity, 'enterprise', (e) => e.id);
    this.eventDocuments = new AttachedDocuments(
      dataSource,
      RecordEventDocumentEntity,
      'eventId',
      'event-document',
    );
    this.indicatorStore = new AuditedStore(
      dataSource,
      EnterpriseIndicatorEntity,
      'indicator',
      (i) => i.enterpriseId,
      false,
    );
  }

  list(filter: EnterpriseFilter, page: PageRequest): Promise<Page<EnterpriseEntity>> {
    const qb = this.dataSource.getRepository(EnterpriseEntity).createQueryBuilder('e');
    if (filter.enterpriseId !== undefined && filter.enterpriseId !== null)
      qb.andWhere('e.id = :scope', { scope: filter.enterpriseId });
    if (filter.q)
      qb.andWhere(anyColumnLike(this.dataSource, ['e.name', 'e.credit_code'], 'q'), {
        q: likeTerm(filter.q),
      });
    if (filter.industry) qb.andWhere('e.industry_code LIKE :ind', { ind: `${filter.industry}%` });
    if (filter.carrierId) qb.andWhere('e.carrier_id = :carrier', { carrier: filter.carrierId });
    if (filter.library) {
      const cultivating = jsonArrayContains(this.dataSource, 'e.cultivation', 'lib', filter.library);
      qb.andWhere(`(e.${LIBRARY_FLAG[filter.library]} OR ${cultivating.sql})`, cultivating.parameters);
    }
    if (filter.ids !== undefined) {
      if (filter.ids.length === 0)
        return Promise.resolve({ items: [], total: 0, page: page.page, pageSize: page.pageSize });
      qb.andWhere('e.id IN (:...ids)', { ids: filter.ids });
    }
    if ((page.sort ?? 'name') === 'name') return this.pageByPinyin(qb, page);
    return pageOf(qb, page, ENTERPRISE_SORTS, 'name');
  }

  /**
   * A page of the list in pinyin order of the name. Neither SQLite nor every PostgreSQL build collates by pinyin,
   * so the ids and names of the matching enterprises (a park holds thousands at most) are sorted here with ICU's
   * pinyin collation, and only the page's rows are loaded whole.
   */
  private async pageByPinyin(
    qb: SelectQueryBuilder<EnterpriseEntity>,
    page: PageRequest,
  ): Promise<Page<EnterpriseEntity>> {
    const rows = await qb
      .clone()
      .select('e.id', 'id')
      .addSelect('e.name', 'name')
      .getRawMany<{ id: string; name: string }>();
    rows.sort((a, b) => PINYIN.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (page.order === 'desc') rows.reverse();
    const ids = rows.slice((page.page - 1) * page.pageSize, page.page * page.pageSize).map((r) => r.id);
    const found =
      ids.length === 0 ? [] : await this.dataSource.getRepository(EnterpriseEntity).findBy({ id: In(ids) });
    const byId = new Map(found.map((e) => [e.id, e]));
    const items = ids.flatMap((id) => byId.get(id) ?? []);
    return { items, total: rows.length, page: page.page, pageSize: page.pageSize };
  }

  /** Every live enterprise (analytics, export). */
  all(): Promise<EnterpriseEntity[]> {
    return this.dataSource.getRepository(EnterpriseEntity).find({ order: { name: 'ASC' } });
  }

  /**
   * Every live enterprise's id by credit code, read as plain rows: an import looks thousands of them up, and
   * building thousands of entities is synchronous work that would hold the event loop.
   */
  async idsByCreditCode(): Promise<Map<string, string>> {
    const rows = await this.dataSource
      .getRepository(EnterpriseEntity)
      .createQueryBuilder('e')
      .select('e.id', 'id')
      .addSelect('e.creditCode', 'creditCode')
      .getRawMany<{ id: string; creditCode: string }>();
    return new Map(rows.map((r) => [r.creditCode, r.id]));
  }

  findByCreditCode(creditCode: string): Promise<EnterpriseEntity | null> {
    return this.dataSource
      .getRepository(EnterpriseEntity)
      .findOne({ where: { creditCode }, withDeleted: true });
  }

  indicators(enterpriseId: string): Promise<EnterpriseIndicatorEntity[]> {
    return this.dataSource
      .getRepository(EnterpriseIndicatorEntity)
      .find({ where: { enterpriseId }, order: { year: 'ASC' } });
  }

  /** Every indicator row of live enterprises, optionally for some years only. */
  allIndicators(years?: readonly number[]): Promise<EnterpriseIndicatorEntity[]> {
    const qb = this.dataSource
      .getRepository(EnterpriseIndicatorEntity)
      .createQueryBuilder('i')
      .innerJoin(EnterpriseEntity, 'e', 'e.id = i.enterprise_id AND e.deleted_at IS NULL')
      .orderBy('i.year', 'ASC');
    if (years && years.length > 0) qb.where('i.year IN (:...years)', { years });
    return qb.getMany();
  }

  /** Sets one year's indicators (create or replace the given fields), audited. */
  async putIndicators(
    actor: Actor,
    enterpriseId: string,
    year: number,
    values: Partial<IndicatorValues>,
    em?: EntityManager,
  ): Promise<{ record: EnterpriseIndicatorEntity; outcome: 'created' | 'updated' | 'unchanged' }> {
    const work = async (tx: EntityManager) => {
      const existing = await tx
        .getRepository(EnterpriseIndicatorEntity)
        .findOne({ where: { enterpriseId, year } });
      if (!existing) {
        const record = await this.indicatorStore.create(actor, { enterpriseId, year, ...values }, tx);
        return { record, outcome: 'created' as const };
      }
      const changed = Object.entries(values).some(
        ([k, v]) => (existing as unknown as Record<string, unknown>)[k] !== v,
      );
      if (!changed) return { record: existing, outcome: 'unchanged' as const };
      const record = await this.indicatorStore.update(actor, existing.id, values, tx);
      return { record, outcome: 'updated' as const };
    };
    return em ? work(em) : this.dataSource.transaction(work);
  }

  /** A timeline, newest first, each event with its documents' metadata (never their bytes). */
  async events(subjectType: 'enterprise' | 'parcel', subjectId: string): Promise<RecordEventRecord[]> {
    const events = await this.dataSource
      .getRepository(RecordEventEntity)
      .find({ where: { subjectType, subjectId }, order: { occurredOn: 'DESC', createdAt: 'DESC' } });
    const documents = await this.eventDocuments.of(events.map((e) => e.id));
    return events.map((event) => ({ event, documents: documents.filter((d) => d.eventId === event.id) }));
  }

  /** One event of that subject's timeline (else 404, as a missing one). */
  async event(
    subjectType: 'enterprise' | 'parcel',
    subjectId: string,
    id: string,
  ): Promise<RecordEventEntity> {
    const found = await this.dataSource
      .getRepository(RecordEventEntity)
      .findOne({ where: { id, subjectType, subjectId } });
    if (!found) throw notFound('event', id);
    return found;
  }

  /** Appends to a timeline, audited. */
  async addEvent(
    actor: Actor,
    event: Omit<RecordEventEntity, 'id' | 'createdAt' | 'createdBy'>,
  ): Promise<RecordEventEntity> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(RecordEventEntity);
      const saved = await repo.save(repo.create({ ...event, createdBy: actor.username }));
      await recordAudit(tx, {
        actor: actor.username,
        action: 'create',
        entityType: 'event',
        entityId: saved.id,
        enterpriseId: saved.enterpriseId,
        before: null,
        after: saved,
      });
      return saved;
    });
  }

  /** The audit trail, newest first: of one record, or of everything concerning one enterprise. */
  async audit(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntryEntity>> {
    const qb = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a');
    if (filter.entityType) qb.andWhere('a.entity_type = :t', { t: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entity_id = :id', { id: filter.entityId });
    if (filter.enterpriseId) qb.andWhere('a.enterprise_id = :ent', { ent: filter.enterpriseId });
    if (filter.actor) qb.andWhere('a.actor = :actor', { actor: filter.actor });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.from) qb.andWhere('a.at >= :from', { from: filter.from });
    if (filter.until) qb.andWhere('a.at < :until', { until: filter.until });
    qb.orderBy('a.seq', 'DESC')
      .skip((page.page - 1) * page.pageSize)
      .take(page.pageSize);
    const [items, total] = await qb.getManyAndCount();
    return { items, total, page: page.page, pageSize: page.pageSize };
  }

  /**
   * What the audit log page names each entry's record by: the record's name (a parcel's code and name, a user's
   * username …) for the record types that have one, and the name of the enterprise an entry belongs to. Deleted
   * records are named too. One query per record type present.
   */
  async auditNames(entries: readonly AuditEntryEntity[]): Promise<{
    readonly records: ReadonlyMap<string, string>;
    readonly enterprises: ReadonlyMap<string, string>;
  }> {
    const idsOf = (type: string) => [
      ...new Set(entries.filter((e) => e.entityType === type).map((e) => e.entityId)),
    ];
    const records = new Map<string, string>();
    const enterpriseIds = new Set(entries.flatMap((e) => (e.enterpriseId ? [e.enterpriseId] : [])));
    for (const id of idsOf('enterprise')) enterpriseIds.add(id);
    const enterprises = new Map<string, string>();
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const onlyUuids = (ids: readonly string[]) => ids.filter((id) => uuid.test(id));
    const ents = onlyUuids([...enterpriseIds]);
    if (ents.length > 0)
      for (const e of await this.dataSource
        .getRepository(EnterpriseEntity)
        .find({ where: { id: In(ents) }, withDeleted: true, select: ['id', 'name'] }))
        enterprises.set(e.id, e.name);
    for (const id of idsOf('enterprise')) {
      const name = enterprises.get(id);
      if (name) records.set(`enterprise:${id}`, name);
    }
    const named = async <T extends { id: string }>(
      type: string,
      entity: new () => T,
      label: (row: T) => string,
      withDeleted = false,
    ) => {
      const ids = onlyUuids(idsOf(type));
      if (ids.length === 0) return;
      const rows = await this.dataSource
        .getRepository(entity)
        .find({ where: { id: In(ids) } as never, withDeleted });
      for (const row of rows) records.set(`${type}:${row.id}`, label(row));
    };
    await named('parcel', LandParcelEntity, (p) => `${p.code} ${p.name}`, true);
    await named('carrier', CarrierEntity, (c) => c.name, true);
    await named('device', DeviceEntity, (d) => d.name || d.id);
    await named('project', ProjectEntity, (p) => p.name);
    await named('plan-task', PlanTaskEntity, (t) => `${t.year} ${t.title}`, true);
    await named('policy', PolicyEntity, (p) => p.name, true);
    await named('user', UserEntity, (u) => u.username);
    await named('indicator', EnterpriseIndicatorEntity, (i) => String(i.year));
    await named('qualification', QualificationEntity, (q) => q.certificateNo, true);
    return { records, enterprises };
  }

  async requireLive(id: string): Promise<EnterpriseEntity> {
    const found = await this.store.find(id);
    if (!found) throw notFound('enterprise', id);
    return found;
  }

  transaction<R>(work: (em: EntityManager) => Promise<R>): Promise<R> {
    return this.dataSource.transaction(work);
  }
}
