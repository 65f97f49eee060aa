/**
 * 计划任务 (issue #18 item 4) in a real browser (headless chromium via playwright-core) against the running platform
 * on the real services, demo park seeded: an admin opens 计划任务 from the top bar (the demo plan is there, with
 * owners and an overdue task), creates a monthly task whose due date has passed (an empty form names its fields
 * first), sees its row highlighted in red with the days overdue and the task in the 月度督查 of its month under its
 * owner, marks it done, and the highlight and the overdue entry are gone. The plan dashboard links each target to
 * its tasks. Every screen at 1920, 1366 and 390 px has nothing past the right edge. Screenshots land in
 * test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { parkCalendarDay } from '@park/contracts';
import { type Browser, type Locator, type Page } from 'playwright-core';
import {
  launchChromium,
  SCREENSHOTS,
  signIn as signInAs,
  fitsEveryWidth as fitsAllWidths,
} from './support/browser';
import { startParkStack, type ParkStack } from './support/park-stack';
import { E2E_WEB_ROOT } from './support/web-build';

const DAY = 86_400_000;

describe('计划任务 in a real browser, end to end on the real services', () => {
  const run = Date.now().toString(36).slice(-5);
  const title = `督查测试任务 ${run}`;
  const owner = `测试责任人${run}`;
  const department = `测试部门${run}`;
  /** 40 days ago: a due date in an earlier month, past. */
  const past = parkCalendarDay(Date.now() - 40 * DAY);
  const pastYear = Number(past.slice(0, 4));
  const pastMonth = Number(past.slice(5, 7));
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;

  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

  beforeAll(async () => {
    stack = await startParkStack('plan-tasks', E2E_WEB_ROOT);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const signIn = (username: string) => signInAs(page, stack.apiUrl, username);

  const fitsEveryWidth = (name: string) => fitsAllWidths(page, 'plan-tasks', name);

  const row = () => page.locator('.plan-tasks-table tbody tr', { hasText: title });

  async function openReview(month: number): Promise<Locator> {
    await page.locator('[data-tab="review"]').click();
    const review = page.locator('.plan-tasks-review');
    await review.locator('select[name="month"]').selectOption(String(month));
    await review.locator('.plan-tasks-review__counts').waitFor();
    await page.waitForLoadState('networkidle');
    return review;
  }

  it('opens the demo plan from the top bar: tasks with owners and departments, an overdue one in red', async () => {
    await signIn('admin');
    await page.locator('.topbar__link', { hasText: '计划任务' }).click();
    await page.locator('h1.records__title', { hasText: '计划任务' }).waitFor();
    await page.locator('select[name="year"]').selectOption('2025');
    await page.locator('[data-tab="quarter"]').click();
    const late = page.locator('.plan-tasks-table__row--overdue', { hasText: '第四季度盘活低效用地' });
    await late.waitFor();
    expect(await text(late)).toMatch(/已逾期 \d+ 天/);
    expect(await text(late)).toContain('规划建设局');
    expect(await text(late)).toContain('亩');
    expect(await fitsEveryWidth('quarterly')).toEqual([]);
  });

  it('creates a monthly task with a past due date: its row is red with the days overdue', async () => {
    await page.locator('select[name="year"]').selectOption(String(pastYear));
    await page.locator('[data-tab="month"]').click();
    await page.getByRole('button', { name: '新建任务' }).click();
    const form = page.locator('form.plan-tasks-form');
    // Nothing filled: the missing fields are named in Chinese, nothing is sent.
    await form.locator('button[type="submit"]').click();
    expect(await form.locator('[data-field-error="title"]').innerText()).toBe('必填');
    expect(await form.locator('[data-field-error="periodNumber"]').innerText()).toBe('请选择月份（1–12）');
    await form.locator('input[name="title"]').fill(title);
    await form.locator('select[name="periodNumber"]').selectOption(String(pastMonth));
    await form.locator('select[name="indicator"]').selectOption('incubating-projects');
    await form.locator('input[name="contribution"]').fill('2');
    await form.locator('input[name="ownerName"]').fill(owner);
    await form.locator('input[name="department"]').fill(department);
    await form.locator('input[name="dueOn"]').fill(past);
    expect(await text(form)).toContain('承担量（个）');
    await form.locator('button[type="submit"]').click();
    await form.waitFor({ state: 'detached' });
    await row().waitFor();
    expect(await row().getAttribute('class')).toContain('plan-tasks-table__row--overdue');
    expect(await text(row())).toContain('已逾期 40 天');
    expect(await text(row())).toContain(past);
    expect(await text(row())).toContain('2 个');
    expect(await text(row())).toContain('未开始');
    expect(await fitsEveryWidth('monthly')).toEqual([]);
  });

  it('shows the task in the 月度督查 of its month, overdue under its owner and department', async () => {
    const review = await openReview(pastMonth);
    const overdue = review.locator('[data-list="overdue"] li', { hasText: title });
    await overdue.waitFor();
    expect(await text(overdue)).toContain('已逾期 40 天');
    const ownerRow = review.locator('[data-group="owner"] tbody tr', { hasText: owner });
    expect((await ownerRow.locator('td').allInnerTexts()).map((s) => s.trim())).toEqual([
      owner,
      '1',
      '1',
      '0',
    ]);
    const departmentRow = review.locator('[data-group="department"] tbody tr', { hasText: department });
    expect(await departmentRow.getAttribute('class')).toContain('plan-tasks-table__row--overdue');
    const indicator = review.locator('.plan-tasks-indicators tr[data-indicator="incubating-projects"]');
    expect(await text(indicator)).toContain('个');
    expect(await fitsEveryWidth('review')).toEqual([]);
  });

  it('marks it done: the highlight and the overdue entry are gone', async () => {
    await page.locator('[data-tab="month"]').click();
    await row().locator('button[data-action="done"]').click();
    await page.locator('.records-edit__note--ok', { hasText: title }).waitFor();
    await row().locator('.plan-task-status', { hasText: '已完成' }).waitFor();
    expect(await row().getAttribute('class')).not.toContain('plan-tasks-table__row--overdue');
    expect(await text(row())).toContain('已完成');
    expect(await text(row())).not.toContain('已逾期');
    const review = await openReview(pastMonth);
    await review.locator('[data-list="due"] li', { hasText: title }).waitFor();
    expect(await review.locator('[data-list="overdue"] li', { hasText: title }).count()).toBe(0);
    const ownerRow = review.locator('[data-group="owner"] tbody tr', { hasText: owner });
    expect((await ownerRow.locator('td').allInnerTexts()).map((s) => s.trim())).toEqual([
      owner,
      '1',
      '0',
      '0',
    ]);
  });

  it('links each target of the plan dashboard to its tasks', async () => {
    await page.locator('.topbar__link', { hasText: '园区指标' }).click();
    const target = page.locator('.target[data-indicator="incubating-projects"]');
    await target.locator('a', { hasText: '计划任务' }).click();
    await page.locator('h1.records__title', { hasText: '计划任务' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/plan\/tasks\/\d{4}\/incubating-projects$/);
    expect(await page.locator('select[name="indicator"]').inputValue()).toBe('incubating-projects');
  });
});
