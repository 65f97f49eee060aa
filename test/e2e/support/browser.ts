/** What every browser test shares: Debian's Chromium (the machine cannot download one), screenshots, logins. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
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
