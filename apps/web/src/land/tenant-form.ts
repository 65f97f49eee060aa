/**
 * 产业载体的入驻与迁出 — the tenant forms as pure functions (no DOM): a new tenancy (enterprise, leased m², start
 * date, the admission override note) and the end of one, checked as AddTenantDto / EndTenancyDto check them
 * (apps/api/src/carriers/carrier.dto.ts). The admission list itself is enforced by the API alone
 * (carriers.service.ts addTenant: 禁止类 refused, 限制类 only with a note of 5+ characters); its refusals are put
 * on the field they concern by `tenantApiErrors`. A move is an end here and a new tenancy in the other carrier.
 * Unit-tested in tenant-form.spec.ts.
 */
import { ApiError } from '../api/http';
import {
  isCalendarDate,
  type Checked,
  type FieldErrors,
  type FieldProblem,
} from '../records/enterprise-form';
import type { NewTenancy, TenancyEnd } from './land-api';

export const NOTE_MIN = 5;
export const NOTE_MAX = 2000;

export interface TenantForm {
  readonly enterpriseId: string;
  readonly areaM2: string;
  readonly startDate: string;
  readonly overrideNote: string;
}

export const EMPTY_TENANT_FORM: TenantForm = {
  enterpriseId: '',
  areaM2: '',
  startDate: '',
  overrideNote: '',
};

export function checkTenantForm(form: TenantForm): Checked<NewTenancy> {
  const errors: Record<string, FieldProblem> = {};
  if (!form.enterpriseId) errors.enterpriseId = { key: 'records.edit.error.required' };
  const areaText = form.areaM2.trim().replace(/,/g, '');
  const areaM2 = Number(areaText);
  if (!areaText) errors.areaM2 = { key: 'records.edit.error.required' };
  else if (!/^\d+(\.\d+)?$/.test(areaText) || areaM2 < 1)
    errors.areaM2 = { key: 'carriers.tenant.error.area' };
  const startDate = form.startDate.trim();
  if (!startDate) errors.startDate = { key: 'records.edit.error.required' };
  else if (!isCalendarDate(startDate)) errors.startDate = { key: 'records.edit.error.date' };
  const overrideNote = form.overrideNote.trim();
  if (overrideNote && (overrideNote.length < NOTE_MIN || overrideNote.length > NOTE_MAX))
    errors.overrideNote = {
      key: 'carriers.tenant.error.noteLength',
      params: { min: NOTE_MIN, max: NOTE_MAX },
    };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: { enterpriseId: form.enterpriseId, areaM2, startDate, ...(overrideNote ? { overrideNote } : {}) },
  };
}

/** The end of a tenancy: a real date, not before it started. */
export function checkEndForm(endDate: string, startDate: string): Checked<TenancyEnd> {
  const date = endDate.trim();
  if (!date) return { ok: false, errors: { endDate: { key: 'records.edit.error.required' } } };
  if (!isCalendarDate(date)) return { ok: false, errors: { endDate: { key: 'records.edit.error.date' } } };
  if (date < startDate)
    return {
      ok: false,
      errors: { endDate: { key: 'carriers.tenant.error.endBeforeStart', params: { startDate } } },
    };
  return { ok: true, body: { endDate: date } };
}

/**
 * The API's refusal of a new tenant, on its field: a prohibited industry on the enterprise, a restricted one
 * without a note on the note, more area than the carrier has free on the area. Null for anything else.
 */
export function tenantApiErrors(error: unknown): FieldErrors | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'ADMISSION_PROHIBITED')
    return { enterpriseId: { key: 'carriers.tenant.error.prohibited' } };
  if (error.code === 'ADMISSION_OVERRIDE_REQUIRED')
    return { overrideNote: { key: 'carriers.tenant.error.noteRequired', params: { min: NOTE_MIN } } };
  if (error.status === 400 && error.message.startsWith('areaM2:'))
    return { areaM2: { key: 'carriers.tenant.error.tooLarge' } };
  return null;
}
