/**
 * Attachments on the timeline events (issue #18 item 1) in a real browser (headless chromium via playwright-core)
 * against the running platform on the real services, demo park seeded: an admin adds a 产业协议 with a PDF
 * attached from the 新增动态 form, sees it on the timeline with its size, downloads it (the bytes are the ones
 * sent), attaches a second file to the event and deletes it (confirmed), and an energy manager of the enterprise
 * sees the attachment but no attach or delete control. The page at 1920, 1366 and 390 px has no horizontal
 * overflow. Screenshots land in test-output/screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnterpriseEntity, LandParcelEntity, UserEntity } from '@park/records';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { waitFor } from '../support/wait-for';
import { launchChromium, loginToken, SCREENSHOTS, signIn as signInAs } from './support/browser';
import { startParkStack, type ParkStack } from './support/park-stack';
import { E2E_WEB_ROOT } from './support/web-build';

const WIDTHS = [1920, 1366, 390] as const;
/** A small but real PDF (one empty page). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const FILENAME = '入园投资协议（2026）.pdf';
const SUMMARY = '签订入园投资协议：新建年产 5 万吨新材料项目，总投资 12 亿元';

describe('attachments on timeline events (web) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;
  let enterprise: EnterpriseEntity;

  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

  beforeAll(async () => {
    stack = await startParkStack('event-documents', E2E_WEB_ROOT);
    // The energy manager's own enterprise, so the last step can look at it as them.
    const manager = await stack.env.records
      .getRepository(UserEntity)
      .findOneByOrFail({ username: 'manager' });
    enterprise = await stack.env.records
      .getRepository(EnterpriseEntity)
      .findOneByOrFail({ id: manager.enterpriseId! });
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'zh-CN',
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

  const signIn = (username: string) => signInAs(page, stack.apiUrl, username);

  async function openProfile(): Promise<void> {
    await page.goto(`${stack.apiUrl}/enterprises/${enterprise.id}`);
    await page.locator('h1.records__title', { hasText: enterprise.name }).waitFor();
  }

  const item = () => page.locator('.records-timeline__item', { hasText: SUMMARY });

  it('adds a 产业协议 with a PDF attached, and shows it on the timeline with its size', async () => {
    await signIn('admin');
    await openProfile();
    await page.getByRole('button', { name: '新增动态' }).click();
    const form = page.locator('form.records-edit');
    await form.locator('select[name="type"]').selectOption('industry-agreement');
    await form.locator('input[name="occurredOn"]').fill('2026-11-20');
    await form.locator('textarea[name="summary"]').fill(SUMMARY);
    expect(await text(form)).toContain('每个不超过 10 MB');
    await form.locator('input[name="file"]').setInputFiles({
      name: FILENAME,
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await form.screenshot({ path: join(SCREENSHOTS, 'event-documents-form-1366-zh.png') });
    await form.getByRole('button', { name: '保存' }).click();
    await waitFor(
      'the saved note',
      async () => (await text(form.locator('.records-edit__note'))) === '已添加到动态信息，附件已上传',
    );
    await item().waitFor();
    const shown = await text(item());
    expect(shown).toContain('产业协议');
    expect(shown).toContain(`${FILENAME} （1 KB）`);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await item().scrollIntoViewIfNeeded();
      const measured = await page.evaluate(() => {
        const root = (
          globalThis as unknown as {
            document: { documentElement: { scrollWidth: number; clientWidth: number } };
          }
        ).document.documentElement;
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
      });
      expect({ width, scrollWidth: measured.scrollWidth }).toEqual({
        width,
        scrollWidth: measured.clientWidth,
      });
      await page.screenshot({ path: join(SCREENSHOTS, `event-documents-${width}-zh.png`), fullPage: true });
      await page
        .locator('section[aria-labelledby="records-events-heading"]')
        .screenshot({ path: join(SCREENSHOTS, `event-documents-timeline-${width}-zh.png`) });
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('downloads the attachment: the bytes are the ones sent, under its name', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item().getByRole('button', { name: FILENAME, exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(FILENAME);
    const path = await download.path();
    expect(readFileSync(path).equals(PDF)).toBe(true);
  });

  it('attaches a second file to the event and deletes it after confirming; the first stays', async () => {
    const attach = item().locator('input[type="file"]');
    await attach.setInputFiles({ name: '补充协议.pdf', mimeType: 'application/pdf', buffer: PDF });
    await item().getByRole('button', { name: '补充协议.pdf', exact: true }).waitFor();
    // A file that is not what its name says is refused, in Chinese, and nothing is added.
    await attach.setInputFiles({
      name: '伪装.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('text'),
    });
    await waitFor('the refusal', async () =>
      (await item().locator('[role="alert"]').count()) > 0
        ? (await text(item().locator('[role="alert"]'))).includes('仅接受 PDF')
        : false,
    );
    page.once('dialog', (dialog) => void dialog.accept());
    await item().getByRole('button', { name: '删除附件 补充协议.pdf' }).click();
    await waitFor(
      'the second attachment gone',
      async () => (await item().getByRole('button', { name: '补充协议.pdf', exact: true }).count()) === 0,
    );
    await page.reload();
    await item().waitFor();
    const after = await text(item());
    expect(after).toContain(FILENAME);
    expect(after).not.toContain('补充协议.pdf');
    await page.getByRole('button', { name: '退出登录' }).click();
  });

  it('attaches a file to a parcel’s event on the parcel’s profile (一地一档)', async () => {
    const parcel = await stack.env.records
      .getRepository(LandParcelEntity)
      .findOneByOrFail({ enterpriseId: enterprise.id });
    const token = await loginToken(stack.apiUrl, 'admin');
    const created = await fetch(`${stack.apiUrl}/api/parcels/${parcel.id}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'land-use-change',
        occurredOn: '2026-10-08',
        summary: '用地性质调整为工业用地（M2）',
      }),
    });
    expect(created.status).toBe(201);
    await signIn('admin');
    await page.goto(`${stack.apiUrl}/parcels/${parcel.id}`);
    const event = page.locator('.records-timeline__item', { hasText: '用地性质调整为工业用地（M2）' });
    await event.waitFor();
    await event
      .locator('input[type="file"]')
      .setInputFiles({ name: '规划条件通知书.pdf', mimeType: 'application/pdf', buffer: PDF });
    await event.getByRole('button', { name: '规划条件通知书.pdf', exact: true }).waitFor();
    expect(await text(event)).toContain('用地变更');
    await page.setViewportSize({ width: 390, height: 900 });
    await event.scrollIntoViewIfNeeded();
    await page
      .locator('section[aria-labelledby="parcels-events-heading"]')
      .screenshot({ path: join(SCREENSHOTS, 'event-documents-parcel-390-zh.png') });
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByRole('button', { name: '退出登录' }).click();
  });

  it('shows the energy manager their enterprise’s attachment, with nothing to attach or delete', async () => {
    await signIn('manager');
    await openProfile();
    await item().waitFor();
    expect(await text(item())).toContain(FILENAME);
    expect(await item().locator('input[type="file"]').count()).toBe(0);
    expect(
      await item()
        .getByRole('button', { name: /删除附件/ })
        .count(),
    ).toBe(0);
    await page.setViewportSize({ width: 390, height: 900 });
    await item().scrollIntoViewIfNeeded();
    await page
      .locator('section[aria-labelledby="records-events-heading"]')
      .screenshot({ path: join(SCREENSHOTS, 'event-documents-manager-390-zh.png') });
  });
});
