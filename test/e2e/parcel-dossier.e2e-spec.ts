/**
 * 一地一档 (issue #18 item 1) in a real browser (headless chromium via playwright-core) against the running platform
 * on the real services, demo park seeded: an admin opens a parcel from the parcels page, is told on the field that
 * a 出让年限 of 0 is wrong (nothing sent), then sets 容积率, 出让日期, 出让年限, 投资强度 and the 出让合同, saves, and
 * the profile shows the new values with the computed 到期日期 and 剩余年限 — after a reload too — while the parcel
 * map still draws the parcel. The edit form and the profile have no horizontal overflow at 1920, 1366 and 390 px.
 * Then the change is in the audit log (管理 · 操作日志, filtered to 地块): who, the parcel by code and name linking
 * back to it, and each changed field before → after in Chinese — and in the audit trail of the enterprise using
 * the parcel. Screenshots land in test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { transferEndDate } from '@park/contracts';
import { EnterpriseEntity, LandParcelEntity } from '@park/records';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { formatQuantity } from '../../apps/web/src/i18n/format';
import type { Parcel } from '../../apps/web/src/land/land-api';
import { remainingTerm } from '../../apps/web/src/land/parcel-form';
import { beijingToday } from '../../apps/web/src/records/enterprise-form';
import { waitFor } from '../support/wait-for';
import { launchChromium, loginToken, openAdminScreen, SCREENSHOTS } from './support/browser';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import { E2E_WEB_ROOT } from './support/web-build';

const CHEM = '启东示范化工有限公司';
/** The demo chemical enterprise's own parcel (demo-seed.ts: row 1, column 1). */
const CHEM_PARCEL = 'QD-GX-0101';
const WIDTHS = [1920, 1366, 390] as const;
const NEW = {
  plotRatio: '1.6',
  transferDate: '2012-06-18',
  transferTermYears: '50',
  investmentIntensity: '468.5',
  contractNo: '3206812012CR0618',
  contractTerms: '约定固定资产投资 4 亿元；签约后 36 个月内达产；达产后亩均税收不低于 32 万元/亩。',
};

/** The page's width against the viewport's: wider means the page scrolls sideways. */
function pageWidths(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => {
    const root = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
}

describe('the parcel dossier (一地一档) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;
  let parcel: LandParcelEntity;
  let chem: EnterpriseEntity;

  async function apiGet<T>(path: string): Promise<T> {
    const token = await loginToken(stack.apiUrl, 'admin');
    const res = await fetch(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }
  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
  const fact = (name: string) => page.locator(`.land-dossier [data-field="${name}"] dd`);

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

  beforeAll(async () => {
    stack = await startParkStack('parcel-dossier', E2E_WEB_ROOT);
    parcel = await stack.env.records.getRepository(LandParcelEntity).findOneByOrFail({ code: CHEM_PARCEL });
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

  it('opens the parcel from the parcels page, its 出让与合同 facts as the demo seed holds them', async () => {
    await page.goto(stack.apiUrl);
    await page.locator('input[name="username"]').fill('admin');
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('.topbar__link').first().waitFor();
    await page.goto(`${stack.apiUrl}/parcels`);
    await page.locator(`.records-table__row[data-id="${parcel.id}"] .records-table__code a`).click();
    await page.locator('h1.records__title', { hasText: CHEM_PARCEL }).waitFor();
    await page.locator('#parcels-dossier-heading').waitFor();
    expect(await text(fact('certificateNo'))).toBe(parcel.certificateNo);
    expect(await text(fact('transferDate'))).toBe(parcel.transferDate);
    expect(await text(fact('transferEndDate'))).toBe(
      transferEndDate(parcel.transferDate, parcel.transferTermYears),
    );
  });

  it('refuses a 出让年限 of 0 on its field, in Chinese, sending nothing', async () => {
    await page.getByRole('button', { name: '编辑地块' }).click();
    const form = page.locator('form.records-edit');
    await form.waitFor();
    const patches: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH') patches.push(r.url());
    });
    await form.locator('input[name="transferTermYears"]').fill('0');
    await form.getByRole('button', { name: '保存' }).click();
    const error = form.locator('[data-field-error="transferTermYears"]');
    await error.waitFor();
    expect(await text(error)).toBe('出让年限应为 1–70 的整数（年）');
    expect(await form.locator('input[name="transferTermYears"]').getAttribute('aria-invalid')).toBe('true');
    expect(patches).toEqual([]);
  });

  it('saves 容积率, 出让日期 and the rest: the profile shows them, the end date computed, and the map the parcel', async () => {
    const form = page.locator('form.records-edit');
    for (const [name, value] of Object.entries(NEW)) await form.locator(`[name="${name}"]`).fill(value);
    const end = transferEndDate(NEW.transferDate, Number(NEW.transferTermYears))!;
    expect(await text(form.locator('[data-field="transferEndDate"]'))).toContain(end);
    await noOverflowAtEveryWidth('parcel-dossier-edit');
    await form.getByRole('button', { name: '保存' }).click();
    await waitFor(
      'the saved note',
      async () => (await text(form.locator('.records-edit__note'))) === '已保存，变更已记入审计记录',
    );
    expect(await apiGet<Parcel>(`/api/parcels/${parcel.id}`)).toMatchObject({
      plotRatio: 1.6,
      transferDate: NEW.transferDate,
      transferTermYears: 50,
      transferEndDate: end,
      investmentIntensity: 468.5,
      contractNo: NEW.contractNo,
      contractTerms: NEW.contractTerms,
    });

    await page.reload();
    await page.locator('#parcels-dossier-heading').waitFor();
    expect(await text(fact('plotRatio'))).toBe('1.6');
    expect(await text(fact('transferDate'))).toBe(NEW.transferDate);
    expect(await text(fact('transferTermYears'))).toBe('50 年');
    expect(await text(fact('transferEndDate'))).toBe(end);
    const left = remainingTerm(end, beijingToday(Date.now()));
    expect(left).not.toBeNull();
    expect(left).not.toBe('expired');
    if (left && left !== 'expired')
      expect(await text(fact('remaining'))).toBe(`${left.years} 年 ${left.months} 个月`);
    expect(await text(fact('investmentIntensity'))).toBe(formatQuantity(468.5, '万元/亩', 'zh-CN'));
    expect(await text(fact('contractNo'))).toBe(NEW.contractNo);
    expect(await text(fact('contractTerms'))).toBe(NEW.contractTerms);
    // The park map beside the facts still draws the parcel, selected.
    const drawn = page.locator(`.parcels-map path.parcels-map__parcel[data-id="${parcel.id}"]`);
    await drawn.waitFor();
    expect(await drawn.getAttribute('aria-pressed')).toBe('true');
    await noOverflowAtEveryWidth('parcel-dossier-profile');
  });

  it('shows the change in the audit log: the parcel, who, and each field before → after, linking back', async () => {
    await openAdminScreen(page, '操作日志');
    await page.locator('h1', { hasText: '操作日志' }).waitFor();
    await page.locator('select[name="entityType"]').selectOption('parcel');
    await page.getByRole('button', { name: '查询' }).click();
    const first = page.locator('.audit-log__row').first();
    await waitFor(
      'the parcel entry first',
      async () =>
        (await first.count()) === 1 &&
        (await text(first.locator('.audit-log__record'))).includes(parcel.code),
    );
    expect(await text(first.locator('.audit-log__actor'))).toBe('admin');
    // The record: its type, the enterprise using it, its code and name.
    expect(await text(first.locator('.audit-log__record'))).toBe(
      `地块 ${chem.name} · ${parcel.code} ${parcel.name}`,
    );
    expect(await text(first.locator('.audit-log__action'))).toBe('修改');
    expect(await text(first.locator('[data-field="plotRatio"]'))).toBe(`容积率：${parcel.plotRatio} → 1.6`);
    expect(await text(first.locator('[data-field="transferDate"]'))).toBe(
      `出让日期：${parcel.transferDate} → ${NEW.transferDate}`,
    );
    expect(await first.locator('[data-field="transferTermYears"]').count()).toBe(0); // unchanged
    await page.screenshot({
      path: join(SCREENSHOTS, 'parcel-dossier-audit-log-1366-zh.png'),
      fullPage: false,
    });
    await first.locator('.audit-log__record a').click();
    await page.locator('#parcels-dossier-heading').waitFor();
    expect(page.url()).toContain(`/parcels/${parcel.id}`);
  });

  it('shows the change in the audit trail of the enterprise using the parcel', async () => {
    await page.goto(`${stack.apiUrl}/enterprises/${chem.id}`);
    await page.locator('#records-audit-heading').waitFor();
    const row = page.locator('.records-audit__row[data-entity="parcel"]').first();
    await row.waitFor();
    const entry = await text(row);
    expect(entry).toContain('修改');
    expect(entry).toContain(`容积率：${parcel.plotRatio} → 1.6`);
    expect(entry).toContain(`出让日期：${parcel.transferDate} → ${NEW.transferDate}`);
    expect(entry).not.toContain('出让年限');
  });
});
