import { checkPlanTaskForm, defaultDueOn, emptyForm, parentCandidates, refusalKey } from './plan-task-form';
import type { PlanTask } from './plan-tasks-api';

const TODAY = '2026-12-07';

function task(extra: Partial<PlanTask>): PlanTask {
  return {
    id: 'y',
    year: 2026,
    periodKind: 'year',
    periodNumber: null,
    indicator: 'invention-patents',
    parentId: null,
    title: '年度任务',
    description: null,
    ownerName: '顾晓燕',
    department: '招商局',
    contribution: 140,
    unit: '件',
    status: 'in-progress',
    dueOn: '2026-12-31',
    completedOn: null,
    progressNote: null,
    overdueDays: 0,
    isDemo: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

const filled = {
  ...emptyForm(2026, 'month', ''),
  periodNumber: '11',
  title: '11月新增专利',
  ownerName: '顾晓燕',
  department: '招商局',
};

describe('the plan task form', () => {
  it('names the missing fields in Chinese message keys', () => {
    const checked = checkPlanTaskForm(emptyForm(2026, 'quarter', ''), TODAY, []);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toMatchObject({
      periodNumber: { key: 'planTasks.error.quarter' },
      title: { key: 'records.edit.error.required' },
      ownerName: { key: 'records.edit.error.required' },
      department: { key: 'records.edit.error.required' },
    });
  });

  it('refuses a contribution without an indicator, a bad number, a year out of range and a future completion', () => {
    const checked = checkPlanTaskForm(
      { ...filled, year: '1999', contribution: '-3', status: 'done', completedOn: '2026-12-08' },
      TODAY,
      [],
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.year.key).toBe('planTasks.error.year');
    expect(checked.errors.contribution.key).toBe('planTasks.error.number');
    expect(checked.errors.completedOn.key).toBe('planTasks.error.completedFuture');
    const noIndicator = checkPlanTaskForm({ ...filled, contribution: '3' }, TODAY, []);
    expect(noIndicator.ok ? null : noIndicator.errors.contribution.key).toBe(
      'planTasks.error.contributionNeedsIndicator',
    );
  });

  it('sends a month task with its number, the parent’s indicator, and no due date when left to the period’s end', () => {
    const quarter = task({ id: 'q4', periodKind: 'quarter', periodNumber: 4, dueOn: '2026-12-31' });
    const checked = checkPlanTaskForm({ ...filled, parentId: 'q4', contribution: '12' }, TODAY, [quarter]);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.body).toMatchObject({
      year: 2026,
      periodKind: 'month',
      periodNumber: 11,
      indicator: 'invention-patents',
      parentId: 'q4',
      contribution: 12,
      status: 'not-started',
    });
    expect(checked.body.dueOn).toBeUndefined();
    expect(checked.body.completedOn).toBeUndefined();
    expect(defaultDueOn(filled)).toBe('2026-11-30');
  });

  it('offers as parents only the coarser tasks that hold the period, and refuses one that does not', () => {
    const tasks = [
      task({ id: 'y' }),
      task({ id: 'q3', periodKind: 'quarter', periodNumber: 3 }),
      task({ id: 'q4', periodKind: 'quarter', periodNumber: 4 }),
      task({ id: 'q4x', periodKind: 'quarter', periodNumber: 4, status: 'cancelled' }),
      task({ id: 'm11', periodKind: 'month', periodNumber: 11 }),
    ];
    expect(parentCandidates(tasks, filled, null).map((t) => t.id)).toEqual(['y', 'q4']);
    const wrong = checkPlanTaskForm({ ...filled, parentId: 'q3' }, TODAY, tasks);
    expect(wrong.ok ? null : wrong.errors.parentId.key).toBe('planTasks.error.parentPeriod');
  });

  it('reads the API’s refusals as the form’s words', () => {
    expect(refusalKey('periodNumber', 'periodNumber: a quarter from 1 to 4')).toBe('planTasks.error.quarter');
    expect(refusalKey('parentId', "parentId: the task's period must lie within")).toBe(
      'planTasks.error.parentPeriod',
    );
    expect(refusalKey('title', 'title: 1 to 200 characters')).toBe('records.edit.error.refused');
  });
});
