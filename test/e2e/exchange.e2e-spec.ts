/**
 * 管理 · 数据交换 in a real browser against the running platform on the real services, with the demo park seeded
 * (its four demo sources and their uploads): an admin reads the sources in Chinese (kinds, metrics with units, rate
 * limits, 演示数据), adds a source and gets its key once, in a dialog with the warning; the key sends figures to
 * POST /api/exchange/v1/figures, and the upload shows in the history with its refused rows' reasons in Chinese. A new
 * key replaces the old one (refused from then on), revoking refuses the new one too. Staff whose department does not
 * edit the exchange read the page without the buttons. English switch; at 1920, 1366 and 390 px nothing reaches
 * past the right edge. Screenshots land in test-output/screenshots/exchange-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { ExchangeUploadReport } from '@park/contracts';
import { DEMO_ENTERPRISE_CODE_BODY, creditCodeCheckChar } from '@park/records';
import { waitFor } from '../support/wait-for';
import { launchChromium, openScreen, SCREENSHOTS } from './support/browser';
import { measureOverflow } from './support/overflow';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import { E2E_WEB_ROOT } from './support/web-build';

const WIDTHS = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
] as const;
const NEW_SOURCE = 'E2E 园区专线供电所';
const CHEM_USCC = DEMO_ENTERPRISE_CODE_BODY + creditCodeCheckChar(DEMO_ENTERPRISE_CODE_BODY);
/** A well-formed credit code no enterprise of the park has. */
const STRANGER_USCC = `91320681MA1WWWW99${creditCodeCheckChar('91320681MA1WWWW99')}`;
const CJK = /[\u4e00-\u9fff]/;

describe('数据交换 (web) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let firstKey: string;
  let secondKey: string;

  beforeAll(async () => {
    stack = await startParkStack('exchange', E2E_WEB_ROOT);
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
    context = await browser.newContext({ viewport: WIDTHS[0], locale: 'zh-CN' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.apiUrl });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
  const sourceRow = (name: string) => page.locator('.exchange-sources tbody tr', { hasText: name });

  async function signIn(username: string): Promise<void> {
    await page.goto(stack.apiUrl);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('.topbar__user').waitFor();
  }

  async function send(key: string, rows: unknown[], reference: string) {
    const res = await fetch(`${stack.apiUrl}/api/exchange/v1/figures`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rows, reference }),
    });
    const raw = await res.text();
    return { status: res.status, body: (raw ? JSON.parse(raw) : null) as ExchangeUploadReport };
  }

  async function noOverflowAtEveryWidth(name: string): Promise<void> {
    const failures: string[] = [];
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      await page.locator('.exchange-sources tbody tr').first().waitFor();
      const measured = await measureOverflow(page);
      if (measured.scrollWidth > measured.clientWidth)
        failures.push(
          `@${size.width}: document ${measured.scrollWidth} px wide in ${measured.clientWidth} px`,
        );
      if (measured.wide.length > 0)
        failures.push(`@${size.width}: past the right edge: ${measured.wide.join(', ')}`);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size.width}.png`), fullPage: true });
    }
    await page.setViewportSize(WIDTHS[0]);
    expect(failures).toEqual([]);
  }

  it('lists the demo sources in Chinese, with their metrics and units, marked as demo data', async () => {
    await signIn('admin');
    await openScreen(page, '管理 · 数据交换');
    await page.locator('h1:has-text("数据交换")').waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/admin/exchange`);
    await sourceRow('国网供电公司').waitFor();
    expect(await page.locator('.exchange-sources tbody tr').count()).toBe(4);
    const power = sourceRow('国网供电公司');
    expect(await text(power.locator('.exchange__demo-tag'))).toBe('演示数据');
    expect(await text(power.locator('.exchange-sources__kind'))).toBe('供电公司');
    expect(await text(power.locator('.exchange-sources__scopes'))).toBe('用电量（kWh）');
    expect(await text(power)).toContain('120 次/分钟');
    expect(await text(power.locator('.exchange-sources__prefix'))).toMatch(/^pk_/);
    expect(await text(power.locator('.exchange-sources__used'))).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
    );
    expect(await text(power.locator('.exchange-sources__state'))).toBe('启用');
    expect(await text(sourceRow('区税务局').locator('.exchange-sources__scopes'))).toBe(
      '税收（万元） 应税销售收入（万元） 营业收入（万元）',
    );
    expect(await text(sourceRow('区人社局').locator('.exchange-sources__kind'))).toBe('人社局');
    expect(await text(page.locator('.exchange'))).toContain('均为演示数据');
    // The demo's uploads: the 人社局's file of 2025-09 with its one refused row.
    const hr = page.locator('.exchange-batches tbody tr', { hasText: '参保人数_202509.xlsx' });
    await page.locator('select[name="batchSource"]').selectOption({ label: '区人社局' });
    await hr.waitFor();
    expect(await text(hr.locator('.exchange-batches__rejected'))).toBe('1');
    await hr.locator('.exchange-batches__open').click();
    const dialog = page.locator('.exchange-batch-dialog');
    await dialog.locator('.exchange-problems tbody tr').first().waitFor();
    expect(await text(dialog.locator('.exchange-problems tbody tr').first())).toMatch(
      /^\d+ 统一社会信用代码 园区没有使用该统一社会信用代码的在册企业$/,
    );
    await dialog.getByRole('button', { name: '关闭' }).click();
    await page.locator('select[name="batchSource"]').selectOption({ value: '' });
    await noOverflowAtEveryWidth('exchange');
  });

  it('adds a source and shows its key once, with the warning and a copy button', async () => {
    await page.getByRole('button', { name: '新增来源系统' }).click();
    const form = page.locator('.exchange-form');
    await form.locator('select[name="kind"]').selectOption({ label: '供电公司' });
    await form.locator('input[name="name"]').fill(NEW_SOURCE);
    expect(await form.locator('input[value="electricity-kwh"]').isChecked()).toBe(true);
    await form.locator('input[name="rateLimit"]').fill('0');
    await form.getByRole('button', { name: '新增并签发密钥' }).click();
    expect(await text(form.locator('#exchange-rateLimit-error'))).toBe('应为 1 到 10000 的整数');
    await form.locator('input[name="rateLimit"]').fill('30');
    await form.locator('input[name="dropFolder"]').fill('e2e-power');
    await form.getByRole('button', { name: '新增并签发密钥' }).click();

    const dialog = page.locator('.exchange-key-dialog');
    await dialog.waitFor();
    expect(await text(dialog.locator('.dialog__heading'))).toBe(`“${NEW_SOURCE}”的接入密钥`);
    expect(await text(dialog.locator('.notice--warning'))).toContain('密钥只显示这一次');
    firstKey = (await dialog.locator('.exchange-key-dialog__key code').innerText()).trim();
    expect(firstKey).toMatch(/^pk_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}$/);
    await dialog.getByRole('button', { name: '复制密钥' }).click();
    await dialog.locator('.credentials__copied', { hasText: '已复制到剪贴板' }).waitFor();
    await page.setViewportSize(WIDTHS[2]);
    await page.screenshot({ path: join(SCREENSHOTS, 'exchange-key-390.png') });
    const overflow = await measureOverflow(page);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);
    await page.setViewportSize(WIDTHS[0]);
    await dialog.getByRole('button', { name: '我已保存，关闭' }).click();
    const row = sourceRow(NEW_SOURCE);
    await row.waitFor();
    expect(await text(row.locator('.exchange-sources__used'))).toBe('从未使用');
    expect(await text(row.locator('.exchange-sources__prefix'))).toBe(firstKey.slice(0, 15));
    // The key is nowhere on the page once the dialog is closed.
    expect(await page.content()).not.toContain(firstKey);
  });

  it('shows an upload of that key in the history, each refused row with its field and reason', async () => {
    const sent = await send(
      firstKey,
      [
        { uscc: CHEM_USCC, metric: 'electricity-kwh', period: '2026-11', value: 182500 },
        { uscc: CHEM_USCC, metric: 'tax', period: '2026-Q3', value: 120 },
        { uscc: STRANGER_USCC, metric: 'electricity-kwh', period: '2026-11', value: 1000 },
        { uscc: CHEM_USCC, metric: 'electricity-kwh', period: '2026-13', value: 1000 },
      ],
      'E2E-202611',
    );
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ rows: 4, rejected: 3 });

    await page.reload();
    const batch = page.locator('.exchange-batches tbody tr', { hasText: 'E2E-202611' });
    await batch.waitFor();
    expect(await text(batch)).toMatch(new RegExp(`^${NEW_SOURCE} 接口 E2E-202611 4 1 0 3 `));
    await batch.locator('.exchange-batches__open').click();
    const dialog = page.locator('.exchange-batch-dialog');
    await dialog.locator('.exchange-problems tbody tr').first().waitFor();
    expect(await text(dialog.locator('.exchange-batch-dialog__summary'))).toBe(
      '4 行：入库 1，未变 0，拒收 3',
    );
    const problems = await dialog.locator('.exchange-problems tbody tr').allInnerTexts();
    expect(problems.map((p) => p.replace(/\s+/g, ' ').trim())).toEqual([
      '2 指标 该来源系统的密钥无权报送此指标',
      '3 统一社会信用代码 园区没有使用该统一社会信用代码的在册企业',
      '4 期间 期间格式不对（应为 2026、2026-Q1 或 2026-03）',
    ]);
    await page.screenshot({ path: join(SCREENSHOTS, 'exchange-batch-1366.png') });
    await dialog.getByRole('button', { name: '关闭' }).click();
    // The upload stamped the key's last use (the page was reloaded after it).
    expect(await text(sourceRow(NEW_SOURCE).locator('.exchange-sources__used'))).toMatch(
      /^\d{4}-\d{2}-\d{2} /,
    );
  });

  it('issues a new key that replaces the old one, and revoking refuses it', async () => {
    page.once('dialog', (d) => void d.accept());
    await sourceRow(NEW_SOURCE).getByRole('button', { name: '签发新密钥' }).click();
    const dialog = page.locator('.exchange-key-dialog');
    await dialog.waitFor();
    secondKey = (await dialog.locator('.exchange-key-dialog__key code').innerText()).trim();
    expect(secondKey).not.toBe(firstKey);
    await dialog.getByRole('button', { name: '我已保存，关闭' }).click();
    const row = [{ uscc: CHEM_USCC, metric: 'electricity-kwh', period: '2026-10', value: 170000 }];
    expect((await send(firstKey, row, 'E2E-old')).status).toBe(401);
    expect((await send(secondKey, row, 'E2E-new')).status).toBe(200);

    page.once('dialog', (d) => void d.accept());
    await sourceRow(NEW_SOURCE).getByRole('button', { name: '停用' }).click();
    await waitFor('the source revoked', async () =>
      (await text(sourceRow(NEW_SOURCE).locator('.exchange-sources__state'))).startsWith('已停用'),
    );
    expect(await sourceRow(NEW_SOURCE).getByRole('button').count()).toBe(0);
    expect((await send(secondKey, row, 'E2E-revoked')).status).toBe(401);
  });

  it('switches to English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await waitFor('the English heading', async () => (await text(page.locator('h1'))) === 'Data exchange');
    expect(await text(sourceRow('国网供电公司').locator('.exchange-sources__kind'))).toBe('Power company');
    expect(await text(sourceRow('国网供电公司').locator('.exchange-sources__scopes'))).toBe(
      'Electricity (kWh)',
    );
    expect(await text(page.locator('.exchange-sources thead'))).not.toMatch(CJK);
    expect(await text(page.locator('.exchange-batches thead'))).not.toMatch(CJK);
    expect(await text(page.locator('.exchange__help'))).not.toMatch(CJK);
    await page.getByRole('button', { name: '中文' }).click();
    await page.locator('h1:has-text("数据交换")').waitFor();
  });

  it('lets staff whose department does not edit the exchange read it, without the buttons', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await signIn('zhaoshang');
    await page.goto(`${stack.apiUrl}/admin/exchange`);
    await sourceRow('国网供电公司').waitFor();
    expect(await text(page.locator('.exchange__read-only'))).toContain('有数据交换编辑权限的部门');
    expect(await page.getByRole('button', { name: '新增来源系统' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '签发新密钥' }).count()).toBe(0);
    await page.locator('.exchange-batches tbody tr').first().waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    // 税务联络 staff edit it.
    await signIn('shuiwu');
    await page.goto(`${stack.apiUrl}/admin/exchange`);
    await sourceRow('国网供电公司').getByRole('button', { name: '签发新密钥' }).waitFor();
    expect(await page.getByRole('button', { name: '新增来源系统' }).count()).toBe(1);
  });
});
