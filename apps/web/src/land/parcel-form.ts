/**
 * 一地一档的编辑 — the parcel form as pure functions (no DOM): the fields PATCH /api/parcels/{id} takes, checked
 * as UpdateParcelDto checks them (apps/api/src/parcels/parcel.dto.ts) so a mistake is named on its field before a
 * request, and a body with only what changed; and the enterprise picker's options in pinyin order. Unit-tested in
 * parcel-form.spec.ts.
 */
import { TRANSFER_TERM_MAX_YEARS, TRANSFER_TERM_MIN_YEARS } from '@park/contracts';
import type { Checked, FieldProblem } from '../records/enterprise-form';
import type { Parcel, ParcelUpdate } from './land-api';

/** UpdateParcelDto's bounds. */
export const PARCEL_NAME_MAX = 200;
export const AREA_MU_MIN = 0.01;
export const AREA_MU_MAX = 100_000;
export const LAND_USE_MAX = 32;
export const OWNER_MAX = 200;
export const REVITALIZED_MIN = 2000;
export const REVITALIZED_MAX = 2100;
export const CERTIFICATE_NO_MAX = 64;
export const CONTRACT_NO_MAX = 64;
export const CONTRACT_TERMS_MAX = 4000;
export const PLOT_RATIO_MAX = 100;
export const INVESTMENT_INTENSITY_MAX = 1_000_000;

/** 用地性质 as GB 50137-2011 names the kinds a park's parcels are (offered, not imposed: the API takes any text). */
export const LAND_USES = [
  '工业用地',
  '物流仓储用地',
  '科研用地',
  '商业服务业设施用地',
  '公用设施用地',
] as const;

export interface ParcelForm {
  readonly name: string;
  readonly areaMu: string;
  readonly landUse: string;
  readonly owner: string;
  /** '' for none. */
  readonly enterpriseId: string;
  readonly inefficient: boolean;
  readonly revitalizedYear: string;
  /** 不动产权证号. */
  readonly certificateNo: string;
  /** 出让日期, YYYY-MM-DD ('' for none). */
  readonly transferDate: string;
  /** 出让年限 in years. */
  readonly transferTermYears: string;
  readonly plotRatio: string;
  /** 投资强度, 万元/亩. */
  readonly investmentIntensity: string;
  readonly contractNo: string;
  readonly contractTerms: string;
}

export function parcelFormOf(p: Parcel): ParcelForm {
  return {
    name: p.name,
    areaMu: String(p.areaMu),
    landUse: p.landUse,
    owner: p.owner ?? '',
    enterpriseId: p.enterpriseId ?? '',
    inefficient: p.inefficient,
    revitalizedYear: p.revitalizedYear == null ? '' : String(p.revitalizedYear),
    certificateNo: p.certificateNo ?? '',
    transferDate: p.transferDate ?? '',
    transferTermYears: p.transferTermYears == null ? '' : String(p.transferTermYears),
    plotRatio: p.plotRatio == null ? '' : String(p.plotRatio),
    investmentIntensity: p.investmentIntensity == null ? '' : String(p.investmentIntensity),
    contractNo: p.contractNo ?? '',
    contractTerms: p.contractTerms ?? '',
  };
}

/** A calendar day written YYYY-MM-DD that exists (2025-02-30 does not). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const t = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text;
}

/** A decimal ≥ 0 as typed (thousands separators allowed), or undefined when it is not one. */
function decimal(text: string): number | undefined {
  const plain = text.replace(/,/g, '');
  return /^\d+(\.\d+)?$/.test(plain) ? Number(plain) : undefined;
}

/**
 * 剩余年限 on `today` (YYYY-MM-DD) of a term ending on `endDate` (ParcelView.transferEndDate): whole years and the
 * months left over, `expired` once the end date has passed, null without an end date.
 */
export function remainingTerm(
  endDate: string | null,
  today: string,
): { readonly years: number; readonly months: number } | 'expired' | null {
  if (!endDate || !isCalendarDate(endDate) || !isCalendarDate(today)) return null;
  if (endDate <= today) return 'expired';
  const [ey, em, ed] = endDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  let months = (ey - ty) * 12 + (em - tm);
  if (ed < td) months -= 1;
  return { years: Math.floor(months / 12), months: months % 12 };
}

const tooLong = (max: number): FieldProblem => ({ key: 'records.edit.error.tooLong', params: { max } });

/** The parcel form → PATCH /api/parcels/{id} body with only what changed (possibly empty). */
export function checkParcelForm(p: Parcel, form: ParcelForm): Checked<ParcelUpdate> {
  const errors: Record<string, FieldProblem> = {};
  const name = form.name.trim();
  if (!name) errors.name = { key: 'records.edit.error.required' };
  else if (name.length > PARCEL_NAME_MAX) errors.name = tooLong(PARCEL_NAME_MAX);

  const areaText = form.areaMu.trim().replace(/,/g, '');
  const areaMu = Number(areaText);
  if (!areaText) errors.areaMu = { key: 'records.edit.error.required' };
  else if (!/^\d+(\.\d+)?$/.test(areaText) || areaMu < AREA_MU_MIN || areaMu > AREA_MU_MAX)
    errors.areaMu = { key: 'parcels.edit.error.area', params: { min: AREA_MU_MIN, max: AREA_MU_MAX } };

  const landUse = form.landUse.trim();
  if (!landUse) errors.landUse = { key: 'records.edit.error.required' };
  else if (landUse.length > LAND_USE_MAX) errors.landUse = tooLong(LAND_USE_MAX);

  const owner = form.owner.trim() || null;
  if (owner && owner.length > OWNER_MAX) errors.owner = tooLong(OWNER_MAX);

  const yearText = form.revitalizedYear.trim();
  const revitalizedYear = yearText ? Number(yearText) : null;
  if (
    yearText &&
    (!/^\d{4}$/.test(yearText) || revitalizedYear! < REVITALIZED_MIN || revitalizedYear! > REVITALIZED_MAX)
  )
    errors.revitalizedYear = {
      key: 'records.edit.error.year',
      params: { min: REVITALIZED_MIN, max: REVITALIZED_MAX },
    };

  const certificateNo = form.certificateNo.trim() || null;
  if (certificateNo && certificateNo.length > CERTIFICATE_NO_MAX)
    errors.certificateNo = tooLong(CERTIFICATE_NO_MAX);

  const transferDate = form.transferDate.trim() || null;
  if (transferDate && !isCalendarDate(transferDate)) errors.transferDate = { key: 'parcels.edit.error.date' };

  const termText = form.transferTermYears.trim();
  const transferTermYears = termText ? Number(termText) : null;
  if (
    termText &&
    (!/^\d+$/.test(termText) ||
      transferTermYears! < TRANSFER_TERM_MIN_YEARS ||
      transferTermYears! > TRANSFER_TERM_MAX_YEARS)
  )
    errors.transferTermYears = {
      key: 'parcels.edit.error.term',
      params: { min: TRANSFER_TERM_MIN_YEARS, max: TRANSFER_TERM_MAX_YEARS },
    };

  const ratioText = form.plotRatio.trim();
  const plotRatio = ratioText ? decimal(ratioText) : null;
  if (plotRatio === undefined || (plotRatio !== null && plotRatio > PLOT_RATIO_MAX))
    errors.plotRatio = { key: 'parcels.edit.error.plotRatio', params: { max: PLOT_RATIO_MAX } };

  const intensityText = form.investmentIntensity.trim();
  const investmentIntensity = intensityText ? decimal(intensityText) : null;
  if (
    investmentIntensity === undefined ||
    (investmentIntensity !== null && investmentIntensity > INVESTMENT_INTENSITY_MAX)
  )
    errors.investmentIntensity = { key: 'records.edit.error.number' };

  const contractNo = form.contractNo.trim() || null;
  if (contractNo && contractNo.length > CONTRACT_NO_MAX) errors.contractNo = tooLong(CONTRACT_NO_MAX);
  const contractTerms = form.contractTerms.trim() || null;
  if (contractTerms && contractTerms.length > CONTRACT_TERMS_MAX)
    errors.contractTerms = tooLong(CONTRACT_TERMS_MAX);

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const body: Record<string, string | number | boolean | null> = {};
  const set = (
    field: string,
    next: string | number | boolean | null,
    current: string | number | boolean | null,
  ) => {
    if (next !== current) body[field] = next;
  };
  set('name', name, p.name);
  set('areaMu', areaMu, p.areaMu);
  set('landUse', landUse, p.landUse);
  set('owner', owner, p.owner);
  set('enterpriseId', form.enterpriseId || null, p.enterpriseId);
  set('inefficient', form.inefficient, p.inefficient);
  set('revitalizedYear', revitalizedYear, p.revitalizedYear);
  set('certificateNo', certificateNo, p.certificateNo);
  set('transferDate', transferDate, p.transferDate);
  set('transferTermYears', transferTermYears, p.transferTermYears);
  set('plotRatio', plotRatio ?? null, p.plotRatio);
  set('investmentIntensity', investmentIntensity ?? null, p.investmentIntensity);
  set('contractNo', contractNo, p.contractNo);
  set('contractTerms', contractTerms, p.contractTerms);
  return { ok: true, body };
}

const PINYIN = new Intl.Collator('zh-CN-u-co-pinyin');

/** Enterprises for a picker, by name in pinyin order (the API's order is the database collation's, not pinyin). */
export function enterpriseOptions(names: ReadonlyMap<string, string>): { id: string; name: string }[] {
  return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => PINYIN.compare(a.name, b.name));
}
