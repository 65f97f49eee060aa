/**
 * Maintenance windows (检修) in the alerts console, in a real browser against the whole system on the real services:
 * an officer puts a gas detector into maintenance from its alert's detail; a reading past the limit during the window
 * shows as a 检修中 alert with the window's reason, which does not ring; ending the window early from the same
 * detail puts it live. At 1920, 1366 and 390 px wide, nothing overflows the page sideways. Screenshots land in
 * test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import type { Browser, Locator, Page } from 'playwright-core';
import { telemetryTopic } from '@park/contracts';
import { DEMO_GAS_DEVICE } from '@park/records';
import { waitFor } from '../support/wait-for';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import { launchChromium, loginToken, SCREENSHOTS } from './support/browser';
import { E2E_WEB_ROOT } from './support/web-build';

const DEVICE_NAME = '储罐区可燃气体探测器 1#';
const PIPELINE_TIMEOUT_MS = 60_000;
const REASON = '更换探头，停用期间读数不可信';
const WIDTHS = [
  { name: 'desktop', width: 1920, height: 1080 },
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

describe('maintenance windows in the alerts console, in a real browser', () => {
  let stack: ParkStack;
  let device: MqttClient;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stack = await startParkStack('maint-web', E2E_WEB_ROOT);
    device = mqtt.connect(stack.env.mqttUrl, {
      clientId: `${DEMO_GAS_DEVICE}-${stack.env.runId}`,
      username: DEMO_GAS_DEVICE,
      protocolVersion: 5,
    });
    await new Promise<void>((resolve, reject) => {
      device.once('connect', () => resolve());
      device.once('error', reject);
    });
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await device?.endAsync();
    await stack?.close();
  });

  const publishLel = (lel: number) =>
    device.publishAsync(
      telemetryTopic(DEMO_GAS_DEVICE),
      JSON.stringify({ ts: Date.now(), values: { lel } }),
      {
        qos: 1,
      },
    );
  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
  const detail = () => page.locator('aside.detail');
  const panel = () => page.locator('aside.detail section.maintenance');

  /** The page is no wider than the viewport: nothing pushes it sideways. */
  async function expectNoSidewaysScroll(width: number): Promise<void> {
    const scrollWidth = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    );
    expect({ width, scrollWidth }).toEqual({ width, scrollWidth: width });
  }

  it('lets an officer put a device into maintenance from its alert, and holds back what it raises meanwhile', async () => {
    await page.goto(stack.apiUrl);
    await page.locator('input[name="username"]').fill('officer');
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('h1.console__title').waitFor();

    await publishLel(55);
    const live = page.locator('.alert-row', { hasText: DEVICE_NAME });
    await live.waitFor({ timeout: PIPELINE_TIMEOUT_MS });
    const firstId = (await live.getAttribute('data-alert-id'))!;
    await live.click();
    await panel().waitFor();
    await waitFor('the maintenance status', async () => (await text(panel())).includes('当前未在检修'));

    await panel().locator('input').fill(REASON);
    await panel().locator('select').selectOption('8');
    await panel().locator('button[type="submit"]').click();
    const window = panel().locator('.maintenance__window');
    await window.waitFor();
    expect(await text(window)).toContain('检修中');
    expect(await text(panel())).toContain(REASON);
    expect(await text(panel())).toContain('登记人：officer');

    // The alert that was already open stays open; the officer closes it, and the condition still present raises a
    // new one — inside the window now, so it is held back.
    const token = await loginToken(stack.apiUrl, 'officer');
    const resolved = await fetch(`${stack.apiUrl}/api/alerts/${firstId}/resolve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ note: '探头更换中' }),
    });
    expect(resolved.status).toBe(200);
    await publishLel(60);
    const held = page.locator('.alert-row--suppressed', { hasText: DEVICE_NAME });
    await held.waitFor({ timeout: PIPELINE_TIMEOUT_MS });
    const heldText = await text(held);
    expect(heldText).toContain('检修中');
    expect(heldText).toContain(`检修原因：${REASON}`);
    expect(await page.locator('.alarm-banner').count()).toBe(0);
    expect(await text(page.locator('.tab--suppressed .tab__count'))).toBe('1 条');

    await held.click();
    const marker = detail().locator('[data-maintenance-marker="suppressed"]');
    await marker.waitFor();
    expect(await text(marker)).toContain(`检修中，告警已暂缓（原因：${REASON}`);
    await waitFor('the trail entry', async () =>
      (await text(detail().locator('.trail'))).includes('检修期间触发，暂缓告警'),
    );

    for (const { name, width, height } of WIDTHS) {
      // A phone opens the page at its own width (the chart is drawn for the width it is opened at).
      await page.setViewportSize({ width, height });
      await page.reload();
      await detail().locator('[data-maintenance-marker="suppressed"]').waitFor();
      await panel().locator('.maintenance__window').waitFor();
      await page.screenshot({
        path: join(SCREENSHOTS, `maintenance-suppressed-${name}.png`),
        fullPage: true,
      });
      await expectNoSidewaysScroll(width);
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
  });

  it('puts the held-back alert live when the officer ends the window early', async () => {
    await panel().locator('.maintenance__window button').click();
    const live = page.locator('.alert-row--open', { hasText: DEVICE_NAME });
    await live.waitFor({ timeout: PIPELINE_TIMEOUT_MS });
    expect(await text(live)).toContain('待确认');
    await waitFor('the detail to say it went live', async () =>
      (await text(detail())).includes(`检修期间触发，检修结束后转为告警（原因：${REASON}）`),
    );
    await waitFor('the panel to show no window', async () => (await text(panel())).includes('当前未在检修'));
    expect(await page.locator('.alarm-banner').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'maintenance-ended-desktop.png') });
  });
});
