/**
 * 报警统计 (the alarm statistics page) in a real browser (Debian's headless chromium, driven by playwright-core)
 * against the running platform on the real services, with five alerts of the last days written for two
 * enterprises: an officer opens it from the top bar and reads the same figures the API answers — counts in 条,
 * response times in 分钟, never seconds — filters it to one enterprise, and exports the same search to Excel (the
 * browser's download, read back with exceljs). It fits 1920, 1366 and 390 px without horizontal overflow; an
 * energy manager sees only their own enterprise. Screenshots land in test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { AlertEntity, DEMO_GAS_DEVICE, DeviceEntity, EnterpriseEntity, RuleEntity } from '@park/records';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import { launchChromium, SCREENSHOTS } from './support/browser';
import { measureOverflow } from './support/overflow';
import { E2E_WEB_ROOT } from './support/web-build';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('alarm statistics (web) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;
  let chemName: string;
  let otherName: string;
  let otherId: string;

  beforeAll(async () => {
    stack = await startParkStack('alertstats', E2E_WEB_ROOT);
    const records = stack.env.records;
    const gas = await records.getRepository(DeviceEntity).findOneByOrFail({ id: DEMO_GAS_DEVICE });
    const other = (await records.getRepository(DeviceEntity).find({ order: { id: 'ASC' } })).find(
      (d) => d.enterpriseId !== gas.enterpriseId,
    )!;
    const enterprises = records.getRepository(EnterpriseEntity);
    chemName = (await enterprises.findOneByOrFail({ id: gas.enterpriseId })).name;
    otherName = (await enterprises.findOneByOrFail({ id: other.enterpriseId })).name;
    otherId = other.enterpriseId;
    const rule = await records.getRepository(RuleEntity).findOneByOrFail({ code: 'gas.lel.two-level' });

    // Three resolved alerts of the gas detector (a repeat offender) and two of another enterprise's device, in the
    // last five days: acknowledged after 2, 4, 6, 8 and 10 minutes, resolved after 30 minutes each.
    const now = Date.now();
    const alerts = records.getRepository(AlertEntity);
    for (const [n, device] of [gas, gas, gas, other, other].entries()) {
      const openedAt = new Date(now - (n + 1) * DAY + HOUR);
      await alerts.save(
        alerts.create({
          ruleId: rule.id,
          subjectType: 'device',
          subjectId: device.id,
          deviceId: device.id,
          enterpriseId: device.enterpriseId,
          metric: 'lel',
          unit: '%LEL',
          value: 55,
          limitValue: 50,
          level: 2,
          severity: n === 3 ? 'warning' : 'critical',
          status: 'resolved',
          count: 1,
          openedAt,
          lastSeenAt: openedAt,
          lastReadingTs: openedAt.getTime(),
          acknowledgedAt: new Date(openedAt.getTime() + 2 * (n + 1) * MINUTE),
          acknowledgedBy: 'officer',
          resolvedAt: new Date(openedAt.getTime() + 30 * MINUTE),
          resolvedBy: 'officer',
          // A note that a spreadsheet would run as a formula: the export keeps it text.
          resolutionNote: n === 4 ? '=HYPERLINK("http://example.invalid","打开")' : '已排查，阀门关闭',
          assignedTo: null,
          assignedAt: null,
          escalatedAt: null,
          lastRemindedAt: null,
          lastRepeatEventAt: null,
          maintenanceId: null,
          suppressedAt: null,
          explanation: { zh: '可燃气体浓度超过二级报警值', en: 'Combustible gas above level 2' },
        }),
      );
    }

    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      timezoneId: 'Europe/London', // park time is shown whatever the browser's zone
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
  const kpi = (id: string) => page.locator(`[data-testid="${id}"] .alert-stats__kpi-value`);
  const historyRows = () => page.locator('[data-testid="alert-history"] tbody tr');

  async function signIn(username: string): Promise<void> {
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('.topbar__links').waitFor();
  }

  it('opens from the top bar with the last 30 days: counts, response times in minutes, repeat offenders', async () => {
    await page.goto(stack.apiUrl);
    await signIn('officer');
    await page.locator('.topbar__link', { hasText: '报警统计' }).click();
    await page.locator('h1.alert-stats__title').waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/alert-statistics`);
    await page.locator('[data-testid="kpi-total"]').waitFor();

    expect(await text(kpi('kpi-total'))).toBe('5 条');
    // Acknowledged after 2, 4, 6, 8, 10 minutes: mean 6; resolved after 30 minutes each.
    expect(await text(kpi('kpi-acknowledge'))).toBe('6 分钟');
    expect(await text(page.locator('[data-testid="kpi-acknowledge"] .alert-stats__kpi-note'))).toBe(
      '中位数 6 分钟 · 90% 在 9.2 分钟 内 · 共 5 条',
    );
    expect(await text(kpi('kpi-resolve'))).toBe('30 分钟');
    expect(await text(kpi('kpi-repeat'))).toBe('1 个');

    const offender = page.locator(`[data-testid="repeat-offenders"] tr[data-subject="${DEMO_GAS_DEVICE}"]`);
    expect(await text(offender)).toContain(chemName);
    expect(await text(offender)).toContain('3 条');

    await historyRows().first().waitFor();
    expect(await historyRows().count()).toBe(5);
    expect(await text(page.locator('.records__pager .records__page'))).toBe('第 1 / 1 页，共 5 条');
    expect(await page.locator('.alert-stats__chart canvas').count()).toBe(3);

    // Nothing on the page is English, a raw code, seconds or milliseconds.
    const body = await text(page.locator('.alert-stats'));
    expect(body).not.toMatch(/undefined|null|NaN|critical|resolved|threshold|\bms\b|\d 秒/);
    await page.screenshot({ path: join(SCREENSHOTS, 'alert-statistics-1920.png'), fullPage: true });
  });

  it('filters to one enterprise, and exports that search to Excel', async () => {
    await page.locator('select[name="enterprise"]').selectOption(otherId);
    await page.locator('[data-testid="kpi-total"] .alert-stats__kpi-value', { hasText: '2 条' }).waitFor();
    await page.locator('.records__pager .records__page', { hasText: '共 2 条' }).waitFor();
    expect(await historyRows().count()).toBe(2);
    for (const row of await historyRows().all()) expect(await text(row)).toContain(otherName);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="alert-stats-export"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^alerts-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const path = join(SCREENSHOTS, '..', download.suggestedFilename());
    await download.saveAs(path);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.getWorksheet('报警明细')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['编号', '报警', '级别']);
    expect(sheet.actualRowCount).toBe(3);
    const notes: unknown[] = [];
    sheet.eachRow((row, n) => n > 1 && notes.push(row.getCell(17).value));
    expect(notes).toContain(`'=HYPERLINK("http://example.invalid","打开")`);
    expect(book.getWorksheet('统计')).toBeDefined();
  });

  it('fits 1366 and 390 px screens without horizontal overflow', async () => {
    await page.locator('select[name="enterprise"]').selectOption('');
    await page.locator('[data-testid="kpi-total"] .alert-stats__kpi-value', { hasText: '5 条' }).waitFor();
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(300); // the charts resize on the next frame
      const measured = await measureOverflow(page);
      expect({ width: viewport.width, ...measured }).toEqual({
        width: viewport.width,
        scrollWidth: measured.clientWidth,
        clientWidth: measured.clientWidth,
        wide: [],
      });
      await page.screenshot({ path: join(SCREENSHOTS, `alert-statistics-${viewport.width}.png`) });
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
  });

  it("shows an energy manager only their own enterprise's alerts", async () => {
    await page
      .locator('.topbar')
      .getByRole('button', { name: /退出登录/ })
      .click();
    await signIn('manager');
    await page.goto(`${stack.apiUrl}/alert-statistics`);
    await page.locator('[data-testid="kpi-total"] .alert-stats__kpi-value', { hasText: '3 条' }).waitFor();
    expect(await page.locator('select[name="enterprise"]').count()).toBe(0);
    await historyRows().first().waitFor();
    expect(await historyRows().count()).toBe(3);
    for (const row of await historyRows().all()) expect(await text(row)).toContain(chemName);
  });
});
