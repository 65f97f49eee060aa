import { Inject, Injectable } from '@nestjs/common';
import { enterpriseScope, type Principal } from '@park/auth';
import {
  CarrierRecords,
  checkCreditCode,
  EnterpriseRecords,
  RecordsError,
  type EnterpriseFilter,
  type IndicatorValues,
  type PageRequest,
} from '@park/records';
import type {
  AuditEntryView,
  EnterpriseIndicatorsView,
  EnterpriseView,
  Grade,
  Page,
  RecordEventView,
} from '@park/contracts';
import { CLOCK, type Clock } from '@park/clock';
import { AnalyticsService } from '../analytics/analytics.service';
import { assertInScope } from '../records-common/actor';
import {
  auditEntryView,
  enterpriseIndicatorsView,
  enterpriseView,
  pageView,
  recordEventView,
} from '../records-common/record-views';
import { checkPermitLimits, EMISSION_KINDS } from '../records-common/permit-limits';
import type { CreateEnterpriseDto, CreateEventDto, UpdateEnterpriseDto } from './enterprise.dto';

/** 一企一档 on behalf of a principal: energy managers read only their own enterprise; admins write. */
@Injectable()
export class EnterprisesService {
  constructor(
    private readonly enterprises: EnterpriseRecords,
    private readonly carriers: CarrierRecords,
    private readonly analytics: AnalyticsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The last whole year in Beijing time (UTC+8 all year): the newest year a 亩均 evaluation can have. */
  private lastYear(): number {
    return new Date(this.clock.now() + 8 * 3_600_000).getUTCFullYear() - 1;
  }

  /** The list; `byGrade` keeps those graded so by the 亩均效益评价 of a year (last year by default). */
  async list(
    principal: Principal,
    filter: EnterpriseFilter,
    page: PageRequest,
    byGrade?: { grade: Grade; year?: number },
  ): Promise<Page<EnterpriseView>> {
    const ids =
      byGrade === undefined
        ? undefined
        : (await this.analytics.evaluateEnterprises(byGrade.year ?? this.lastYear()))
            .filter((row) => row.grade === byGrade.grade)
            .map((row) => row.id);
    const found = await this.enterprises.list(
      { ...filter, ids, enterpriseId: enterpriseScope(principal) },
      page,
    );
    return pageView(found, enterpriseView);
  }

  async get(principal: Principal, id: string): Promise<EnterpriseView> {
    assertInScope(principal, 'enterprise', id, id);
    return enterpriseView(await this.enterprises.store.get(id));
  }

  async create(principal: Principal, dto: CreateEnterpriseDto): Promise<EnterpriseView> {
    assertCreditCode(dto.creditCode);
    if (dto.permitLimits) checkPermitLimits(dto.permitLimits, EMISSION_KINDS);
    const existing = await this.enterprises.findByCreditCode(dto.creditCode);
    if (existing)
      throw new RecordsError(
        'RECORD_CONFLICT',
        existing.deletedAt
          ? `an enterprise with credit code ${dto.creditCode} exists but was deleted; restore it instead`
          : `an enterprise with credit code ${dto.creditCode} already exists`,
        { id: existing.id },
      );
    if (dto.carrierId) await this.carriers.store.get(dto.carrierId);
    return enterpriseView(await this.enterprises.store.create(principal, { cultivation: [], ...dto }));
  }

  async update(principal: Principal, id: string, dto: UpdateEnterpriseDto): Promise<EnterpriseView> {
    await this.enterprises.requireLive(id);
    if (dto.permitLimits) checkPermitLimits(dto.permitLimits, EMISSION_KINDS);
    if (dto.carrierId) await this.carriers.store.get(dto.carrierId);
    return enterpriseView(await this.enterprises.store.update(principal, id, dto));
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.enterprises.store.softDelete(principal, id);
  }

  async restore(principal: Principal, id: string): Promise<EnterpriseView> {
    return enterpriseView(await this.enterprises.store.update(principal, id, { deletedAt: null }));
  }

  async indicators(principal: Principal, id: string): Promise<EnterpriseIndicatorsView[]> {
    await this.get(principal, id);
    return (await this.enterprises.indicators(id)).map(enterpriseIndicatorsView);
  }

  async putIndicators(
    principal: Principal,
    id: string,
    year: number,
    values: Partial<IndicatorValues>,
  ): Promise<EnterpriseIndicatorsView> {
    assertYear(year);
    await this.enterprises.requireLive(id);
    return enterpriseIndicatorsView(
      (await this.enterprises.putIndicators(principal, id, year, values)).record,
    );
  }

  async events(principal: Principal, id: string): Promise<RecordEventView[]> {
    await this.get(principal, id);
    return (await this.enterprises.events('enterprise', id)).map(recordEventView);
  }

  async addEvent(principal: Principal, id: string, dto: CreateEventDto): Promise<RecordEventView> {
    await this.enterprises.requireLive(id);
    const event = await this.enterprises.addEvent(principal, {
      subjectType: 'enterprise',
      subjectId: id,
      enterpriseId: id,
      type: dto.type,
      occurredOn: dto.occurredOn,
      summary: dto.summary,
      details: dto.details ?? {},
    });
    return recordEventView({ event, documents: [] });
  }

  /**
   * The audit log, newest first. `from`/`to` are Beijing days (both included); each entry is named by its record
   * and its enterprise where they have names (the log page shows them).
   */
  async audit(
    filter: {
      entityType?: string;
      entityId?: string;
      enterpriseId?: string;
      actor?: string;
      action?: string;
      from?: string;
      to?: string;
    },
    page: PageRequest,
  ): Promise<Page<AuditEntryView>> {
    const { from, to, ...rest } = filter;
    const result = await this.enterprises.audit(
      {
        ...rest,
        ...(from ? { from: beijingDayStart(from, 'from') } : {}),
        ...(to ? { until: new Date(beijingDayStart(to, 'to').getTime() + 86_400_000) } : {}),
      },
      page,
    );
    const names = await this.enterprises.auditNames(result.items);
    return pageView(result, (a) => ({
      ...auditEntryView(a),
      recordName: names.records.get(`${a.entityType}:${a.entityId}`) ?? null,
      enterpriseName: a.enterpriseId ? (names.enterprises.get(a.enterpriseId) ?? null) : null,
    }));
  }
}

/** Midnight of a Beijing calendar day (UTC+8, no daylight saving). */
function beijingDayStart(day: string, field: string): Date {
  const at = Date.parse(`${day}T00:00:00+08:00`);
  if (Number.isNaN(at)) throw new RecordsError('INVALID_RECORD', `${field}: not a date: ${day}`, { field });
  return new Date(at);
}

/** The same check the DTO makes, for callers that do not come through a DTO (imports). */
export function assertCreditCode(code: string): void {
  const result = checkCreditCode(code);
  if (!result.ok)
    throw new RecordsError('INVALID_RECORD', `creditCode: ${result.reason}`, { field: 'creditCode' });
}

export function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1990 || year > 2100)
    throw new RecordsError('INVALID_RECORD', `year must be between 1990 and 2100, got ${year}`, {
      field: 'year',
    });
}
