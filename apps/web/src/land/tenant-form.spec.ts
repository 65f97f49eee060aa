import { ApiError } from '../api/http';
import { checkEndForm, checkTenantForm, EMPTY_TENANT_FORM, tenantApiErrors } from './tenant-form';

describe('checkTenantForm', () => {
  it('makes the POST body; the note only when one is written', () => {
    expect(
      checkTenantForm({ enterpriseId: 'e1', areaM2: '1,200.5', startDate: '2026-03-01', overrideNote: ' ' }),
    ).toEqual({ ok: true, body: { enterpriseId: 'e1', areaM2: 1200.5, startDate: '2026-03-01' } });
    expect(
      checkTenantForm({
        enterpriseId: 'e1',
        areaM2: '300',
        startDate: '2026-03-01',
        overrideNote: '经管委会批准',
      }),
    ).toEqual({
      ok: true,
      body: { enterpriseId: 'e1', areaM2: 300, startDate: '2026-03-01', overrideNote: '经管委会批准' },
    });
  });

  it('names every missing or bad field, a note shorter than the API takes among them', () => {
    const empty = checkTenantForm(EMPTY_TENANT_FORM);
    expect(empty.ok ? null : Object.keys(empty.errors).sort()).toEqual([
      'areaM2',
      'enterpriseId',
      'startDate',
    ]);
    const bad = checkTenantForm({
      enterpriseId: 'e1',
      areaM2: '0.5',
      startDate: '2026-02-30',
      overrideNote: '同意',
    });
    expect(bad.ok ? null : bad.errors).toEqual({
      areaM2: { key: 'carriers.tenant.error.area' },
      startDate: { key: 'records.edit.error.date' },
      overrideNote: { key: 'carriers.tenant.error.noteLength', params: { min: 5, max: 2000 } },
    });
  });
});

describe('checkEndForm', () => {
  it('takes a date on or after the start, and refuses one before it', () => {
    expect(checkEndForm('2026-12-07', '2026-03-01')).toEqual({ ok: true, body: { endDate: '2026-12-07' } });
    expect(checkEndForm('2026-02-28', '2026-03-01')).toEqual({
      ok: false,
      errors: {
        endDate: { key: 'carriers.tenant.error.endBeforeStart', params: { startDate: '2026-03-01' } },
      },
    });
  });
});

describe('tenantApiErrors', () => {
  it('puts the admission list’s refusals on the field they concern', () => {
    expect(tenantApiErrors(new ApiError(409, 'ADMISSION_PROHIBITED', '行业 2614 属于禁止类…'))).toEqual({
      enterpriseId: { key: 'carriers.tenant.error.prohibited' },
    });
    expect(tenantApiErrors(new ApiError(400, 'ADMISSION_OVERRIDE_REQUIRED', '…'))).toEqual({
      overrideNote: { key: 'carriers.tenant.error.noteRequired', params: { min: 5 } },
    });
    expect(
      tenantApiErrors(new ApiError(400, 'INVALID_RECORD', "areaM2: 900 m² exceeds the carrier's free area")),
    ).toEqual({
      areaM2: { key: 'carriers.tenant.error.tooLarge' },
    });
    expect(tenantApiErrors(new ApiError(500, null, 'boom'))).toBeNull();
  });
});
