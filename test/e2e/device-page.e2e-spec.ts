/**
 * 设备详情 (the device page) in a real browser (Debian's headless chromium, driven by playwright-core) against the
 * running platform on the real services, with the demo park seeded: the demo gas detector has readings from a few
 * hours ago (rolled up into hourly means) and reports over MQTT — a reading over the first alarm level opens an
 * alert through the rules service, and an officer starts a maintenance window (检修). The officer opens the device
 * from the devices page and sees the alert pinned on the 可燃气体浓度 chart and listed, the maintenance window
 * shaded and listed, a live value arrive over socket.io, the resolution follow the window (raw readings for 24
 * hours, hourly means for 7 days, raw again when the chart is zoomed in), and the configuration with its limits.
 * An energy manager is refused another enterprise's device. Screenshots at 1920, 1366 and 390 px land in
 * test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { telemetryTopic, type AlertView, type TelemetryRecord } from '@park/contracts';
import { DEMO_GAS_DEVICE, DeviceEntity, EnterpriseEntity } from '@park/records';
import { waitFor } from '../support/wait-for';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import { launchChromium, loginToken, SCREENSHOTS } from './support/browser';
import { E2E_WEB_ROOT } from './support/web-build';

const HOUR = 3_600_000;
/** MQTT → ingestion → Kafka → rules (an alert) or the api's socket (a live value). */
const PIPELINE_TIMEOUT_MS = 45_000;

describe('device page (web) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;
  let device: MqttClient;
  let gas: DeviceEntity;
  let officer: string;
  let alert: AlertView;

  const api = async (token: string, path: string, init?: { method: string; body: unknown }) => {
    const res = await fetch(`${stack.apiUrl}${path}`, {
      method: init?.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: init ? JSON.stringify(init.body) : undefined,
    });
    const body: unknown = await res.json();
    return { status: res.status, body };
  };
  const publish = (lel: number) =>
    device.publishAsync(
      telemetryTopic(DEMO_GAS_DEVICE),
      JSON.stringify({ ts: Date.now(), values: { lel } }),
      {
        qos: 1,
      },
    );

  beforeAll(async () => {
    stack = await startParkStack('device-page', E2E_WEB_ROOT);
    gas = await stack.env.records.getRepository(DeviceEntity).findOneByOrFail({ id: DEMO_GAS_DEVICE });

    // Readings every 10 minutes from 5 to 3 hours ago (lel 6, 7, … 18), rolled up as InfluxDB's hourly CQ would.
    await stack.env.influx.ensureSchema();
    const currentHour = Math.floor(Date.now() / HOUR) * HOUR;
    const records: TelemetryRecord[] = [];
    for (let i = 0; i <= 12; i++) {
      const ts = currentHour - 5 * HOUR + i * 10 * 60_000;
      records.push({
        v: 1,
        deviceId: gas.id,
        enterpriseId: gas.enterpriseId,
        kind: 'combustible-gas',
        role: null,
        line: gas.line,
        ts,
        values: { lel: 6 + i },
        receivedAt: ts,
      });
    }
    expect((await stack.env.influx.write(records)).rejected).toEqual([]);
    await stack.env.influx.rollUp({ from: currentHour - 6 * HOUR, to: currentHour });

    device = mqtt.connect(stack.env.mqttUrl, {
      clientId: `${DEMO_GAS_DEVICE}-${stack.env.runId}`,
      username: DEMO_GAS_DEVICE,
      protocolVersion: 5,
    });
    await new Promise<void>((resolve, reject) => {
      device.once('connect', () => resolve());
      device.once('error', reject);
    });

    // 30 %LEL is over the first level (25 %LEL, GB/T 50493-2019): the rules service opens an alert.
    officer = await loginToken(stack.apiUrl, 'officer');
    await publish(30);
    await waitFor(
      'the gas alert',
      async () => {
        const list = (await api(officer, `/api/alerts?device=${DEMO_GAS_DEVICE}`)).body as AlertView[];
        if (list.length > 0) alert = list[0];
        return list.length > 0;
      },
      PIPELINE_TIMEOUT_MS,
    );
    expect(alert).toMatchObject({ deviceId: DEMO_GAS_DEVICE, metric: 'lel', value: 30, level: 1 });
    const started = await api(officer, '/api/maintenance-windows', {
      method: 'POST',
      body: {
        subjectType: 'device',
        subjectId: DEMO_GAS_DEVICE,
        endsAt: Date.now() + HOUR,
        reason: '更换探头',
      },
    });
    expect(started.status).toBe(201);

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
  const chart = () => page.locator('.device-chart[data-metric="lel"]');
  const resolution = () => chart().locator('[data-testid="resolution"]');
  const pageWidth = () =>
    page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    );

  async function signIn(username: string): Promise<void> {
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('.topbar__links').waitFor();
  }

  it('opens from the devices page with its alert pinned on the chart and its maintenance window shaded', async () => {
    await page.goto(stack.apiUrl);
    await signIn('officer');
    await page.goto(`${stack.apiUrl}/devices`);
    await page.locator(`.device-states-table tr[data-device="${DEMO_GAS_DEVICE}"] a`).click();
    await page.locator('h1.device-page__title').waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/devices/${DEMO_GAS_DEVICE}`);
    expect(await text(page.locator('h1.device-page__title'))).toBe(gas.name);

    // The last 24 hours at raw resolution: the readings, the alert where it opened, the maintenance window.
    await waitFor(
      'the lel chart drawn',
      async () => (await chart().getAttribute('data-chart-state')) === 'drawn',
    );
    expect(await text(page.getByTestId('resolution-choice'))).toBe('分辨率：原始数据');
    expect(await text(resolution())).toBe('原始数据');
    expect(await chart().getAttribute('data-alert-marks')).toBe('1');
    expect(await chart().getAttribute('data-maintenance-marks')).toBe('1');
    expect(await text(chart().locator('figcaption'))).toContain('可燃气体浓度（%LEL）');
    expect(await text(chart().locator('figcaption'))).toContain('告警 1 条');
    expect(await text(chart().locator('figcaption'))).toContain('检修 1 次');
    expect(await chart().locator('canvas').count()).toBe(1);

    const alertItem = page.locator(`[data-testid="device-alerts"] [data-alert="${alert.id}"]`);
    expect(await text(alertItem)).toContain('可燃气体浓度报警');
    expect(await text(alertItem)).toContain('一级报警');
    expect(await text(alertItem)).toContain('30 %LEL');
    const maintenance = page.locator('[data-testid="device-maintenance"] li');
    expect(await maintenance.count()).toBe(1);
    expect(await text(maintenance)).toContain('更换探头');
    expect(await text(maintenance)).toContain('检修中');

    // The configuration: kind, interval, the metric with its unit and the rule's two alarm levels.
    const config = page.locator('.device-config');
    expect(await text(config)).toContain('可燃气体探测器');
    const lel = page.locator('.device-metrics-table tr[data-metric="lel"]');
    expect(await text(lel)).toBe('可燃气体浓度 %LEL 一级报警 25 %LEL；二级报警 50 %LEL');
    // An officer reads the rules but has no administration link.
    expect(await text(page.locator('.device-page'))).toContain('GB/T 50493-2019');
    expect(await page.locator('a[href^="/admin/devices"]').count()).toBe(0);

    const body = await text(page.locator('.device-page'));
    expect(body).not.toMatch(/\bonline\b|\boffline\b|combustible-gas|\bms\b|undefined|null|NaN/);
    await page.screenshot({ path: join(SCREENSHOTS, 'device-page-1920.png'), fullPage: true });
  });

  it('shows a live value as it arrives over socket.io', async () => {
    const live = page.locator('.device-live__item[data-metric="lel"] .device-live__value');
    expect(await text(live)).toBe('30 %LEL');
    await publish(14);
    await waitFor('the live value', async () => (await text(live)) === '14 %LEL', PIPELINE_TIMEOUT_MS);
    expect(await text(page.getByTestId('device-state'))).toBe('在线');
  });

  it('follows the window with its resolution: hourly means for 7 days, raw again when zoomed in', async () => {
    await page.locator('.device-page__presets button', { hasText: '近 7 天' }).click();
    await waitFor(
      'hourly means',
      async () => (await resolution().count()) > 0 && (await text(resolution())) === '小时均值',
    );
    expect(await text(page.getByTestId('resolution-choice'))).toBe('分辨率：小时均值');
    // The three rolled-up hours of readings; the current hour's MQTT readings are not rolled up yet (unless the
    // test ran across the hour and InfluxDB's continuous query rolled that one up as well).
    await waitFor(
      'the hourly chart drawn',
      async () => (await chart().getAttribute('data-chart-state')) === 'drawn',
    );
    expect(await text(chart().locator('.device-chart__count'))).toMatch(/^[34] 个点$/);

    // Zoom in with the mouse wheel until the visible window is short enough for raw readings.
    const box = await chart().locator('canvas').boundingBox();
    expect(box).not.toBeNull();
    await waitFor(
      'raw readings after zooming in',
      async () => {
        // Near the right edge (now), so the zoomed window keeps ending now and holds the readings.
        await page.mouse.move(box!.x + box!.width - 30, box!.y + box!.height / 2);
        for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -300);
        await page.waitForTimeout(1_500);
        return (await resolution().count()) > 0 && (await text(resolution())) === '原始数据';
      },
      30_000,
    );
    expect(await text(page.locator('.device-page__window'))).toContain('已缩放');
    await page.locator('.device-page__presets button', { hasText: '近 24 小时' }).click();
    await waitFor(
      'back to 24 hours',
      async () => (await text(page.getByTestId('resolution-choice'))) === '分辨率：原始数据',
    );
  });

  it('fits 1366 and 390 px screens', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.screenshot({ path: join(SCREENSHOTS, 'device-page-1366.png') });
    expect(await pageWidth()).toBeLessThanOrEqual(1366);
    await page.setViewportSize({ width: 390, height: 844 });
    // The charts follow the screen (ResizeObserver): no canvas reaches past its right edge.
    await waitFor('the charts resized to the phone', async () => {
      const rights = await page
        .locator('.device-chart canvas')
        .evaluateAll((canvases) => canvases.map((c) => c.getBoundingClientRect().right));
      return rights.length > 0 && rights.every((right) => right <= 390);
    });
    await page.screenshot({ path: join(SCREENSHOTS, 'device-page-390.png'), fullPage: true });
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1920, height: 1080 });
  });

  it("refuses an energy manager another enterprise's device, and shows a metric without data in words", async () => {
    await page
      .locator('.topbar')
      .getByRole('button', { name: /退出登录/ })
      .click();
    await signIn('manager');
    const manager = await loginToken(stack.apiUrl, 'manager');
    const chem = await stack.env.records
      .getRepository(EnterpriseEntity)
      .findOneByOrFail({ name: '启东示范化工有限公司' }); // the demo energy manager's enterprise
    const other = await stack.env.records
      .getRepository(DeviceEntity)
      .createQueryBuilder('d')
      .where('d.enterprise_id <> :own', { own: chem.id })
      .orderBy('d.id')
      .getOneOrFail();
    expect((await api(manager, `/api/device-states/${other.id}`)).status).toBe(404);
    await page.goto(`${stack.apiUrl}/devices/${other.id}`);
    await page.locator('.device-page [role="alert"]').waitFor();
    expect(await text(page.locator('.device-page [role="alert"]'))).toBe('设备不存在或无权查看');

    // Their own stack: no readings here, so every chart says 暂无数据 rather than drawing an empty line.
    await page.goto(`${stack.apiUrl}/devices/demo-cems-001`);
    await page.locator('h1.device-page__title').waitFor();
    const so2 = page.locator('.device-chart[data-metric="so2"]');
    await waitFor(
      'the so2 chart answered',
      async () => (await so2.getAttribute('data-chart-state')) === 'empty',
    );
    expect(await text(so2.locator('.state--empty'))).toBe('暂无数据');
    await page.screenshot({ path: join(SCREENSHOTS, 'device-page-manager.png') });
  });
});
