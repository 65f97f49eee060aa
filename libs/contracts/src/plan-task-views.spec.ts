import {
  isOpenTask,
  periodEnd,
  periodProblem,
  periodStart,
  periodWithin,
  PLAN_INDICATOR_UNITS,
  PLAN_INDICATORS,
  taskOverdueDays,
} from './index';

describe('plan task periods', () => {
  it('ends a year on 12-31, a quarter on its last day, a month on its last day (leap years too)', () => {
    expect(periodEnd(2026, 'year', null)).toBe('2026-12-31');
    expect(periodEnd(2026, 'quarter', 1)).toBe('2026-03-31');
    expect(periodEnd(2026, 'quarter', 2)).toBe('2026-06-30');
    expect(periodEnd(2026, 'quarter', 4)).toBe('2026-12-31');
    expect(periodEnd(2026, 'month', 2)).toBe('2026-02-28');
    expect(periodEnd(2028, 'month', 2)).toBe('2028-02-29');
    expect(periodEnd(2026, 'month', 11)).toBe('2026-11-30');
    expect(periodStart(2026, 'quarter', 3)).toBe('2026-07-01');
    expect(periodStart(2026, 'month', 11)).toBe('2026-11-01');
  });

  it('takes no number for a year, 1–4 for a quarter, 1–12 for a month', () => {
    expect(periodProblem('year', null)).toBeNull();
    expect(periodProblem('year', 1)).toMatch(/no period number/);
    expect(periodProblem('quarter', 4)).toBeNull();
    expect(periodProblem('quarter', 5)).toMatch(/quarter from 1 to 4/);
    expect(periodProblem('quarter', null)).toMatch(/quarter/);
    expect(periodProblem('month', 12)).toBeNull();
    expect(periodProblem('month', 0)).toMatch(/month from 1 to 12/);
    expect(periodProblem('month', 2.5)).toMatch(/month/);
  });

  it('fits a quarter in its year and a month in its quarter, and nothing in a finer or other period', () => {
    const year = { year: 2026, periodKind: 'year' as const, periodNumber: null };
    const q2 = { year: 2026, periodKind: 'quarter' as const, periodNumber: 2 };
    expect(periodWithin(q2, year)).toBe(true);
    expect(periodWithin({ year: 2026, periodKind: 'month', periodNumber: 5 }, q2)).toBe(true);
    expect(periodWithin({ year: 2026, periodKind: 'month', periodNumber: 7 }, q2)).toBe(false);
    expect(periodWithin({ year: 2025, periodKind: 'quarter', periodNumber: 2 }, year)).toBe(false);
    expect(periodWithin(year, q2)).toBe(false);
    expect(periodWithin(q2, q2)).toBe(false);
  });
});

describe('overdue', () => {
  it('counts the days past due of an open task on the park calendar; none when done, cancelled or not yet due', () => {
    expect(taskOverdueDays({ status: 'in-progress', dueOn: '2026-11-30' }, '2026-12-07')).toBe(7);
    expect(taskOverdueDays({ status: 'not-started', dueOn: '2026-12-06' }, '2026-12-07')).toBe(1);
    expect(taskOverdueDays({ status: 'not-started', dueOn: '2026-12-07' }, '2026-12-07')).toBe(0);
    expect(taskOverdueDays({ status: 'done', dueOn: '2026-01-31' }, '2026-12-07')).toBe(0);
    expect(taskOverdueDays({ status: 'cancelled', dueOn: '2026-01-31' }, '2026-12-07')).toBe(0);
    expect(isOpenTask('in-progress')).toBe(true);
    expect(isOpenTask('done')).toBe(false);
  });

  it('has a unit for every plan indicator', () => {
    for (const i of PLAN_INDICATORS) expect(PLAN_INDICATOR_UNITS[i]).toMatch(/\S/);
  });
});
