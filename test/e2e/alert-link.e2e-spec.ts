/**
 * The signed alert link's phone page (告警处置, /m/alert?t=…) in a real browser (Debian's headless chromium) against
 * the whole running system on the real services: a combustible-gas detector publishes 62 %LEL over MQTT → … →
 * an alert; the link a message would carry (alertLinkFor, as the dispatcher calls it) is opened on a 390-px phone
 * without any login: what, where, the value against its limit with units, the enterprise's contact to call; the
 * officer's console, open on a desktop beside it, shows the alert acknowledged live, by `officer（短信链接）`, once
 * the phone acknowledges; the phone resolves it with a note; an expired and an altered link each say so in words.
 * Screenshots land in test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { alertLinkFor, signAlertLink } from '@park/auth';
import { telemetryTopic } from '@park/contracts';
import { AlertEntity, DEMO_GAS_DEVICE, UserEntity } from '@park/records';
import { waitFor } from '../support/wait-for';
import { DEMO_PASSWORD, E2E_ALERT_LINK_SECRET, startParkStack, type ParkStack } from './support/park-stack';
import { launchChromium, SCREENSHOTS } from './support/browser';
import { measureOverflow } from './support/overflow';
import { E2E_WEB_ROOT } from './support/web-build';

const PIPELINE_TIMEOUT_MS = 60_000;
const PHONE = { width: 390, height: 844 };

describe('the signed alert link on a phone, end to end on the real services', () => {
  let stack: ParkStack;
  let device: MqttClient;
  let browser: Browser;
  let phoneContext: BrowserContext;
  let phone: Page;
  let consolePage: Page;
  let alertId: string;
  let officerId: string;

  beforeAll(async () => {
    stack = await startParkStack('alertlink', E2E_WEB_ROOT);
    officerId = (await stack.env.records.getRepository(UserEntity).findOneByOrFail({ username: 'officer' }))
      .id;
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
    phoneContext = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    phone = await phoneContext.newPage();
    phone.setDefaultTimeout(30_000);
    const desk = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    consolePage = await desk.newPage();
    consolePage.setDefaultTimeout(30_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await device?.endAsync();
    await stack?.close();
  });

  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
  /** The link a message would carry, made the way the notification dispatcher makes it. */
  const linkFor = (id: string) =>
    alertLinkFor(
      { secret: E2E_ALERT_LINK_SECRET, publicBaseUrl: stack.apiUrl, ttlMinutes: 24 * 60 },
      { alertId: id, recipient: { userId: officerId }, channel: 'sms' },
      Date.now(),
    )!;
  it('opens the alert on a 390-px phone without a login: what, where, value against limit, contacts to call', async () => {
    await consolePage.goto(stack.apiUrl);
    await consolePage.locator('input[name="username"]').fill('officer');
    await consolePage.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await consolePage.locator('form button[type="submit"]').click();
    await consolePage.locator('h1.console__title').waitFor();

    await device.publishAsync(
      telemetryTopic(DEMO_GAS_DEVICE),
      JSON.stringify({ ts: Date.now(), values: { lel: 62 } }),
      { qos: 1 },
    );
    const row = consolePage.locator('.alert-row', { hasText: '储罐区可燃气体探测器 1#' });
    await row.waitFor({ timeout: PIPELINE_TIMEOUT_MS });
    alertId = (await row.getAttribute('data-alert-id'))!;
    await row.click();
    await consolePage.locator('aside.detail .detail__badges .status').waitFor();
    expect(await text(consolePage.locator('aside.detail .detail__badges .status'))).toBe('待确认');

    const link = linkFor(alertId);
    expect(link.startsWith(`${stack.apiUrl}/m/alert?t=`)).toBe(true);
    await phone.goto(link);
    const card = phone.locator('article.m-card');
    await card.waitFor();
    const shown = await text(card);
    for (const expected of [
      '严重',
      '待确认',
      '可燃气体浓度报警',
      '启东示范化工有限公司',
      '储罐区可燃气体探测器 1#',
      '储罐区 T-101 东侧',
      '62 %LEL',
      '50 %LEL',
      '二级报警',
      '企业联系人',
    ])
      expect(shown).toContain(expected);
    expect(await phone.locator('.m-contacts__call').first().getAttribute('href')).toMatch(/^tel:\+?\d+$/);
    expect(await text(phone.locator('.m-footer'))).toContain('您的操作将记录为“officer（短信链接）”');
    expect(await phone.locator('html').getAttribute('lang')).toBe('zh-CN');
    // Nothing of the signed-in app: no top bar, no login form.
    expect(await phone.locator('.topbar, input[name="password"]').count()).toBe(0);
    const measured = await measureOverflow(phone);
    expect(measured.scrollWidth).toBeLessThanOrEqual(measured.clientWidth);
    expect(measured.wide).toEqual([]);
    await phone.screenshot({ path: join(SCREENSHOTS, 'alert-link-phone-zh.png'), fullPage: true });
  });

  it('acknowledges from the phone, and the officer’s console shows it live', async () => {
    await phone.getByRole('button', { name: '确认告警' }).click();
    await waitFor(
      'the phone to show 已确认',
      async () => (await text(phone.locator('[data-testid="alert-status"]'))) === '已确认',
    );
    expect(await text(phone.locator('.m-outcome'))).toMatch(
      /^已由 officer（短信链接） 于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d 确认$/,
    );

    // The console (no reload) gets the change over socket.io, through the same path as its own button.
    await waitFor(
      'the console to show 已确认',
      async () => (await text(consolePage.locator('aside.detail .detail__badges .status'))) === '已确认',
      PIPELINE_TIMEOUT_MS,
    );
    await consolePage.locator('.trail__item[data-event-type="acknowledged"]').waitFor();
    expect(await text(consolePage.locator('.trail__item[data-event-type="acknowledged"]'))).toContain(
      'officer（短信链接）',
    );
    await consolePage.screenshot({ path: join(SCREENSHOTS, 'alert-link-console-acknowledged-zh.png') });
  });

  it('resolves from the phone with a note, and refuses an empty one', async () => {
    await phone.getByRole('button', { name: '解除告警' }).click();
    expect(await text(phone.locator('.m-resolve [role="alert"]'))).toBe('请填写处置说明');
    await phone.locator('textarea[name="note"]').fill('现场排查为探头受潮，已更换，复测 3 %LEL');
    await phone.getByRole('button', { name: '解除告警' }).click();
    await waitFor(
      'the phone to show 已解除',
      async () => (await text(phone.locator('[data-testid="alert-status"]'))) === '已解除',
    );
    expect(await text(phone.locator('.m-outcome--resolved'))).toContain(
      '处置说明：现场排查为探头受潮，已更换，复测 3 %LEL',
    );
    const row = await stack.env.records.getRepository(AlertEntity).findOneByOrFail({ id: alertId });
    expect(row).toMatchObject({ status: 'resolved', resolvedBy: 'officer（短信链接）' });
    await waitFor(
      'the console to show 已解除',
      async () => (await text(consolePage.locator('aside.detail .detail__badges .status'))) === '已解除',
      PIPELINE_TIMEOUT_MS,
    );
  });

  it('says plainly that an expired link has expired, and an altered one is invalid — in Chinese and in English', async () => {
    const expired = signAlertLink(E2E_ALERT_LINK_SECRET, {
      alertId,
      recipient: { userId: officerId },
      channel: 'sms',
      expiresAt: Date.now() - 60_000,
    });
    await phone.goto(`${stack.apiUrl}/m/alert?t=${expired}`);
    const refusal = phone.locator('.m-refusal');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-link-problem')).toBe('expired');
    expect(await text(refusal.locator('h2'))).toBe('链接已过期');
    expect(await text(refusal)).toContain('请打开最新消息中的链接，或登录平台处理该告警');
    await phone.screenshot({ path: join(SCREENSHOTS, 'alert-link-expired-zh.png') });

    const link = new URL(linkFor(alertId)).searchParams.get('t')!;
    // One character of the payload changed: what a hand-edited alert id or expiry looks like.
    const at = 5;
    const altered = `${link.slice(0, at)}${link[at] === 'A' ? 'B' : 'A'}${link.slice(at + 1)}`;
    await phone.goto(`${stack.apiUrl}/m/alert?t=${altered}`);
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-link-problem')).toBe('tampered');
    expect(await text(refusal.locator('h2'))).toBe('链接无效');
    expect(await text(refusal)).toContain('该链接已被修改，或并非本平台发出');
    await phone.screenshot({ path: join(SCREENSHOTS, 'alert-link-tampered-zh.png') });

    await phone.getByRole('button', { name: 'English' }).click();
    expect(await text(refusal.locator('h2'))).toBe('Invalid link');
    await phone.goto(`${stack.apiUrl}/m/alert?t=${expired}`);
    await refusal.waitFor();
    expect(await text(refusal.locator('h2'))).toBe('This link has expired');
    await phone.getByRole('button', { name: '中文' }).click();
  });
});
