/**
 * 计划任务 over the real API on both records backends (the same cases on PostgreSQL and SQLite): the demo park's
 * plan with owners, every write path — create, patch (a status change sets and clears completedOn), soft delete —
 * with its audit entry, the refusals (a bad period number, a month number on a quarterly task, an unknown
 * indicator, a period outside its parent's, a future completion, a non-admin write, an energy manager reading),
 * and the monthly review (月度督查) against the park's calendar and the plan dashboard's own figures.
 */
import { randomBytes } from 'node:crypto';
import {
  parkCalendarDay,
  type IndicatorProgress,
  type PlanMonthlyReview,
  type PlanTaskView,
  type PlanProgressYear,
} from '@park/contracts';
import { caller, login, type Caller } from '../support/records-api';
import { API_BACKENDS, type ApiBackend } from '../security/support/api-backends';

const PASSWORD = 'plan-tasks-test-password';
const DAY_MS = 86_400_000;

interface AuditRow {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

describe.each(API_BACKENDS)('plan tasks on %s', (_mode, start) => {
  const run = randomBytes(3).toString('hex');
  let backend: ApiBackend;
  let admin: Caller;
  let officer: Caller;
  let operator: Caller;
  let manager: Caller;
  const today = parkCalendarDay(Date.now());
  const thisYear = Number(today.slice(0, 4));
  const thisMonth = Number(today.slice(5, 7));
  /** 40 days ago: a due date in an earlier month, long past. */
  const past = parkCalendarDay(Date.now() - 40 * DAY_MS);
  const pastYear = Number(past.slice(0, 4));
  const pastMonth = Number(past.slice(5, 7));

  beforeAll(async () => {
    backend = await start(PASSWORD);
    admin = caller(backend.url, await login(backend.url, 'admin', PASSWORD));
    officer = caller(backend.url, await login(backend.url, 'officer', PASSWORD));
    operator = caller(backend.url, await login(backend.url, 'operator', PASSWORD));
    manager = caller(backend.url, await login(backend.url, 'manager', PASSWORD));
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const monthly = (extra: Record<string, unknown> = {}) => ({
    year: pastYear,
    periodKind: 'month',
    periodNumber: pastMonth,
    indicator: 'incubating-projects',
    title: `测试月度任务 ${run} ${Math.random().toString(36).slice(2, 6)}`,
    ownerName: `测试责任人${run}`,
    department: `测试部门${run}`,
    contribution: 2,
    dueOn: past,
    ...extra,
  });

  async function create(body: Record<string, unknown>): Promise<PlanTaskView> {
    const res = await admin('POST', '/api/plan-tasks', body);
    expect([res.status, res.text]).toEqual([201, expect.any(String)]);
    return res.body as PlanTaskView;
  }

  async function auditOf(entityId: string): Promise<AuditRow[]> {
    const res = await admin('GET', `/api/audit?entityId=${entityId}&pageSize=50`);
    expect(res.status).toBe(200);
    return (res.body as { items: AuditRow[] }).items;
  }

  const review = async (call: Caller, year: number, month: number) => {
    const res = await call('GET', `/api/plan-tasks/review?year=${year}&month=${month}`);
    expect([res.status, res.text]).toEqual([200, expect.any(String)]);
    return res.body as PlanMonthlyReview;
  };

  it('starts with the demo park’s 2025/2026 plan: yearly tasks split into quarters and months, with owners, some overdue', async () => {
    const res = await officer('GET', '/api/plan-tasks?year=2026&pageSize=500');
    expect(res.status).toBe(200);
    const tasks = (res.body as { items: PlanTaskView[] }).items.filter((t) => t.isDemo);
    expect(new Set(tasks.map((t) => t.periodKind))).toEqual(new Set(['year', 'quarter', 'month']));
    for (const department of ['经发局', '招商局', '规划建设局', '安监局', '环保局', '税务联络'])
      expect(tasks.some((t) => t.department === department)).toBe(true);
    const byId = new Map(tasks.map((t) => [t.id, t]));
    for (const t of tasks.filter((x) => x.periodKind !== 'year')) {
      const parent = byId.get(t.parentId!)!;
      expect(parent.periodKind).toBe(t.periodKind === 'quarter' ? 'year' : 'quarter');
      expect(t.ownerName).toBe(parent.ownerName);
    }
    expect(new Set(tasks.map((t) => t.status)).size).toBeGreaterThanOrEqual(3);
    const overdue2025 = await officer('GET', '/api/plan-tasks?year=2025&overdue=true&pageSize=500');
    const late = (overdue2025.body as { items: PlanTaskView[] }).items;
    expect(late.length).toBeGreaterThan(0);
    for (const t of late) {
      expect(['not-started', 'in-progress']).toContain(t.status);
      expect(t.overdueDays).toBeGreaterThan(0);
    }
  });

  it('creates a monthly task with a past due date: overdue, listed as such, audited as its author', async () => {
    const task = await create(monthly());
    expect(task).toMatchObject({
      periodKind: 'month',
      periodNumber: pastMonth,
      status: 'not-started',
      dueOn: past,
      completedOn: null,
      unit: '个',
      contribution: 2,
      overdueDays: 40,
    });
    const listed = await officer(
      'GET',
      `/api/plan-tasks?overdue=true&ownerName=${encodeURIComponent(task.ownerName)}`,
    );
    expect((listed.body as { items: PlanTaskView[] }).items.map((t) => t.id)).toEqual([task.id]);
    const notLate = await officer(
      'GET',
      `/api/plan-tasks?overdue=false&ownerName=${encodeURIComponent(task.ownerName)}`,
    );
    expect((notLate.body as { items: PlanTaskView[] }).items).toEqual([]);
    const [entry] = await auditOf(task.id);
    expect(entry).toMatchObject({ actor: 'admin', action: 'create', entityType: 'plan-task' });
    expect(entry.changes.status).toEqual({ from: null, to: 'not-started' });
  });

  it('defaults the due date to the period’s end, and inherits the parent’s indicator', async () => {
    const yearly = await create({
      year: thisYear,
      periodKind: 'year',
      indicator: 'invention-patents',
      title: `年度任务 ${run}`,
      ownerName: '顾晓燕',
      department: '招商局',
      contribution: 40,
    });
    expect(yearly).toMatchObject({ dueOn: `${thisYear}-12-31`, periodNumber: null, unit: '件' });
    const q1 = await create({
      year: thisYear,
      periodKind: 'quarter',
      periodNumber: 1,
      parentId: yearly.id,
      title: `一季度任务 ${run}`,
      ownerName: '顾晓燕',
      department: '招商局',
      contribution: 10,
    });
    expect(q1).toMatchObject({
      dueOn: `${thisYear}-03-31`,
      indicator: 'invention-patents',
      parentId: yearly.id,
    });
    const feb = await create({
      year: thisYear,
      periodKind: 'month',
      periodNumber: 2,
      parentId: q1.id,
      title: `二月任务 ${run}`,
      ownerName: '顾晓燕',
      department: '招商局',
    });
    expect(feb.dueOn).toBe(`${thisYear}-02-${thisYear % 4 === 0 ? '29' : '28'}`);

    // Deleting a task others were split from is refused; the leaf goes, soft, with an audit entry.
    const refused = await admin('DELETE', `/api/plan-tasks/${q1.id}`);
    expect(refused.status).toBe(409);
    expect(await admin('DELETE', `/api/plan-tasks/${feb.id}`)).toMatchObject({ status: 204 });
    expect(await officer('GET', `/api/plan-tasks/${feb.id}`)).toMatchObject({ status: 404 });
    const children = await officer('GET', `/api/plan-tasks?parentId=${q1.id}`);
    expect((children.body as { items: unknown[] }).items).toEqual([]);
    expect((await auditOf(feb.id)).map((e) => e.action)).toEqual(['delete', 'create']);
    expect(await admin('DELETE', `/api/plan-tasks/${q1.id}`)).toMatchObject({ status: 204 });
  });

  it('sets completedOn when marked done (today unless given) and clears it when reopened; audited', async () => {
    const task = await create(monthly());
    const done = await admin('PATCH', `/api/plan-tasks/${task.id}`, {
      status: 'done',
      progressNote: '已完成',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'done',
      completedOn: today,
      overdueDays: 0,
      progressNote: '已完成',
    });
    const reopened = await admin('PATCH', `/api/plan-tasks/${task.id}`, { status: 'in-progress' });
    expect(reopened.body).toMatchObject({ status: 'in-progress', completedOn: null, overdueDays: 40 });
    const doneEarlier = await admin('PATCH', `/api/plan-tasks/${task.id}`, {
      status: 'done',
      completedOn: past,
    });
    expect(doneEarlier.body).toMatchObject({ status: 'done', completedOn: past });
    const entries = await auditOf(task.id);
    expect(entries.map((e) => e.action)).toEqual(['update', 'update', 'update', 'create']);
    expect(entries[2].changes.completedOn).toEqual({ from: null, to: today });
  });

  it('refuses a bad period, an unknown indicator, a period outside its parent’s and a future completion', async () => {
    const quarterFive = await admin(
      'POST',
      '/api/plan-tasks',
      monthly({ periodKind: 'quarter', periodNumber: 5 }),
    );
    expect(quarterFive.status).toBe(400);
    expect(JSON.stringify(quarterFive.body)).toContain('periodNumber: a quarter from 1 to 4');

    const monthOnQuarter = await admin(
      'POST',
      '/api/plan-tasks',
      monthly({ periodKind: 'quarter', periodNumber: 11 }),
    );
    expect(monthOnQuarter.status).toBe(400);
    expect(JSON.stringify(monthOnQuarter.body)).toContain('periodNumber: a quarter from 1 to 4');

    const month13 = await admin('POST', '/api/plan-tasks', monthly({ periodNumber: 13 }));
    expect(month13.status).toBe(400);
    expect(JSON.stringify(month13.body)).toContain('periodNumber');

    const yearWithNumber = await admin(
      'POST',
      '/api/plan-tasks',
      monthly({ periodKind: 'year', periodNumber: 3 }),
    );
    expect(yearWithNumber.status).toBe(400);
    expect(JSON.stringify(yearWithNumber.body)).toContain('a yearly task has no period number');

    const unknown = await admin('POST', '/api/plan-tasks', monthly({ indicator: 'gdp' }));
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('indicator: one of');

    const noIndicator = await admin('POST', '/api/plan-tasks', monthly({ indicator: null, contribution: 3 }));
    expect(noIndicator.status).toBe(400);
    expect(JSON.stringify(noIndicator.body)).toContain('contribution');

    const missing = await admin('POST', '/api/plan-tasks', { year: thisYear, periodKind: 'year' });
    expect(missing.status).toBe(400);
    const messages = (missing.body as { message: string[] }).message;
    for (const field of ['title', 'ownerName', 'department'])
      expect(messages.some((m) => m.startsWith(field))).toBe(true);

    const quarterParent = await create({
      year: thisYear,
      periodKind: 'quarter',
      periodNumber: 1,
      title: `季度任务 ${run}`,
      ownerName: '周敏',
      department: '经发局',
    });
    const outside = await admin(
      'POST',
      '/api/plan-tasks',
      monthly({ year: thisYear, periodNumber: 5, parentId: quarterParent.id, dueOn: undefined }),
    );
    expect(outside.status).toBe(400);
    expect(JSON.stringify(outside.body)).toContain('parentId');

    const future = await admin(
      'POST',
      '/api/plan-tasks',
      monthly({ status: 'done', completedOn: parkCalendarDay(Date.now() + 3 * DAY_MS) }),
    );
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body)).toContain('completedOn');

    const badDay = await admin('POST', '/api/plan-tasks', monthly({ dueOn: '2026-02-30' }));
    expect(badDay.status).toBe(400);
  });

  it('lets only an admin write, and no energy manager read (the tasks are the committee’s own)', async () => {
    const task = await create(monthly());
    expect((await officer('POST', '/api/plan-tasks', monthly())).status).toBe(403);
    expect((await operator('PATCH', `/api/plan-tasks/${task.id}`, { status: 'done' })).status).toBe(403);
    expect((await officer('DELETE', `/api/plan-tasks/${task.id}`)).status).toBe(403);
    expect((await operator('GET', `/api/plan-tasks/${task.id}`)).status).toBe(200);
    expect((await manager('GET', '/api/plan-tasks')).status).toBe(403);
    expect((await manager('GET', `/api/plan-tasks/${task.id}`)).status).toBe(403);
    expect((await manager('GET', `/api/plan-tasks/review?year=${thisYear}&month=1`)).status).toBe(403);
    expect((await manager('POST', '/api/plan-tasks', monthly())).status).toBe(403);
    const unchanged = await officer('GET', `/api/plan-tasks/${task.id}`);
    expect(unchanged.body).toMatchObject({ status: 'not-started', title: task.title });
  });

  it('reviews a month: due, overdue and done by department and owner, and each indicator against the dashboard', async () => {
    const owner = `督查责任人${run}`;
    const department = `督查部门${run}`;
    const late = await create(monthly({ ownerName: owner, department }));
    const doneNow = await create(
      monthly({
        ownerName: owner,
        department,
        year: thisYear,
        periodNumber: thisMonth,
        dueOn: undefined,
        status: 'done',
      }),
    );

    const pastReview = await review(officer, pastYear, pastMonth);
    expect(pastReview).toMatchObject({ year: pastYear, month: pastMonth, asOf: today });
    expect(pastReview.dueThisMonth.map((t) => t.id)).toContain(late.id);
    expect(pastReview.overdue.map((t) => t.id)).toContain(late.id);
    expect(pastReview.byOwner.find((g) => g.name === owner)).toEqual({
      name: owner,
      due: 1,
      overdue: 1,
      done: 0,
    });
    expect(pastReview.byDepartment.find((g) => g.name === department)).toMatchObject({ overdue: 1 });

    const current = await review(admin, thisYear, thisMonth);
    expect(current.doneThisMonth.map((t) => t.id)).toContain(doneNow.id);
    expect(current.byOwner.find((g) => g.name === owner)).toMatchObject({ done: 1 });
    if (pastYear === thisYear) expect(current.overdue.map((t) => t.id)).toContain(late.id);

    // Each indicator: the dashboard's target and value, beside the sum of the year's tasks' contributions.
    const progress = await officer('GET', `/api/analytics/progress?from=${thisYear}&to=${thisYear}`);
    const dashboard = (progress.body as PlanProgressYear[])[0].indicators;
    const all = await officer('GET', `/api/plan-tasks?year=${thisYear}&pageSize=500`);
    const tasks = (all.body as { items: PlanTaskView[] }).items;
    expect(current.indicators).toHaveLength(dashboard.length);
    for (const row of current.indicators) {
      const d = dashboard.find((x: IndicatorProgress) => x.indicator === row.indicator)!;
      expect({ target: row.target, value: row.value, unit: row.unit }).toEqual({
        target: d.target,
        value: d.value,
        unit: d.unit,
      });
      const live = tasks.filter((t) => t.indicator === row.indicator && t.status !== 'cancelled');
      const sum = (xs: PlanTaskView[]) =>
        Math.round(xs.reduce((a, t) => a + (t.contribution ?? 0), 0) * 1000) / 1000;
      expect(row.yearlyContribution).toBeCloseTo(sum(live.filter((t) => t.periodKind === 'year')), 6);
      expect(row.quarterlyContribution).toBeCloseTo(sum(live.filter((t) => t.periodKind === 'quarter')), 6);
      expect(row.monthlyContribution).toBeCloseTo(sum(live.filter((t) => t.periodKind === 'month')), 6);
      const parents = new Set(live.map((t) => t.parentId));
      expect(row.doneContribution).toBeCloseTo(
        sum(live.filter((t) => t.status === 'done' && !parents.has(t.id))),
        6,
      );
    }

    // Marked done, the late task leaves the overdue list of its month.
    await admin('PATCH', `/api/plan-tasks/${late.id}`, { status: 'done' });
    const after = await review(officer, pastYear, pastMonth);
    expect(after.overdue.map((t) => t.id)).not.toContain(late.id);
    expect(after.byOwner.find((g) => g.name === owner)).toEqual({ name: owner, due: 1, overdue: 0, done: 0 });
  });
});
