/** What every browser test shares: Debian's Chromium (the machine cannot download one), screenshots, logins. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { measureOverflow } from './overflow';
import { DEMO_PASSWORD } from './park-stack';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where the tests write the screenshots the README shows. */
export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-output', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: bash deploy/local/services.sh up installs Debian's chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A session token for a demo user, through the real login route. */
export async function loginToken(
  apiUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const res = await fetch(`${apiUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login of ${username} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Signs a demo user in through the login form and waits for the top bar. */
export async function signIn(page: Page, apiUrl: string, username: string): Promise<void> {
  await page.goto(apiUrl);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.locator('.topbar__link').first().waitFor();
}

/** The widths every screen is looked at (docs: 1920 wall/desktop, 1366 laptop, 390 phone). */
export const SCREEN_WIDTHS = [1920, 1366, 390] as const;

/**
 * Nothing past the right edge at each of the three widths, with a full-page screenshot at each
 * (`<prefix>-<name>-<width>-zh.png`); the failures in words (empty when the screen fits). Leaves the page at 1366.
 */
export async function fitsEveryWidth(page: Page, prefix: string, name: string): Promise<string[]> {
  const failures: string[] = [];
  for (const width of SCREEN_WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForLoadState('networkidle');
    const measured = await measureOverflow(page);
    if (measured.scrollWidth > measured.clientWidth)
      failures.push(
        `${name} @${width}: document ${measured.scrollWidth} px wide in ${measured.clientWidth} px`,
      );
    if (measured.wide.length > 0)
      failures.push(`${name} @${width}: past the right edge: ${measured.wide.join(', ')}`);
    await page.screenshot({ path: join(SCREENSHOTS, `${prefix}-${name}-${width}-zh.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  return failures;
}

/** Opens one of the administration's screens from the top bar's menu (系统管理 / Administration). */
export async function openAdminScreen(page: Page, label: string): Promise<void> {
  await page.locator('.topbar__menu-button[aria-controls="admin-menu"]').click();
  await page.locator('.topbar__menu-link', { hasText: label }).click();
}

/** Opens a screen from the top bar: its link, or the menu (园区档案, 系统管理) that holds it. */
export async function openScreen(page: Page, label: string): Promise<void> {
  const link = page.locator('.topbar__links .topbar__link', { hasText: label });
  if ((await link.count()) > 0) return link.click();
  const menus = page.locator('.topbar__menu-button');
  for (let i = 0; i < (await menus.count()); i++) {
    await menus.nth(i).click();
    const item = page.locator('.topbar__menu-link', { hasText: label });
    if ((await item.count()) > 0) return item.click();
    await page.keyboard.press('Escape');
  }
  throw new Error(`the top bar offers no screen named ${label}`);
}

/** The label of the top bar's current screen: its link, or the menu item of a screen in a menu (read from the menu). */
export async function currentScreen(page: Page): Promise<string> {
  const link = page.locator('.topbar__links .topbar__link[aria-current="page"]');
  if ((await link.count()) > 0) return (await link.innerText()).trim();
  const menu = page.locator('.topbar__menu-button[data-active]');
  await menu.click();
  const current = (await page.locator('.topbar__menu-link[aria-current="page"]').innerText()).trim();
  await page.keyboard.press('Escape');
  return current;
}

/** Every screen the top bar offers: its links and each menu's screens, each menu opened and closed again to read it. */
export async function navigationLabels(page: Page): Promise<string[]> {
  const labels = await page.locator('.topbar__links .topbar__link').allInnerTexts();
  const menus = page.locator('.topbar__menu-button');
  for (let i = 0; i < (await menus.count()); i++) {
    await menus.nth(i).click();
    labels.push(...(await page.locator('.topbar__menu-link').allInnerTexts()));
    await page.keyboard.press('Escape');
  }
  return labels;
}
