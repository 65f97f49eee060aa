/**
 * The energy page (能源管理) in a real browser (Debian's headless chromium, driven by playwright-core) against the
 * running platform on the real services, with the demo park seeded and a day of kWh/kW readings written for the
 * demo chemical plant's meters: the demo energy manager opens it from the navigation and sees their enterprise's
 * figures — the same the API answers — with units; another enterprise's page (address) and API are refused; an
 * officer opens the page on the whole park, the enterprises ranked as the ranking API answers, and narrows it to
 * a custom range of days. Screenshots land in test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TelemetryRecord } from '@park/contracts';
import { EnterpriseEntity } from '@park/records';
import { type Browser, type Locator, type Page } from 'playwright-core';
import type { EnergyRanking, EnergySummary } from '../../apps/web/src/energy/energy-api';
import { parkDate, presetWindow } from '../../apps/web/src/energy/energy-model';
import { formatQuantity } from '../../apps/web/src/i18n/format';
import { translate } from '../../apps/web/src/i18n/messages';
import { waitFor } from '../support/wait-for';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import { launchChromium, loginToken, SCREENSHOTS } from './support/browser';
import { E2E_WEB_ROOT } from './support/web-build';

const QUARTER = 15 * 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('energy page (web) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;
  let chem: EnterpriseEntity;
  let mech: EnterpriseEntity;

  const tokenOf = (username: string) => loginToken(stack.apiUrl, username);

  beforeAll(async () => {
    stack = await startParkStack('energy', E2E_WEB_ROOT);
    const enterprises = stack.env.records.getRepository(EnterpriseEntity);
    chem = await enterprises.findOneByOrFail({ name: '启东示范化工有限公司' });
    mech = await enterprises.findOneByOrFail({ name: '启东示范精密机械有限公司' });

    // No simulator runs here: yesterday (park time) of readings every 15 minutes for two of the plant's meters —
    // the production meter at 120 kW from 08:00 to 22:00 and 30 kW otherwise, the office meter at 10 kW.
    await stack.env.influx.ensureSchema();
    const today = Math.floor((Date.now() + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
    const start = today - DAY;
    const records: TelemetryRecord[] = [];
    let production = 12_000;
    let office = 3_000;
    for (let ts = start - QUARTER; ts < today; ts += QUARTER) {
      const hour = new Date(ts + 8 * HOUR).getUTCHours();
      const kw = hour >= 8 && hour < 22 ? 120 : 30;
      production += kw / 4;
      office += 10 / 4;
      for (const [deviceId, role, load, kwh] of [
        ['demo-meter-001', 'production', kw, production],
        ['demo-meter-003', 'general', 10, office],
      ] as const)
        records.push({
          v: 1,
          deviceId,
          enterpriseId: chem.id,
          kind: 'power-meter',
          role,
          line: null,
          ts,
          values: { kw: load, kwh },
          receivedAt: ts,
        });
    }
    expect((await stack.env.influx.write(records)).rejected).toEqual([]);

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

  it("shows the energy manager their own enterprise's figures, as the API answers them, with units", async () => {
    await page.goto(stack.apiUrl);
    await page.locator('input[name="username"]').fill('manager');
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('h1.console__title').waitFor();
    await page.locator('.topbar__link', { hasText: '能源管理' }).click();
    await page.locator('h1.energy__title').waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/energy`);

    // The page opens on the last 7 days: ask the API for the same window as the same user.
    const window = presetWindow('7d', Date.now());
    const res = await fetch(`${stack.apiUrl}/api/energy/summary?from=${window.from}&to=${window.to}`, {
      headers: { authorization: `Bearer ${await tokenOf('manager')}` },
    });
    expect(res.status).toBe(200);
    const summary = (await res.json()) as EnergySummary;
    // 14 h × 120 kW + 10 h × 30 kW + 24 h × 10 kW.
    expect(summary.totalKwh).toBe(14 * 120 + 10 * 30 + 24 * 10);
    expect(summary.peakDemand?.kw).toBe(130);

    const kpi = page.getByTestId('kpi-kwh').locator('.energy__kpi-value');
    await kpi.waitFor();
    expect(await text(kpi)).toBe(formatQuantity(summary.totalKwh, 'kWh', 'zh-CN'));
    expect(await text(page.getByTestId('energy-enterprise'))).toBe('启东示范化工有限公司');
    expect(await text(page.getByTestId('kpi-peak').locator('.energy__kpi-value'))).toBe('130 kW');
    expect(await text(page.getByTestId('kpi-carbon').locator('.energy__kpi-value'))).toBe(
      formatQuantity(summary.carbon.tCo2e, 't CO₂', 'zh-CN'),
    );
    expect(await text(page.getByTestId('kpi-yoy'))).toContain('去年同期无数据');
    expect(await page.locator('[data-testid="energy-meters"] tbody tr').count()).toBe(3);
    expect(await text(page.locator('[data-testid="energy-tou"] tbody tr').first())).toBe(
      `峰 ${formatQuantity(summary.tou.peak, 'kWh', 'zh-CN')} ${formatQuantity(
        Math.round((summary.tou.peak / summary.totalKwh) * 1000) / 10,
        '%',
        'zh-CN',
      )}`,
    );
    expect(await page.locator('.energy__chart canvas').count()).toBe(2);
    // No enterprise picker for an energy manager.
    expect(await page.locator('.energy__field select').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'energy-manager-zh.png'), fullPage: true });
  });

  it("refuses another enterprise's energy, in the page and in the API", async () => {
    await page.goto(`${stack.apiUrl}/energy/${mech.id}`);
    const alert = page.locator('.energy [role="alert"]');
    await alert.waitFor();
    expect(await text(alert.locator('p'))).toBe(
      translate('zh-CN', 'energy.loadError', { message: translate('zh-CN', 'error.notFound') }),
    );
    expect(await page.getByTestId('kpi-kwh').count()).toBe(0);

    const window = presetWindow('7d', Date.now());
    for (const path of ['/api/energy/summary', '/api/energy/summary.csv']) {
      const res = await fetch(
        `${stack.apiUrl}${path}?enterpriseId=${mech.id}&from=${window.from}&to=${window.to}`,
        { headers: { authorization: `Bearer ${await tokenOf('manager')}` } },
      );
      expect(res.status).toBe(404);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'energy-manager-refused.png') });
  });

  it('lets an administrator pick any enterprise, and says when one has no readings', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.locator('input[name="username"]').fill('admin');
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    // Signed in where the manager was refused (/energy/<the other enterprise>): a park role may open it.
    await page.locator('h1.energy__title').waitFor();
    await page.goto(`${stack.apiUrl}/energy/${chem.id}`);
    const picker = page.locator('.energy__field select');
    await page.getByTestId('kpi-kwh').waitFor();
    expect(await picker.inputValue()).toBe(chem.id);
    expect(await text(page.getByTestId('kpi-kwh').locator('.energy__kpi-value'))).toBe('2,220 kWh');

    await picker.selectOption(mech.id);
    await page.locator('.energy .state--empty').waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/energy/${mech.id}`);
    expect(await text(page.locator('.energy .state--empty'))).toBe('该时段没有电表读数');
    expect(await text(page.getByTestId('kpi-kwh').locator('.energy__kpi-value'))).toBe('0 kWh');
    expect(await text(page.getByTestId('kpi-peak').locator('.energy__kpi-value'))).toBe('无数据');
  });

  it('opens on the whole park for an officer: enterprises ranked by kWh as the API answers, a custom range of days', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.locator('input[name="username"]').fill('officer');
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('.topbar__links').waitFor();
    await page.goto(`${stack.apiUrl}/energy`);
    const ranking = page.getByTestId('energy-ranking');
    await ranking.waitFor();
    expect(await page.locator('.energy__field select').inputValue()).toBe(''); // 全园区, not the first enterprise

    // The same window as the page (last 7 days), asked of the API as the same user.
    const window = presetWindow('7d', Date.now());
    const res = await fetch(`${stack.apiUrl}/api/energy/ranking?from=${window.from}&to=${window.to}`, {
      headers: { authorization: `Bearer ${await tokenOf('officer')}` },
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as EnergyRanking;
    expect(answer.enterprises[0]).toMatchObject({ enterpriseId: chem.id, kwh: 2_220, sharePct: 100 });
    expect(answer.enterprises[0].peakDemand?.kw).toBe(130);

    const rows = ranking.locator('tbody tr');
    expect(await rows.count()).toBe(answer.enterprises.length);
    const first = await text(rows.first());
    expect(first).toContain('1 启东示范化工有限公司 2,220 kWh');
    expect(first).toContain(formatQuantity(100, '%', 'zh-CN'));
    expect(first).toContain('130 kW');
    expect(await text(page.getByTestId('kpi-park-kwh').locator('.energy__kpi-value'))).toBe('2,220 kWh');
    expect(await text(page.locator('.energy'))).not.toMatch(/undefined|null|NaN|enterprise|ranking/i);
    await page.screenshot({ path: join(SCREENSHOTS, 'energy-park-zh.png'), fullPage: true });
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(SCREENSHOTS, `energy-park-${width}.png`), fullPage: true });
      const scrollWidth = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
            .documentElement.scrollWidth,
      );
      expect([width, scrollWidth <= width]).toEqual([width, true]);
    }
    await page.setViewportSize({ width: 1440, height: 1000 });

    // A custom range of one day, today (park time): no readings yet, so every enterprise used 0 kWh.
    const today = parkDate(Date.now());
    await page.locator('input[name="first"]').fill(today);
    await page.locator('input[name="last"]').fill(today);
    await page.getByRole('button', { name: '按日期查询' }).click();
    const kpi = page.getByTestId('kpi-park-kwh').locator('.energy__kpi-value');
    await waitFor('the day’s ranking', async () => (await text(kpi)) === '0 kWh');
    expect(await text(page.locator('.energy__window'))).toContain(today);
    expect(await text(rows.first())).toContain('无数据'); // no share of nothing, no peak
    // A reversed range is refused in words, and the table stays.
    await page.locator('input[name="first"]').fill(today);
    await page.locator('input[name="last"]').fill(parkDate(Date.now() - DAY));
    await page.getByRole('button', { name: '按日期查询' }).click();
    expect(await text(page.locator('.energy__header [role="alert"]'))).toBe(
      translate('zh-CN', 'energy.custom.invalid'),
    );

    // An enterprise's name opens its summary, and 全园区 comes back to the ranking.
    await ranking.locator(`tr[data-enterprise="${chem.id}"] a`).click();
    await page.getByTestId('kpi-kwh').waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/energy/${chem.id}`);
    await page.locator('.energy__field select').selectOption('');
    await ranking.waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/energy`);
  });
});
