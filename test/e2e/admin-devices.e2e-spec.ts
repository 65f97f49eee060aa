/**
 * 管理 · 设备 (device administration) in a real browser (Debian's headless chromium, driven by playwright-core)
 * against the running platform on the real services, with the demo park seeded: an admin opens the page from the
 * navigation, the form refuses what the API would refuse before sending it, a stack-gas device with permit limits
 * is provisioned, its MQTT password is shown once in a dialog (and never by the API again), a duplicate id shows
 * the API's own message, the device is found by search and disabled — and an officer is not offered the page.
 * Screenshots land in test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Locator, type Page } from 'playwright-core';
import type { DevicePage, DeviceView, EnterpriseOption } from '../../apps/web/src/admin/devices-api';
import { waitFor } from '../support/wait-for';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import {
  launchChromium,
  loginToken,
  navigationLabels,
  openAdminScreen,
  SCREENSHOTS,
} from './support/browser';
import { E2E_WEB_ROOT } from './support/web-build';

const DEVICE_ID = 'e2e-cems-01';

describe('admin devices page (web) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;
  let adminToken: string;
  let enterprise: EnterpriseOption;
  let password: string;

  async function apiGet<T>(
    path: string,
    token = adminToken,
  ): Promise<{ status: number; body: T; raw: string }> {
    const res = await fetch(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const raw = await res.text();
    return { status: res.status, body: (raw ? JSON.parse(raw) : null) as T, raw };
  }

  beforeAll(async () => {
    stack = await startParkStack('admin-devices', E2E_WEB_ROOT);
    adminToken = await loginToken(stack.apiUrl, 'admin');
    const enterprises = await apiGet<{ items: EnterpriseOption[] }>(
      '/api/enterprises?pageSize=500&sort=name',
    );
    enterprise = enterprises.body.items[0];

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
  const form = () => page.locator('.devices-form');
  const row = (id: string) => page.locator(`.devices-table tr[data-device="${id}"]`);

  async function signIn(username: string): Promise<void> {
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('h1.console__title').waitFor();
  }

  it('opens from the navigation for an admin, with the demo devices in a table', async () => {
    expect(enterprise).toBeDefined();
    await page.goto(stack.apiUrl);
    await signIn('admin');
    await openAdminScreen(page, '管理 · 设备');
    await page.locator('h1.devices__title').waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/admin/devices`);
    await page.locator('.devices-table tbody tr').first().waitFor();
    const listed = await apiGet<DevicePage>('/api/devices?page=1&pageSize=20&sort=id');
    expect(await page.locator('.devices-table tbody tr').count()).toBe(listed.body.items.length);
    expect(await text(page.locator('.devices__page'))).toContain(`共 ${listed.body.total} 台`);
    const first = listed.body.items[0];
    expect(await text(row(first.id).locator('.devices-table__id'))).toBe(first.id);
  });

  it('checks the form before sending it', async () => {
    await page.getByRole('button', { name: '登记设备' }).click();
    await form().waitFor();
    await form().locator('button[type="submit"]').click();
    expect(await form().locator('.field__error').allInnerTexts()).toEqual(['必填', '必填', '必填', '必填']);
    await form().locator('input[name="id"]').fill('bad id');
    await form().locator('select[name="kind"]').selectOption('stack-gas');
    await form().locator('input[name="permitLimits.so2"]').fill('-5');
    await form().locator('input[name="permitO2Reference"]').fill('30');
    await form().locator('button[type="submit"]').click();
    expect(await text(page.locator('#device-id-error'))).toContain('1–64 位字母');
    expect(await text(page.locator('#device-permitLimits\\.so2-error'))).toBe('须为正数');
    expect(await text(page.locator('#device-permitO2Reference-error'))).toBe('须在 0–20.9 之间');
    // Nothing was sent: the API knows no such device.
    expect((await apiGet(`/api/devices/${encodeURIComponent('bad id')}`)).status).toBe(404);
  });

  it('provisions a stack-gas device with permit limits and shows its credentials once', async () => {
    await form().locator('input[name="id"]').fill(DEVICE_ID);
    await form().locator('input[name="name"]').fill('E2E 1号锅炉烟囱');
    await form().locator('select[name="enterpriseId"]').selectOption(enterprise.id);
    await form().locator('input[name="line"]').fill('L1');
    await form().locator('input[name="permitLimits.so2"]').fill('50');
    await form().locator('input[name="permitLimits.nox"]').fill('150');
    await form().locator('input[name="permitO2Reference"]').fill('3.5');
    await form().locator('button[type="submit"]').click();

    const dialog = page.locator('dialog.credentials-dialog');
    await dialog.waitFor();
    expect(await text(dialog.locator('.dialog__heading'))).toBe('设备凭据');
    expect(await text(dialog.locator('.notice--warning'))).toContain('密码只显示这一次');
    expect(await text(dialog.locator('.credentials__username'))).toBe(DEVICE_ID);
    password = await text(dialog.locator('.credentials__password'));
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(await text(dialog.locator('.credentials__telemetry-topic'))).toContain(DEVICE_ID);
    expect(await text(dialog.locator('.credentials__status-topic'))).toContain(DEVICE_ID);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-devices-credentials.png') });

    await dialog.getByRole('button', { name: '我已保存，关闭' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Once: the password is nowhere on the page any more.
    expect(await page.content()).not.toContain(password);
  });

  it('stored the device with a credential, and GET never returns the password', async () => {
    const one = await apiGet<DeviceView & Record<string, unknown>>(`/api/devices/${DEVICE_ID}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: DEVICE_ID,
      enterpriseId: enterprise.id,
      kind: 'stack-gas',
      line: 'L1',
      enabled: true,
      hasCredential: true,
      permitLimits: { so2: 50, nox: 150 },
      permitO2Reference: 3.5,
    });
    expect(one.body).not.toHaveProperty('password');
    expect(one.body).not.toHaveProperty('credentialHash');
    expect(one.raw).not.toContain(password);
    const list = await apiGet<DevicePage>(`/api/devices?q=${DEVICE_ID}`);
    expect(list.body.items.map((d) => d.id)).toEqual([DEVICE_ID]);
    expect(list.raw).not.toContain(password);
  });

  it("shows the API's message when it refuses (a duplicate id)", async () => {
    await page.getByRole('button', { name: '登记设备' }).click();
    await form().locator('input[name="id"]').fill(DEVICE_ID);
    await form().locator('input[name="name"]').fill('duplicate');
    await form().locator('select[name="enterpriseId"]').selectOption(enterprise.id);
    await form().locator('select[name="kind"]').selectOption('smoke');
    await form().locator('button[type="submit"]').click();
    const error = form().locator('.devices-form__error');
    await error.waitFor();
    expect(await text(error)).toBe(`服务器拒绝：device ${DEVICE_ID} already exists`);
    await form().getByRole('button', { name: '取消' }).click();
  });

  it('finds the device by search and disables it', async () => {
    await page.locator('input[name="q"]').fill(DEVICE_ID);
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await waitFor(
      'only the new device listed',
      async () =>
        (await page.locator('.devices-table tbody tr').count()) === 1 && (await row(DEVICE_ID).count()) === 1,
    );
    const cells = row(DEVICE_ID);
    expect(await text(cells.locator('td').nth(1))).toBe('E2E 1号锅炉烟囱');
    expect(await text(cells.locator('td').nth(2))).toBe('烟气在线监测(CEMS)');
    expect(await text(cells.locator('td').nth(3))).toBe(enterprise.name);
    // The line in words; the code the admin typed stays in the cell's tooltip.
    expect(await text(cells.locator('td').nth(4))).toBe('1 号生产线');
    expect(await cells.locator('td').nth(4).getAttribute('title')).toBe('L1');
    expect(await text(cells.locator('.devices-table__enabled'))).toBe('已启用');
    expect(await text(cells.locator('.devices-table__credential'))).toBe('已签发');

    await cells.locator('.devices-table__toggle').click();
    await waitFor(
      'the row to show the device disabled',
      async () => (await text(cells.locator('.devices-table__enabled'))) === '已停用',
    );
    expect(await text(cells.locator('.devices-table__toggle'))).toBe('启用');
    expect((await apiGet<DeviceView>(`/api/devices/${DEVICE_ID}`)).body.enabled).toBe(false);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-devices-zh.png'), fullPage: true });
  });

  it('does not offer the page to an officer, and the API refuses them provisioning', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await signIn('officer');
    expect(await navigationLabels(page)).not.toContain('管理 · 设备');
    await page.goto(`${stack.apiUrl}/admin/devices`);
    await page.locator('h1.console__title').waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/alerts`);
    const res = await fetch(`${stack.apiUrl}/api/devices`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await loginToken(stack.apiUrl, 'officer')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ id: 'e2e-officer-01', enterpriseId: enterprise.id, name: 'x', kind: 'smoke' }),
    });
    expect(res.status).toBe(403);
  });
});
