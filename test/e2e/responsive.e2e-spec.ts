/**
 * The web app on a 390-px phone and a 1366-px laptop (issue #14, "Act from the phone"): the alerts console, an
 * alert's detail, the devices page and an enterprise's profile, signed in as an officer and as an admin (whose
 * top bar carries the administration menu), each without horizontal overflow — the document no wider than the
 * viewport and no element reaching past its right edge (one inside its own scroller, a wide table, excepted) —
 * and with the top bar's language switch and 退出登录 on screen. Screenshots of each land in
 * test-output/screenshots/ (responsive-<page>-<width>-zh.png).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { AlertRepository, DEMO_GAS_DEVICE, DeviceEntity, EnterpriseEntity, RuleEntity } from '@park/records';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import { launchChromium, SCREENSHOTS } from './support/browser';
import { measureOverflow } from './support/overflow';
import { E2E_WEB_ROOT } from './support/web-build';

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1366, height: 768 },
] as const;

describe('the web app at 390 px and 1366 px, without horizontal overflow', () => {
  let stack: ParkStack;
  let browser: Browser;
  let alertId: string;
  let enterpriseId: string;

  beforeAll(async () => {
    stack = await startParkStack('responsive', E2E_WEB_ROOT);
    // An alert with a long name and a reading, so that the console's rows and the detail have something to lay out.
    const records = stack.env.records;
    const gas = await records.getRepository(DeviceEntity).findOneByOrFail({ id: DEMO_GAS_DEVICE });
    const rule = await records.getRepository(RuleEntity).findOneByOrFail({ code: 'gas.lel.two-level' });
    enterpriseId = gas.enterpriseId;
    const alerts = new AlertRepository(records);
    const now = Date.now();
    const event = await alerts.transaction((em) =>
      alerts.triggerIn(em, {
        ruleId: rule.id,
        subjectType: 'device',
        subjectId: gas.id,
        deviceId: gas.id,
        enterpriseId: gas.enterpriseId,
        metric: 'lel',
        unit: '%LEL',
        level: 2,
        severity: 'critical',
        change: 'opened',
        value: 55,
        limit: 50,
        readingTs: now - 1000,
        at: now,
        explanation: {
          zh: '可燃气体浓度 55 %LEL，超过二级报警值 50 %LEL（GB/T 50493-2019）',
          en: 'Combustible gas at 55 %LEL, above the level-2 alarm value of 50 %LEL (GB/T 50493-2019)',
        },
        repeatEventEveryMs: 0,
      }),
    );
    alertId = event!.alert.id;
    expect(await records.getRepository(EnterpriseEntity).countBy({ id: enterpriseId })).toBe(1);
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const pages = () =>
    [
      { name: 'alerts', path: '/alerts', ready: '.console__list .alert-row' },
      { name: 'alert-detail', path: `/alerts/${alertId}`, ready: 'aside.detail .detail__badges' },
      { name: 'devices', path: '/devices', ready: '.device-states-table tr[data-device]' },
      {
        name: 'enterprise',
        path: `/enterprises/${enterpriseId}`,
        ready: '.records--profile .records__facts',
      },
    ] as const;

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

  /** Whether an element is inside the viewport horizontally (what "pushed off-screen" breaks). */
  const onScreen = async (page: Page, selector: string, width: number) => {
    const box = await page.locator(selector).first().boundingBox();
    return box !== null && box.x >= 0 && box.x + box.width <= width + 1;
  };

  it.each(['officer', 'admin'])('lays out every page for %s at 390 and 1366 px', async (username) => {
    const page = await signedIn(username);
    const failures: string[] = [];
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      for (const screen of pages()) {
        await page.goto(`${stack.apiUrl}${screen.path}`);
        await page.locator(screen.ready).first().waitFor();
        // Lazy parts (charts, fonts) settle before measuring.
        await page.waitForLoadState('networkidle');
        const measured = await measureOverflow(page);
        const where = `${username} ${screen.name} @${size.width}`;
        if (measured.scrollWidth > measured.clientWidth)
          failures.push(`${where}: document ${measured.scrollWidth} px wide in ${measured.clientWidth} px`);
        if (measured.wide.length > 0)
          failures.push(`${where}: past the right edge: ${measured.wide.join(', ')}`);
        for (const control of ['.topbar .lang-switch', '.topbar__end button:has-text("退出登录")'])
          if (!(await onScreen(page, control, measured.clientWidth)))
            failures.push(`${where}: ${control} is not on screen`);
        if (username === 'officer')
          await page.screenshot({
            path: join(SCREENSHOTS, `responsive-${screen.name}-${size.width}-zh.png`),
            fullPage: size.width === 390,
          });
      }
    }
    await page.context().close();
    expect(failures).toEqual([]);
  });
});
