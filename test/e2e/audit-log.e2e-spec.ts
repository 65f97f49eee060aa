/**
 * 管理 · 操作日志 (issue #18 item 5) in a real browser (headless chromium via playwright-core) against the running
 * platform on the real services, demo park seeded: an admin corrects an enterprise's contact person on its page,
 * opens the 操作日志 from the administration menu and sees the entry first — who, the record named in Chinese and
 * linked to its page, 修改, and 联系人：before → after — then filters by another user and sees none; the page has
 * no horizontal overflow at 1920, 1366 and 390 px. A 规划建设 staff member (园区工作人员) sees the parcel's edit
 * button but not the enterprise's. Screenshots land in test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EnterpriseEntity, LandParcelEntity } from '@park/records';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { waitFor } from '../support/wait-for';
import { launchChromium, openAdminScreen, SCREENSHOTS } from './support/browser';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import { E2E_WEB_ROOT } from './support/web-build';

const CHEM = '启东示范化工有限公司';
const NEW_CONTACT = '周工（审计测试）';
const WIDTHS = [1920, 1366, 390] as const;

describe('the audit log page (操作日志) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;
  let chem: EnterpriseEntity;
  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

  beforeAll(async () => {
    stack = await startParkStack('audit-log', E2E_WEB_ROOT);
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
    await page.goto(`${stack.apiUrl}/`);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('.topbar__link').first().waitFor();
  }

  it('shows the admin’s change of a contact person, newest first, before → after in Chinese', async () => {
    await signIn('admin');
    await page.goto(`${stack.apiUrl}/enterprises/${chem.id}`);
    await page.locator('h1.records__title', { hasText: CHEM }).waitFor();
    await page.getByRole('button', { name: '编辑档案' }).click();
    const form = page.locator('form.records-edit');
    await form.locator('input[name="contactName"]').fill(NEW_CONTACT);
    await form.getByRole('button', { name: '保存' }).click();
    await waitFor(
      'the saved note',
      async () =>
        (await form.locator('.records-edit__note').count()) === 1 &&
        (await text(form.locator('.records-edit__note'))).startsWith('已保存'),
    );

    await openAdminScreen(page, '操作日志');
    await page.locator('h1', { hasText: '操作日志' }).waitFor();
    const first = page.locator('.audit-log__row').first();
    await first.waitFor();
    expect(await text(first.locator('.audit-log__actor'))).toBe('admin');
    expect(await text(first.locator('.audit-log__record'))).toBe(`企业档案 ${CHEM}`);
    expect(await text(first.locator('.audit-log__action'))).toBe('修改');
    expect(await text(first.locator('[data-field="contactName"]'))).toBe(
      `联系人：${chem.contactName ?? '空'} → ${NEW_CONTACT}`,
    );
    expect(await text(first.locator('.audit-log__at'))).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      const { scrollWidth, clientWidth } = await page.evaluate(() => {
        const root = (
          globalThis as unknown as {
            document: { documentElement: { scrollWidth: number; clientWidth: number } };
          }
        ).document.documentElement;
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
      });
      expect({ width, scrollWidth }).toEqual({ width, scrollWidth: clientWidth });
      await page.screenshot({ path: join(SCREENSHOTS, `audit-log-${width}-zh.png`), fullPage: false });
    }
    await page.setViewportSize({ width: 1366, height: 900 });

    // The record links to its page.
    await first.locator('.audit-log__record a').click();
    await page.locator('h1.records__title', { hasText: CHEM }).waitFor();
    await page.goBack();
    await page.locator('.audit-log__row').first().waitFor();

    // Filtered by another user: nothing of the admin's.
    await page.locator('input[name="actor"]').fill('guihua');
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('.state--empty', { hasText: '没有符合条件的记录' }).waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
  });

  it('shows a 规划建设 staff member the parcel’s edit button and not the enterprise’s', async () => {
    const parcel = await stack.env.records
      .getRepository(LandParcelEntity)
      .findOneByOrFail({ enterpriseId: chem.id });
    await signIn('guihua');
    await page.goto(`${stack.apiUrl}/parcels/${parcel.id}`);
    await page.getByRole('button', { name: '编辑地块' }).waitFor();
    await page.goto(`${stack.apiUrl}/enterprises/${chem.id}`);
    await page.locator('.records-indicators, .records__facts').first().waitFor();
    expect(await page.getByRole('button', { name: '编辑档案' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '填报年度指标' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '新增动态' }).count()).toBe(1);
    // Staff's administration menu holds 数据交换 alone (they all read it; their department decides the editing).
    await page.locator('.topbar__menu-button[aria-controls="admin-menu"]').click();
    expect(await page.locator('#admin-menu .topbar__menu-link').allInnerTexts()).toEqual(['管理 · 数据交换']);
    await page.keyboard.press('Escape');
  });
});
