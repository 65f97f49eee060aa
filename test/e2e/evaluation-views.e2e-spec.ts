/**
 * The 亩均 evaluation's views in a real browser against the running platform with the demo park seeded: on the
 * plan dashboard (园区指标) the carriers' evaluation with the enterprises' benchmarks and grade thresholds it is held
 * to, and the grade movers from 2023 to 2024 with their reasons in words; then a mover's grades by year on its
 * enterprise profile, and an energy manager's own on a phone. Every figure is checked against what the API answers
 * for the same data; at 1920, 1366 and 390 px nothing reaches past the right edge, and no Latin word or raw code
 * shows in the Chinese page.
 * Screenshots land in test-output/screenshots/ (copied to docs/screenshots/).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { formatNumber } from '../../apps/web/src/i18n/format';
import type {
  CarrierPerformance,
  EvaluationBenchmarks,
  GradeMove,
  GradeMovers,
} from '../../apps/web/src/plan/plan-api';
import { shownReasons } from '../../apps/web/src/plan/grade-movers';
import type { EvaluationHistory } from '../../apps/web/src/records/records-api';
import { launchChromium, loginToken, SCREENSHOTS } from './support/browser';
import { measureOverflow } from './support/overflow';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import { E2E_WEB_ROOT } from './support/web-build';

/** The demo park reports 2020–2024: the page opens on 2024. */
const YEAR = 2024;
const WIDTHS = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
] as const;
/** Latin words in the Chinese page: a raw code or an untranslated label (units like m² and tce aside). */
const LATIN_WORD = /\b(?!tce\b)[A-Za-z]{3,}\b/;

type Moved = Extract<GradeMove, { kind: 'up' | 'down' }>;
const isMoved = (m: GradeMove): m is Moved => m.kind === 'up' || m.kind === 'down';

describe('亩均 evaluation views (web) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;
  let carriers: CarrierPerformance[];
  let benchmarks: EvaluationBenchmarks;
  let movers: GradeMovers;

  async function apiGet<T>(path: string): Promise<T> {
    const token = await loginToken(stack.apiUrl, 'operator');
    const res = await fetch(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }
  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
  const points = (v: number) => `${formatNumber(v, 'zh-CN')} 分`;

  async function overflowAt(name: string): Promise<string[]> {
    const failures: string[] = [];
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      const measured = await measureOverflow(page);
      if (measured.scrollWidth > measured.clientWidth)
        failures.push(
          `${name} @${size.width}: document ${measured.scrollWidth} px in ${measured.clientWidth} px`,
        );
      if (measured.wide.length > 0) failures.push(`${name} @${size.width}: ${measured.wide.join(', ')}`);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size.width}-zh.png`), fullPage: true });
    }
    await page.setViewportSize(WIDTHS[0]);
    return failures;
  }

  beforeAll(async () => {
    stack = await startParkStack('evaluation', E2E_WEB_ROOT);
    carriers = await apiGet(`/api/analytics/evaluation/carriers?year=${YEAR}`);
    benchmarks = await apiGet(`/api/analytics/evaluation/benchmarks?year=${YEAR}`);
    movers = await apiGet(`/api/analytics/evaluation/movers?year=${YEAR}`);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: WIDTHS[0], locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.goto(stack.apiUrl);
    await page.locator('input[name="username"]').fill('operator');
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('h1.console__title').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('has demo data worth showing: graded carriers and enterprises that changed grade from 2023', () => {
    expect(carriers.filter((c) => c.evaluation?.grade).length).toBeGreaterThan(0);
    expect(benchmarks.basisYear).toBe(2023);
    expect(movers.previousGraded).toBeGreaterThan(0);
    expect(movers.moves.some((m) => m.kind === 'up' || m.kind === 'down')).toBe(true);
  });

  it("shows each carrier's grade, score and indicators with units, against the enterprises' benchmarks", async () => {
    await page.locator('.topbar__link', { hasText: '园区指标' }).click();
    await page.locator('.evaluation-tabs').waitFor();
    expect(await text(page.locator('.evaluation-tabs'))).toBe('企业排名 等级变动 载体评价');
    await page.locator('.evaluation-tabs .tab[data-view="carriers"]').click();
    const view = page.locator('.carrier-evaluation');
    await view.locator('table.carrier-evaluation__table').waitFor();
    expect(await text(view.locator('h3'))).toBe(`载体亩均评价（${YEAR} 年数据）`);
    expect(await text(view.locator('.evaluation-view__note').first())).toContain(
      `基准值 = 2 × ${benchmarks.basisYear} 年参评企业的均值`,
    );
    const floors = benchmarks.gradeFloors!;
    expect(await text(view.locator('[data-field="floors"]'))).toBe(
      `${YEAR} 年企业等级分数线：A 类 ≥ ${points(floors.A!)}，B 类 ≥ ${points(floors.B!)}，C 类 ≥ ${points(floors.C!)}，以下为 D 类`,
    );
    // The benchmark the carriers are scored against, per indicator, in its unit; weight 0 is "not scored".
    const tax = view.locator('.carrier-evaluation__benchmarks tr[data-indicator="taxPerMu"]');
    expect(await text(tax)).toBe(
      `亩均税收 ${formatNumber(benchmarks.benchmarks.taxPerMu!, 'zh-CN')} 万元/亩 45 分`,
    );
    const energy = view.locator('.carrier-evaluation__benchmarks tr[data-indicator="outputPerEnergy"]');
    expect(await text(energy)).toBe(
      `单位能耗产值 ${formatNumber(benchmarks.benchmarks.outputPerEnergy!, 'zh-CN')} 万元/吨标准煤 20 分`,
    );
    expect(await text(view.locator('tr[data-indicator="outputPerMu"] td').last())).toBe('不计分');

    const rows = view.locator('table.carrier-evaluation__table tbody tr');
    expect(await rows.count()).toBe(carriers.length);
    for (const c of carriers) {
      const row = view.locator(`table.carrier-evaluation__table tr[data-id="${c.id}"]`);
      const cells = row.locator('td');
      expect(await text(cells.nth(1))).toBe(c.name);
      expect(await text(cells.nth(2))).toBe(c.evaluation?.grade ?? '不定等级');
      expect(await text(cells.nth(3))).toBe(
        c.evaluation?.score == null ? '不计分' : points(c.evaluation.score),
      );
      const tax = c.evaluation?.values.taxPerMu;
      expect(await text(row.locator('td[data-indicator="taxPerMu"]'))).toBe(
        tax == null ? '未上报' : `${formatNumber(tax, 'zh-CN')} 万元/亩`,
      );
    }
    expect(await view.innerText()).not.toMatch(LATIN_WORD);
    expect(await overflowAt('plan-carrier-evaluation')).toEqual([]);
  });

  it('lists the grade movers from 2023 with the indicator that moved them, in words with units', async () => {
    await page.locator('.evaluation-tabs .tab[data-view="movers"]').click();
    const view = page.locator('.movers-view');
    await view.locator('.movers').waitFor();
    expect(await text(view.locator('h3'))).toBe(`2023 年 → ${YEAR} 年等级变动`);
    expect(await view.locator('.mover').count()).toBe(movers.moves.length);
    const moved = movers.moves.filter(isMoved);
    for (const move of moved) {
      const item = view.locator(`.mover[data-id="${move.id}"]`);
      expect(await text(item.locator('.mover__name'))).toBe(move.name);
      expect(await text(item.locator('.mover__kind'))).toBe(move.kind === 'down' ? '降级' : '升级');
      expect(await text(item.locator('.mover__grades'))).toBe(`${move.from} → ${move.to}`);
      const lines = await item.locator('.mover__lines li').allInnerTexts();
      expect(lines[0]).toBe(
        `得分 ${points(move.scoreFrom)} → ${points(move.scoreTo)}，排名第 ${move.rankFrom} → 第 ${move.rankTo}`,
      );
      // A rise with a worse rank (or a drop with a better one) says the rank share moved it.
      const rankAgainst = move.kind === 'up' ? move.rankTo >= move.rankFrom : move.rankTo <= move.rankFrom;
      expect(lines.some((l) => l.startsWith('等级按排名占比划分'))).toBe(rankAgainst);
      if (move.reasons.length === 0) {
        expect(lines.slice(rankAgainst ? 2 : 1)).toEqual([
          move.kind === 'down'
            ? '得分未降，因其他企业得分超过而排名下降'
            : '得分未升，因其他企业得分回落而排名上升',
        ]);
        continue;
      }
      // The main reason names the indicator, its value both years with the unit, and the points it moved.
      const main = move.reasons[0];
      const reasonLines = lines.filter((l) =>
        /^(亩均税收|亩均销售收入|单位能耗产值|亩均产值|研发投入强度)/.test(l),
      );
      expect(reasonLines).toHaveLength(shownReasons(move.reasons).length);
      expect(reasonLines[0]).toMatch(/（[+−][\d.,]+ 分）$/);
      const [from, to] = [main.valueFrom, main.valueTo];
      if (from !== null && to !== null && formatNumber(from, 'zh-CN') !== formatNumber(to, 'zh-CN'))
        expect(reasonLines[0]).toContain(
          `由 ${formatNumber(from, 'zh-CN')} ${main.unit === '万元/tce' ? '万元/吨标准煤' : main.unit} ${
            to < from ? '降至' : '升至'
          } ${formatNumber(to, 'zh-CN')}`,
        );
    }
    expect(await view.innerText()).not.toMatch(LATIN_WORD);
    expect(await overflowAt('plan-grade-movers')).toEqual([]);
  });

  it("shows a mover's grades by year on its profile, with the move and its reason", async () => {
    // The first mover listed: a drop when there is one (drops come first).
    const move = movers.moves.filter(isMoved)[0];
    const history = await apiGet<EvaluationHistory>(
      `/api/analytics/evaluation/enterprises/${move.id}/history`,
    );
    await page.locator(`.mover[data-id="${move.id}"] .mover__name a`).click();
    await page.locator('h1.records__title').waitFor();
    expect(await text(page.locator('h1.records__title'))).toBe(move.name);
    const table = page.locator('table.records-grades');
    await table.waitFor();
    expect(await text(page.locator('#records-grades-heading'))).toBe('亩均评价历年等级');
    expect(await table.locator('tbody tr').count()).toBe(history.years.length);
    for (const y of history.years) {
      const row = table.locator(`tr[data-year="${y.year}"]`);
      const cells = row.locator('td');
      expect(await text(row.locator('th'))).toBe(`${y.year} 年`);
      expect(await text(cells.nth(0))).toBe(
        y.evaluation === null ? '未参评' : (y.evaluation.grade ?? '不定等级'),
      );
      if (y.evaluation?.rank != null)
        expect(await text(cells.nth(2))).toBe(`第 ${y.evaluation.rank} 名 / 共 ${y.graded} 家`);
    }
    const change = table.locator(`tr[data-year="${YEAR}"] .records-grades__change`);
    expect(await change.getAttribute('data-kind')).toBe(move.kind);
    expect(await text(change.locator('.mover__kind'))).toBe(move.kind === 'down' ? '降级' : '升级');
    expect(await text(change.locator('.records-grades__reasons li').first())).toBe(
      `得分 ${points(move.scoreFrom)} → ${points(move.scoreTo)}，排名第 ${move.rankFrom} → 第 ${move.rankTo}`,
    );
    expect(await overflowAt('enterprise-grade-history')).toEqual([]);
  });

  it("shows an energy manager their own enterprise's grades by year, on a phone", async () => {
    const token = await loginToken(stack.apiUrl, 'manager');
    const own = (await (
      await fetch(`${stack.apiUrl}/api/enterprises`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { items: { id: string }[] };
    expect(own.items).toHaveLength(1);
    const context = await browser.newContext({ viewport: WIDTHS[2], locale: 'zh-CN' });
    const phone = await context.newPage();
    phone.setDefaultTimeout(30_000);
    await phone.goto(stack.apiUrl);
    await phone.locator('input[name="username"]').fill('manager');
    await phone.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await phone.locator('form button[type="submit"]').click();
    await phone.locator('h1.console__title').waitFor();
    await phone.goto(`${stack.apiUrl}/enterprises/${own.items[0].id}`);
    const table = phone.locator('table.records-grades');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(1);
    expect(await phone.locator('#records-grades-heading').innerText()).toBe('亩均评价历年等级');
    await context.close();
  });

  it('reads in English too: the carriers view with English units', async () => {
    await page.goto(`${stack.apiUrl}/plan`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('.evaluation-tabs .tab[data-view="carriers"]').click();
    const view = page.locator('.carrier-evaluation');
    await view.locator('table.carrier-evaluation__table').waitFor();
    expect(await text(view.locator('h3'))).toBe(`Carriers’ per-mu evaluation (${YEAR} figures)`);
    expect(await text(view.locator('.carrier-evaluation__benchmarks tr[data-indicator="taxPerMu"] th'))).toBe(
      'Tax per mu',
    );
    // Everything but the carriers' own names is English.
    for (const part of [
      view.locator('.evaluation-view__note').first(),
      view.locator('.carrier-evaluation__benchmarks'),
      view.locator('table.carrier-evaluation__table thead'),
    ])
      expect(await part.innerText()).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
