import { creditCodeCheckChar } from '@park/contracts';
import { ApiError } from '../api/http';
import { MESSAGES } from '../i18n/messages';
import {
  apiFieldErrors,
  beijingToday,
  checkEventForm,
  checkIndicatorForm,
  checkProfileForm,
  indicatorFormOf,
  isCalendarDate,
  profileFormOf,
  type ProfileForm,
} from './enterprise-form';
import type { Enterprise, EnterpriseIndicators } from './records-api';

const CODE = '91350100M000100Y43';
const enterprise: Enterprise = {
  id: 'e1',
  name: '启东示范化工有限公司',
  creditCode: CODE,
  industryCode: '2614',
  carrierId: null,
  contactName: '张工',
  contactPhone: '0513-8000 0001',
  address: '启东高新区示范路1号',
  aboveScale: true,
  highTech: false,
  listed: false,
  revenueOver100m: false,
  manufacturer: true,
  coreIndustry: false,
  incubating: false,
  cultivation: [],
  permitLimits: null,
  permitO2Reference: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  deletedAt: null,
};
const form = (changes: Partial<ProfileForm> = {}): ProfileForm => ({
  ...profileFormOf(enterprise),
  ...changes,
});

function row(year: number, values: Partial<EnterpriseIndicators> = {}): EnterpriseIndicators {
  return {
    id: `i${year}`,
    enterpriseId: 'e1',
    year,
    revenue: null,
    taxableSales: null,
    tax: null,
    rdExpense: null,
    inventionPatents: null,
    output: null,
    highTechOutput: null,
    highTechInvestment: null,
    energyTce: null,
    employees: null,
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...values,
  };
}

describe('checkProfileForm', () => {
  it('sends nothing when nothing changed (the phone kept as the records write it)', () => {
    expect(checkProfileForm(enterprise, form())).toEqual({ ok: true, body: {} });
  });

  it('sends only the changed fields; a blank optional field becomes null', () => {
    const checked = checkProfileForm(
      enterprise,
      form({ contactName: ' 李经理 ', address: '  ', flags: { ...form().flags, highTech: true } }),
    );
    expect(checked).toEqual({ ok: true, body: { contactName: '李经理', address: null, highTech: true } });
  });

  it('names a wrong check character with the one it should be, in the form’s words', () => {
    const wrong = `${CODE.slice(0, 17)}4`;
    expect(checkProfileForm(enterprise, form({ creditCode: wrong }))).toEqual({
      ok: false,
      errors: {
        creditCode: { key: 'records.edit.error.creditCodeCheck', params: { expected: '3', actual: '4' } },
      },
    });
  });

  it('says how long a short code is, and which letter GB 32100 never uses', () => {
    const short = checkProfileForm(enterprise, form({ creditCode: CODE.slice(0, 15) }));
    expect(short.ok ? null : short.errors.creditCode).toEqual({
      key: 'records.edit.error.creditCodeLength',
      params: { length: 15 },
    });
    const letter = checkProfileForm(enterprise, form({ creditCode: `${CODE.slice(0, 8)}O${CODE.slice(9)}` }));
    expect(letter.ok ? null : letter.errors.creditCode).toEqual({
      key: 'records.edit.error.creditCodeCharacter',
      params: { character: 'O' },
    });
  });

  it('upper-cases a typed code before checking it, and sends a corrected one', () => {
    const body17 = '91320681MA1CHGE01';
    const next = body17 + creditCodeCheckChar(body17);
    expect(checkProfileForm(enterprise, form({ creditCode: next.toLowerCase() }))).toEqual({
      ok: true,
      body: { creditCode: next },
    });
  });

  it('refuses a blank name, a 5-digit industry code and a phone that is no phone — all at once', () => {
    const checked = checkProfileForm(
      enterprise,
      form({ name: ' ', industryCode: '26141', contactPhone: '12345' }),
    );
    expect(checked.ok ? null : Object.keys(checked.errors).sort()).toEqual([
      'contactPhone',
      'industryCode',
      'name',
    ]);
  });

  it('takes a mobile number and a landline with area code', () => {
    expect(checkProfileForm(enterprise, form({ contactPhone: '13912345678' })).ok).toBe(true);
    expect(checkProfileForm(enterprise, form({ contactPhone: '0513 8321 0000' })).ok).toBe(true);
  });

  it('has a Chinese and an English message for every problem it names', () => {
    const keys = [
      'records.edit.error.creditCodeCheck',
      'records.edit.error.creditCodeLength',
      'records.edit.error.creditCodeCharacter',
      'records.edit.error.creditCodeTaken',
    ] as const;
    for (const key of keys) {
      expect(MESSAGES['zh-CN'][key]).toMatch(/[\u4e00-\u9fff]/);
      expect(MESSAGES.en[key]).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('checkIndicatorForm', () => {
  const held = [row(2024, { revenue: 12000, employees: 80 })];

  it('fills the form from the year the records hold, blank for not reported', () => {
    const f = indicatorFormOf(held, 2024);
    expect(f.year).toBe('2024');
    expect(f.values.revenue).toBe('12000');
    expect(f.values.tax).toBe('');
  });

  it('sends only what changed; clearing a value sends null, not 0', () => {
    const f = indicatorFormOf(held, 2024);
    const checked = checkIndicatorForm(held, {
      ...f,
      values: { ...f.values, revenue: '12,500.5', employees: '', tax: '300' },
    });
    expect(checked).toEqual({
      ok: true,
      body: { year: 2024, values: { revenue: 12500.5, employees: null, tax: 300 } },
    });
  });

  it('sends every typed value for a year the records do not hold yet', () => {
    const f = indicatorFormOf(held, 2025);
    const checked = checkIndicatorForm(held, { ...f, values: { ...f.values, energyTce: '88.2' } });
    expect(checked).toEqual({ ok: true, body: { year: 2025, values: { energyTce: 88.2 } } });
  });

  it('refuses a negative amount, a fractional head count and a year out of range', () => {
    const f = indicatorFormOf(held, 2024);
    const checked = checkIndicatorForm(held, {
      year: '1989',
      values: { ...f.values, revenue: '-1', employees: '80.5' },
    });
    expect(checked.ok ? null : checked.errors).toEqual({
      year: { key: 'records.edit.error.year', params: { min: 1990, max: 2100 } },
      revenue: { key: 'records.edit.error.number' },
      employees: { key: 'records.edit.error.whole' },
    });
  });
});

describe('checkEventForm', () => {
  it('makes the POST body of a complete event', () => {
    expect(
      checkEventForm(
        { type: 'equity-change', occurredOn: '2026-06-30', summary: ' 股东变更 ' },
        '2026-12-07',
      ),
    ).toEqual({ ok: true, body: { type: 'equity-change', occurredOn: '2026-06-30', summary: '股东变更' } });
  });

  it('needs a type, a real date not after today, and a description', () => {
    const future = checkEventForm({ type: '', occurredOn: '2026-12-08', summary: '' }, '2026-12-07');
    expect(future.ok ? null : future.errors).toEqual({
      type: { key: 'records.edit.error.required' },
      occurredOn: { key: 'records.edit.error.future' },
      summary: { key: 'records.edit.error.required' },
    });
    const bad = checkEventForm({ type: 'lease', occurredOn: '2026-02-30', summary: 'x' }, '2026-12-07');
    expect(bad.ok ? null : bad.errors).toEqual({ occurredOn: { key: 'records.edit.error.date' } });
  });

  it('knows calendar days and Beijing’s date', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(beijingToday(Date.parse('2026-12-07T16:30:00Z'))).toBe('2026-12-08');
  });
});

describe('apiFieldErrors', () => {
  it('puts a 409 naming creditCode on the credit code field', () => {
    const error = new ApiError(409, 'RECORD_CONFLICT', 'a enterprise with this creditCode already exists');
    expect(apiFieldErrors(error, ['creditCode'])).toEqual({
      creditCode: { key: 'records.edit.error.creditCodeTaken' },
    });
  });

  it('puts a 400 on the fields its messages start with, and nothing for a network failure', () => {
    const error = new ApiError(
      400,
      'VALIDATION',
      'contactPhone must be shorter than or equal to 32 characters; x',
    );
    expect(apiFieldErrors(error, ['contactName', 'contactPhone'])).toEqual({
      contactPhone: { key: 'records.edit.error.refused' },
    });
    expect(apiFieldErrors(new TypeError('fetch failed'), ['contactPhone'])).toBeNull();
    expect(apiFieldErrors(new ApiError(500, null, 'boom'), ['contactPhone'])).toBeNull();
  });
});
