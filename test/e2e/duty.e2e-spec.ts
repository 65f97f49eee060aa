/**
 * 值班与升级 in a real browser: an admin adds a shift through the form and sees it in the week's roster and among
 * who is on duty now, the chain reads as "未确认 N 分钟后 → 通知 …"; an officer reads the same page without the
 * forms; at 1920, 1366 and 390 px nothing reaches past the right edge. Screenshots land in
 * test-output/screenshots/duty-<width>-zh.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { DutyRosterRepository, NotificationRepository } from '@park/records';
import { launchChromium, SCREENSHOTS } from './support/browser';
import { measureOverflow } from './support/overflow';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import { E2E_WEB_ROOT } from './support/web-build';

const WIDTHS = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
] as const;

describe('值班与升级 in the browser', () => {
  let stack: ParkStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startParkStack('duty', E2E_WEB_ROOT);
    const records = stack.env.records;
    const sms = await new NotificationRepository(records).create(
      'admin',
      {
        name: '值班短信',
        kind: 'aliyun-sms',
        config: {
          accessKeyId: 'LTAIduty',
          accessKeySecret: 'duty-secret',
          signName: '园区',
          templateCode: 'SMS_1',
        },
        severities: ['critical'],
        enterpriseId: null,
        recipients: [],
        enabled: true,
      },
      () => [],
    );
    const roster = new DutyRosterRepository(records);
    for (const [position, afterMinutes, target] of [
      [1, 0, 'duty-officer'],
      [2, 10, 'duty-leader'],
    ] as const)
      await roster.createStep('admin', {
        position,
        afterMinutes,
        target,
        people: [],
        channelIds: [sms.id],
        severities: [],
        ruleKinds: [],
        enterpriseIds: [],
        carrierIds: [],
        enabled: true,
      });
    const now = Date.now();
    await roster.createShift('admin', {
      duty: 'leader',
      personName: '王强',
      phone: '13800000009',
      email: null,
      userId: null,
      startsAt: now - 3_600_000,
      endsAt: now + 20 * 3_600_000,
      note: null,
    });
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function signedIn(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: WIDTHS[0], locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(stack.apiUrl);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('h1.console__title').waitFor();
    return page;
  }

  it('lets an admin add a shift that shows in the roster and on duty now; the chain reads as steps', async () => {
    const page = await signedIn('admin');
    await page.goto(`${stack.apiUrl}/duty`);
    await page.locator('h1:has-text("值班与升级")').waitFor();
    await page.locator('.duty__now-leaders:has-text("王强")').waitFor();
    await page.locator('.duty-chain__step[data-step="1"]:has-text("报警发生时")').waitFor();
    expect(await page.locator('.duty-chain__step[data-step="2"]').innerText()).toContain(
      '未确认 10 分钟后 → 通知 带班领导，经 值班短信（阿里云短信）',
    );

    const form = page.locator('form.duty-form').first();
    await form.locator('input[name="name"]').fill('张伟');
    await form.locator('input[name="phone"]').fill('13800000001');
    // Now until tomorrow, park time: the form reads and writes Beijing time.
    const parkNow = new Date(Date.now() + 8 * 3_600_000 - 60_000).toISOString().slice(0, 16);
    const parkLater = new Date(Date.now() + 8 * 3_600_000 + 12 * 3_600_000).toISOString().slice(0, 16);
    await form.locator('input[name="startsAt"]').fill(parkNow);
    await form.locator('input[name="endsAt"]').fill(parkLater);
    await form.locator('button[type="submit"]').click();
    await page.locator('.duty-roster li:has-text("张伟")').first().waitFor();
    await page.locator('.duty__now-officers:has-text("张伟")').waitFor();

    const failures: string[] = [];
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      await page.waitForLoadState('networkidle');
      const measured = await measureOverflow(page);
      if (measured.scrollWidth > measured.clientWidth)
        failures.push(
          `@${size.width}: document ${measured.scrollWidth} px wide in ${measured.clientWidth} px`,
        );
      if (measured.wide.length > 0)
        failures.push(`@${size.width}: past the right edge: ${measured.wide.join(', ')}`);
      await page.screenshot({ path: join(SCREENSHOTS, `duty-${size.width}-zh.png`), fullPage: true });
    }
    await page.context().close();
    expect(failures).toEqual([]);
  });

  it('shows an officer the roster and the chain without the forms', async () => {
    const page = await signedIn('officer');
    await page.goto(`${stack.apiUrl}/duty`);
    await page.locator('.duty-chain__step[data-step="2"]').waitFor();
    await page.locator('.duty__now-leaders:has-text("王强")').waitFor();
    expect(await page.locator('form.duty-form').count()).toBe(0);
    expect(await page.locator('.duty-chain__actions').count()).toBe(0);
    await page.context().close();
  });
});
