/**
 * 管理 · 用户 and 管理 · 大屏令牌 in a real browser (Debian's headless chromium, driven by playwright-core) against
 * the running platform on the real services, with the demo park seeded: an admin creates an energy manager bound to
 * an enterprise, the generated password is shown once, and that user signs in through the real login route and sees
 * their enterprise alone; the admin cannot disable themselves (the API's words are shown); disabling the user makes
 * the login fail, and a reset password works after re-enabling. A display token is created, its wall address
 * (shown once) opens the wall at 1920×1080 without a login, and after revoking it the wall refuses it. The pages
 * switch to English; an officer is offered neither page and the API refuses them. Screenshots land in
 * test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { EnterpriseOption } from '../../apps/web/src/admin/devices-api';
import type { DisplayTokenView } from '../../apps/web/src/admin/display-tokens-api';
import type { UserPage, UserView } from '../../apps/web/src/admin/users-api';
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

const NEW_USER = 'e2e.manager';
const TOKEN_NAME = 'E2E 指挥中心大屏';
const CJK = /[\u4e00-\u9fff]/;

describe('admin users and display tokens pages (web) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let adminToken: string;
  let enterprise: EnterpriseOption;
  let password: string;
  let renewedPassword: string;
  let wallAddress: string;

  async function api<T>(
    path: string,
    token = adminToken,
    init: { method?: string; body?: unknown } = {},
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${stack.apiUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const raw = await res.text();
    return { status: res.status, body: (raw ? JSON.parse(raw) : null) as T };
  }

  async function loginStatus(username: string, pass: string): Promise<number> {
    const res = await fetch(`${stack.apiUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: pass }),
    });
    return res.status;
  }

  beforeAll(async () => {
    stack = await startParkStack('admin-users-tokens', E2E_WEB_ROOT);
    adminToken = await loginToken(stack.apiUrl, 'admin');
    const enterprises = await api<{ items: EnterpriseOption[]; total: number }>(
      '/api/enterprises?pageSize=500&sort=name',
    );
    expect(enterprises.body.total).toBeGreaterThan(1);
    enterprise = enterprises.body.items[1];

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    // The pages confirm disabling, resetting and revoking with window.confirm: accept.
    page.on('dialog', (dialog) => void dialog.accept());
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
  const form = () => page.locator('.users-form');
  const row = (username: string) => page.locator(`.users-table tr[data-user="${username}"]`);

  async function signIn(username: string): Promise<void> {
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('h1.console__title').waitFor();
  }

  async function search(q: string): Promise<void> {
    await page.locator('input[name="q"]').fill(q);
    await page.getByRole('button', { name: '搜索', exact: true }).click();
  }

  it('opens 管理 · 用户 from the navigation for an admin, listing the users', async () => {
    await page.goto(stack.apiUrl);
    await signIn('admin');
    expect(await navigationLabels(page)).toEqual(
      expect.arrayContaining(['管理 · 设备', '管理 · 用户', '管理 · 大屏']),
    );
    await openAdminScreen(page, '管理 · 用户');
    await page.locator('h1.users__title').waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/admin/users`);
    await page.locator('.users-table tbody tr').first().waitFor();
    const listed = await api<UserPage>('/api/users?page=1&pageSize=20&sort=username');
    expect(await page.locator('.users-table tbody tr').count()).toBe(listed.body.items.length);
    expect(await text(page.locator('.users__page'))).toContain(`共 ${listed.body.total} 人`);
    expect(await text(row('admin').locator('.users-table__role'))).toBe('园区管理员');
    expect(await text(row('admin').locator('td').first())).toBe('admin （本人）');
    expect(await text(row('manager').locator('.users-table__role'))).toBe('企业能源管理员');
  });

  it('checks the form before sending it: required fields, the username rule, an enterprise for a manager', async () => {
    await page.getByRole('button', { name: '新建用户' }).click();
    await form().waitFor();
    await form().locator('button[type="submit"]').click();
    expect(await form().locator('.field__error').allInnerTexts()).toEqual(['必填', '必填', '必填']);
    await form().locator('input[name="username"]').fill('Bad Name');
    await form().locator('input[name="displayName"]').fill('E2E 能源管理员');
    await form().locator('select[name="role"]').selectOption('energy-manager');
    await form().locator('button[type="submit"]').click();
    expect(await text(page.locator('#user-username-error'))).toContain('小写字母');
    expect(await text(page.locator('#user-enterpriseId-error'))).toBe('企业能源管理员必须选择所属企业');
    expect((await api<UserPage>('/api/users?q=bad')).body.total).toBe(0);
  });

  it('creates an energy manager for an enterprise and shows the generated password once', async () => {
    await form().locator('input[name="username"]').fill(NEW_USER);
    await form().locator('select[name="enterpriseId"]').selectOption(enterprise.id);
    await form().locator('button[type="submit"]').click();

    const dialog = page.locator('dialog.user-password-dialog');
    await dialog.waitFor();
    expect(await text(dialog.locator('.dialog__heading'))).toBe('新用户的初始密码');
    expect(await text(dialog.locator('.notice--warning'))).toContain('密码只显示这一次');
    expect(await text(dialog.locator('.credentials__username'))).toBe(NEW_USER);
    password = await text(dialog.locator('.credentials__password'));
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    await dialog.getByRole('button', { name: '我已保存，关闭' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(password);

    const stored = await api<UserPage>(`/api/users?q=${NEW_USER}`);
    expect(stored.body.items).toEqual([
      expect.objectContaining({
        username: NEW_USER,
        displayName: 'E2E 能源管理员',
        role: 'energy-manager',
        enterpriseId: enterprise.id,
        disabled: false,
      }),
    ]);
    expect(JSON.stringify(stored.body)).not.toContain(password);
  });

  it('lets the new user sign in through the real login route, seeing only their enterprise', async () => {
    const token = await loginToken(stack.apiUrl, NEW_USER, password);
    const me = await api<UserView>('/api/users/me', token);
    expect(me.body).toMatchObject({
      username: NEW_USER,
      role: 'energy-manager',
      enterpriseId: enterprise.id,
    });
    const theirs = await api<{ items: EnterpriseOption[]; total: number }>('/api/enterprises', token);
    expect(theirs.body.total).toBe(1);
    expect(theirs.body.items.map((e) => e.id)).toEqual([enterprise.id]);
  });

  it("shows the API's refusal when the admin tries to disable their own account", async () => {
    await search('admin');
    await waitFor('the admin row', async () => (await row('admin').count()) === 1);
    await row('admin').locator('.users-table__toggle').click();
    const error = page.locator('.users__action-error');
    await error.waitFor();
    expect(await text(error)).toBe(
      '用户 admin 操作失败：服务器拒绝：an administrator cannot disable or demote their own account',
    );
    expect(await text(row('admin').locator('.users-table__state'))).toBe('已启用');
  });

  it('finds the new user, disables them, and their login is refused', async () => {
    await search(NEW_USER);
    await waitFor('only the new user listed', async () => (await row(NEW_USER).count()) === 1);
    const cells = row(NEW_USER);
    expect(await text(cells.locator('td').nth(1))).toBe('E2E 能源管理员');
    expect(await text(cells.locator('.users-table__role'))).toBe('企业能源管理员');
    expect(await text(cells.locator('.users-table__enterprise'))).toBe(enterprise.name);
    expect(await text(cells.locator('.users-table__state'))).toBe('已启用');

    await cells.locator('.users-table__toggle').click();
    await waitFor(
      'the row to show the user disabled',
      async () => (await text(cells.locator('.users-table__state'))) === '已停用',
    );
    expect(await text(cells.locator('.users-table__toggle'))).toBe('启用');
    expect(await loginStatus(NEW_USER, password)).toBe(401);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-users-zh.png'), fullPage: true });
  });

  it('re-enables the user and resets the password: only the new one signs in', async () => {
    const cells = row(NEW_USER);
    await cells.locator('.users-table__toggle').click();
    await waitFor(
      'enabled again',
      async () => (await text(cells.locator('.users-table__state'))) === '已启用',
    );
    await cells.locator('.users-table__reset').click();
    const dialog = page.locator('dialog.user-password-dialog');
    await dialog.waitFor();
    expect(await text(dialog.locator('.dialog__heading'))).toBe('新密码');
    const renewed = await text(dialog.locator('.credentials__password'));
    expect(renewed).not.toBe(password);
    await dialog.getByRole('button', { name: '我已保存，关闭' }).click();
    expect(await loginStatus(NEW_USER, password)).toBe(401);
    expect(await loginStatus(NEW_USER, renewed)).toBe(200);
    renewedPassword = renewed;
  });

  it('edits the user: another role clears the enterprise binding', async () => {
    const cells = row(NEW_USER);
    await cells.locator('.users-table__edit').click();
    const edit = page.locator('.users-edit');
    await edit.waitFor();
    expect(await edit.locator('select[name="enterpriseId"]').inputValue()).toBe(enterprise.id);
    await edit.locator('input[name="displayName"]').fill('E2E 园区运营');
    await edit.locator('select[name="role"]').selectOption('operator');
    expect(await edit.locator('select[name="enterpriseId"]').count()).toBe(0);
    await edit.locator('button[type="submit"]').click();
    await edit.waitFor({ state: 'detached' });
    await waitFor(
      'the row to show the operator',
      async () => (await text(cells.locator('.users-table__role'))) === '园区运营',
    );
    expect(await text(cells.locator('.users-table__enterprise'))).toBe('—');
    const stored = (await api<UserPage>(`/api/users?q=${NEW_USER}`)).body.items[0];
    expect(stored).toMatchObject({ displayName: 'E2E 园区运营', role: 'operator', enterpriseId: null });
  });

  it('signs the user out everywhere: their open page goes back to the login page, their token is refused', async () => {
    // The user, signed in in a browser of their own, on the alerts console (which holds a socket).
    const theirs = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    try {
      const them = await theirs.newPage();
      await them.goto(stack.apiUrl);
      await them.locator('input[name="username"]').fill(NEW_USER);
      await them.locator('input[name="password"]').fill(renewedPassword);
      await them.locator('form button[type="submit"]').click();
      await them.locator('h1.console__title').waitFor();
      // And a token of theirs outside the browser: both sessions end.
      const token = await loginToken(stack.apiUrl, NEW_USER, renewedPassword);
      expect((await api<UserView>('/api/users/me', token)).status).toBe(200);

      await row(NEW_USER).locator('.users-table__sign-out').click();
      const notice = page.locator('.users__notice');
      await notice.waitFor();
      expect(await text(notice)).toBe(`已让用户 ${NEW_USER} 退出登录（结束 2 个会话）。`);
      expect((await api<UserView>('/api/users/me', token)).status).toBe(401);
      // The server closed their socket; reconnecting is refused, and the page asks them to sign in again.
      await them.locator('input[name="username"]').waitFor();
      expect(await text(them.locator('.login'))).toContain('登录已过期');
    } finally {
      await theirs.close();
    }
  });

  it('creates a display token and shows its wall address once', async () => {
    await openAdminScreen(page, '管理 · 大屏');
    await page.locator('h1.display-tokens__title').waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/admin/display-tokens`);
    await page.locator('.display-tokens__form button[type="submit"]').click();
    expect(await text(page.locator('#token-name-error'))).toBe('必填');

    await page.locator('input[name="tokenName"]').fill(TOKEN_NAME);
    await page.locator('.display-tokens__form button[type="submit"]').click();
    const dialog = page.locator('dialog.display-token-dialog');
    await dialog.waitFor();
    expect(await text(dialog.locator('.notice--warning'))).toContain('只显示这一次');
    wallAddress = await text(dialog.locator('.display-token-dialog__url'));
    expect(wallAddress).toMatch(new RegExp(`^${stack.apiUrl}/wall\\?token=[A-Za-z0-9_-]{43}$`));
    await dialog.getByRole('button', { name: '我已保存，关闭' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(wallAddress.split('token=')[1]);

    const listed = await api<DisplayTokenView[]>('/api/display-tokens');
    const created = listed.body.find((t) => t.name === TOKEN_NAME)!;
    expect(created).toMatchObject({ createdBy: 'admin', revokedAt: null, lastUsedAt: null });
    const tokenRow = page.locator(`.display-tokens-table tr[data-token="${created.id}"]`);
    expect(await text(tokenRow.locator('.display-tokens-table__state'))).toBe('有效');
    expect(await text(tokenRow.locator('.display-tokens-table__used'))).toBe('从未使用');
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-display-tokens-zh.png'), fullPage: true });
  });

  it('opens the wall at 1920×1080 with that address and no login; revoked, the wall refuses it', async () => {
    const wallContext = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
    });
    const wall = await wallContext.newPage();
    await wall.goto(wallAddress);
    await wall.locator('h1.wall__title').waitFor();
    expect(await text(wall.locator('h1.wall__title'))).toBe('园区运行监测大屏');
    await wall.close();

    const created = (await api<DisplayTokenView[]>('/api/display-tokens')).body.find(
      (t) => t.name === TOKEN_NAME,
    )!;
    expect(created.lastUsedAt).not.toBeNull();
    await page.reload();
    const tokenRow = page.locator(`.display-tokens-table tr[data-token="${created.id}"]`);
    await tokenRow.waitFor();
    expect(await text(tokenRow.locator('.display-tokens-table__used'))).not.toBe('从未使用');
    await tokenRow.locator('.display-tokens-table__revoke').click();
    await waitFor('the token shown revoked', async () =>
      (await text(tokenRow.locator('.display-tokens-table__state'))).startsWith('已撤销 · '),
    );
    expect(await tokenRow.locator('.display-tokens-table__revoke').count()).toBe(0);

    const again = await wallContext.newPage();
    await again.goto(wallAddress);
    const notice = again.locator('.wall__notice--error');
    await notice.waitFor();
    expect(await text(notice)).toBe('显示令牌无效或已被撤销，请联系园区管理员。');
    await wallContext.close();
  });

  it('switches to English: navigation, headings and labels', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await waitFor(
      'the English heading',
      async () => (await text(page.locator('h1'))) === 'Admin · Wall display tokens',
    );
    const nav = await navigationLabels(page);
    expect(nav).toEqual(expect.arrayContaining(['Admin · Devices', 'Admin · Users', 'Admin · Wall']));
    expect(await text(page.locator('.display-tokens-table thead'))).toBe(
      'Name Created Created by Last used State Actions',
    );
    expect(await text(page.locator('.display-tokens-table tbody'))).toContain('Revoked · ');

    await openAdminScreen(page, 'Admin · Users');
    await page.locator('.users-table tbody tr').first().waitFor();
    expect(await text(page.locator('h1'))).toBe('Admin · Users');
    expect(await text(page.locator('.users-table thead'))).toBe(
      'Username Name Role Enterprise Department State Created Actions',
    );
    expect(await text(row('admin').locator('.users-table__role'))).toBe('Park administrator');
    expect(await text(page.locator('.devices__header'))).not.toMatch(CJK);
    await page.getByRole('button', { name: 'New user' }).click();
    expect(await text(form())).not.toMatch(CJK);
  });

  it('offers neither page to an officer, and the API refuses them', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn('officer');
    const nav = await navigationLabels(page);
    expect(nav).not.toContain('Admin · Users');
    expect(nav).not.toContain('Admin · Wall');
    for (const path of ['/admin/users', '/admin/display-tokens']) {
      await page.goto(`${stack.apiUrl}${path}`);
      await page.locator('h1.console__title').waitFor();
      expect(page.url()).toBe(`${stack.apiUrl}/alerts`);
    }
    const officer = await loginToken(stack.apiUrl, 'officer');
    expect((await api('/api/users', officer)).status).toBe(403);
    expect((await api('/api/display-tokens', officer)).status).toBe(403);
    const created = await api('/api/users', officer, {
      method: 'POST',
      body: { username: 'e2e.sneaky', displayName: 'x', role: 'admin', password: 'x'.repeat(16) },
    });
    expect(created.status).toBe(403);
    expect((await api('/api/display-tokens', officer, { method: 'POST', body: { name: 'x' } })).status).toBe(
      403,
    );
  });
});
