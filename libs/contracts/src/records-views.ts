/**
 * The park records (一企一档, 一地一档, 产业载体, the plan's targets) as the REST API sends them, and the
 * vocabularies they share with the tables in libs/records. The API maps its TypeORM entities to these views
 * (apps/api/src/records-common/record-views.ts), so internal columns and loaded relations never reach the
 * wire. Timestamps are ISO 8601 strings; calendar dates are `YYYY-MM-DD`.
 */
import type { AttachedDocumentView } from './attached-document-views';
import type { WallGeometry } from './wall-summary';

/** The plan's four cultivation libraries (四大培育库): 规上, 高新技术, 上市, 销售过亿. */
export const CULTIVATION_LIBRARIES = ['above-scale', 'high-tech', 'listed', 'revenue-100m'] as const;
export type CultivationLibrary = (typeof CULTIVATION_LIBRARIES)[number];

/** The dynamic information the plan asks to keep current: 股权变更、用地变更、房屋出租、产业协议. */
export const RECORD_EVENT_TYPES = [
  'equity-change',
  'land-use-change',
  'lease',
  'industry-agreement',
] as const;
export type RecordEventType = (typeof RECORD_EVENT_TYPES)[number];
export const RECORD_EVENT_SUBJECTS = ['enterprise', 'parcel'] as const;
export type RecordEventSubject = (typeof RECORD_EVENT_SUBJECTS)[number];

/** 产业载体准入清单: 鼓励 / 限制 / 禁止. */
export const ADMISSION_LEVELS = ['encouraged', 'restricted', 'prohibited'] as const;
export type AdmissionLevel = (typeof ADMISSION_LEVELS)[number];

/** How the admission list judged a tenant's industry when it moved in. */
export const ADMISSION_OUTCOMES = ['encouraged', 'restricted', 'unlisted'] as const;
export type AdmissionOutcome = (typeof ADMISSION_OUTCOMES)[number];

/** The plan's indicators (DESIGN.md "The plan's 2025 targets"). */
export const PLAN_INDICATORS = [
  'high-tech-investment',
  'high-tech-output-share',
  'core-industry-share',
  'carrier-occupancy',
  'inefficient-land-revitalized',
  'above-scale-enterprises',
  'above-scale-taxable-sales',
  'invention-patents',
  'incubating-projects',
] as const;
export type PlanIndicator = (typeof PLAN_INDICATORS)[number];

/** A parcel's outline: a GeoJSON Polygon or MultiPolygon (RFC 7946), WGS 84 longitude/latitude. */
export type ParcelGeometry = WallGeometry;

/** What changed in one field. */
export interface FieldChange {
  readonly from: unknown;
  readonly to: unknown;
}

/** One page of a records list. */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** 一企一档: one enterprise's record. */
export interface EnterpriseView {
  readonly id: string;
  readonly name: string;
  /** 统一社会信用代码 (GB 32100-2015). */
  readonly creditCode: string;
  /** GB/T 4754-2017 industry class, 2–4 digits. */
  readonly industryCode: string | null;
  /** The carrier (产业载体) the enterprise is located in. */
  readonly carrierId: string | null;
  readonly contactName: string | null;
  readonly contactPhone: string | null;
  readonly address: string | null;
  /** 规模以上工业企业. */
  readonly aboveScale: boolean;
  /** 高新技术企业. */
  readonly highTech: boolean;
  /** 上市企业. */
  readonly listed: boolean;
  /** 营收亿元以上. */
  readonly revenueOver100m: boolean;
  /** 制造业: the denominator of the plan's "一主两优" share. */
  readonly manufacturer: boolean;
  /** In the park's "一主两优" leading industries. */
  readonly coreIndustry: boolean;
  /** 在孵科创类项目. */
  readonly incubating: boolean;
  /** Libraries the enterprise is being cultivated in. */
  readonly cultivation: CultivationLibrary[];
  /** 排污许可证 limits, metric → limit in the metric's unit. */
  readonly permitLimits: Record<string, number> | null;
  /** The permit's reference O₂, %VOL. */
  readonly permitO2Reference: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Set when the record was deleted (it can be restored). */
  readonly deletedAt: string | null;
}

/** One year's indicators: money in 万元, energy in 吨标准煤; null is "not reported", never zero. */
export interface EnterpriseIndicatorsView {
  readonly id: string;
  readonly enterpriseId: string;
  readonly year: number;
  /** 营业收入. */
  readonly revenue: number | null;
  /** 应税销售. */
  readonly taxableSales: number | null;
  /** 税收. */
  readonly tax: number | null;
  /** 研发投入. */
  readonly rdExpense: number | null;
  /** 有效发明专利 held at year end. */
  readonly inventionPatents: number | null;
  /** 工业总产值. */
  readonly output: number | null;
  /** 高新技术产业产值. */
  readonly highTechOutput: number | null;
  /** 高新技术投资 in the year. */
  readonly highTechInvestment: number | null;
  /** 综合能耗, 吨标准煤. */
  readonly energyTce: number | null;
  /** 从业人员 at year end. */
  readonly employees: number | null;
  readonly updatedAt: string;
}

/** One entry of an enterprise's or a parcel's dynamic-events timeline. */
export interface RecordEventView {
  readonly id: string;
  readonly subjectType: RecordEventSubject;
  readonly subjectId: string;
  /** The enterprise concerned: the subject itself, or the parcel's user. */
  readonly enterpriseId: string | null;
  readonly type: RecordEventType;
  /** `YYYY-MM-DD`. */
  readonly occurredOn: string;
  readonly summary: string;
  readonly details: Record<string, unknown>;
  readonly createdBy: string;
  readonly createdAt: string;
  /** The attached documents (协议文本, 变更材料…), oldest first: metadata only. */
  readonly documents: AttachedDocumentView[];
}

/** One entry of the records' audit log: who changed what, when, field by field. */
export interface AuditEntryView {
  /** The log's sequence number (a bigint, as a string). */
  readonly seq: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly enterpriseId: string | null;
  readonly changes: Record<string, FieldChange>;
  /** The record's name where its type has one (an enterprise's, a parcel's code and name, a user's username …). */
  readonly recordName?: string | null;
  /** The name of the enterprise the entry belongs to, when it belongs to one. */
  readonly enterpriseName?: string | null;
}

/** 一地一档: one land parcel. */
export interface ParcelView {
  readonly id: string;
  /** 地块编号. */
  readonly code: string;
  readonly name: string;
  /** Area in 亩. */
  readonly areaMu: number;
  /** 用地性质, e.g. 工业用地. */
  readonly landUse: string;
  /** 权属人 as written on the certificate. */
  readonly owner: string | null;
  /** The enterprise using the parcel. */
  readonly enterpriseId: string | null;
  /** The carrier built on the parcel. */
  readonly carrierId: string | null;
  /** 低效用地. */
  readonly inefficient: boolean;
  /** The year an inefficient parcel was revitalized (盘活). */
  readonly revitalizedYear: number | null;
  /** 不动产权证号. */
  readonly certificateNo: string | null;
  /** 出让日期, YYYY-MM-DD. */
  readonly transferDate: string | null;
  /** 出让年限 in years (1–70). */
  readonly transferTermYears: number | null;
  /** 到期日期 (YYYY-MM-DD): 出让日期 + 出让年限, computed (transferEndDate); null unless both are known. */
  readonly transferEndDate: string | null;
  /** 容积率 (dimensionless). */
  readonly plotRatio: number | null;
  /** 投资强度 in 万元/亩. */
  readonly investmentIntensity: number | null;
  /** 出让合同 / 产业协议编号. */
  readonly contractNo: string | null;
  /** 合同约定条款 (约定投资额、达产期限、亩均税收承诺…), free text. */
  readonly contractTerms: string | null;
  readonly geometry: ParcelGeometry | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** 产业载体: an industrial carrier. */
export interface CarrierRecordView {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  /** 可租赁产业空间, m². */
  readonly floorAreaM2: number;
  /** 运营主体. */
  readonly operator: string | null;
  readonly address: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A carrier with its occupancy, computed from its current tenancies. */
export interface CarrierView extends CarrierRecordView {
  /** Sum of current tenancies, m². */
  readonly leasedAreaM2: number;
  /** leased / floor area, %, one decimal. */
  readonly occupancy: number;
  readonly tenantCount: number;
}

/** A tenant of a carrier: who leases how much floor area, from when to when. */
export interface TenancyView {
  readonly id: string;
  readonly carrierId: string;
  readonly enterpriseId: string;
  /** The tenant, when the answer lists a carrier's tenants. */
  readonly enterprise?: {
    readonly id: string;
    readonly name: string;
    readonly industryCode: string | null;
  } | null;
  /** Leased floor area, m². */
  readonly areaM2: number;
  /** `YYYY-MM-DD`. */
  readonly startDate: string;
  /** `YYYY-MM-DD`; null: still there. */
  readonly endDate: string | null;
  readonly admission: AdmissionOutcome;
  /** Why a restricted industry was admitted anyway. */
  readonly overrideNote: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** One line of the carriers' industry admission list, by GB/T 4754-2017 code (the longest match decides). */
export interface AdmissionEntryView {
  readonly id: string;
  readonly industryCode: string;
  readonly level: AdmissionLevel;
  /** Why: shown to whoever is refused or warned. */
  readonly reason: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A target of the plan for one indicator in one year. */
export interface PlanTargetView {
  readonly id: string;
  readonly indicator: PlanIndicator;
  readonly year: number;
  readonly target: number;
  /** `gt`: must exceed the target (the plan's "超"); `gte`: must reach it (the plan's "达"). */
  readonly comparator: 'gt' | 'gte';
  readonly updatedBy: string | null;
  readonly updatedAt: string;
}

/** What the park map colours and labels a parcel by. */
export interface ParcelMapProperties {
  readonly code: string;
  readonly name: string;
  /** 亩. */
  readonly areaMu: number;
  readonly landUse: string;
  readonly enterpriseId: string | null;
  readonly carrierId: string | null;
  readonly inefficient: boolean;
  readonly revitalizedYear: number | null;
}

export interface ParcelFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: ParcelGeometry;
  readonly properties: ParcelMapProperties;
}

/** The park map (GET /api/parcels/map): every parcel that has an outline, as GeoJSON. */
export interface ParcelFeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: ParcelFeature[];
}
