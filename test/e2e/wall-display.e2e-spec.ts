/**
 * The wall display (数据大屏) in a real browser (Debian's headless chromium via playwright-core) at 1920×1080
 * against the running platform on the real services: it opens with a display token (no login), shows KPIs with
 * units computed from known power-meter points in InfluxDB, a live alert in the ticker and on the map, a device's
 * dot greyed live by its `device-status`, says its data is stale while the api restarts and recovers by itself,
 * and refuses a revoked token.
 * Screenshots land in test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { statusTopic, telemetryTopic, type TelemetryRecord } from '@park/contracts';
import { DEMO_GAS_DEVICE, DeviceEntity } from '@park/records';
import type { WallSummary } from '@park/contracts';
import { startOfShanghaiDay } from '../../apps/api/src/wall/wall-kpis';
import { waitFor } from '../support/wait-for';
import { startParkStack, type ParkStack } from './support/park-stack';
import { launchChromium, loginToken, SCREENSHOTS } from './support/browser';
import { E2E_WEB_ROOT } from './support/web-build';

const GAS_DEVICE_NAME = '储罐区可燃气体探测器 1#';
/** A reading's whole trip to the screen, or a summary refresh (15 s) after it, on a busy 2-core machine. */
const PIPELINE_TIMEOUT_MS = 60_000;

describe('wall display in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let device: MqttClient;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let displayTokenId: string;
  let displayToken: string;

  const adminToken = () => loginToken(stack.apiUrl, 'admin');

  async function summaryFromApi(): Promise<WallSummary> {
    const res = await fetch(`${stack.apiUrl}/api/wall/summary`, {
      headers: { authorization: `Bearer ${await adminToken()}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as WallSummary;
  }

  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
  const kpiNumber = (id: string) => page.locator(`.kpi[data-kpi="${id}"] .kpi__number`);
  const kpiUnit = (id: string) => page.locator(`.kpi[data-kpi="${id}"] .kpi__unit`);
  const showsText = (locator: Locator, expected: string) => async () =>
    (await locator.count()) > 0 && (await text(locator)) === expected;

  beforeAll(async () => {
    stack = await startParkStack('wall', E2E_WEB_ROOT);

    // Known power-meter readings: two meters reporting now, one silent for ten minutes.
    const meters = (await stack.env.records.getRepository(DeviceEntity).find({ where: { enabled: true } }))
      .filter((d) => d.kind === 'power-meter' && d.expectedIntervalS === 60)
      .sort((a, b) => a.id.localeCompare(b.id));
    const now = Date.now();
    const t0 = Math.max(startOfShanghaiDay(now) + 1, now - 120_000);
    const t1 = Math.max(t0 + 1, now - 5_000);
    const point = (d: DeviceEntity, ts: number, values: Record<string, number>): TelemetryRecord => ({
      v: 1,
      deviceId: d.id,
      enterpriseId: d.enterpriseId,
      kind: 'power-meter',
      role: null,
      line: d.line,
      ts,
      values,
      receivedAt: ts,
    });
    await stack.env.influx.ensureSchema();
    const outcome = await stack.env.influx.write([
      point(meters[0], t0, { kw: 100, kwh: 1000 }),
      point(meters[0], t1, { kw: 120.5, kwh: 1012.5 }),
      point(meters[1], t0, { kw: 60, kwh: 500 }),
      point(meters[1], t1, { kw: 80, kwh: 500.5 }),
      point(meters[2], now - 10 * 60_000, { kw: 999 }),
    ]);
    expect(outcome.rejected).toEqual([]);

    const created = await fetch(`${stack.apiUrl}/api/display-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await adminToken()}` },
      body: JSON.stringify({ name: `e2e wall ${stack.env.runId}` }),
    });
    expect(created.status).toBe(201);
    ({ id: displayTokenId, token: displayToken } = (await created.json()) as { id: string; token: string });

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
    context = await browser.newContext({
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

  it('opens with the display token alone and shows the KPIs, with units, from the real data', async () => {
    await page.goto(`${stack.apiUrl}/wall?token=${encodeURIComponent(displayToken)}`);
    await page.locator('h1.wall__title').waitFor();
    expect(await text(page.locator('h1.wall__title'))).toBe('园区运行监测大屏');
    expect(await page.locator('.topbar').count()).toBe(0);
    expect(await page.locator('input[name="password"]').count()).toBe(0);

    // 120.5 + 80 kW now; (1012.5 − 1000) + (500.5 − 500) kWh today; the silent meter counts in neither.
    await waitFor('the load tile', showsText(kpiNumber('load'), '200.5'));
    expect(await text(kpiUnit('load'))).toBe('kW');
    expect(await text(kpiNumber('energy'))).toBe('13');
    expect(await text(kpiUnit('energy'))).toBe('kWh');

    const summary = await summaryFromApi();
    expect(summary.load.kw).toBe(200.5);
    expect(summary.energyToday.kwh).toBe(13);
    expect(await text(kpiNumber('devices'))).toBe(`${summary.devices.online} / ${summary.devices.total}`);
    expect(await text(kpiUnit('devices'))).toBe('台');
    // No emission outlet reports here: none is judged, so there is no rate (not 100 % of nothing), and the tile
    // says how many outlets were not judged.
    expect(summary.emission).toMatchObject({ judged: 0, compliant: 0, ratePercent: null });
    expect(summary.emission.notJudged).toBe(summary.emission.total);
    expect(summary.emission.total).toBeGreaterThan(0);
    expect(await text(kpiNumber('emission'))).toBe('—');
    expect(await text(page.locator('.kpi[data-kpi="emission"] .kpi__note'))).toBe(
      `${summary.emission.notJudged} 个未判定（无许可限值或无数据）`,
    );
    expect(await text(kpiNumber('alerts'))).toBe('0');
    expect(await text(kpiUnit('alerts'))).toBe('条');

    expect(await page.locator('svg.park-map .parcel').count()).toBe(summary.map.parcels.features.length);
    expect(await page.locator('svg.park-map .marker').count()).toBe(summary.map.devices.length);
    expect(await page.locator('.wall__stale').count()).toBe(0);
    await page.locator('.gauge').first().waitFor();
    expect(await text(page.locator('.wall__targets h2'))).toMatch(/^规划 2025 年目标进展（\d{4} 年数据）$/);
  });

  it('puts a new alert in the ticker live, and counts it and colours its parcel on the next refresh', async () => {
    await waitFor(
      'the live connection',
      async () => (await page.locator('[data-socket="live"]').count()) > 0,
    );
    await device.publishAsync(
      telemetryTopic(DEMO_GAS_DEVICE),
      JSON.stringify({ ts: Date.now(), values: { lel: 55 } }),
      {
        qos: 1,
      },
    );
    const item = page.locator('.ticker__list:not([aria-hidden]) .ticker__item', { hasText: GAS_DEVICE_NAME });
    await item.waitFor({ timeout: PIPELINE_TIMEOUT_MS });
    expect(await text(item)).toContain('严重');
    await waitFor(
      'one critical alert on the tiles',
      showsText(page.locator('.kpi__level[data-severity="critical"] strong'), '1'),
      PIPELINE_TIMEOUT_MS,
    );
    expect(await text(kpiNumber('alerts'))).toBe('1');
    expect(await page.locator('svg.park-map .parcel.sev--critical').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-display-zh.png') });
  });

  it("greys a device's dot the moment it says it is offline, keeps it grey over a refresh, and lights it again", async () => {
    const dot = page.locator(`svg.park-map .marker[data-device="${DEMO_GAS_DEVICE}"]`);
    const reading = () =>
      device.publishAsync(
        telemetryTopic(DEMO_GAS_DEVICE),
        JSON.stringify({ ts: Date.now(), values: { lel: 55 } }),
        {
          qos: 1,
        },
      );
    await reading();
    await waitFor(
      'the fresh device shown online',
      async () => (await dot.getAttribute('class'))?.includes('marker--online'),
      PIPELINE_TIMEOUT_MS,
    );
    // Its last reading is seconds old, so the summary still counts it online: only the live event can grey it.
    await device.publishAsync(statusTopic(DEMO_GAS_DEVICE), 'offline', { qos: 1 });
    await waitFor(
      'the dot greyed by the device-status event',
      async () => (await dot.getAttribute('class'))?.includes('marker--offline'),
      10_000,
    );
    const updated = page.locator('.wall__updated');
    const before = await text(updated);
    await waitFor('the next summary refresh', async () => (await text(updated)) !== before, 30_000);
    expect((await summaryFromApi()).map.devices.find((d) => d.id === DEMO_GAS_DEVICE)?.online).toBe(true);
    expect(await dot.getAttribute('class')).toContain('marker--offline');

    await device.publishAsync(statusTopic(DEMO_GAS_DEVICE), 'online', { qos: 1 });
    await waitFor(
      'the dot lit again',
      async () => (await dot.getAttribute('class'))?.includes('marker--online'),
      10_000,
    );
  });

  it('says its data is stale while the api is down, and recovers by itself when it is back', async () => {
    await stack.stopApi();
    const banner = page.locator('.wall__stale');
    await banner.waitFor({ timeout: PIPELINE_TIMEOUT_MS });
    expect(await text(banner)).toMatch(/^数据已过期：最后更新于 \d{2}:\d{2}:\d{2}$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'wall-display-stale.png') });

    await stack.startApiAgain();
    await banner.waitFor({ state: 'detached', timeout: PIPELINE_TIMEOUT_MS });
    expect(await page.locator('[data-socket="live"]').count()).toBe(1);
    expect(await text(kpiNumber('load'))).toBe('200.5');
  });

  it('speaks English with ?lang=en', async () => {
    await page.goto(`${stack.apiUrl}/wall?token=${encodeURIComponent(displayToken)}&lang=en`);
    await waitFor('the English title', showsText(page.locator('h1.wall__title'), 'Park operations wall'));
    await waitFor('the load tile', showsText(kpiNumber('load'), '200.5'));
    expect(await text(page.locator('.kpi[data-kpi="load"] .kpi__label'))).toBe('Total load now');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('refuses a revoked display token on screen', async () => {
    const revoked = await fetch(`${stack.apiUrl}/api/display-tokens/${displayTokenId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await adminToken()}` },
    });
    expect(revoked.status).toBe(200);
    const other = await context.newPage();
    await other.goto(`${stack.apiUrl}/wall?token=${encodeURIComponent(displayToken)}&lang=zh-CN`);
    const notice = other.locator('.wall__notice--error');
    await notice.waitFor();
    expect(await text(notice)).toBe('显示令牌无效或已被撤销，请联系园区管理员。');
    expect(await other.locator('.kpi').count()).toBe(0);
    await other.close();
  });
});
