/**
 * 企业档案 (enterprise records) in a real browser (headless chromium via playwright-core) against the running
 * platform on the real services, with the demo park seeded: an officer searches for the demo chemical enterprise,
 * opens its profile and reads the indicators (values and units as the API answers them), the dynamic-events
 * timeline and its recent alerts, then switches to English; an energy manager sees only their own enterprise and
 * is refused another's profile. Screenshots land in test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertView } from '@park/contracts';
import { EnterpriseEntity } from '@park/records';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { formatQuantity } from '../../apps/web/src/i18n/format';
import { indicatorTable, timeline } from '../../apps/web/src/records/enterprise-records';
import type {
  EnterpriseIndicators,
  Page as RecordsPage,
  Enterprise,
  RecordEvent,
} from '../../apps/web/src/records/records-api';
import { waitFor } from '../support/wait-for';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import {
  currentScreen,
  launchChromium,
  loginToken,
  navigationLabels,
  openScreen,
  SCREENSHOTS,
} from './support/browser';
import { E2E_WEB_ROOT } from './support/web-build';

const CHEM = '启东示范化工有限公司';
const CJK = /[\u4e00-\u9fff]/;
const UNITS_ZH: Record<string, string> = {
  'unit.wanYuan': '万元',
  'unit.jian': '件',
  'records.unit.tce': '吨标准煤',
  'records.unit.people': '人',
};
const UNITS_EN: Record<string, string> = {
  'unit.wanYuan': '10k CNY',
  'unit.jian': 'items',
  'records.unit.tce': 'tce',
  'records.unit.people': 'people',
};

describe('enterprise records (web) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;
  let chem: EnterpriseEntity;
  let other: EnterpriseEntity;
  /** What the API answers to an officer for the chemical enterprise: the page must show the same. */
  let indicators: EnterpriseIndicators[];
  let events: RecordEvent[];
  let alerts: AlertView[];

  async function apiGet<T>(token: string, path: string, status = 200): Promise<T> {
    const res = await fetch(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(status);
    return (await res.json()) as T;
  }

  const tokenOf = (username: string) => loginToken(stack.apiUrl, username);
  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

  beforeAll(async () => {
    stack = await startParkStack('records', E2E_WEB_ROOT);
    const repo = stack.env.records.getRepository(EnterpriseEntity);
    chem = await repo.findOneByOrFail({ name: CHEM });
    other = await repo.findOneByOrFail({ name: '启东示范精密机械有限公司' });
    const token = await tokenOf('officer');
    indicators = await apiGet(token, `/api/enterprises/${chem.id}/indicators`);
    events = await apiGet(token, `/api/enterprises/${chem.id}/events`);
    alerts = await apiGet(token, `/api/alerts?enterprise=${chem.id}&limit=10`);

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function signIn(username: string): Promise<void> {
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    // The shell, on whichever screen the address names (after a sign-out it is still the last one).
    await page.locator('.topbar__link').first().waitFor();
  }

  it('has demo data worth showing: several years of indicators and a timeline', () => {
    expect(indicators.length).toBeGreaterThanOrEqual(3);
    expect(events.length).toBeGreaterThanOrEqual(1);
  });

  it('lists the 40 demo enterprises, paged, with grades, for an officer', async () => {
    await page.goto(stack.apiUrl);
    await signIn('officer');
    await openScreen(page, '企业档案');
    await page.locator('h1.records__title').waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/enterprises`);
    await page.locator('.records-table__row').first().waitFor();
    expect(await page.locator('.records-table__row').count()).toBe(20);
    expect(await text(page.locator('.records__page'))).toBe('第 1 / 2 页，共 40 家');
    // The 亩均 grade column appears once the evaluation answers.
    await page.locator('th', { hasText: '亩均评价' }).waitFor();
    await page.locator('.records__pager button', { hasText: '下一页' }).click();
    await waitFor(
      'page 2',
      async () => (await text(page.locator('.records__page'))) === '第 2 / 2 页，共 40 家',
    );
    expect(await page.locator('.records-table__row').count()).toBe(20);
  });

  it('finds the chemical enterprise by name and opens its profile', async () => {
    await page.locator('input[name="q"]').fill(CHEM);
    await page.locator('.records__search button[type="submit"]').click();
    await waitFor('one search hit', async () => (await page.locator('.records-table__row').count()) === 1);
    const row = page.locator('.records-table__row');
    expect(await row.getAttribute('data-id')).toBe(chem.id);
    expect(await text(row.locator('.records-table__code'))).toBe(chem.creditCode);
    await page.screenshot({ path: join(SCREENSHOTS, 'enterprise-records-list-zh.png'), fullPage: true });

    await row.locator('a', { hasText: CHEM }).click();
    await page.locator('h1.records__title', { hasText: CHEM }).waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/enterprises/${chem.id}`);
    const facts = await text(page.locator('.records__facts'));
    expect(facts).toContain(chem.creditCode);
    if (chem.address) expect(facts).toContain(chem.address);
    if (chem.contactName) expect(facts).toContain(chem.contactName);
  });

  it('shows the indicators over the years with their units, as the API answers them', async () => {
    const expected = indicatorTable(indicators);
    await page.locator('.records-indicators').waitFor();
    const years = await page.locator('.records-indicators thead th').allInnerTexts();
    expect(years).toEqual(['指标', ...expected.years.map((y) => `${y} 年`)]);
    expect(await page.locator('.records-indicators tbody tr').count()).toBe(expected.rows.length);
    for (const row of expected.rows) {
      const cells = await page
        .locator(`.records-indicators tr[data-field="${row.field}"] td`)
        .allInnerTexts();
      expect(cells).toEqual(
        row.values.map((v) => (v === null ? '未上报' : formatQuantity(v, UNITS_ZH[row.unit], 'zh-CN'))),
      );
    }
    const revenue = page.locator('.records-indicators tr[data-field="revenue"]');
    expect(await text(revenue.locator('th'))).toBe('营业收入');
    expect(await text(revenue.locator('td').last())).toMatch(/ 万元$/);
  });

  it('shows the dynamic-events timeline newest first, and the recent alerts linking to the alert', async () => {
    const expected = timeline(events);
    const items = page.locator('.records-timeline__item');
    expect(await items.count()).toBe(expected.length);
    expect(await page.locator('.records-timeline__date').allInnerTexts()).toEqual(
      expected.map((e) => e.occurredOn),
    );
    expect(await text(items.first())).toContain(expected[0].summary);

    if (alerts.length === 0) {
      await page.locator('#records-alerts-heading ~ .state--empty').waitFor();
    } else {
      await page.locator('.records-alerts__item').first().waitFor();
      expect(await page.locator('.records-alerts__item').count()).toBe(alerts.length);
      expect(await page.locator('.records-alerts__item a').first().getAttribute('href')).toBe(
        `/alerts/${alerts[0].id}`,
      );
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'enterprise-records-profile-zh.png'), fullPage: true });
  });

  it('switches to English: headings, indicator labels and units change language', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await waitFor('the English heading', async () =>
      (await text(page.locator('#records-indicators-heading'))).startsWith('Indicators by year'),
    );
    expect(await currentScreen(page)).toBe('Enterprises');
    expect(await text(page.locator('#records-events-heading'))).toBe('Timeline');
    expect(await text(page.locator('.records-indicators thead'))).not.toMatch(CJK);
    const expected = indicatorTable(indicators);
    for (const row of expected.rows) {
      const line = page.locator(`.records-indicators tr[data-field="${row.field}"]`);
      expect(await text(line.locator('th'))).not.toMatch(CJK);
      expect(await line.locator('td').allInnerTexts()).toEqual(
        row.values.map((v) => (v === null ? 'Not reported' : formatQuantity(v, UNITS_EN[row.unit], 'en'))),
      );
    }
    expect(await text(page.locator('.records-indicators tr[data-field="revenue"] th'))).toBe('Revenue');
    await page.screenshot({ path: join(SCREENSHOTS, 'enterprise-records-profile-en.png'), fullPage: true });
  });

  it('shows an energy manager only their own enterprise, without grades, and refuses another profile', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn('manager');
    expect(await navigationLabels(page)).toContain('Enterprises');
    await openScreen(page, 'Enterprises');
    await page.locator('.records-table__row').first().waitFor();
    expect(await page.locator('.records-table__row').count()).toBe(1);
    expect(await page.locator('.records-table__row').getAttribute('data-id')).toBe(chem.id);
    expect(await text(page.locator('.records-table thead'))).not.toContain('Per-mu grade');
    const own = await apiGet<RecordsPage<Enterprise>>(await tokenOf('manager'), '/api/enterprises');
    expect(own.items.map((e) => e.id)).toEqual([chem.id]);

    // Another enterprise's record: the API answers 404 (not in scope), and the page says so.
    await apiGet(await tokenOf('manager'), `/api/enterprises/${other.id}`, 404);
    await page.goto(`${stack.apiUrl}/enterprises/${other.id}`);
    const refusal = page.locator('.records .state--error');
    await refusal.waitFor();
    expect(await text(refusal.locator('p'))).toBe('The enterprise does not exist or is not yours to see');
    expect(await page.locator('.records-indicators').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'enterprise-records-refused-en.png'), fullPage: true });
  });
});
