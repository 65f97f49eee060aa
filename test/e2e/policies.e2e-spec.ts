/**
 * 惠企政策 (issue #17 item 4) in a real browser (headless chromium via playwright-core) against the running platform
 * on the real services, demo park seeded: an admin opens 惠企政策 from the top bar and finds the demo library
 * (演示数据, 示例 文号, counts); a policy's page says its criteria in words, the qualifying enterprises with each
 * figure and the nearly-qualifying with what they lack; 推送通知 answers (here: no channel carries notices, and it
 * says so); a new policy is written with the criteria form; the enterprise page lists its 可申报政策; an energy
 * manager reads the library without anyone else's matches. Every screen at 1920, 1366 and 390 px has nothing past
 * the right edge. Screenshots land in test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EnterpriseEntity } from '@park/records';
import { type Browser, type Locator, type Page } from 'playwright-core';
import type { PolicyListItem, PolicyMatches } from '../../apps/web/src/policies/policies-api';
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
const RD_POLICY = '研发费用加计扣除政策辅导';

describe('惠企政策 in a real browser, end to end on the real services', () => {
  const run = Date.now().toString(36).slice(-5);
  const newPolicy = `营收五亿元企业奖励 ${run}`;
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;
  let chem: EnterpriseEntity;

  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

  async function apiGet<T>(path: string, username = 'admin'): Promise<T> {
    const token = await loginToken(stack.apiUrl, username);
    const res = await fetch(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }

  beforeAll(async () => {
    stack = await startParkStack('policies', E2E_WEB_ROOT);
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

  const fitsEveryWidth = (name: string) => fitsAllWidths(page, 'policies', name);

  it('lists the demo policy library, marked 示例, with how many enterprises qualify and nearly do', async () => {
    await signIn('admin');
    await page.locator('.topbar__link', { hasText: '惠企政策' }).click();
    await page.locator('h1.records__title', { hasText: '惠企政策' }).waitFor();
    await page.locator('.policies-table tbody tr').first().waitFor();
    const library = await apiGet<PolicyListItem[]>('/api/policies');
    expect(await page.locator('.policies-table tbody tr').count()).toBe(library.length);
    const row = page.locator('.policies-table tbody tr', { hasText: RD_POLICY });
    const listed = library.find((p) => p.name === RD_POLICY)!;
    expect(await text(row)).toContain('演示数据');
    expect(await text(row)).toContain('示例〔2026〕3号');
    expect(await text(row)).toContain(`${listed.qualifiedCount} 家`);
    expect(await text(row)).toContain('申报中');
    expect(await fitsEveryWidth('list')).toEqual([]);
  });

  it('shows a policy’s criteria in words, who qualifies and why, who nearly does and what they lack', async () => {
    await page.locator('.policies-table a', { hasText: RD_POLICY }).click();
    await page.locator('h1.records__title', { hasText: RD_POLICY }).waitFor();
    const criteria = await text(page.locator('.policies__criteria'));
    expect(criteria).toContain('营业收入（最近年度）≥ 5,000 万元');
    expect(criteria).toContain('研发投入强度（最近年度）≥ 4 %');
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const matches = await apiGet<PolicyMatches>(`/api/policies/${id}/matches`);
    const qualified = page.locator('table[data-list="qualified"] tbody tr');
    await qualified.first().waitFor();
    expect(await qualified.count()).toBe(matches.counts.qualified);
    expect(await text(qualified.first())).toMatch(/营业收入（\d{4} 年）[\d.,]+ (亿元|万元) ≥ 5,000 万元 ✓/);
    const nearly = page.locator('table[data-list="nearly"] tbody tr');
    expect(await nearly.count()).toBe(matches.counts.nearly);
    expect(await text(page.locator('table[data-list="nearly"]'))).toContain('还差');
    expect(await text(page.locator('h2#policy-qualified'))).toBe(
      `符合条件企业（${matches.counts.qualified} 家）`,
    );
    expect(await fitsEveryWidth('detail')).toEqual([]);

    // 推送通知: the demo stack has no channel carrying `policy` notices, and the page says so; nothing is recorded.
    expect(matches.noticeChannels).toBe(0);
    await page.getByRole('button', { name: '推送通知' }).click();
    const result = page.locator('.policies__notice-result');
    await result.waitFor();
    expect(await text(result)).toContain('没有可用的通知渠道');
    expect(await text(page.locator('table[data-list="qualified"]'))).not.toContain('已通知');

    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('h2#policy-qualified', { hasText: 'Qualifying enterprises' }).waitFor();
    expect(await text(page.locator('.policies__criteria'))).toContain('Revenue (latest year) ≥ 5,000 万元');
    await page.screenshot({ path: join(SCREENSHOTS, 'policies-detail-1366-en.png'), fullPage: true });
    await page.getByRole('button', { name: '中文' }).click();
  });

  it('writes a new policy with the criteria form', async () => {
    await page.goto(`${stack.apiUrl}/policies`);
    await page.getByRole('button', { name: '新增政策' }).click();
    const form = page.locator('form.policy-form');
    await form.waitFor();
    // Nothing filled: the name, the issuer and the first condition's threshold are named, nothing is sent.
    await form.locator('button[type="submit"]').click();
    await form.locator('[data-field-error="name"]').waitFor();
    expect(await form.locator('[data-field-error]').count()).toBe(3);

    await form.locator('input[name="name"]').fill(newPolicy);
    await form.locator('input[name="issuer"]').fill('高新区管委会经济发展局');
    await form.locator('input[name="documentNo"]').fill('示例〔2026〕99号');
    await form.locator('input[name="benefit"]').fill('奖励 100 万元');
    await form.locator('input[name="conditions.0.value"]').fill('50000');
    await form.getByRole('button', { name: '添加条件' }).click();
    await form.locator('select[name="conditions.1.field"]').selectOption({ label: '所属行业' });
    await form.locator('input[name="conditions.1.codes"]').fill('34, 39');
    expect(await fitsEveryWidth('form')).toEqual([]);
    await form.locator('button[type="submit"]').click();
    await page.locator('h1.records__title', { hasText: newPolicy }).waitFor();
    const criteria = await text(page.locator('.policies__criteria'));
    expect(criteria).toContain('营业收入（最近年度）≥ 5 亿元');
    expect(criteria).toContain('所属行业代码以 34、39 开头（GB/T 4754）');
    await page.locator('table[data-list="qualified"] tbody tr').first().waitFor();
  });

  it('lists an enterprise’s 可申报政策 on its page', async () => {
    await page.goto(`${stack.apiUrl}/enterprises/${chem.id}`);
    const section = page.locator('.enterprise-policies');
    await section.locator('.enterprise-policies__item').first().waitFor();
    expect(await text(section)).toContain('可申报政策');
    expect(await text(section)).toMatch(/符合条件|接近条件/);
    await section.screenshot({ path: join(SCREENSHOTS, 'policies-of-enterprise-zh.png') });
  });

  it('shows an energy manager the library and their own enterprise’s policies, not who else qualifies', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await signIn('manager');
    await page.goto(`${stack.apiUrl}/policies`);
    await page.locator('.policies-table tbody tr').first().waitFor();
    expect(await text(page.locator('.policies-table thead'))).not.toContain('符合条件');
    expect(await page.getByRole('button', { name: '新增政策' }).count()).toBe(0);
    await page.locator('.policies-table a', { hasText: RD_POLICY }).click();
    await page.locator('h1.records__title', { hasText: RD_POLICY }).waitFor();
    await page.locator('.policies__criteria').waitFor();
    expect(await page.locator('table[data-list="qualified"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: '推送通知' }).count()).toBe(0);
    await page.goto(`${stack.apiUrl}/enterprises/${chem.id}`);
    await page.locator('.enterprise-policies .enterprise-policies__item').first().waitFor();
    expect(await fitsEveryWidth('manager-enterprise')).toEqual([]);
  });
});
