import { checkTargetForm, targetFormFor } from './target-form';

describe('checkTargetForm', () => {
  it('makes the PUT body: the year for the path, the target and comparator for the body', () => {
    expect(checkTargetForm({ year: '2025', target: '1,200.5', comparator: 'gte' }, '家')).toEqual({
      ok: true,
      body: { year: 2025, body: { target: 1200.5, comparator: 'gte' } },
    });
  });

  it('refuses a negative or missing target and a year outside the API’s range', () => {
    expect(checkTargetForm({ year: '25', target: '-3', comparator: 'gt' }, '%')).toEqual({
      ok: false,
      errors: {
        year: { key: 'records.edit.error.year', params: { min: 1990, max: 2100 } },
        target: { key: 'records.edit.error.number' },
      },
    });
    const blank = checkTargetForm({ year: '2025', target: ' ', comparator: 'gte' }, '万元');
    expect(blank.ok ? null : blank.errors).toEqual({ target: { key: 'records.edit.error.required' } });
  });

  it('takes an amount in 亿元, as the plan states it, and sends it in the 万元 the API keeps', () => {
    expect(checkTargetForm({ year: '2025', target: '300', comparator: 'gt' }, '万元')).toEqual({
      ok: true,
      body: { year: 2025, body: { target: 3_000_000, comparator: 'gt' } },
    });
    expect(checkTargetForm({ year: '2025', target: '12.345', comparator: 'gte' }, '万元')).toEqual({
      ok: true,
      body: { year: 2025, body: { target: 123_450, comparator: 'gte' } },
    });
  });

  it('opens on the stored target in the unit shown: 万元 as 亿元, a share as it is', () => {
    const row = { target: 500_000, targetYear: 2025, comparator: 'gt' as const };
    expect(targetFormFor(row, 2024, '万元')).toEqual({ year: '2025', target: '50', comparator: 'gt' });
    expect(targetFormFor({ ...row, target: 90 }, 2024, '%')).toEqual({
      year: '2025',
      target: '90',
      comparator: 'gt',
    });
    expect(targetFormFor({ target: null, targetYear: null, comparator: null }, 2024, '万元')).toEqual({
      year: '2024',
      target: '',
      comparator: 'gte',
    });
  });
});
