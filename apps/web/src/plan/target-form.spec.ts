import { checkTargetForm } from './target-form';

describe('checkTargetForm', () => {
  it('makes the PUT body: the year for the path, the target and comparator for the body', () => {
    expect(checkTargetForm({ year: '2025', target: '1,200.5', comparator: 'gte' })).toEqual({
      ok: true,
      body: { year: 2025, body: { target: 1200.5, comparator: 'gte' } },
    });
  });

  it('refuses a negative or missing target and a year outside the API’s range', () => {
    expect(checkTargetForm({ year: '25', target: '-3', comparator: 'gt' })).toEqual({
      ok: false,
      errors: {
        year: { key: 'records.edit.error.year', params: { min: 1990, max: 2100 } },
        target: { key: 'records.edit.error.number' },
      },
    });
    const blank = checkTargetForm({ year: '2025', target: ' ', comparator: 'gte' });
    expect(blank.ok ? null : blank.errors).toEqual({ target: { key: 'records.edit.error.required' } });
  });
});
