/**
 * 管理 · 通知渠道 and 管理 · 回调地址 in a real browser (Debian's headless chromium, driven by playwright-core) against
 * the running platform on the real services: an admin adds a 钉钉 group robot pointing at the local 钉钉 stand-in
 * (which checks the token and recomputes the 加签 signature as 钉钉 does), presses 发送测试消息 and reads
 * 发送成功 with the provider's answer; the test delivery is listed under 最近的发送记录. The secret comes back masked,
 * never in the page. The webhook page lists a webhook the admin adds. Both pages at 1920, 1366 and 390 px without
 * horizontal overflow. Screenshots land in test-output/screenshots/ (copied to docs/screenshots/).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { startDingtalkStandin, type ProviderStandin } from '../support/notification-standins';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import { launchChromium, openAdminScreen, SCREENSHOTS } from './support/browser';
import { measureOverflow } from './support/overflow';
import { E2E_WEB_ROOT } from './support/web-build';

const TOKEN = 'e2e-dingtalk-token-0123456789';
const SECRET = 'SECe2eDingtalkSecret0123456789';
const WIDTHS = [1920, 1366, 390] as const;

describe('notification channels and webhooks admin pages (web) in a real browser, end to end', () => {
  let stack: ParkStack;
  let standin: ProviderStandin;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    standin = await startDingtalkStandin(TOKEN, SECRET);
    // The stand-in listens on loopback: an internal receiver, let in by the allow-list (docs/alerts.md).
    stack = await startParkStack('notification-channels', E2E_WEB_ROOT, {
      WEBHOOK_ALLOWED_TARGETS: '127.0.0.1',
    });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('dialog', (dialog) => void dialog.accept());
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
    await standin?.close();
  });

  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

  async function noOverflowAtEveryWidth(name: string): Promise<void> {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      const measured = await measureOverflow(page);
      expect({ width, scrollWidth: measured.scrollWidth, wide: measured.wide }).toEqual({
        width,
        scrollWidth: measured.clientWidth,
        wide: [],
      });
      if (width !== 1366)
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}-zh.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  }

  it('adds a 钉钉 robot, sends a test message and shows the provider’s answer in words', async () => {
    await openAdminScreen(page, '管理 · 通知渠道');
    await page.locator('h1.notifications__title').waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/admin/notifications`);
    await page.locator('.state--empty', { hasText: '还没有通知渠道' }).waitFor();

    await page.getByRole('button', { name: '添加渠道' }).click();
    const form = page.locator('.notifications__form');
    // Nothing filled: the form says what is missing, in Chinese, and sends nothing.
    await form.locator('button[type="submit"]').click();
    expect(await form.locator('.field__error').allInnerTexts()).toEqual([
      '请填写名称',
      '请填写此项',
      '请填写此项',
    ]);

    await form.locator('input[name="channelName"]').fill('应急指挥群');
    await form.locator('select[name="channelKind"]').selectOption('dingtalk');
    await form
      .locator('input[name="config.webhookUrl"]')
      .fill(`${standin.origin}/robot/send?access_token=${TOKEN}`);
    await form.locator('input[name="config.secret"]').fill(SECRET);
    await form.locator('input[name="severity.warning"]').check();
    await form.locator('button[type="submit"]').click();

    const row = page.locator('.notifications-table tbody tr', { hasText: '应急指挥群' });
    await row.waitFor();
    expect(await text(row)).toContain('钉钉群机器人');
    expect(await text(row)).toContain('严重、警告');
    expect(await text(row)).toContain('全园区');
    expect(await text(row)).toContain('已启用');

    await row.getByRole('button', { name: '发送测试消息' }).click();
    const answer = page.locator('.notifications__test-answer');
    await answer.waitFor();
    expect(await answer.getAttribute('data-ok')).toBe('true');
    expect(await text(answer)).toContain('“应急指挥群”测试结果：发送成功，服务商已接收。');
    // The provider's own answer is folded under the sentence (a closed <details>): in the page, not shown.
    expect(await answer.locator('code').textContent()).toContain('"errcode":0');
    expect(standin.accepted()).toHaveLength(1);
    expect(standin.accepted()[0].body).toContain('测试消息');

    const delivery = page.locator('.notifications-deliveries tbody tr').first();
    await delivery.waitFor();
    expect(await text(delivery)).toContain('测试消息');
    expect(await text(delivery)).toContain('已送达');
    expect(await text(delivery)).toContain('1 次');
    // The secret is never in the page: the edit form shows it masked, as a placeholder.
    expect(await page.content()).not.toContain(SECRET);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-notifications-zh.png'), fullPage: true });
    await noOverflowAtEveryWidth('admin-notifications');

    await row.getByRole('button', { name: '编辑' }).click();
    const secret = page.locator('.notifications__form input[name="config.secret"]');
    expect(await secret.inputValue()).toBe('');
    expect(await secret.getAttribute('placeholder')).toBe(`已保存（••••${SECRET.slice(-4)}），不修改请留空`);
    await page.locator('.notifications__form').getByRole('button', { name: '取消' }).click();
  });

  it('tells a refusal apart: a wrong secret is the provider refusing, in words, with its answer', async () => {
    const row = page.locator('.notifications-table tbody tr', { hasText: '应急指挥群' });
    await row.getByRole('button', { name: '编辑' }).click();
    await page.locator('.notifications__form input[name="config.secret"]').fill('SECwrongSecret0000000000');
    await page.locator('.notifications__form button[type="submit"]').click();
    await page.locator('.notifications__form').waitFor({ state: 'detached' });
    await row.getByRole('button', { name: '发送测试消息' }).click();
    const answer = page.locator('.notifications__test-answer');
    await page.locator('.notifications__test-answer[data-ok="false"]').waitFor();
    expect(await text(answer)).toContain('服务商拒绝了这条消息');
    expect(await text(answer.locator('code'))).toContain('sign not match');
  });

  it('lists, adds and disables webhooks on 管理 · 回调地址', async () => {
    await openAdminScreen(page, '管理 · 回调地址');
    await page.locator('h1.webhooks__title').waitFor();
    await page.getByRole('button', { name: '添加回调地址' }).click();
    await page.locator('input[name="webhookName"]').fill('园区自有平台');
    await page.locator('input[name="webhookUrl"]').fill('http://127.0.0.1:9/park-alerts');
    await page.locator('input[name="webhookSecret"]').fill('e2e-webhook-secret-0123456789');
    await page.locator('.notifications__form button[type="submit"]').click();
    const row = page.locator('.webhooks-table tbody tr', { hasText: '园区自有平台' });
    await row.waitFor();
    expect(await text(row)).toContain('已启用');
    await row.getByRole('button', { name: '停用' }).click();
    await row.locator('.device-state--off').waitFor();
    expect(await text(row)).toContain('已停用');
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-webhooks-zh.png'), fullPage: true });
    await noOverflowAtEveryWidth('admin-webhooks');
  });
});
