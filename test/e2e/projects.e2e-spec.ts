/**
 * 重点项目 (issue #18 item 3) in a real browser (headless chromium via playwright-core) against the running platform
 * on the real services, demo park seeded: an admin opens 重点项目 from the top bar, creates a project for the
 * demo chemical plant, adds a milestone whose due date has passed, advances the project 签约 → 开工 → 竣工 → 达产
 * (a day before the previous stage refused on its field first), reports a year's figures in 万元, and finds the
 * milestone on the 督办清单 with its days overdue; it shows on the enterprise's profile too. An energy manager sees
 * only their own enterprise's projects and no forms. Every screen at 1920, 1366 and 390 px has nothing past the
 * right edge. Screenshots land in test-output/screenshots/ (copied to docs/screenshots/).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parkCalendarDay } from '@park/contracts';
import { EnterpriseEntity } from '@park/records';
import { type Browser, type Locator, type Page } from 'playwright-core';
import type { Page as ListPage } from '@park/contracts';
import type { Project, ProjectDetail } from '../../apps/web/src/projects/projects-api';
import { waitFor } from '../support/wait-for';
import {
  launchChromium,
  loginToken,
  SCREENSHOTS,
  signIn as signInAs,
  fitsEveryWidth as fitsAllWidths,
} from './support/browser';
import { startParkStack, type ParkStack } from './support/park-stack';
import { E2E_WEB_ROOT } from './support/web-build';

const CHEM = '启东示范化工有限公司';
const DAY = 86_400_000;

describe('重点项目 in a real browser, end to end on the real services', () => {
  const run = Date.now().toString(36).slice(-5);
  const projectName = `园区循环化改造项目 ${run}`;
  const milestoneTitle = `完成环评批复 ${run}`;
  const today = parkCalendarDay(Date.now());
  const thisYear = Number(today.slice(0, 4));
  const daysAgo = (n: number) => parkCalendarDay(Date.now() - n * DAY);
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;
  let chem: EnterpriseEntity;
  let projectId: string;

  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

  async function apiGet<T>(path: string, username = 'admin'): Promise<T> {
    const token = await loginToken(stack.apiUrl, username);
    const res = await fetch(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }

  beforeAll(async () => {
    stack = await startParkStack('projects', E2E_WEB_ROOT);
    chem = await stack.env.records.getRepository(EnterpriseEntity).findOneByOrFail({ name: CHEM });
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

  const fitsEveryWidth = (name: string) => fitsAllWidths(page, 'projects', name);

  it('lists the demo park’s projects in every stage, the one with an overdue milestone highlighted', async () => {
    await signIn('admin');
    await page.locator('.topbar__link', { hasText: '重点项目' }).click();
    await page.locator('h1.records__title', { hasText: '重点项目' }).waitFor();
    await page.locator('.projects-table tbody tr').first().waitFor();
    const stages = await page.locator('.projects-table .project-stage').allInnerTexts();
    for (const stage of ['签约', '开工', '竣工', '达产']) expect(stages).toContain(stage);
    const overdueRow = page.locator('.projects-table__row--overdue', { hasText: '新型复合材料生产基地项目' });
    expect(await text(overdueRow)).toContain('1 个逾期');
    expect(await text(page.locator('.projects-table'))).toContain('万元');
    expect(await fitsEveryWidth('list')).toEqual([]);
  });

  it('creates a project, adds an overdue milestone, advances it to 达产 and reports a year in 万元', async () => {
    await page.getByRole('button', { name: '新建项目' }).click();
    const form = page.locator('form.records-edit', { hasText: '新建重点项目' });
    await form
      .locator('select[name="enterpriseId"] option', { hasText: CHEM })
      .waitFor({ state: 'attached' });
    // Nothing filled: every required field is named, nothing is sent.
    await form.locator('button[type="submit"]').click();
    await form.locator('[data-field-error="name"]').waitFor();
    expect(await form.locator('[data-field-error]').count()).toBe(5);
    expect(await fitsEveryWidth('new')).toEqual([]);

    await form.locator('input[name="name"]').fill(projectName);
    await form.locator('select[name="enterpriseId"]').selectOption({ label: CHEM });
    await form.locator('input[name="signedOn"]').fill(daysAgo(400));
    await form.locator('input[name="promisedInvestment"]').fill('36000');
    await form.locator('input[name="promisedSales"]').fill('80000');
    await form.locator('input[name="promisedTax"]').fill('3200');
    await form.locator('input[name="ownerName"]').fill('陆建华');
    await form.locator('input[name="department"]').fill('经济发展局');
    await form.locator('button[type="submit"]').click();
    await page.locator('h1.records__title', { hasText: projectName }).waitFor();
    projectId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await text(page.locator('.records__facts'))).toContain('36,000 万元');
    expect(await text(page.locator('.project-timeline__step--current'))).toContain('签约');

    const milestones = page.locator('form.records-edit', { hasText: '新增节点' });
    await milestones.locator('input[name="title"]').fill(milestoneTitle);
    await milestones.locator('input[name="dueOn"]').fill(daysAgo(9));
    await milestones.locator('input[name="ownerName"]').fill('顾晓峰');
    await milestones.locator('input[name="department"]').fill('生态环境分局');
    await milestones.locator('button[type="submit"]').click();
    const row = page.locator('.project-milestones tr', { hasText: milestoneTitle });
    await row.waitFor();
    expect(await text(row)).toContain('逾期 9 天');

    const advance = page.locator('form.project-advance');
    // A day before 签约 is refused on the field, in Chinese, before anything is sent.
    await advance.locator('input[name="on"]').fill(daysAgo(401));
    await advance.locator('button[type="submit"]').click();
    expect(await text(advance.locator('[data-field-error="on"]'))).toBe(
      `不能早于上一阶段日期 ${daysAgo(400)}`,
    );
    for (const [stage, on] of [
      ['开工', daysAgo(300)],
      ['竣工', daysAgo(120)],
      ['达产', daysAgo(30)],
    ] as const) {
      await advance.locator('button[type="submit"]', { hasText: stage }).waitFor();
      await advance.locator('input[name="on"]').fill(on);
      await advance.locator('button[type="submit"]').click();
      await page.locator('.project-timeline__step--current', { hasText: stage }).waitFor();
      expect(await text(page.locator('.project-timeline__step--current'))).toContain(on);
    }
    await page.getByText('项目已达产，阶段推进完成。').waitFor();
    expect(await page.locator('.records__header .project-stage').innerText()).toBe('达产');

    const actuals = page.locator('form.records-edit', { hasText: '填报年度实绩' });
    await actuals.locator('input[name="year"]').fill(String(thisYear));
    await actuals.locator('input[name="investment"]').fill('12000');
    await actuals.locator('input[name="sales"]').fill('20000');
    await actuals.locator('button[type="submit"]').click();
    const year = page.locator(`.project-actuals tr[data-year="${thisYear}"]`);
    await year.waitFor();
    const yearText = await text(year);
    expect(yearText).toContain('12,000 万元');
    expect(yearText).toContain('（承诺的 33%）');
    expect(yearText).toContain('20,000 万元（承诺的 25%）');
    expect(yearText).toContain('未上报');

    const saved = await apiGet<ProjectDetail>(`/api/projects/${projectId}`);
    expect(saved).toMatchObject({
      stage: 'producing',
      stageDates: {
        signed: daysAgo(400),
        started: daysAgo(300),
        completed: daysAgo(120),
        producing: daysAgo(30),
      },
      actuals: [expect.objectContaining({ year: thisYear, investment: 12000, sales: 20000, tax: null })],
      overdueMilestones: 1,
    });
    expect(await fitsEveryWidth('project')).toEqual([]);
  });

  it('puts the overdue milestone on the 督办清单 with its days overdue, and the project on the enterprise profile', async () => {
    await page.goto(`${stack.apiUrl}/projects`);
    await page.locator('.projects-tabs a', { hasText: '督办清单' }).click();
    await page.locator('h1.records__title', { hasText: '督办清单' }).waitFor();
    const line = page.locator('.supervision-table tr', { hasText: milestoneTitle });
    await line.waitFor();
    const lineText = await text(line);
    expect(lineText).toContain('9 天');
    expect(lineText).toContain(projectName);
    expect(lineText).toContain(CHEM);
    expect(lineText).toContain('达产');
    expect(await text(page.locator('.projects'))).toContain(`截至 ${today}`);
    expect(await fitsEveryWidth('supervision')).toEqual([]);

    await page.goto(`${stack.apiUrl}/enterprises/${chem.id}`);
    const section = page.locator('.projects-of-record');
    await section.locator('a', { hasText: projectName }).waitFor();
    expect(await text(section)).toContain('1 个逾期');
    await section.screenshot({ path: join(SCREENSHOTS, 'projects-of-enterprise-zh.png') });

    await page.getByRole('button', { name: 'English' }).click();
    await page.goto(`${stack.apiUrl}/projects/supervision`);
    await page.locator('h1.records__title', { hasText: 'Supervision list' }).waitFor();
    expect(await text(page.locator('.supervision-table thead'))).toBe(
      'Days overdue Milestone Project Enterprise Stage Due Owner Department',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'projects-supervision-1366-en.png'), fullPage: true });
    await page.getByRole('button', { name: '中文' }).click();
  });

  it('shows an energy manager only their own enterprise’s projects, without the forms', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await signIn('manager');
    await page.goto(`${stack.apiUrl}/projects`);
    await page.locator('.projects-table tbody tr').first().waitFor();
    expect(await page.getByRole('button', { name: '新建项目' }).count()).toBe(0);
    const own = await apiGet<ListPage<Project>>('/api/projects?pageSize=500', 'manager');
    expect(own.items.every((p) => p.enterpriseId === chem.id)).toBe(true);
    await waitFor(
      'the manager’s rows',
      async () => (await page.locator('.projects-table tbody tr').count()) === own.items.length,
    );
    await page.goto(`${stack.apiUrl}/projects/${projectId}`);
    await page.locator('h1.records__title', { hasText: projectName }).waitFor();
    expect(await page.locator('form.records-edit').count()).toBe(0);
  });
});
