/**
 * 企业档案的编辑 (issue #18 item 1) in a real browser (headless chromium via playwright-core) against the running
 * platform on the real services, demo park seeded: an admin opens an enterprise, corrects its contact person and
 * reports a year's revenue, sees both after a reload and in the audit trail, adds a dynamic event and sees it on
 * the timeline, and is told in Chinese, on the field, that a credit code with a wrong check character is wrong —
 * with nothing sent. An officer (read-only in the API) sees no edit controls. The page at 1920, 1366 and 390 px
 * has no horizontal overflow. An admin edits a parcel's area and user, the enterprise picked from a pinyin-ordered
 * list, and adds a restricted-industry tenant to a carrier — refused without an admission note — then ends it,
 * and changes a plan target on the dashboard.
 * Screenshots land in test-output/screenshots/ (copied to docs/screenshots/).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EnterpriseEntity } from '@park/records';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { formatQuantity } from '../../apps/web/src/i18n/format';
import type { Carrier, Parcel, Tenancy } from '../../apps/web/src/land/land-api';
import type { PlanTarget } from '../../apps/web/src/plan/plan-api';
import type { AuditPage, Enterprise, EnterpriseIndicators } from '../../apps/web/src/records/records-api';
import { waitFor } from '../support/wait-for';
import { launchChromium, loginToken, SCREENSHOTS } from './support/browser';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import { E2E_WEB_ROOT } from './support/web-build';

const CHEM = '启东示范化工有限公司';
const WIDTHS = [1920, 1366, 390] as const;

/** The page's width against the viewport's: wider means the page scrolls sideways. */
function pageWidths(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => {
    const root = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
}
const NEW_CONTACT = '陈工（安环部）';
const YEAR = 2024;
const REVENUE = 23456.7;

describe('enterprise records editing (web) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;
  let chem: EnterpriseEntity;

  async function apiGet<T>(path: string, username = 'admin'): Promise<T> {
    const token = await loginToken(stack.apiUrl, username);
    const res = await fetch(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }
  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

  beforeAll(async () => {
    stack = await startParkStack('records-edit', E2E_WEB_ROOT);
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

  async function signIn(username: string): Promise<void> {
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('.topbar__link').first().waitFor();
  }

  async function openProfile(): Promise<void> {
    await page.goto(`${stack.apiUrl}/enterprises/${chem.id}`);
    await page.locator('h1.records__title', { hasText: CHEM }).waitFor();
  }

  async function noOverflowAtEveryWidth(name: string): Promise<void> {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      const measured = await pageWidths(page);
      expect({ width, scrollWidth: measured.scrollWidth }).toEqual({
        width,
        scrollWidth: measured.clientWidth,
      });
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}-zh.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  }

  it('shows the industry by its GB/T 4754 name, and an officer no edit controls', async () => {
    await page.goto(stack.apiUrl);
    await signIn('officer');
    await openProfile();
    expect(await text(page.locator('.records__facts'))).toContain('有机化学原料制造（2614）');
    await page.locator('.records-indicators').waitFor();
    expect(await page.locator('.records-edit__bar').count()).toBe(0);
    expect(await page.locator('#records-audit-heading').count()).toBe(0);
    await page.getByRole('button', { name: '退出登录' }).click();
  });

  it('refuses a credit code with a wrong check character on the field, in Chinese, sending nothing', async () => {
    await signIn('admin');
    await openProfile();
    await page.getByRole('button', { name: '编辑档案' }).click();
    const form = page.locator('form.records-edit');
    await form.waitFor();
    const right = chem.creditCode[17];
    const wrong = right === '0' ? '1' : '0';
    const patches: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH') patches.push(r.url());
    });
    await form.locator('input[name="creditCode"]').fill(chem.creditCode.slice(0, 17) + wrong);
    await form.getByRole('button', { name: '保存' }).click();
    const error = form.locator('[data-field-error="creditCode"]');
    await error.waitFor();
    expect(await text(error)).toBe(`校验码错误：第 18 位应为“${right}”，现为“${wrong}”`);
    expect(await form.locator('input[name="creditCode"]').getAttribute('aria-invalid')).toBe('true');
    expect(await text(form.locator('.records-edit__note'))).toBe('请先改正标出的字段');
    expect(patches).toEqual([]);
    await page.screenshot({
      path: join(SCREENSHOTS, 'records-edit-credit-code-error-zh.png'),
      fullPage: true,
    });
    await form.locator('input[name="creditCode"]').fill(chem.creditCode);
  });

  it('changes the contact person: saved, kept after a reload, and in the audit trail', async () => {
    const form = page.locator('form.records-edit');
    await form.locator('input[name="contactName"]').fill(NEW_CONTACT);
    await form.getByRole('button', { name: '保存' }).click();
    await waitFor(
      'the saved note',
      async () =>
        (await form.locator('.records-edit__note').count()) === 1 &&
        (await text(form.locator('.records-edit__note'))) === '已保存，变更已记入审计记录',
    );
    expect(await text(page.locator('.records__facts'))).toContain(NEW_CONTACT);
    expect((await apiGet<Enterprise>(`/api/enterprises/${chem.id}`)).contactName).toBe(NEW_CONTACT);

    await page.reload();
    await page.locator('h1.records__title', { hasText: CHEM }).waitFor();
    expect(await text(page.locator('.records__facts'))).toContain(NEW_CONTACT);
    const audit = page.locator('.records-audit__row').first();
    await audit.waitFor();
    expect(await text(audit)).toContain(`联系人：${chem.contactName ?? '空'} → ${NEW_CONTACT}`);
    expect(await text(audit)).toContain('企业档案 · 修改');
    expect(await text(audit)).toContain('admin');
  });

  it("reports a year's revenue: the table shows it after a reload, and the audit trail says from what to what", async () => {
    const before = (await apiGet<EnterpriseIndicators[]>(`/api/enterprises/${chem.id}/indicators`)).find(
      (i) => i.year === YEAR,
    );
    await page.getByRole('button', { name: '填报年度指标' }).click();
    const form = page.locator('form.records-edit');
    await form.locator('input[name="year"]').fill(String(YEAR));
    expect(await form.locator('input[name="revenue"]').inputValue()).toBe(
      before?.revenue == null ? '' : String(before.revenue),
    );
    await form.locator('input[name="revenue"]').fill(String(REVENUE));
    await form.locator('input[name="employees"]').fill('12.5');
    await form.getByRole('button', { name: '保存' }).click();
    expect(await text(form.locator('[data-field-error="employees"]'))).toBe('应为整数');
    await form
      .locator('input[name="employees"]')
      .fill(before?.employees == null ? '' : String(before.employees));
    await form.getByRole('button', { name: '保存' }).click();
    await waitFor(
      'the saved note',
      async () => (await text(form.locator('.records-edit__note'))) === '已保存，变更已记入审计记录',
    );

    await page.reload();
    await page.locator('.records-indicators').waitFor();
    const years = await page.locator('.records-indicators thead th').allInnerTexts();
    const column = years.indexOf(`${YEAR} 年`) - 1;
    const cells = await page.locator('.records-indicators tr[data-field="revenue"] td').allInnerTexts();
    expect(cells[column]).toBe(formatQuantity(REVENUE, '万元', 'zh-CN'));
    const row = page.locator('.records-audit__row').first();
    await row.waitFor();
    expect(await text(row)).toContain(`${YEAR} 年指标 · 修改`);
    // The audit trail writes a figure with its unit (apps/web/src/audit/audit-fields.ts).
    const wan = (v: number) => formatQuantity(v, '万元', 'zh-CN');
    expect(await text(row)).toContain(
      `营业收入：${before?.revenue != null ? wan(Number(before.revenue)) : '空'} → ${wan(REVENUE)}`,
    );

    const trail = await apiGet<AuditPage>(`/api/enterprises/${chem.id}/audit`);
    expect(trail.items[0]).toMatchObject({
      actor: 'admin',
      entityType: 'indicator',
      changes: { revenue: { from: before?.revenue ?? null, to: REVENUE } },
    });
    expect(trail.items[1]).toMatchObject({
      entityType: 'enterprise',
      changes: { contactName: { from: chem.contactName, to: NEW_CONTACT } },
    });
  });

  it('adds an equity change to the timeline', async () => {
    await page.getByRole('button', { name: '新增动态' }).click();
    const form = page.locator('form.records-edit');
    await form.locator('select[name="type"]').selectOption('equity-change');
    await form.locator('input[name="occurredOn"]').fill('2026-06-30');
    await form.locator('textarea[name="summary"]').fill('股东变更：启东某投资有限公司受让 20% 股权');
    await form.getByRole('button', { name: '保存' }).click();
    await waitFor(
      'the saved note',
      async () => (await text(form.locator('.records-edit__note'))) === '已添加到动态信息',
    );
    const first = page.locator('.records-timeline__item', { hasText: '启东某投资有限公司受让 20% 股权' });
    await first.waitFor();
    expect(await text(first)).toContain('股权变更');
    await waitFor('the event in the audit trail', async () =>
      (await text(page.locator('.records-audit__row').first())).includes('动态信息 · 新建'),
    );
    await page.getByRole('button', { name: '编辑档案' }).click();
    await noOverflowAtEveryWidth('records-edit-profile');
  });
  it('edits a parcel (一地一档): area and the enterprise using it, picked from a pinyin-ordered list, kept after a reload', async () => {
    const parcels = await apiGet<{ items: Parcel[] }>('/api/parcels?pageSize=1&sort=code');
    const parcel = parcels.items[0];
    await page.goto(`${stack.apiUrl}/parcels/${parcel.id}`);
    await page.getByRole('button', { name: '编辑地块' }).click();
    const form = page.locator('form.records-edit');
    await form.waitFor();
    await waitFor(
      'the enterprise list',
      async () => (await form.locator('select[name="enterpriseId"] option').count()) > 1,
    );
    const names = (await form.locator('select[name="enterpriseId"] option').allInnerTexts()).slice(1);
    expect(names).toEqual([...names].sort(new Intl.Collator('zh-CN-u-co-pinyin').compare));

    await form.locator('input[name="areaMu"]').fill('0');
    await form.getByRole('button', { name: '保存' }).click();
    expect(await text(form.locator('[data-field-error="areaMu"]'))).toBe('面积应在 0.01–100000 亩之间');

    await form.locator('input[name="areaMu"]').fill('88.8');
    await form.locator('select[name="enterpriseId"]').selectOption({ label: CHEM });
    await form.getByRole('button', { name: '保存' }).click();
    await waitFor(
      'the saved note',
      async () => (await text(form.locator('.records-edit__note'))) === '已保存，变更已记入审计记录',
    );
    expect(await apiGet<Parcel>(`/api/parcels/${parcel.id}`)).toMatchObject({
      areaMu: 88.8,
      enterpriseId: chem.id,
    });
    await noOverflowAtEveryWidth('parcel-edit');

    await page.reload();
    await page.locator('.land-profile__facts').waitFor();
    const facts = await text(page.locator('.land-profile__facts'));
    expect(facts).toContain(formatQuantity(88.8, '亩', 'zh-CN'));
    expect(facts).toContain(CHEM);
  });
  it('adds a restricted-industry tenant to a carrier only with an admission note, then ends the tenancy', async () => {
    const carriers = await apiGet<{ items: Carrier[] }>('/api/carriers?pageSize=50');
    let target: Carrier | null = null;
    for (const c of carriers.items) {
      const tenants = await apiGet<Tenancy[]>(`/api/carriers/${c.id}/tenants`);
      if (c.floorAreaM2 - c.leasedAreaM2 >= 10 && !tenants.some((x) => x.enterpriseId === chem.id))
        target = c;
    }
    if (!target) throw new Error('no demo carrier with free area and without the chemical enterprise');
    await page.goto(`${stack.apiUrl}/carriers/${target.id}`);
    await page.getByRole('button', { name: '新增入驻' }).click();
    const form = page.locator('form.records-edit');
    await waitFor(
      'the enterprise list',
      async () => (await form.locator('select[name="enterpriseId"] option').count()) > 1,
    );
    await form.locator('select[name="enterpriseId"]').selectOption({ label: CHEM });
    await form.locator('input[name="areaM2"]').fill('10');
    await form.locator('input[name="startDate"]').fill('2026-11-01');
    await form.getByRole('button', { name: '保存' }).click();
    // 有机化学原料制造 (2614) is on the demo admission list as 限制类: the API refuses it without a note.
    const noteError = form.locator('[data-field-error="overrideNote"]');
    await noteError.waitFor();
    expect(await text(noteError)).toBe('该企业行业属于限制类，须填写准入说明（至少 5 个字）');

    await form.locator('textarea[name="overrideNote"]').fill('经园区管委会专题会议同意，限定研发中试');
    await form.getByRole('button', { name: '保存' }).click();
    const row = page.locator(`.carrier-tenants__row[data-enterprise-id="${chem.id}"]`).first();
    await row.waitFor();
    expect(await text(page.locator('.records-edit__note--ok'))).toBe('已入驻，已记入审计记录');
    expect(await text(row)).toContain('经园区管委会专题会议同意');
    await noOverflowAtEveryWidth('carrier-tenant-edit');

    await row.getByRole('button', { name: '迁出' }).click();
    await page.locator('form.records-edit input[name="endDate"]').fill('2026-12-01');
    await page.locator('form.records-edit').getByRole('button', { name: '迁出' }).click();
    await waitFor(
      'the tenancy ended',
      async () =>
        (await page
          .locator(`.carrier-tenants--ended .carrier-tenants__row[data-enterprise-id="${chem.id}"]`)
          .count()) >= 1,
    );
    expect(await text(page.locator('.records-edit__note--ok'))).toBe('已迁出，已记入审计记录');
  });
  it('changes a plan target on the dashboard: saved, and the goal shows the new figure', async () => {
    await page.goto(`${stack.apiUrl}/plan`);
    const target = page.locator('.target[data-indicator="invention-patents"]');
    await target.waitFor();
    await target.getByRole('button', { name: '调整目标' }).click();
    const form = target.locator('form.records-edit');
    await form.locator('input[name="target"]').fill('-1');
    await form.getByRole('button', { name: '保存' }).click();
    expect(await text(form.locator('[data-field-error="target"]'))).toBe('应为不小于 0 的数字');
    await form.locator('input[name="target"]').fill('321');
    const year = Number(await form.locator('input[name="year"]').inputValue());
    await form.getByRole('button', { name: '保存' }).click();
    await page.locator('.records-edit__note--ok', { hasText: '目标已保存' }).waitFor();
    const targets = await apiGet<PlanTarget[]>('/api/analytics/targets');
    expect(targets.find((x) => x.indicator === 'invention-patents' && x.year === year)).toMatchObject({
      target: 321,
      updatedBy: 'admin',
    });
    await waitFor('the new goal', async () =>
      (await text(page.locator('.target[data-indicator="invention-patents"] .target__goal'))).includes('321'),
    );

    // An amount is typed in 亿元, as the plan states it, and kept in 万元.
    const sales = page.locator('.target[data-indicator="above-scale-taxable-sales"]');
    await sales.getByRole('button', { name: '调整目标' }).click();
    const salesForm = sales.locator('form.records-edit');
    expect(
      await text(
        salesForm.locator('label', { has: page.locator('input[name="target"]') }).locator('.field__label'),
      ),
    ).toBe('目标值（亿元）');
    expect(await salesForm.locator('input[name="target"]').inputValue()).toBe('300');
    await salesForm.locator('input[name="target"]').fill('320.5');
    const salesYear = Number(await salesForm.locator('input[name="year"]').inputValue());
    await salesForm.getByRole('button', { name: '保存' }).click();
    await page.locator('.records-edit__note--ok', { hasText: '目标已保存' }).waitFor();
    await waitFor('the new sales goal', async () =>
      (await text(sales.locator('.target__goal'))).includes('320.5 亿元'),
    );
    const saved = await apiGet<PlanTarget[]>('/api/analytics/targets');
    expect(
      saved.find((x) => x.indicator === 'above-scale-taxable-sales' && x.year === salesYear),
    ).toMatchObject({
      target: 3_205_000,
    });

    await page.getByRole('button', { name: '调整目标' }).first().click();
    await noOverflowAtEveryWidth('plan-target-edit');
  });
});
