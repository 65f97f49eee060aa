/**
 * The effective indicators' screens in a real browser against the running platform (demo park): the 电量核对 tab of
 * the energy area with the precedence and 折标系数 settings (an admin saves the 等价值 basis; the API then reports
 * it), the enterprise page's 分期数据, the plan dashboard's 年内进度 — at 1920, 1366 and 390 px without horizontal
 * overflow. Screenshots land in test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import { launchChromium, loginToken, openScreen, SCREENSHOTS } from './support/browser';
import { E2E_WEB_ROOT } from './support/web-build';

const WIDTHS = [1920, 1366, 390] as const;

describe('effective indicators (web) in a real browser', () => {
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stack = await startParkStack('indicators', E2E_WEB_ROOT);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1920, height: 1000 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(60_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.goto(stack.apiUrl);
    await page.locator('input[name="username"]').fill('admin');
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('h1.console__title').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** Screenshots at the three widths, and no horizontal overflow at any. */
  async function atEveryWidth(name: string): Promise<void> {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 1000 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ name, width, overflow }).toEqual({ name, width, overflow: 0 });
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1920, height: 1000 });
  }

  it('opens 电量核对 from the energy page and saves the 等价值 basis', async () => {
    await page.locator('.topbar__link', { hasText: '能源管理' }).click();
    await page.locator('.energy-tabs a', { hasText: '电量核对' }).click();
    await page.locator('h1', { hasText: '电量核对' }).waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/energy/reconciliation`);
    await page.locator('#precedence-heading').waitFor();
    await page.locator('tr[data-metric="tax"]').waitFor();
    expect(await page.locator('tr[data-metric="tax"]').innerText()).toContain('税务局');
    await page.locator('input[name="tce-basis"][value="equivalent"]').check();
    await page.locator('input[name="equivalentKgcePerKwh"]').fill('0.305');
    await page.locator('button', { hasText: '保存设置' }).click();
    await page.locator('.records-edit__note--ok').waitFor();
    const token = await loginToken(stack.apiUrl, 'admin');
    const res = await fetch(`${stack.apiUrl}/api/exchange/precedence`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await res.json()).toMatchObject({
      energyFactor: { basis: 'equivalent', equivalentKgcePerKwh: 0.305 },
      kgcePerKwh: 0.305,
    });
    await atEveryWidth('energy-reconciliation');
  });

  it("shows an enterprise's 分期数据 with the value used and where it came from", async () => {
    await openScreen(page, '企业档案');
    await page.locator('table a').first().click();
    await page.locator('#records-figures-heading').waitFor();
    await page.locator('.figures__year select').selectOption('2024');
    const tax = page.locator('.figures__card[data-metric="tax"]');
    await tax.waitFor();
    expect(await tax.innerText()).toContain('手工填报');
    await page.locator('#records-figures-heading').scrollIntoViewIfNeeded();
    await atEveryWidth('enterprise-figures');
  });

  it('shows the plan dashboard’s 年内进度', async () => {
    await page.locator('.topbar__link', { hasText: '园区指标' }).click();
    const ytd = page.locator('[data-testid="plan-ytd"]');
    await ytd.waitFor();
    expect(await ytd.innerText()).toMatch(/年内进度/);
    await atEveryWidth('plan-year-to-date');
  });
});
