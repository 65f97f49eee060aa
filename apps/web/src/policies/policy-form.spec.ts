import { checkPolicyForm, EMPTY_POLICY_FORM, formOf, type PolicyForm } from './policy-form';
import type { Policy } from './policies-api';

const form = (over: Partial<PolicyForm>): PolicyForm => ({
  ...EMPTY_POLICY_FORM,
  name: '小升规奖励',
  issuer: '经发局',
  ...over,
});

describe('the policy form', () => {
  it('sends each condition row as the criteria the API takes', () => {
    const checked = checkPolicyForm(
      form({
        conditions: [
          { ...EMPTY_POLICY_FORM.conditions[0], field: 'revenue', value: '2,000', year: '' },
          { ...EMPTY_POLICY_FORM.conditions[0], field: 'industry', industry: '34，39 、 2614' },
          { ...EMPTY_POLICY_FORM.conditions[0], field: 'qualification', codes: ['tech-sme'] },
          { ...EMPTY_POLICY_FORM.conditions[0], field: 'grade', grade: 'A', year: '2024' },
          { ...EMPTY_POLICY_FORM.conditions[0], field: 'manufacturer', value: 'ignored' },
        ],
      }),
    );
    expect(checked.ok).toBe(true);
    expect(checked.ok && checked.body).toMatchObject({
      name: '小升规奖励',
      documentNo: null,
      nearMarginPercent: 20,
      criteria: [
        { field: 'revenue', comparator: 'gte', value: 2000, year: null },
        { field: 'industry', codes: ['34', '39', '2614'] },
        { field: 'qualification', codes: ['tech-sme'] },
        { field: 'grade', grade: 'A', year: 2024 },
        { field: 'manufacturer' },
      ],
    });
  });

  it('puts each problem on its field', () => {
    const checked = checkPolicyForm(
      form({
        name: ' ',
        validFrom: '2026-06-01',
        validTo: '2026-01-01',
        url: 'www.example.cn',
        conditions: [
          { ...EMPTY_POLICY_FORM.conditions[0], field: 'rd-intensity', value: '120', year: '1999' },
          { ...EMPTY_POLICY_FORM.conditions[0], field: 'library', codes: [] },
          { ...EMPTY_POLICY_FORM.conditions[0], field: 'industry', industry: 'C39' },
        ],
      }),
    );
    expect(checked).toEqual({
      ok: false,
      errors: {
        name: 'policies.form.error.required',
        validTo: 'policies.form.error.dates',
        url: 'policies.form.error.url',
        'conditions.0.value': 'policies.form.error.percent',
        'conditions.0.year': 'policies.form.error.year',
        'conditions.1.codes': 'policies.form.error.codes',
        'conditions.2.codes': 'policies.form.error.industry',
      },
    });
    expect(checkPolicyForm(form({ conditions: [] }))).toMatchObject({
      ok: false,
      errors: { conditions: 'policies.form.error.noCondition' },
    });
  });

  it('reads a stored policy back into rows', () => {
    const policy = {
      name: 'p',
      issuer: 'i',
      documentNo: null,
      validFrom: null,
      validTo: '2027-12-31',
      benefit: null,
      summary: null,
      url: null,
      nearMarginPercent: 50,
      criteria: [
        { field: 'industry', codes: ['34', '39'] },
        { field: 'employees', comparator: 'lte', value: 40, year: null },
      ],
    } as unknown as Policy;
    const f = formOf(policy);
    expect(f.nearMarginPercent).toBe('50');
    expect(f.conditions.map((c) => [c.field, c.industry, c.comparator, c.value])).toEqual([
      ['industry', '34, 39', 'gte', ''],
      ['employees', '', 'lte', '40'],
    ]);
  });
});
