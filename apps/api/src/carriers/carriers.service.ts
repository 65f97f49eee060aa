import { Injectable } from '@nestjs/common';
import type { Principal } from '@park/auth';
import {
  CarrierRecords,
  EnterpriseRecords,
  RecordsError,
  type AdmissionLevel,
  type CarrierEntity,
  type CarrierTenancyEntity,
  type PageRequest,
} from '@park/records';
import type { AdmissionEntryView, CarrierRecordView, CarrierView, Page, TenancyView } from '@park/contracts';
import { admissionEntryView, carrierRecordView, tenancyView } from '../records-common/record-views';
import { admissionFor } from '@park/contracts';
import type { AddTenantDto, CreateCarrierDto, UpdateCarrierDto } from './carrier.dto';

/** 产业载体: carriers, occupancy, tenants — and the admission list that decides who may become one. */
@Injectable()
export class CarriersService {
  constructor(
    private readonly carriers: CarrierRecords,
    private readonly enterprises: EnterpriseRecords,
  ) {}

  async list(filter: { q?: string }, page: PageRequest): Promise<Page<CarrierView>> {
    const result = await this.carriers.list(filter, page);
    const tenancies = await this.carriers.tenancies();
    return { ...result, items: result.items.map((c) => withOccupancy(c, tenancies)) };
  }

  async get(id: string): Promise<CarrierView> {
    const carrier = await this.carriers.store.get(id);
    return withOccupancy(carrier, await this.carriers.tenancies(id));
  }

  async create(principal: Principal, dto: CreateCarrierDto): Promise<CarrierRecordView> {
    return carrierRecordView(await this.carriers.store.create(principal, dto));
  }

  async update(principal: Principal, id: string, dto: UpdateCarrierDto): Promise<CarrierRecordView> {
    await this.carriers.store.get(id);
    return carrierRecordView(await this.carriers.store.update(principal, id, dto));
  }

  remove(principal: Principal, id: string): Promise<void> {
    return this.carriers.store.softDelete(principal, id);
  }

  async tenants(id: string, includeEnded: boolean): Promise<TenancyView[]> {
    await this.carriers.store.get(id);
    return (await this.carriers.tenancies(id, includeEnded)).map(tenancyView);
  }

  /**
   * Adds a tenant, checked against the admission list: a prohibited industry is refused with the list's reason;
   * a restricted one needs an override note, which is kept on the tenancy and in the audit log.
   */
  async addTenant(principal: Principal, carrierId: string, dto: AddTenantDto): Promise<TenancyView> {
    const carrier = await this.carriers.store.get(carrierId);
    const enterprise = await this.enterprises.requireLive(dto.enterpriseId);
    const verdict = admissionFor(enterprise.industryCode, await this.carriers.admissionList());
    if (verdict.level === 'prohibited')
      throw new RecordsError(
        'ADMISSION_PROHIBITED',
        `行业 ${enterprise.industryCode} 属于禁止类，不得入驻${carrier.name}：${verdict.rule.reason} (industry ${enterprise.industryCode} is prohibited: ${verdict.rule.reason})`,
        {
          industryCode: enterprise.industryCode,
          rule: verdict.rule.industryCode,
          reason: verdict.rule.reason,
        },
      );
    if (verdict.level === 'restricted' && !dto.overrideNote?.trim())
      throw new RecordsError(
        'ADMISSION_OVERRIDE_REQUIRED',
        `行业 ${enterprise.industryCode} 属于限制类（${verdict.rule.reason}），入驻须填写准入说明 overrideNote (restricted industry: an override note is required)`,
        {
          industryCode: enterprise.industryCode,
          rule: verdict.rule.industryCode,
          reason: verdict.rule.reason,
        },
      );
    const leased = (await this.carriers.tenancies(carrierId)).reduce((sum, t) => sum + t.areaM2, 0);
    if (leased + dto.areaM2 > carrier.floorAreaM2)
      throw new RecordsError(
        'INVALID_RECORD',
        `areaM2: ${dto.areaM2} m² exceeds the carrier's free area (${Math.max(0, carrier.floorAreaM2 - leased)} m² of ${carrier.floorAreaM2} m²)`,
        { field: 'areaM2' },
      );
    const tenancy = await this.carriers.addTenancy(principal, {
      carrierId,
      enterpriseId: enterprise.id,
      areaM2: dto.areaM2,
      startDate: dto.startDate,
      endDate: null,
      admission: verdict.level === 'restricted' ? 'restricted' : verdict.level,
      overrideNote: verdict.level === 'restricted' ? dto.overrideNote!.trim() : (dto.overrideNote ?? null),
    });
    return tenancyView(tenancy);
  }

  async endTenancy(
    principal: Principal,
    carrierId: string,
    tenancyId: string,
    endDate: string,
  ): Promise<TenancyView> {
    return tenancyView(await this.carriers.endTenancy(principal, carrierId, tenancyId, endDate));
  }

  async admissionList(): Promise<AdmissionEntryView[]> {
    return (await this.carriers.admissionList()).map(admissionEntryView);
  }

  async putAdmission(
    principal: Principal,
    code: string,
    level: AdmissionLevel,
    reason: string,
  ): Promise<AdmissionEntryView> {
    return admissionEntryView(
      await this.carriers.putAdmission(principal, { industryCode: code, level, reason }),
    );
  }

  removeAdmission(principal: Principal, code: string): Promise<void> {
    return this.carriers.removeAdmission(principal, code);
  }
}

export function withOccupancy(
  carrier: CarrierEntity,
  tenancies: readonly CarrierTenancyEntity[],
): CarrierView {
  const own = tenancies.filter((t) => t.carrierId === carrier.id && t.endDate === null);
  const leasedAreaM2 = own.reduce((sum, t) => sum + t.areaM2, 0);
  return {
    ...carrierRecordView(carrier),
    leasedAreaM2,
    occupancy: carrier.floorAreaM2 > 0 ? Math.round((leasedAreaM2 / carrier.floorAreaM2) * 1000) / 10 : 0,
    tenantCount: new Set(own.map((t) => t.enterpriseId)).size,
  };
}
