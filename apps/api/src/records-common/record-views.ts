/**
 * TypeORM entities → the views the API sends (libs/contracts records-views.ts). Field by field, never a spread:
 * a column added to a table reaches the wire only when a view names it, and internal columns (`isDemo`) and
 * loaded relations never do.
 */
import type {
  AdmissionEntryView,
  AuditEntryView,
  CarrierRecordView,
  EnterpriseIndicatorsView,
  EnterpriseView,
  Page,
  ParcelView,
  PlanTargetView,
  RecordEventView,
  TenancyView,
} from '@park/contracts';
import { transferEndDate } from '@park/contracts';
import { attachedDocumentView } from './documents';
import type {
  AdmissionEntryEntity,
  AuditEntryEntity,
  CarrierEntity,
  CarrierTenancyEntity,
  EnterpriseEntity,
  EnterpriseIndicatorEntity,
  LandParcelEntity,
  PlanTargetEntity,
  RecordEventRecord,
} from '@park/records';

/** A timestamp column as ISO 8601 (what JSON.stringify made of the Date before). */
function iso(value: Date): string {
  return new Date(value).toISOString();
}

function isoOrNull(value: Date | null): string | null {
  return value === null ? null : iso(value);
}

export function pageView<E, V>(page: Page<E>, view: (entity: E) => V): Page<V> {
  return { items: page.items.map(view), total: page.total, page: page.page, pageSize: page.pageSize };
}

export function enterpriseView(e: EnterpriseEntity): EnterpriseView {
  return {
    id: e.id,
    name: e.name,
    creditCode: e.creditCode,
    industryCode: e.industryCode,
    carrierId: e.carrierId,
    contactName: e.contactName,
    contactPhone: e.contactPhone,
    address: e.address,
    aboveScale: e.aboveScale,
    highTech: e.highTech,
    listed: e.listed,
    revenueOver100m: e.revenueOver100m,
    manufacturer: e.manufacturer,
    coreIndustry: e.coreIndustry,
    incubating: e.incubating,
    cultivation: e.cultivation,
    permitLimits: e.permitLimits,
    permitO2Reference: e.permitO2Reference,
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
    deletedAt: isoOrNull(e.deletedAt),
  };
}

export function enterpriseIndicatorsView(i: EnterpriseIndicatorEntity): EnterpriseIndicatorsView {
  return {
    id: i.id,
    enterpriseId: i.enterpriseId,
    year: i.year,
    revenue: i.revenue,
    taxableSales: i.taxableSales,
    tax: i.tax,
    rdExpense: i.rdExpense,
    inventionPatents: i.inventionPatents,
    output: i.output,
    highTechOutput: i.highTechOutput,
    highTechInvestment: i.highTechInvestment,
    energyTce: i.energyTce,
    employees: i.employees,
    updatedAt: iso(i.updatedAt),
  };
}

/** An event with its documents' metadata (a new event has none). */
export function recordEventView(r: RecordEventRecord): RecordEventView {
  const e = r.event;
  return {
    id: e.id,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    enterpriseId: e.enterpriseId,
    type: e.type,
    occurredOn: e.occurredOn,
    summary: e.summary,
    details: e.details,
    createdBy: e.createdBy,
    createdAt: iso(e.createdAt),
    documents: r.documents.map(attachedDocumentView),
  };
}

export function auditEntryView(a: AuditEntryEntity): AuditEntryView {
  return {
    seq: a.seq,
    at: iso(a.at),
    actor: a.actor,
    action: a.action,
    entityType: a.entityType,
    entityId: a.entityId,
    enterpriseId: a.enterpriseId,
    changes: a.changes,
  };
}

export function parcelView(p: LandParcelEntity): ParcelView {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    areaMu: p.areaMu,
    landUse: p.landUse,
    owner: p.owner,
    enterpriseId: p.enterpriseId,
    carrierId: p.carrierId,
    inefficient: p.inefficient,
    revitalizedYear: p.revitalizedYear,
    certificateNo: p.certificateNo,
    transferDate: p.transferDate,
    transferTermYears: p.transferTermYears,
    transferEndDate: transferEndDate(p.transferDate, p.transferTermYears),
    plotRatio: p.plotRatio,
    investmentIntensity: p.investmentIntensity,
    contractNo: p.contractNo,
    contractTerms: p.contractTerms,
    geometry: p.geometry,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}

export function carrierRecordView(c: CarrierEntity): CarrierRecordView {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    floorAreaM2: c.floorAreaM2,
    operator: c.operator,
    address: c.address,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  };
}

export function tenancyView(t: CarrierTenancyEntity): TenancyView {
  return {
    id: t.id,
    carrierId: t.carrierId,
    enterpriseId: t.enterpriseId,
    ...(t.enterprise !== undefined && {
      enterprise: t.enterprise && {
        id: t.enterprise.id,
        name: t.enterprise.name,
        industryCode: t.enterprise.industryCode,
      },
    }),
    areaM2: t.areaM2,
    startDate: t.startDate,
    endDate: t.endDate,
    admission: t.admission,
    overrideNote: t.overrideNote,
    createdBy: t.createdBy,
    createdAt: iso(t.createdAt),
  };
}

export function admissionEntryView(a: AdmissionEntryEntity): AdmissionEntryView {
  return {
    id: a.id,
    industryCode: a.industryCode,
    level: a.level,
    reason: a.reason,
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
  };
}

export function planTargetView(t: PlanTargetEntity): PlanTargetView {
  return {
    id: t.id,
    indicator: t.indicator,
    year: t.year,
    target: t.target,
    comparator: t.comparator,
    updatedBy: t.updatedBy,
    updatedAt: iso(t.updatedAt),
  };
}
