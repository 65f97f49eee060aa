import {
  checkQualification,
  countsOn,
  parkDate,
  qualificationState,
  reminderStep,
  type QualificationInput,
} from './qualification-rules';

const base: QualificationInput = {
  type: 'specialized-sme',
  level: 'provincial',
  certificateNo: ' JSZJTX2024-0518 ',
  issuedOn: '2024-12-20',
  expiresOn: '2027-12-19',
};

describe('a certificate as the API and the web form check it', () => {
  it('accepts a valid one, trimming the number and filling in a single-level type', () => {
    expect(checkQualification(base)).toEqual({
      ok: true,
      value: { ...base, certificateNo: 'JSZJTX2024-0518' },
    });
    const giant = checkQualification({ ...base, type: 'little-giant', level: null });
    expect(giant.ok && giant.value.level).toBe('national');
  });

  it('names the field and the rule of each refusal', () => {
    const problem = (input: Partial<Record<keyof QualificationInput, unknown>>) => {
      const r = checkQualification({ ...base, ...input } as QualificationInput);
      return r.ok ? null : { field: r.problem.field, code: r.problem.code };
    };
    expect(problem({ type: 'gold' })).toEqual({ field: 'type', code: 'unknown-type' });
    expect(problem({ type: 'little-giant' })).toEqual({ field: 'level', code: 'level-not-allowed' });
    expect(problem({ level: null })).toEqual({ field: 'level', code: 'level-required' });
    expect(problem({ type: 'listed', level: null, expiresOn: null })).toBeNull();
    expect(problem({ type: 'listed', level: 'national', expiresOn: null })).toEqual({
      field: 'level',
      code: 'level-not-applicable',
    });
    expect(problem({ certificateNo: '  ' })).toEqual({ field: 'certificateNo', code: 'number-required' });
    expect(problem({ expiresOn: null })).toEqual({ field: 'expiresOn', code: 'expiry-required' });
    expect(problem({ type: 'quoted', level: null })).toEqual({
      field: 'expiresOn',
      code: 'expiry-not-applicable',
    });
    expect(problem({ expiresOn: '2024-12-20' })).toEqual({
      field: 'expiresOn',
      code: 'expiry-not-after-issue',
    });
  });
});

describe('expiry on the park calendar (Beijing time)', () => {
  it('takes the day in UTC+8', () => {
    expect(parkDate(Date.parse('2026-12-06T16:00:00Z'))).toBe('2026-12-07');
    expect(parkDate(Date.parse('2026-12-06T15:59:59Z'))).toBe('2026-12-06');
  });

  it('is expiring from 90 days before through the expiry day, expired the day after', () => {
    expect(qualificationState('2027-03-07', '2026-12-07', 90)).toEqual({
      state: 'expiring',
      daysToExpiry: 90,
    });
    expect(qualificationState('2027-03-08', '2026-12-07', 90)).toEqual({ state: 'valid', daysToExpiry: 91 });
    expect(qualificationState('2026-12-07', '2026-12-07', 90)).toEqual({
      state: 'expiring',
      daysToExpiry: 0,
    });
    expect(qualificationState('2026-12-06', '2026-12-07', 90)).toEqual({
      state: 'expired',
      daysToExpiry: -1,
    });
    expect(qualificationState(null, '2026-12-07', 90)).toEqual({ state: 'valid', daysToExpiry: null });
  });

  it('reaches the reminder steps 90, 30, 7 and 0 days before expiry, the nearest one due', () => {
    const today = '2026-12-07';
    const at = (expiresOn: string | null) => reminderStep(expiresOn, today);
    expect(at('2027-03-08')).toBeNull(); // 91 days
    expect(at('2027-03-07')).toEqual({ step: 90, daysToExpiry: 90 });
    expect(at('2027-01-07')).toEqual({ step: 90, daysToExpiry: 31 });
    expect(at('2027-01-06')).toEqual({ step: 30, daysToExpiry: 30 });
    expect(at('2027-01-01')).toEqual({ step: 30, daysToExpiry: 25 });
    expect(at('2026-12-14')).toEqual({ step: 7, daysToExpiry: 7 });
    expect(at('2026-12-08')).toEqual({ step: 7, daysToExpiry: 1 });
    expect(at('2026-12-07')).toEqual({ step: 0, daysToExpiry: 0 });
    expect(at('2026-11-30')).toEqual({ step: 0, daysToExpiry: -7 });
    expect(at('2026-11-29')).toBeNull(); // expired 8 days ago
    expect(at(null)).toBeNull();
  });

  it('counts a certificate from its issue date through its expiry date', () => {
    const c = { issuedOn: '2024-12-20', expiresOn: '2027-12-19' };
    expect([
      countsOn(c, '2024-12-19'),
      countsOn(c, '2024-12-20'),
      countsOn(c, '2027-12-19'),
      countsOn(c, '2027-12-20'),
    ]).toEqual([false, true, true, false]);
  });
});
