/**
 * 地块档案 and 产业载体 (land parcels and carriers) in a real browser (headless chromium via playwright-core) against
 * the running platform on the real services, with the demo park seeded: an officer opens the parcels page, reads
 * the list (codes, names, areas in 亩) and the park map (one drawn polygon per parcel the API returns, a legend
 * that adds up), selects a parcel on the map and opens its profile; opens the carriers page and reads each
 * carrier's occupancy exactly as the API computes it, with its tenants; switches to English; an energy manager is
 * offered the parcels (only their own) and not the carriers. Screenshots land in test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EnterpriseEntity } from '@park/records';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { formatQuantity } from '../../apps/web/src/i18n/format';
import { occupancyOf, vacantArea } from '../../apps/web/src/land/carrier-occupancy';
import type { Carrier, Parcel, ParcelFeatureCollection, Tenancy } from '../../apps/web/src/land/land-api';
import type { Page as RecordsPage } from '../../apps/web/src/records/records-api';
import { waitFor } from '../support/wait-for';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import {
  currentScreen,
  launchChromium,
  loginToken,
  navigationLabels,
  openScreen,
  SCREENSHOTS,
} from './support/browser';
import { E2E_WEB_ROOT } from './support/web-build';

const CHEM = '启东示范化工有限公司';
/** The demo chemical enterprise's own parcel (demo-seed.ts: row 1, column 1). */
const CHEM_PARCEL = 'QD-GX-0101';
const CJK = /[\u4e00-\u9fff]/;

/** Runs in the page (no DOM types here): how wide the document is laid out, px. */
function pageWidth(): number {
  return (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
    .documentElement.scrollWidth;
}

/** Runs in the page (no DOM types here): one attribute of every element a locator matches. */
function attributeOf(elements: unknown[], name: string): (string | null)[] {
  return elements.map((e) => (e as { getAttribute(n: string): string | null }).getAttribute(name));
}

describe('land parcels and carriers (web) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;
  let chem: EnterpriseEntity;
  /** What the API answers to an officer: the pages must show the same. */
  let parcels: Parcel[];
  let map: ParcelFeatureCollection;
  let carriers: Carrier[];
  const tenants = new Map<string, Tenancy[]>();

  async function apiGet<T>(token: string, path: string, status = 200): Promise<T> {
    const res = await fetch(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(status);
    return (await res.json()) as T;
  }

  const tokenOf = (username: string) => loginToken(stack.apiUrl, username);
  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
  const m2 = (v: number, language: 'zh-CN' | 'en' = 'zh-CN') => formatQuantity(v, 'm²', language);

  beforeAll(async () => {
    stack = await startParkStack('parcels', E2E_WEB_ROOT);
    chem = await stack.env.records.getRepository(EnterpriseEntity).findOneByOrFail({ name: CHEM });
    const token = await tokenOf('officer');
    parcels = (await apiGet<RecordsPage<Parcel>>(token, '/api/parcels?pageSize=500&sort=code')).items;
    map = await apiGet(token, '/api/parcels/map');
    carriers = (await apiGet<RecordsPage<Carrier>>(token, '/api/carriers?pageSize=500&sort=code')).items;
    for (const c of carriers) tenants.set(c.id, await apiGet(token, `/api/carriers/${c.id}/tenants`));

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

  async function signIn(username: string): Promise<void> {
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('.topbar__link').first().waitFor();
  }

  it('has demo data worth showing: 38 parcels with boundaries, four carriers with tenants', () => {
    expect(parcels).toHaveLength(38);
    expect(map.features).toHaveLength(parcels.length);
    expect(carriers).toHaveLength(4);
    for (const c of carriers) {
      expect(tenants.get(c.id)!.length).toBeGreaterThan(0);
      // The API's occupancy is the sum of the tenancies it lists, as the page's own computation says.
      expect(occupancyOf(c.floorAreaM2, tenants.get(c.id)!)).toMatchObject({
        leasedAreaM2: c.leasedAreaM2,
        occupancy: c.occupancy,
        tenantCount: c.tenantCount,
      });
    }
  });

  it('lists the parcels with codes, names, enterprises and areas in 亩, paged', async () => {
    await page.goto(stack.apiUrl);
    await signIn('officer');
    await openScreen(page, '地块档案');
    await page.locator('h1.records__title', { hasText: '地块档案' }).waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/parcels`);
    await page.locator('.records-table__row').first().waitFor();
    expect(await page.locator('.records-table__row').count()).toBe(20);
    expect(await text(page.locator('.records__page'))).toBe('第 1 / 2 页，共 38 块');

    const first = page.locator('.records-table__row').first();
    expect(await first.getAttribute('data-id')).toBe(parcels[0].id);
    expect(await text(first.locator('.records-table__code'))).toBe(parcels[0].code);
    expect(await text(first.locator('.parcels-table__name'))).toBe(parcels[0].name);
    expect(await text(first.locator('.parcels-table__area'))).toBe(
      formatQuantity(parcels[0].areaMu, '亩', 'zh-CN'),
    );
    const chemParcel = parcels.find((p) => p.code === CHEM_PARCEL)!;
    const chemRow = page.locator(`.records-table__row[data-id="${chemParcel.id}"]`);
    await waitFor('the enterprise name', async () => (await text(chemRow)).includes(CHEM));
    expect(await chemRow.locator('.parcels-table__enterprise a').getAttribute('href')).toBe(
      `/enterprises/${chem.id}`,
    );
    // The 亩均 grade column appears once the evaluation answers.
    await page.locator('.parcels-table th', { hasText: '亩均评价' }).waitFor();
  });

  it('draws one polygon per parcel the API returns, coloured by grade with a legend that adds up', async () => {
    await page.locator('.parcels-map__parcel').first().waitFor();
    expect(await page.locator('.parcels-map__parcel').count()).toBe(map.features.length);
    expect((await page.locator('.parcels-map__parcel').evaluateAll(attributeOf, 'data-code')).sort()).toEqual(
      parcels.map((p) => p.code).sort(),
    );
    const d = await page.locator(`.parcels-map__parcel[data-code="${CHEM_PARCEL}"]`).getAttribute('d');
    expect(d).toMatch(/^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+){3}Z$/);
    await page
      .locator('.land-map__colouring button[aria-pressed="true"]', { hasText: '按亩均评价' })
      .waitFor();
    const legend = await page.locator('.land-legend__item[data-key] .land-legend__figures').allInnerTexts();
    const counts = legend.map((line) => Number(/^(\d+) 块/.exec(line)![1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(parcels.length);
    expect(await text(page.locator('.parcels-map__caption'))).toContain(`${parcels.length} 块`);

    await page.locator('.land-map__colouring button', { hasText: '按用地性质' }).click();
    const uses = [...new Set(parcels.map((p) => p.landUse))].sort();
    expect(
      (await page.locator('.land-legend__item[data-key]').evaluateAll(attributeOf, 'data-key')).sort(),
    ).toEqual(uses);
    await page.locator('.land-map__colouring button', { hasText: '按亩均评价' }).click();
  });

  it('selects a parcel on the map: its card names the enterprise, and opens the parcel profile', async () => {
    const chemParcel = parcels.find((p) => p.code === CHEM_PARCEL)!;
    const polygon = page.locator(`.parcels-map__parcel[data-code="${CHEM_PARCEL}"]`);
    await polygon.click();
    expect(await polygon.getAttribute('aria-pressed')).toBe('true');
    const card = page.locator('.land-card--selected');
    await card.waitFor();
    expect(await card.getAttribute('data-id')).toBe(chemParcel.id);
    const cardText = await text(card);
    expect(cardText).toContain(CHEM_PARCEL);
    expect(cardText).toContain(formatQuantity(chemParcel.areaMu, '亩', 'zh-CN'));
    expect(cardText).toContain(CHEM);
    await page.locator('.parcels-map__selected').waitFor();
    // The map's selection marks the row in the table below; hovering another row previews that parcel.
    expect(await page.locator('.records-table__row--selected').getAttribute('data-id')).toBe(chemParcel.id);
    const other = parcels.find((p) => p.code === 'QD-GX-0102')!;
    await page.locator(`.records-table__row[data-id="${other.id}"]`).hover();
    await page.locator(`.land-card[data-id="${other.id}"]`).waitFor();
    await page.locator('.parcels-map__hover').waitFor();
    await polygon.hover();
    await page.screenshot({ path: join(SCREENSHOTS, 'parcels-zh.png'), fullPage: true });

    await card.locator('a', { hasText: '查看地块档案' }).click();
    await page.locator('h1.records__title', { hasText: CHEM_PARCEL }).waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/parcels/${chemParcel.id}`);
    const facts = page.locator('.land-profile__facts');
    expect(await text(facts)).toContain(formatQuantity(chemParcel.areaMu, '亩', 'zh-CN'));
    expect(await facts.locator('a', { hasText: CHEM }).getAttribute('href')).toBe(`/enterprises/${chem.id}`);
    // The small map marks this parcel; the enterprise's 亩均 figures over the years come from the evaluation.
    expect(await page.locator('.parcels-map--compact .parcels-map__parcel').count()).toBe(
      map.features.length,
    );
    await page.locator('.parcels-mu, #parcels-mu-heading ~ .state--empty').first().waitFor();
    // The small map takes the room of its drawing and caption, no more (no stray global style sizes it).
    const figure = (await page.locator('.parcels-map--compact').boundingBox())!;
    const drawing = (await page.locator('.parcels-map--compact svg').boundingBox())!;
    expect(figure.width).toBeLessThanOrEqual(420);
    expect(figure.height).toBeLessThan(drawing.height + 40);
    // Nothing on the profile (the small map) pushes the page wider than the window.
    expect(await page.evaluate(pageWidth)).toBeLessThanOrEqual(1440);
    await page.screenshot({ path: join(SCREENSHOTS, 'parcel-profile-zh.png'), fullPage: true });
  });

  it('finds parcels by code', async () => {
    await page.locator('.records__back a').click();
    await page.locator('input[name="q"]').fill('QD-DX');
    await page.locator('.records__search button[type="submit"]').click();
    const expected = parcels.filter((p) => p.code.startsWith('QD-DX')).map((p) => p.code);
    await waitFor(
      'the search hits',
      async () => (await page.locator('.records-table__row').count()) === expected.length,
    );
    expect(await page.locator('.records-table__row .records-table__code').allInnerTexts()).toEqual(expected);
  });

  it('shows each carrier with its occupancy as the API computes it, vacancy and linked tenants', async () => {
    await openScreen(page, '产业载体');
    await page.locator('h1.records__title', { hasText: '产业载体' }).waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/carriers`);
    await page.locator('.carrier-card').first().waitFor();
    expect(await page.locator('.carrier-card').count()).toBe(carriers.length);
    for (const c of carriers) {
      const card = page.locator(`.carrier-card[data-id="${c.id}"]`);
      expect(await text(card.locator('.carrier-card__name'))).toBe(c.name);
      expect(await text(card.locator('.occupancy__value'))).toBe(formatQuantity(c.occupancy, '%', 'zh-CN'));
      expect(await text(card.locator('[data-field="floor"]'))).toBe(m2(c.floorAreaM2));
      expect(await text(card.locator('[data-field="leased"]'))).toBe(m2(c.leasedAreaM2));
      expect(await text(card.locator('[data-field="vacant"]'))).toBe(
        m2(vacantArea(c.leasedAreaM2, c.floorAreaM2)),
      );
      expect(await text(card.locator('[data-field="tenants"]'))).toBe(`${c.tenantCount} 家`);
      expect(await card.locator('[role="meter"]').getAttribute('aria-valuenow')).toBe(
        String(Math.min(100, c.occupancy)),
      );
      const largest = [...tenants.get(c.id)!].sort((a, b) => b.areaM2 - a.areaM2)[0];
      expect(await card.locator('.carrier-card__tenant-list a').first().getAttribute('href')).toBe(
        `/enterprises/${largest.enterpriseId}`,
      );
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'carriers-zh.png'), fullPage: true });
  });

  it('opens a carrier profile: every current tenant with its area, and the land it stands on', async () => {
    const c = carriers[0];
    await page.locator(`.carrier-card[data-id="${c.id}"] .carrier-card__name a`).click();
    await page.locator('h1.records__title', { hasText: c.name }).waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/carriers/${c.id}`);
    const current = tenants.get(c.id)!;
    expect(await page.locator('.carrier-tenants__row').count()).toBe(current.length);
    const areas = await page.locator('.carrier-tenants__row td:nth-child(2)').allInnerTexts();
    expect(areas.sort()).toEqual(current.map((t) => m2(t.areaM2)).sort());
    const own = parcels.filter((p) => p.carrierId === c.id).map((p) => p.code);
    expect(own.length).toBeGreaterThan(0);
    expect(await page.locator('.carrier-parcels a').allInnerTexts()).toEqual(own);
    await page.screenshot({ path: join(SCREENSHOTS, 'carrier-profile-zh.png'), fullPage: true });
  });

  it('switches to English: headings, figures and units change language', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await waitFor(
      'the English heading',
      async () => (await text(page.locator('#carrier-tenants-heading'))) === 'Tenants',
    );
    expect(await currentScreen(page)).toBe('Carriers');
    expect(await text(page.locator('#carrier-occupancy-heading'))).toBe('Occupancy');
    expect(await text(page.locator('.carrier-occupancy__figures'))).not.toMatch(CJK);
    expect(await text(page.locator('[data-field="floor"]'))).toBe(m2(carriers[0].floorAreaM2, 'en'));

    await openScreen(page, 'Land parcels');
    await page.locator('h1.records__title', { hasText: 'Land parcel records' }).waitFor();
    await page.locator('.records-table__row').first().waitFor();
    expect(await text(page.locator('.parcels-table thead'))).not.toMatch(CJK);
    expect(await text(page.locator('.records-table__row').first().locator('.parcels-table__area'))).toBe(
      formatQuantity(parcels[0].areaMu, 'mu', 'en'),
    );
    expect(await text(page.locator('#parcels-map-heading'))).toBe('Park map');
    await page.locator('.parcels-map__parcel').first().waitFor();
    expect(await text(page.locator('.parcels-map__caption'))).toContain(`${parcels.length} parcels`);
    await page.screenshot({ path: join(SCREENSHOTS, 'parcels-en.png'), fullPage: true });
  });

  it('offers an energy manager their own parcels only, and no carriers', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn('manager');
    const nav = await navigationLabels(page);
    expect(nav).toContain('Land parcels');
    expect(nav).not.toContain('Carriers');
    const own = await apiGet<ParcelFeatureCollection>(await tokenOf('manager'), '/api/parcels/map');
    expect(own.features.length).toBeGreaterThan(0);
    expect(own.features.length).toBeLessThan(map.features.length);
    await openScreen(page, 'Land parcels');
    await page.locator('.parcels-map__parcel').first().waitFor();
    expect(await page.locator('.parcels-map__parcel').count()).toBe(own.features.length);
    expect(await page.locator('.records-table__row').count()).toBe(own.features.length);
    await apiGet(await tokenOf('manager'), '/api/carriers', 403);

    // A parcel outside their enterprise is not theirs to see: the API answers 404 and the page says so.
    const carrierParcel = parcels.find((p) => p.carrierId !== null)!;
    await apiGet(await tokenOf('manager'), `/api/parcels/${carrierParcel.id}`, 404);
    await page.goto(`${stack.apiUrl}/parcels/${carrierParcel.id}`);
    const refusal = page.locator('.records .state--error');
    await refusal.waitFor();
    expect(await text(refusal.locator('p'))).toBe('The parcel does not exist or is not yours to see');
  });
});
