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
  await page.locator('.topbar__menu-button').click();
  await page.locator('.topbar__menu-link', { hasText: label }).click();
}

/** Every screen the top bar offers: its links and the administration's menu, opened and closed again to read it. */
export async function navigationLabels(page: Page): Promise<string[]> {
  const links = await page.locator('.topbar__links .topbar__link').allInnerTexts();
  const menu = page.locator('.topbar__menu-button');
  if ((await menu.count()) === 0) return links;
  await menu.click();
  const admin = await page.locator('.topbar__menu-link').allInnerTexts();
  await page.keyboard.press('Escape');
  return [...links, ...admin];
}
