/**
 * 资质认定 (issue #18 item 2) in a real browser (headless chromium via playwright-core) against the running platform
 * on the real services, demo park seeded: an admin adds a provincial 专精特新 certificate to an enterprise outside
 * the 上市 library — told on the field, with nothing sent, that the expiry date must follow the issue date — attaches
 * its scan, and sees the enterprise enter the 上市企业培育库 on the plan page; the enterprises page's 资质认定 tab
 * lists the demo chemical plant's certificate as expiring and the expired 小巨人 one under 已过期; the chemical
 * plant's energy manager sees their own certificate, expiring, and no edit controls. Every screen at 1920, 1366 and
 * 390 px without sideways scrolling; screenshots in test-output/screenshots/ (copied to docs/screenshots/).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CultivationEntry } from '@park/contracts';
import { EnterpriseEntity } from '@park/records';
import { type Browser, type Page } from 'playwright-core';
import type { Qualification } from '../../apps/web/src/records/qualifications-api';
import { waitFor } from '../support/wait-for';
import { launchChromium, loginToken, SCREENSHOTS } from './support/browser';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import { E2E_WEB_ROOT } from './support/web-build';

const CHEM = '启东示范化工有限公司';
const WIDTHS = [1920, 1366, 390] as const;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function pageWidths(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => {
    const root = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
}

describe('qualifications (资质认定) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;
  let candidate: EnterpriseEntity;
  const number = `JSZJTX-E2E-${Date.now().toString(36).toUpperCase()}`;

  async function apiGet<T>(path: string): Promise<T> {
    const token = await loginToken(stack.apiUrl, 'admin');
    const res = await fetch(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }
  const listed = async () =>
    (await apiGet<Record<string, CultivationEntry[]>>('/api/analytics/cultivation?year=2024')).listed;

  beforeAll(async () => {
    stack = await startParkStack('qualifications', E2E_WEB_ROOT);
    const inListed = new Set((await listed()).map((e) => e.enterpriseId));
    const all = await stack.env.records.getRepository(EnterpriseEntity).find({ order: { name: 'ASC' } });
    candidate = all.find((e) => e.name !== CHEM && !inListed.has(e.id))!;
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
    await page.goto(`${stack.apiUrl}/enterprises`);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('.topbar__link').first().waitFor();
  }

  async function atEveryWidth(name: string, ready: () => Promise<void>): Promise<void> {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await ready();
      const { scrollWidth, clientWidth } = await pageWidths(page);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}-zh.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  }

  it('adds a 专精特新 certificate with its scan, and the enterprise enters the 上市 library', async () => {
    expect(candidate).toBeDefined();
    await signIn('admin');
    await page.goto(`${stack.apiUrl}/enterprises/${candidate.id}`);
    const section = page.locator('section[aria-labelledby="records-qualifications-heading"]');
    await section.locator('h2', { hasText: '资质认定' }).waitFor();
    await section.getByRole('button', { name: '添加资质证书' }).click();

    const form = section.locator('form.records-edit');
    await form.locator('select[name="type"]').selectOption('specialized-sme');
    await form.locator('select[name="level"]').selectOption('provincial');
    await form.locator('input[name="certificateNo"]').fill(number);
    await form.locator('input[name="issuedOn"]').fill('2025-06-18');
    await form.locator('input[name="expiresOn"]').fill('2025-06-01');
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/qualifications')) posts += 1;
    });
    await form.getByRole('button', { name: '保存' }).click();
    await form.locator('[data-field-error="expiresOn"]', { hasText: '有效期至须晚于发证日期' }).waitFor();
    expect(posts).toBe(0);

    await form.locator('input[name="expiresOn"]').fill('2028-06-17');
    await form.getByRole('button', { name: '保存' }).click();
    const card = section.locator('li.qualification', { hasText: number });
    await card.waitFor();
    expect(posts).toBe(1);
    const cardText = (await card.innerText()).replace(/\s+/g, ' ');
    expect(cardText).toContain('专精特新中小企业');
    expect(cardText).toContain('省级');
    expect(cardText).toContain('2025年6月18日');
    expect(cardText).toContain('2028年6月17日');
    expect(cardText).toContain('有效证书：计入上市企业培育库（培育中）');
    expect(cardText).not.toMatch(/specialized|provincial|valid/);

    await card.locator('input[type="file"]').setInputFiles({
      name: '专精特新证书.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await card.getByRole('button', { name: /专精特新证书\.pdf/ }).waitFor();

    // The save is in the audit trail below.
    await page.locator('section[aria-labelledby="records-audit-heading"]', { hasText: number }).waitFor();

    await atEveryWidth('qualifications-profile', async () => {
      await card.waitFor();
    });

    // The API agrees: the enterprise is in the 上市 library because of this certificate.
    await waitFor('the enterprise in the 上市 library', async () =>
      (await listed()).some((e) => e.enterpriseId === candidate.id),
    );
    const entry = (await listed()).find((e) => e.enterpriseId === candidate.id)!;
    expect(entry.basis).toEqual([
      expect.objectContaining({ kind: 'certificate', certificateNo: number, counts: true }),
    ]);

    await page.goto(`${stack.apiUrl}/plan`);
    const library = page.locator('[data-library="listed"]');
    const member = library.locator('li.member', { hasText: candidate.name });
    await member.waitFor();
    expect(await member.locator('.member__why').innerText()).toBe(
      `专精特新中小企业证书 ${number}，有效期至 2028年6月17日`,
    );
    await atEveryWidth('qualifications-plan', async () => {
      await member.scrollIntoViewIfNeeded();
    });
    await library.screenshot({ path: join(SCREENSHOTS, 'qualifications-plan-library-zh.png') });
    await page.setViewportSize({ width: 390, height: 900 });
    await library.screenshot({ path: join(SCREENSHOTS, 'qualifications-plan-library-390-zh.png') });
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it("lists the park's certificates on the enterprises page: expiring within 90 days, and expired", async () => {
    await page.goto(`${stack.apiUrl}/enterprises`);
    await page.getByRole('tab', { name: '资质认定' }).click();
    const expiring = page.locator('.qualifications-table tbody tr', { hasText: CHEM });
    await expiring.waitFor();
    const row = (await expiring.innerText()).replace(/\s+/g, ' ');
    expect(row).toContain('高新技术企业');
    expect(row).toContain('即将到期');
    expect(row).toMatch(/剩 4[45] 天/);
    await atEveryWidth('qualifications-park', async () => {
      await expiring.waitFor();
    });

    await page.locator('.qualifications__filters select[name="state"]').selectOption('expired');
    const expired = page.locator('.qualifications-table tbody tr', { hasText: '专精特新“小巨人”企业' });
    await expired.waitFor();
    expect(await expired.innerText()).toContain('已过期');
    expect(await page.locator('.qualifications-table tbody tr', { hasText: '即将到期' }).count()).toBe(0);
  });

  it("shows an energy manager their own enterprise's certificate, expiring, with no edit controls", async () => {
    await page
      .locator('.topbar')
      .getByRole('button', { name: /退出登录/ })
      .click();
    await page.locator('input[name="username"]').fill('manager');
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('.topbar__link').first().waitFor();
    const own = await (async () => {
      const token = await loginToken(stack.apiUrl, 'manager');
      const res = await fetch(`${stack.apiUrl}/api/qualifications`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return (await res.json()) as Qualification[];
    })();
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((q) => q.enterpriseName))).toEqual(new Set([CHEM]));
    await page.goto(`${stack.apiUrl}/enterprises/${own[0].enterpriseId}`);
    const section = page.locator('section[aria-labelledby="records-qualifications-heading"]');
    await section.locator('li.qualification', { hasText: '即将到期' }).waitFor();
    expect(await section.getByRole('button', { name: '添加资质证书' }).count()).toBe(0);
    expect(await section.getByRole('button', { name: '修改' }).count()).toBe(0);
    await atEveryWidth('qualifications-manager', async () => {
      await section.locator('li.qualification').first().waitFor();
    });
  });
});
