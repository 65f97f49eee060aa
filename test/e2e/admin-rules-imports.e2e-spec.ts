/**
 * 管理 · 规则 and 管理 · 导入 in a real browser (Debian's headless chromium, driven by playwright-core) against the
 * running platform on the real services, with the demo park seeded and known combustible-gas readings in InfluxDB:
 * an admin edits the combustible-gas rule's level-2 threshold — an invalid value shows the engine's message on the
 * field and saves nothing; a valid one is dry-run over the recent readings (the unsaved value decides) and saved,
 * and the API returns it. Then a spreadsheet with good and bad rows is checked (every problem by line, column and
 * value, nothing written), its good rows are imported, and the new enterprise is found through the API. English.
 * Screenshots land in test-output/screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Locator, type Page } from 'playwright-core';
import type { TelemetryRecord } from '@park/contracts';
import { creditCodeCheckChar, DEMO_GAS_DEVICE, DeviceEntity } from '@park/records';
import type { DryRunResult, RuleView } from '../../apps/web/src/admin/rules-api';
import { waitFor } from '../support/wait-for';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import {
  launchChromium,
  loginToken,
  navigationLabels,
  openAdminScreen,
  SCREENSHOTS,
} from './support/browser';
import { E2E_WEB_ROOT } from './support/web-build';

const GAS_RULE = 'gas.lel.two-level';
const CJK = /[\u4e00-\u9fff]/;
const valid = (first17: string) => `${first17}${creditCodeCheckChar(first17)}`;
const GOOD_A = valid('91320681MA1E2E001');
const GOOD_B = valid('91320681MA1E2E002');
// A wrong check character: anything but the right one.
const BAD_CHECK = `91320681MA1E2E003${creditCodeCheckChar('91320681MA1E2E003') === '0' ? '1' : '0'}`;

describe('admin rules and spreadsheet import pages (web) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;
  let adminToken: string;

  async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const raw = await res.text();
    return { status: res.status, body: (raw ? JSON.parse(raw) : null) as T };
  }
  const gasRule = async () =>
    (await api<RuleView[]>('GET', '/api/rules')).body.find((r) => r.code === GAS_RULE) as RuleView;

  beforeAll(async () => {
    stack = await startParkStack('admin-rules-imports', E2E_WEB_ROOT);
    adminToken = await loginToken(stack.apiUrl, 'admin');

    // The demo gas detector over the last hour: 30 %LEL (level 1), 60 %LEL (level 2 at the stored 50), back to 10.
    const gas = await stack.env.records.getRepository(DeviceEntity).findOneByOrFail({ id: DEMO_GAS_DEVICE });
    const now = Date.now();
    const point = (minutesAgo: number, lel: number): TelemetryRecord => ({
      v: 1,
      deviceId: gas.id,
      enterpriseId: gas.enterpriseId,
      kind: 'combustible-gas',
      role: null,
      line: gas.line,
      ts: now - minutesAgo * 60_000,
      values: { lel },
      receivedAt: now - minutesAgo * 60_000,
    });
    await stack.env.influx.ensureSchema();
    const outcome = await stack.env.influx.write([
      point(50, 10),
      point(40, 30),
      point(30, 60),
      point(20, 10),
    ]);
    expect(outcome.rejected).toEqual([]);

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

  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
  const editor = () => page.locator('.rules-editor');
  const gasRow = () => page.locator(`.rules-table tr[data-rule="${GAS_RULE}"]`);

  it('opens 管理 · 规则 from the navigation and lists the rules with units', async () => {
    await page.goto(stack.apiUrl);
    await page.locator('input[name="username"]').fill('admin');
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('h1.console__title').waitFor();
    await openAdminScreen(page, '管理 · 规则');
    await page.locator('h1', { hasText: '管理 · 规则' }).waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/admin/rules`);
    await gasRow().waitFor();
    const rules = (await api<RuleView[]>('GET', '/api/rules')).body;
    expect(await page.locator('.rules-table tbody tr').count()).toBe(rules.length);
    const cells = gasRow().locator('td');
    expect(await text(cells.nth(0))).toContain('可燃气体浓度报警');
    expect(await text(cells.nth(1))).toBe('两级阈值');
    expect(await text(cells.nth(3))).toContain('%LEL');
    expect(await text(cells.nth(4))).toBe('方向 高于 一级报警值 25 %LEL 二级报警值 50 %LEL 回差 2 %LEL');
    expect(await text(cells.nth(5))).toBe('已启用');
  });

  it('words the engine’s refusal on the level-2 field with the form’s labels, and saves nothing', async () => {
    await gasRow().locator('.rules-table__edit').click();
    await editor().waitFor();
    expect(await editor().locator('input[name="params.level2"]').inputValue()).toBe('50');
    await editor().locator('input[name="params.level2"]').fill('20');
    await editor().locator('.rules-form__save').click();
    const error = page.locator('#rule-params-level2-error');
    await error.waitFor();
    expect(await text(error)).toBe('二级报警值须高于一级报警值');
    expect(await editor().locator('input[name="params.level2"]').getAttribute('aria-invalid')).toBe('true');
    await editor().locator('input[name="params.level2"]').fill('abc');
    await editor().locator('.rules-form__dry-run-button').click();
    expect(await text(page.locator('#rule-params-level2-error'))).toBe('须为数字');
    expect((await gasRule()).params).toEqual({ direction: 'above', level1: 25, level2: 50, hysteresis: 2 });
  });

  it('dry-runs the edited level 2 over the recent readings, then saves it', async () => {
    await editor().locator('input[name="params.level2"]').fill('70');
    await editor().locator('select[name="hours"]').selectOption('6');
    await editor().locator('.rules-form__dry-run-button').click();
    const result = page.locator('.rules-dry-run');
    await result.waitFor();
    // At 70 %LEL the 60 %LEL reading no longer escalates: opened at 30, cleared at 10.
    expect(await text(result.locator('.rules-dry-run__summary'))).toContain(
      '将新开 1 条告警，共 2 次状态变化',
    );
    const rows = result.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await text(rows.nth(0).locator('td').nth(2))).toBe('解除');
    expect(await text(rows.nth(1).locator('td').nth(1))).toBe(DEMO_GAS_DEVICE);
    expect(await text(rows.nth(1).locator('td').nth(2))).toBe('新开');
    expect(await text(rows.nth(1).locator('td').nth(4))).toBe('30 %LEL');
    expect(await text(rows.nth(1).locator('td').nth(5))).toBe('25 %LEL');
    // The stored rule (level 2 at 50) would have escalated: the dry-run above used the unsaved value.
    const stored = await api<DryRunResult>('POST', `/api/rules/${(await gasRule()).id}/dry-run?hours=6`, {});
    expect(stored.body.subjects.flatMap((s) => s.firings.map((f) => f.change))).toContain('escalated');
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-rules-zh.png'), fullPage: true });

    await editor().locator('.rules-form__save').click();
    await page.locator('.rules__saved').waitFor();
    expect(await text(page.locator('.rules__saved'))).toBe('已保存规则“可燃气体浓度报警”');
    await waitFor('the row to show the new level 2', async () =>
      (await text(gasRow().locator('td').nth(4))).includes('二级报警值 70 %LEL'),
    );
    expect((await gasRule()).params).toEqual({ direction: 'above', level1: 25, level2: 70, hysteresis: 2 });
  });

  const FILE = [
    '统一社会信用代码,企业名称,行业代码,规上企业',
    `${GOOD_A},E2E导入甲有限公司,3982,是`,
    `${BAD_CHECK},E2E导入乙有限公司,3499,否`,
    `${GOOD_B},E2E导入丙有限公司,2929,否`,
    `${valid('91320681MA1E2E004')},E2E导入丁有限公司,3499,也许`,
  ].join('\n');

  it('checks a spreadsheet row by row without importing anything', async () => {
    await openAdminScreen(page, '管理 · 导入');
    await page.locator('h1', { hasText: '管理 · 导入' }).waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/admin/imports`);
    await page.locator('select[name="kind"]').selectOption('enterprises');
    // The template: the API's export of the kind, same columns, Chinese headers.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.imports__template button', { hasText: 'CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('enterprises.csv');
    const template = readFileSync(await download.path(), 'utf8');
    expect(template.replace(/^\ufeff/, '').split(/\r?\n/)[0]).toMatch(/^统一社会信用代码,企业名称,/);
    await page.locator('input[type="file"]').setInputFiles({
      name: 'enterprises.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\ufeff${FILE}\n`, 'utf8'),
    });
    await page.locator('.imports__check').click();
    await page.locator('.imports__summary').waitFor();
    expect(await text(page.locator('.imports__summary'))).toBe(
      '共 4 行：2 行可导入（新增 2 条、更新 0 条、不变 0 条），2 行有错误',
    );
    const rows = page.locator('.imports-report tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await text(rows.nth(0).locator('.imports-report__line'))).toBe('3');
    expect(await text(rows.nth(0).locator('.imports-report__column'))).toBe('统一社会信用代码');
    expect(await text(rows.nth(0).locator('.imports-report__value'))).toBe(BAD_CHECK);
    expect(await text(rows.nth(1).locator('.imports-report__line'))).toBe('5');
    expect(await text(rows.nth(1).locator('.imports-report__column'))).toBe('规上企业');
    expect(await text(rows.nth(1).locator('.imports-report__value'))).toBe('也许');
    expect(await text(rows.nth(1).locator('.imports-report__reason'))).toBe('“也许”不是“是/否”');
    const search = await api<{ total: number }>('GET', `/api/enterprises?q=${encodeURIComponent('E2E导入')}`);
    expect(search.body.total).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-imports-zh.png'), fullPage: true });
  });

  it('imports the good rows, and the API finds the new enterprises', async () => {
    await page.locator('.imports__commit').click();
    await page.locator('.imports__outcome').waitFor();
    expect(await text(page.locator('.imports__outcome'))).toBe(
      '已导入：新增 2 条、更新 0 条、不变 0 条；跳过 2 行有错误的数据',
    );
    const found = await api<{ total: number; items: { name: string; creditCode: string }[] }>(
      'GET',
      `/api/enterprises?q=${encodeURIComponent('E2E导入甲')}`,
    );
    expect(found.body.items.map((e) => [e.name, e.creditCode])).toEqual([['E2E导入甲有限公司', GOOD_A]]);
    const all = await api<{ total: number }>('GET', `/api/enterprises?q=${encodeURIComponent('E2E导入')}`);
    expect(all.body.total).toBe(2);
  });

  it('switches to English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await waitFor('the English heading', async () => (await text(page.locator('h1'))) === 'Admin · Import');
    const links = await navigationLabels(page);
    expect(links).toEqual(expect.arrayContaining(['Admin · Rules', 'Admin · Import']));
    expect(await text(page.locator('.imports__form'))).not.toMatch(CJK);
    await openAdminScreen(page, 'Admin · Rules');
    await gasRow().waitFor();
    expect(await text(gasRow().locator('td').nth(1))).toBe('Two-level threshold');
    expect(await text(gasRow().locator('td').nth(4))).toBe(
      'Direction above Level 1 alarm 25 %LEL Level 2 alarm 70 %LEL Hysteresis 2 %LEL',
    );
    expect(await text(page.locator('.rules-table thead'))).not.toMatch(CJK);
  });

  it('offers neither page to an officer', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('input[name="username"]').fill('officer');
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('h1.console__title').waitFor();
    const links = await navigationLabels(page);
    expect(links).not.toContain('Admin · Rules');
    expect(links).not.toContain('Admin · Import');
    await page.goto(`${stack.apiUrl}/admin/imports`);
    await page.locator('h1.console__title').waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/alerts`);
  });
});
