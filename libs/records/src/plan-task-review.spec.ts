import type { PlanTaskEntity } from './entities/plan-task.entity';
import { monthlyReview } from './plan-task-repository';

let n = 0;
function task(extra: Partial<PlanTaskEntity>): PlanTaskEntity {
  n += 1;
  return {
    id: `t${n}`,
    year: 2026,
    periodKind: 'month',
    periodNumber: 11,
    indicator: 'incubating-projects',
    parentId: null,
    title: `任务${n}`,
    description: null,
    ownerName: '沈志刚',
    department: '招商局',
    contribution: 1,
    status: 'not-started',
    dueOn: '2026-11-30',
    completedOn: null,
    progressNote: null,
    isDemo: false,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    deletedAt: null,
    ...extra,
  };
}

describe('the monthly review (月度督查)', () => {
  const year = task({ periodKind: 'year', periodNumber: null, dueOn: '2026-12-31', contribution: 12 });
  const q4 = task({
    periodKind: 'quarter',
    periodNumber: 4,
    parentId: year.id,
    dueOn: '2026-12-31',
    contribution: 4,
  });
  const lateNov = task({ parentId: q4.id, ownerName: '周敏', department: '经发局' });
  const doneNov = task({ parentId: q4.id, status: 'done', completedOn: '2026-11-28', contribution: 2 });
  const lateSep = task({
    periodNumber: 9,
    dueOn: '2026-09-30',
    status: 'in-progress',
    indicator: null,
    contribution: null,
  });
  const cancelled = task({ status: 'cancelled' });
  const tasks = [year, q4, lateNov, doneNov, lateSep, cancelled];
  const standings = [
    {
      indicator: 'incubating-projects' as const,
      unit: '个',
      value: 2,
      target: 30,
      comparator: 'gt' as const,
    },
  ];

  it('lists what fell due in the month, what is overdue by its end, and what was done in it', () => {
    const review = monthlyReview(tasks, 2026, 11, '2026-12-07', standings);
    expect(review.dueThisMonth.map((t) => t.id)).toEqual([lateNov.id, doneNov.id]);
    expect(review.overdue.map((t) => t.id)).toEqual([lateSep.id, lateNov.id]);
    expect(review.overdue[0].overdueDays).toBe(68);
    expect(review.doneThisMonth.map((t) => t.id)).toEqual([doneNov.id]);
    // Equal counts: by name in pinyin order (经 jīng before 招 zhāo).
    expect(review.byDepartment).toEqual([
      { name: '经发局', due: 1, overdue: 1, done: 0 },
      { name: '招商局', due: 1, overdue: 1, done: 1 },
    ]);
  });

  it('puts the dashboard’s target and value beside the tasks’ shares, counting a done figure once', () => {
    const row = monthlyReview(tasks, 2026, 11, '2026-12-07', standings).indicators.find(
      (i) => i.indicator === 'incubating-projects',
    )!;
    expect(row).toMatchObject({
      unit: '个',
      target: 30,
      value: 2,
      comparator: 'gt',
      yearlyContribution: 12,
      quarterlyContribution: 4,
      monthlyContribution: 3,
      doneContribution: 2,
      tasks: 4,
      openTasks: 3,
      overdueTasks: 1,
    });
    const none = monthlyReview(tasks, 2026, 11, '2026-12-07', []).indicators.find(
      (i) => i.indicator === 'invention-patents',
    )!;
    expect(none).toMatchObject({ target: null, value: null, unit: '件', yearlyContribution: 0, tasks: 0 });
  });

  it('reviews an earlier month as of today: a task still open is still overdue', () => {
    const review = monthlyReview(tasks, 2026, 9, '2026-12-07', standings);
    expect(review.overdue.map((t) => t.id)).toEqual([lateSep.id]);
    expect(review.byOwner).toEqual([{ name: '沈志刚', due: 1, overdue: 1, done: 0 }]);
  });
});
