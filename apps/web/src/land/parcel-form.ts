/**
 * 一地一档的编辑 — the parcel form as pure functions (no DOM): the fields PATCH /api/parcels/{id} takes, checked
 * as UpdateParcelDto checks them (apps/api/src/parcels/parcel.dto.ts) so a mistake is named on its field before a
 * request, and a body with only what changed; and the enterprise picker's options in pinyin order. Unit-tested in
 * parcel-form.spec.ts.
 */
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
  };
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
  return { ok: true, body };
}

const PINYIN = new Intl.Collator('zh-CN-u-co-pinyin');

/** Enterprises for a picker, by name in pinyin order (the API's order is the database collation's, not pinyin). */
export function enterpriseOptions(names: ReadonlyMap<string, string>): { id: string; name: string }[] {
  return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => PINYIN.compare(a.name, b.name));
}
