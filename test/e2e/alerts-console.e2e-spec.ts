/**
 * The alerts console in a real browser (Debian's headless chromium, driven by playwright-core) against the whole
 * running system on the real services: a combustible-gas detector publishes 55 %LEL over MQTT → ingestion →
 * Kafka → rules → PostgreSQL → Kafka → api → socket.io → the officer's screen, live, then acknowledge, the audit
 * trail, English, resolve with a note, an API restart with catch-up, and an energy manager's read-only view.
 * Screenshots land in test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { telemetryTopic, type AlertView } from '@park/contracts';
import { AlertEntity, DEMO_GAS_DEVICE } from '@park/records';
import { formatDateTime, formatTime } from '../../apps/web/src/i18n/format';
import { waitFor } from '../support/wait-for';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import { launchChromium, loginToken, SCREENSHOTS } from './support/browser';
import { E2E_WEB_ROOT } from './support/web-build';

const DEVICE_NAME = '储罐区可燃气体探测器 1#';
/** A reading's whole trip (MQTT → Kafka → rules → PostgreSQL → Kafka → api → browser) on a busy 2-core machine. */
const PIPELINE_TIMEOUT_MS = 60_000;

interface RecordedNotification {
  readonly title: string;
  readonly body: string;
}

/** The page globals this test touches (run inside the browser by page.evaluate / addInitScript). */
interface PageGlobals {
  Notification: new (title: string, options?: { body?: string }) => object;
  parkNotifications?: RecordedNotification[];
  parkNoReload?: boolean;
}

describe('alerts console (web) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let device: MqttClient;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** What the page sent to socket.io, over WebSocket frames or long-polling POSTs (the CONNECT packet is `40{…}`). */
  const socketIoSent: string[] = [];
  let firstAlert: AlertView;

  beforeAll(async () => {
    stack = await startParkStack('web', E2E_WEB_ROOT);
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
    // A browser far from the park: times on screen must still be Shanghai time.
    context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'America/New_York',
    });
    await context.grantPermissions(['notifications'], { origin: stack.apiUrl });
    // Records each notification the page shows (the real Notification still runs). The callback runs in the
    // page, so it reaches the page's globals through globalThis (this file is type-checked without the DOM lib).
    await context.addInitScript(() => {
      const page = globalThis as unknown as PageGlobals;
      const shown: RecordedNotification[] = [];
      page.parkNotifications = shown;
      const Real = page.Notification;
      class Recording extends Real {
        constructor(title: string, options?: { body?: string }) {
          super(title, options);
          shown.push({ title, body: options?.body ?? '' });
        }
      }
      page.Notification = Recording;
    });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('websocket', (ws) => ws.on('framesent', (frame) => socketIoSent.push(String(frame.payload))));
    page.on('request', (request) => {
      if (request.url().includes('/socket.io/') && request.method() === 'POST') {
        socketIoSent.push(...(request.postData() ?? '').split('\x1e'));
      }
    });
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

  async function signIn(username: string): Promise<void> {
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('h1.console__title').waitFor();
  }

  const connection = () => page.locator('.conn').getAttribute('data-connection');
  const waitForConnection = (state: string) =>
    waitFor(
      `the connection indicator to show ${state}`,
      async () => (await connection()) === state,
      PIPELINE_TIMEOUT_MS,
    );
  /** The text as rendered (innerText: separate elements stay separate words), whitespace collapsed. */
  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
  const rowFor = (id: string) => page.locator(`.alert-row[data-alert-id="${id}"]`);
  const detail = () => page.locator('aside.detail');
  const trailItem = (type: string) => page.locator(`.trail__item[data-event-type="${type}"]`);
  const chart = () => page.locator('aside.detail .metric-chart');

  const officerToken = () => loginToken(stack.apiUrl, 'officer');

  async function alertFromApi(id: string): Promise<AlertView> {
    const res = await fetch(`${stack.apiUrl}/api/alerts/${id}`, {
      headers: { authorization: `Bearer ${await officerToken()}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as AlertView;
  }

  it('serves the app from the api, in Chinese by default, with deep links falling back to index.html', async () => {
    const deep = await fetch(`${stack.apiUrl}/alerts/some-id`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${stack.apiUrl}/api/alerts`)).status).toBe(401);
    expect((await fetch(`${stack.apiUrl}/assets/missing.js`)).status).toBe(404);

    await page.goto(stack.apiUrl);
    expect(await text(page.locator('h1'))).toBe('登录');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.screenshot({ path: join(SCREENSHOTS, 'login-zh.png') });
  });

  it('shows an officer a critical gas alert live, without a reload, with alarm and notification', async () => {
    await signIn('officer');
    expect(page.url()).toBe(`${stack.apiUrl}/alerts`);
    expect(await text(page.locator('.topbar__user-name'))).toBe('安环值班员');
    expect(await text(page.locator('.topbar__user-role'))).toBe('安全/环保专员');
    await waitForConnection('live');
    // The list loads over REST while the socket connects: wait for its answer (an empty park), not the spinner.
    await waitFor('the empty alert list', async () =>
      (await text(page.locator('.console__list'))).includes('暂无告警'),
    );
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).parkNoReload = true;
    });

    await publishLel(55);
    const row = page.locator('.alert-row', { hasText: DEVICE_NAME });
    await row.waitFor({ timeout: PIPELINE_TIMEOUT_MS });
    const id = (await row.getAttribute('data-alert-id'))!;
    firstAlert = await alertFromApi(id);
    expect(firstAlert).toMatchObject({
      value: 55,
      limit: 50,
      level: 2,
      severity: 'critical',
      status: 'open',
    });

    const rowText = await text(row);
    for (const expected of [
      '严重',
      '二级报警',
      '可燃气体浓度报警',
      '启东示范化工有限公司',
      '55 %LEL',
      '限值 50 %LEL',
      '待确认',
    ]) {
      expect(rowText).toContain(expected);
    }
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).parkNoReload)).toBe(true);
    expect(await text(page.locator('.tab--open .tab__count'))).toBe('1 条');

    const banner = page.locator('.alarm-banner');
    expect(await text(banner)).toContain('严重告警待确认：1 条');
    expect(await banner.getAttribute('data-sound')).toBe('ringing');
    await page.screenshot({ path: join(SCREENSHOTS, 'alerts-console-zh-alarm.png') });
    const notifications = await waitFor('the critical-alert notification', () =>
      page
        .evaluate(() => (globalThis as unknown as PageGlobals).parkNotifications ?? [])
        .then((shown) => (shown.length > 0 ? shown : undefined)),
    );
    expect(notifications[0]).toEqual({
      title: '严重告警：可燃气体浓度报警',
      body: '启东示范化工有限公司 · 储罐区可燃气体探测器 1#：55 %LEL（限值 50 %LEL）',
    });
  });

  it('opens the alert, acknowledges it, and the audit trail shows the acknowledgement by officer', async () => {
    // The chart reads InfluxDB, which ingestion writes independently of the rules: wait for the reading there.
    await waitFor(
      'the 55 %LEL reading in InfluxDB',
      async () =>
        (
          await stack.env.influx.queryRaw({
            kind: 'combustible-gas',
            metric: 'lel',
            deviceId: DEMO_GAS_DEVICE,
            from: firstAlert.openedAt - 30 * 60_000,
            to: firstAlert.openedAt + 30 * 60_000,
          })
        ).some((p) => p.value === 55),
      PIPELINE_TIMEOUT_MS,
    );
    await rowFor(firstAlert.id).click();
    expect(page.url()).toBe(`${stack.apiUrl}/alerts/${firstAlert.id}`);
    await trailItem('opened').waitFor();
    const panel = await text(detail());
    for (const expected of [
      '55 %LEL',
      '50 %LEL',
      '二级报警',
      DEVICE_NAME,
      '储罐区 T-101 东侧',
      '启东示范化工有限公司',
      firstAlert.explanation.zh,
      // Park time, though the browser is in New York.
      formatDateTime(firstAlert.openedAt),
    ]) {
      expect(panel).toContain(expected);
    }
    expect(await text(trailItem('opened'))).toContain('系统');

    // The metric around the event, drawn on a canvas; the caption says in words what the canvas shows.
    await chart().locator('.metric-chart__figure[data-chart-state="drawn"] canvas').first().waitFor();
    const box = await chart().locator('canvas').first().boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.height).toBeGreaterThan(100);
    expect(await text(chart().locator('.metric-chart__limit'))).toBe('限值 50 %LEL');
    const caption = await text(chart().locator('.metric-chart__caption'));
    expect(caption).toContain(`可燃气体浓度，${formatDateTime(firstAlert.openedAt - 30 * 60_000)} 至`);
    expect(caption).toContain(`触发 ${formatTime(firstAlert.openedAt)}`);
    expect(caption).toMatch(/原始数据，\d+ 个点/);
    expect(await chart().locator('[role="img"]').getAttribute('aria-label')).toContain('限值 50 %LEL');

    await detail().getByRole('button', { name: '确认', exact: true }).click();
    await trailItem('acknowledged').waitFor();
    expect(await text(trailItem('acknowledged'))).toMatch(
      /^确认告警 officer \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
    );
    await waitFor('the row to show 已确认', async () =>
      (await text(rowFor(firstAlert.id))).includes('已确认'),
    );
    await page.locator('.alarm-banner').waitFor({ state: 'detached' });
    expect(await detail().getByRole('button', { name: '确认', exact: true }).count()).toBe(0);
    expect((await alertFromApi(firstAlert.id)).acknowledgedBy).toBe('officer');

    await page.screenshot({ path: join(SCREENSHOTS, 'alerts-console-zh.png'), fullPage: true });
  });

  it('switches to English: navigation, headings, states and the explanation change language', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await waitFor('the English heading', async () => (await text(page.locator('h1'))) === 'Alerts console');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await text(page.locator('.topbar__link[aria-current="page"]'))).toBe('Alerts');
    expect(await text(page.locator('.shell__footer'))).toBe('Times in China Standard Time (UTC+8)');
    expect(await text(page.getByRole('button', { name: 'Sign out' }))).toBe('Sign out');
    const panel = await text(detail());
    for (const expected of [
      'Alert details',
      'Level 2 alarm',
      'Acknowledged',
      'Audit trail',
      firstAlert.explanation.en,
    ]) {
      expect(panel).toContain(expected);
    }
    expect(panel).not.toContain('告警详情');
    expect(await text(chart().locator('.metric-chart__limit'))).toBe('Limit 50 %LEL');
    expect(await text(chart().locator('.metric-chart__caption'))).toContain('(China Standard Time)');
    expect(await text(rowFor(firstAlert.id))).toContain('Critical');
    await page.screenshot({ path: join(SCREENSHOTS, 'alerts-console-en.png'), fullPage: true });
  });

  it('resolves only with a note, and the trail records it', async () => {
    await detail().getByRole('button', { name: 'Resolve…' }).click();
    const dialog = page.locator('dialog.dialog');
    await dialog.getByRole('button', { name: 'Resolve alert' }).click();
    expect(await text(dialog.locator('[role="alert"]'))).toBe('A resolution note is required');
    await dialog
      .locator('textarea')
      .fill('Flange leak at T-101 sealed; area ventilated, re-measured 2 %LEL.');
    await dialog.getByRole('button', { name: 'Resolve alert' }).click();
    await trailItem('resolved').waitFor();
    expect(await text(trailItem('resolved'))).toContain('officer');
    expect(await text(trailItem('resolved'))).toContain('Flange leak at T-101 sealed');
    expect(await text(rowFor(firstAlert.id))).toContain('Resolved');
  });

  it('shows stale data while the api is down, then reconnects with lastSeq and catches up', async () => {
    await stack.stopApi();
    await waitFor('the indicator to leave live', async () => (await connection()) !== 'live');
    expect(await text(page.locator('.conn'))).toMatch(/Data may be stale · last synced \d\d:\d\d:\d\d/);

    // A new alert while this browser cannot hear about it.
    await publishLel(56);
    await waitFor(
      'the second alert in PostgreSQL',
      async () => (await stack.env.records.getRepository(AlertEntity).count()) === 2,
      PIPELINE_TIMEOUT_MS,
    );
    const sentBefore = socketIoSent.length;
    await stack.startApiAgain();
    await waitForConnection('live');
    const reconnect = socketIoSent.slice(sentBefore).find((packet) => packet.startsWith('40'));
    expect(reconnect).toMatch(/"lastSeq":\d+/);

    await waitFor(
      'the missed alert in the list',
      async () => (await page.locator('.alert-row').count()) === 2,
      PIPELINE_TIMEOUT_MS,
    );
    const newest = page.locator('.alert-row').first();
    expect(await text(newest)).toContain('56 %LEL');
    expect(await text(newest)).toContain('Open');
  });

  it('gives an energy manager the console read-only: no acknowledge, no resolve, no alarm', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await text(page.locator('h1'))).toBe('Sign in');
    await signIn('manager');
    await waitForConnection('live');
    expect(await text(page.locator('.topbar__user-role'))).toBe('Enterprise energy manager');
    expect(await text(page.locator('.notice--info'))).toContain('Read-only');

    const open = page.locator('.alert-row', { hasText: 'Open' });
    await open.waitFor();
    await open.click();
    await trailItem('opened').waitFor();
    expect(await text(detail())).toContain('56 %LEL');
    // Their own enterprise's device: the chart is drawn for the manager too.
    await chart().locator('.metric-chart__figure[data-chart-state="drawn"] canvas').first().waitFor();
    expect(await page.getByRole('button', { name: 'Acknowledge', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Resolve…', exact: true }).count()).toBe(0);
    expect(await page.locator('.alarm-banner').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'alerts-console-manager-en.png'), fullPage: true });
  });
});
