/**
 * 设备状态 (the devices page) in a real browser (Debian's headless chromium, driven by playwright-core) against the
 * running platform on the real services, with the demo park seeded: an officer opens it from the top bar and sees
 * a stack-gas device online with its values, units and a calibration flag in words, a device that has never
 * reported offline; the state tabs filter; a gas detector that reports over MQTT turns online live with its value;
 * an energy manager sees only their own enterprise's devices. Screenshots at 1920, 1366 and 390 px land in
 * test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { telemetryTopic, type DeviceStateView, type TelemetryRecord } from '@park/contracts';
import { DEMO_GAS_DEVICE, DeviceEntity } from '@park/records';
import { waitFor } from '../support/wait-for';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import { launchChromium, loginToken, SCREENSHOTS } from './support/browser';
import { E2E_WEB_ROOT } from './support/web-build';

const CEMS = 'demo-cems-001';
/** The socket's telemetry event, then the page's re-read (at most every 5 s), through Kafka and the api. */
const PIPELINE_TIMEOUT_MS = 45_000;

describe('devices page (web) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;
  let device: MqttClient;

  beforeAll(async () => {
    stack = await startParkStack('devices', E2E_WEB_ROOT);
    const cems = await stack.env.records.getRepository(DeviceEntity).findOneByOrFail({ id: CEMS });
    const now = Date.now();
    const reading = (
      ts: number,
      values: Record<string, number>,
      flags?: Record<string, 'C'>,
    ): TelemetryRecord => ({
      v: 1,
      deviceId: cems.id,
      enterpriseId: cems.enterpriseId,
      kind: 'stack-gas',
      role: null,
      line: cems.line,
      ts,
      values,
      receivedAt: ts,
      ...(flags ? { flags } : {}),
    });
    await stack.env.influx.ensureSchema();
    const outcome = await stack.env.influx.write([
      reading(now - 60_000, { so2: 31.5, nox: 88, o2: 8.2 }),
      reading(now - 2_000, { so2: 12.5, nox: 90, o2: 8.4 }, { so2: 'C' }),
    ]);
    expect(outcome.rejected).toEqual([]);

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
      timezoneId: 'Europe/London', // park time is shown whatever the browser's zone
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

  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
  const row = (id: string) => page.locator(`.device-states-table tr[data-device="${id}"]`);
  /** How wide the page is: wider than the viewport means something pushes it sideways. */
  const pageWidth = () =>
    page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    );
  const tab = (label: string) => page.locator('.device-states .tab', { hasText: label });

  async function signIn(username: string): Promise<void> {
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('.topbar__links').waitFor();
  }

  it('opens from the top bar and shows a reporting device online, with values, units and flags in words', async () => {
    await page.goto(stack.apiUrl);
    await signIn('officer');
    await page.locator('.topbar__link', { hasText: '设备状态' }).click();
    await page.locator('h1.device-states__title').waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/devices`);
    await row(CEMS).waitFor();
    expect(await row(CEMS).getAttribute('data-state')).toBe('online');
    expect(await text(row(CEMS).locator('.liveness'))).toBe('在线');
    expect(await text(row(CEMS).locator('[data-metric="so2"]'))).toBe('二氧化硫 12.5 mg/m³ 校准');
    expect(await text(row(CEMS).locator('[data-metric="o2"]'))).toBe('含氧量 8.4 %');
    // The last report in park time (today: the time alone), never in the browser's zone or as milliseconds.
    const seen = await text(row(CEMS).locator('time'));
    expect(seen).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    const shanghai = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    expect(seen.slice(0, 2)).toBe(shanghai.format(new Date()).padStart(2, '0'));
    expect(await text(row(CEMS))).toContain('每 1 分钟上报');

    // A device that never reported: offline, no data. Nothing on the page is English or a raw code.
    expect(await row(DEMO_GAS_DEVICE).getAttribute('data-state')).toBe('offline');
    expect(await text(row(DEMO_GAS_DEVICE))).toContain('7 天内无数据');
    const body = await text(page.locator('.device-states'));
    expect(body).not.toMatch(/online|offline|stack-gas|\bms\b|undefined|null/);

    const officer = await loginToken(stack.apiUrl, 'officer');
    const all = (await (
      await fetch(`${stack.apiUrl}/api/device-states`, { headers: { authorization: `Bearer ${officer}` } })
    ).json()) as DeviceStateView[];
    expect(await page.locator('.device-states-table tbody tr').count()).toBe(all.length);
    expect(await text(tab('全部'))).toBe(`全部 ${all.length} 台`);
    await page.screenshot({ path: join(SCREENSHOTS, 'devices-1920.png') });
  });

  it('filters by state and by kind', async () => {
    await tab('在线').click();
    await waitFor('only online devices', async () => (await row(DEMO_GAS_DEVICE).count()) === 0);
    expect(await page.locator('.device-states-table tbody tr[data-state="offline"]').count()).toBe(0);
    expect(await row(CEMS).count()).toBe(1);
    await tab('离线').click();
    await row(DEMO_GAS_DEVICE).waitFor();
    expect(await row(CEMS).count()).toBe(0);
    await tab('全部').click();
    await page.locator('select[name="kind"]').selectOption('stack-gas');
    await waitFor('only stack-gas devices', async () => (await row(DEMO_GAS_DEVICE).count()) === 0);
    expect(await row(CEMS).count()).toBe(1);
    await page.locator('select[name="kind"]').selectOption('');
    await row(DEMO_GAS_DEVICE).waitFor();
  });

  it('turns a device online live when it reports over MQTT, with its value', async () => {
    await device.publishAsync(
      telemetryTopic(DEMO_GAS_DEVICE),
      JSON.stringify({ ts: Date.now(), values: { lel: 12 } }),
      {
        qos: 1,
      },
    );
    await waitFor(
      'the gas detector online with its value',
      async () => (await row(DEMO_GAS_DEVICE).locator('[data-metric="lel"]').count()) > 0,
      PIPELINE_TIMEOUT_MS,
    );
    expect(await row(DEMO_GAS_DEVICE).getAttribute('data-state')).toBe('online');
    expect(await text(row(DEMO_GAS_DEVICE).locator('[data-metric="lel"]'))).toBe('可燃气体浓度 12 %LEL');
  });

  it('fits 1366 and 390 px screens, the table scrolling in place on a phone', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.screenshot({ path: join(SCREENSHOTS, 'devices-1366.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENSHOTS, 'devices-390.png') });
    const width = await pageWidth();
    expect(width).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1920, height: 1080 });
  });

  it("shows an energy manager only their own enterprise's devices, in English when switched", async () => {
    await page
      .locator('.topbar')
      .getByRole('button', { name: /退出登录/ })
      .click();
    await signIn('manager');
    await page.goto(`${stack.apiUrl}/devices`);
    await row(CEMS).waitFor();
    const manager = await loginToken(stack.apiUrl, 'manager');
    const own = (await (
      await fetch(`${stack.apiUrl}/api/device-states`, { headers: { authorization: `Bearer ${manager}` } })
    ).json()) as DeviceStateView[];
    expect(new Set(own.map((d) => d.enterpriseId)).size).toBe(1);
    expect(await page.locator('.device-states-table tbody tr').count()).toBe(own.length);
    expect(await page.locator('select[name="enterprise"]').count()).toBe(0);
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('h1.device-states__title', { hasText: 'Devices' }).waitFor();
    expect(await text(row(CEMS).locator('[data-metric="so2"]'))).toBe('SO₂ 12.5 mg/m³ calibrating');
  });

  it("keeps an admin's top bar, with the new link, within a 1366-px screen", async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: '中文' }).click();
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn('admin');
    await page.locator('.topbar__link', { hasText: '设备状态' }).click();
    await row(CEMS).waitFor();
    const signOut = await page.getByRole('button', { name: '退出登录' }).boundingBox();
    expect(signOut && signOut.x + signOut.width).toBeLessThanOrEqual(1366);
    expect(await pageWidth()).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: join(SCREENSHOTS, 'devices-admin-1366.png') });
  });
});
