/**
 * The plan dashboard (园区指标) in a real browser (Debian's headless chromium, driven by playwright-core) against
 * the running platform on the real services, with the demo park seeded: the plan's targets with progress and
 * units, the four cultivation libraries, the 亩均 grade counts — each checked against what the API answers for
 * the same data — then English, another year, and an energy manager who is not offered the page.
 * Screenshots land in test-output/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { formatNumber } from '../../apps/web/src/i18n/format';
import type {
  Cultivation,
  CultivationLibrary,
  EvaluationRow,
  YearProgress,
} from '../../apps/web/src/plan/plan-api';
import { SourceFigureEntity } from '@park/records';
import { waitFor } from '../support/wait-for';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import { launchChromium, loginToken, SCREENSHOTS } from './support/browser';
import { E2E_WEB_ROOT } from './support/web-build';

/** The demo park reports 2020–2024, so the page opens on 2024, the latest plan year with figures. */
const YEAR = 2024;
const CJK = /[\u4e00-\u9fff]/;

const LIBRARIES: readonly { library: CultivationLibrary; zh: string; en: string }[] = [
  { library: 'above-scale', zh: '规上企业培育库', en: 'Above-scale enterprises' },
  { library: 'high-tech', zh: '高新技术企业培育库', en: 'High-tech enterprises' },
  { library: 'listed', zh: '上市企业培育库', en: 'Listing candidates' },
  { library: 'revenue-100m', zh: '销售过亿企业培育库', en: 'Sales over 100 million yuan' },
];

describe('plan dashboard (web) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;
  /** What the API answers for the demo park, read as an operator: the page must show the same. */
  let progress: YearProgress[];
  let cultivation: Cultivation;
  let evaluation: EvaluationRow[];

  async function apiGet<T>(token: string, path: string): Promise<T> {
    const res = await fetch(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }

  const tokenOf = (username: string) => loginToken(stack.apiUrl, username);

  beforeAll(async () => {
    stack = await startParkStack('plan', E2E_WEB_ROOT);
    // The demo park's sources send 2025 and 2026 figures (demo-exchange.ts); this walk reads 2025 as a year nobody
    // has reported yet, so they go (effective-indicators.e2e-spec.ts shows the figures themselves).
    await stack.env.records.getRepository(SourceFigureEntity).delete({ demo: true });
    const token = await tokenOf('operator');
    progress = await apiGet(token, '/api/analytics/progress?from=2023&to=2025');
    cultivation = await apiGet(token, `/api/analytics/cultivation?year=${YEAR}`);
    evaluation = await apiGet(token, `/api/analytics/evaluation/enterprises?year=${YEAR}`);

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

  /** The text as rendered (innerText: separate elements stay separate words), whitespace collapsed. */
  const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
  const target = (indicator: string) => page.locator(`.target[data-indicator="${indicator}"]`);
  const library = (id: CultivationLibrary) => page.locator(`.library[data-library="${id}"]`);
  const gradeCount = (grade: string) => page.locator(`.grade[data-grade="${grade}"] .grade__count`);
  const indicatorsOf = (year: number) => progress.find((p) => p.year === year)!.indicators;
  const gradeTotals = () => {
    const counts: Record<string, number> = { A: 0, B: 0, C: 0, D: 0, none: 0 };
    for (const row of evaluation) counts[row.grade ?? 'none'] += 1;
    return counts;
  };

  async function signIn(username: string): Promise<void> {
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('h1.console__title').waitFor();
  }

  it('has demo data worth showing: 2024 figures, a cultivation library with candidates, graded enterprises', () => {
    expect(indicatorsOf(YEAR).find((i) => i.indicator === 'above-scale-enterprises')!.value).toBeGreaterThan(
      0,
    );
    expect(LIBRARIES.some(({ library }) => cultivation[library].some((e) => !e.achieved))).toBe(true);
    expect(evaluation.filter((r) => r.grade !== null).length).toBeGreaterThanOrEqual(4);
  });

  it('opens from the navigation for an operator, on 2024, with every target, its progress and units', async () => {
    await page.goto(stack.apiUrl);
    await signIn('operator');
    await page.locator('.topbar__link', { hasText: '园区指标' }).click();
    await page.locator('h1.plan__title').waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/plan`);
    expect(await text(page.locator('h1'))).toBe('园区指标');
    expect(await text(page.locator('.plan__years [aria-pressed="true"]'))).toBe('2024 年');

    await page.locator('.target').first().waitFor();
    expect(await page.locator('.target').count()).toBe(9);
    expect(await text(page.locator('#plan-targets-heading'))).toBe('规划目标进展（2024 年数据）');

    // The migration's 2025 targets, with the plan's 超 (above) and 达 (at least), in their units.
    const goals: Record<string, { label: string; goal: string; unit: string }> = {
      'high-tech-investment': {
        label: '高新技术产业投资（累计）',
        goal: '2025 年目标：超过 50 亿元',
        unit: '亿元',
      },
      'high-tech-output-share': { label: '高新技术产业产值占比', goal: '2025 年目标：达到 50 %', unit: '%' },
      'core-industry-share': { label: '主导产业企业占比', goal: '2025 年目标：超过 90 %', unit: '%' },
      'carrier-occupancy': { label: '载体入驻率', goal: '2025 年目标：达到 100 %', unit: '%' },
      'inefficient-land-revitalized': {
        label: '盘活低效用地（累计）',
        goal: '2025 年目标：达到 2,000 亩',
        unit: '亩',
      },
      'above-scale-enterprises': { label: '规上工业企业', goal: '2025 年目标：超过 300 家', unit: '家' },
      'above-scale-taxable-sales': {
        label: '规上工业应税销售',
        goal: '2025 年目标：超过 300 亿元',
        unit: '亿元',
      },
      'invention-patents': { label: '有效发明专利', goal: '2025 年目标：达到 500 件', unit: '件' },
      'incubating-projects': { label: '在孵项目', goal: '2025 年目标：超过 30 个', unit: '个' },
    };
    for (const p of indicatorsOf(YEAR)) {
      const expected = goals[p.indicator];
      const row = target(p.indicator);
      expect(await text(row.locator('.target__label'))).toBe(expected.label);
      // Park totals in 亿元, as the plan states them (the API keeps 万元).
      expect(await text(row.locator('.target__value'))).toBe(
        `${formatNumber(expected.unit === '亿元' ? p.value! / 10_000 : p.value!, 'zh-CN')} ${expected.unit}`,
      );
      expect(await text(row.locator('.target__goal'))).toBe(expected.goal);
      expect(await text(row.locator('.target__progress'))).toBe(
        `完成 ${formatNumber(p.progress!, 'zh-CN')} %`,
      );
      expect(await text(row.locator('.target__status'))).toBe(p.met ? '已达成' : '未达成');
      const bar = row.locator('[role="progressbar"]');
      expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(Math.min(100, Math.max(0, p.progress!)));
    }
  });

  it('shows the four cultivation libraries with their counts, thresholds and candidates', async () => {
    expect(await page.locator('.library').count()).toBe(4);
    expect(await page.locator('.library__title').allInnerTexts()).toEqual(LIBRARIES.map((l) => l.zh));
    for (const { library: id } of LIBRARIES) {
      const entries = cultivation[id];
      const cultivating = entries.filter((e) => !e.achieved);
      const card = library(id);
      expect(await text(card.locator('.library__achieved'))).toBe(
        `已达标 ${entries.length - cultivating.length} 家`,
      );
      expect(await text(card.locator('.library__cultivating'))).toBe(`培育中 ${cultivating.length} 家`);
      expect(await card.locator('.member').count()).toBe(cultivating.length);
      for (const entry of cultivating) {
        const member = card.locator('.member', { hasText: entry.name });
        if (entry.progress !== null) {
          expect(await text(member.locator('.member__progress'))).toBe(
            `${formatNumber(entry.progress, 'zh-CN')} %`,
          );
        }
      }
    }
    expect(await text(library('above-scale').locator('.library__threshold'))).toBe(
      '入库标准：营业收入 2,000 万元',
    );
    // 高新技术: each firm is held to the R&D band its revenue falls in (国科发火〔2016〕32号 第十一条)
    expect(await text(library('high-tech').locator('.library__threshold'))).toBe(
      '入库标准：研发投入强度不低于 5%（营业收入 5,000 万元及以下）、4%（5,000 万元至 2 亿元）、3%（2 亿元以上）',
    );
    for (const entry of cultivation['high-tech'].filter((e) => !e.achieved && e.value !== null)) {
      expect([5, 4, 3]).toContain(entry.threshold);
      expect(
        await text(
          library('high-tech').locator('.member', { hasText: entry.name }).locator('.member__value'),
        ),
      ).toBe(`${formatNumber(entry.value!, 'zh-CN')} %（标准 ${entry.threshold} %）`);
    }
  });

  it('shows how many enterprises have each 亩均 grade, and ranks them', async () => {
    const totals = gradeTotals();
    for (const grade of ['A', 'B', 'C', 'D', 'none']) {
      expect(await text(gradeCount(grade))).toBe(`${totals[grade]} 家`);
    }
    expect(await text(page.locator('.grade[data-grade="A"] .grade__label'))).toBe('A 类 · 优先发展');
    expect(
      await page
        .locator('section[aria-labelledby="plan-evaluation-heading"] table.evaluation tbody tr')
        .count(),
    ).toBe(evaluation.length);
    const first = evaluation.find((r) => r.rank === 1)!;
    const firstRow = await text(
      page.locator('section[aria-labelledby="plan-evaluation-heading"] table.evaluation tbody tr').first(),
    );
    expect(firstRow).toContain(first.name);
    expect(firstRow).toContain('万元/亩');
    expect(firstRow).toContain('亩');
    await page.screenshot({ path: join(SCREENSHOTS, 'plan-dashboard-zh.png'), fullPage: true });
  });

  it('switches to English: navigation, headings, labels and units change language', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await waitFor('the English heading', async () => (await text(page.locator('h1'))) === 'Plan dashboard');
    expect(await page.locator('.topbar__link').allInnerTexts()).toEqual([
      'Alerts',
      'Alarm statistics',
      'Plan dashboard',
      'Plan tasks',
      'Energy',
      'Key projects',
      'Policies',
      'Devices',
      'Reports',
      'Duty',
      'Park records',
    ]);
    expect(await text(page.locator('.topbar__nav'))).not.toMatch(CJK);
    expect(await text(page.locator('.plan__header'))).not.toMatch(CJK);
    // Every label of the targets is English; only enterprise names stay as registered.
    expect(await text(page.locator('.plan-targets'))).not.toMatch(CJK);
    expect(await text(target('high-tech-investment').locator('.target__goal'))).toBe(
      '2025 target: above 50 100M CNY',
    );
    const patents = indicatorsOf(YEAR).find((i) => i.indicator === 'invention-patents')!;
    expect(await text(target('invention-patents').locator('.target__value'))).toBe(
      `${formatNumber(patents.value!, 'en')} items`,
    );
    expect(await page.locator('.library__title').allInnerTexts()).toEqual(LIBRARIES.map((l) => l.en));
    expect(await text(library('above-scale').locator('.library__threshold'))).toBe(
      'Threshold: revenue 2,000 10k CNY',
    );
    const totals = gradeTotals();
    expect(await text(gradeCount('A'))).toBe(`${totals.A} companies`);
    expect(await text(page.locator('.grade[data-grade="D"] .grade__label'))).toBe('D · to be remedied');
    expect(
      await text(page.locator('section[aria-labelledby="plan-evaluation-heading"] table.evaluation thead')),
    ).toBe('Rank Enterprise Grade Score Tax per mu Sales per mu Land');
    await page.screenshot({ path: join(SCREENSHOTS, 'plan-dashboard-en.png'), fullPage: true });
  });

  it('loads another year on request: 2025 has no reported figures yet, and says so', async () => {
    await page.locator('.plan__years').getByRole('button', { name: '2025' }).click();
    await waitFor(
      'the 2025 evaluation',
      async () =>
        (await text(page.locator('#plan-evaluation-heading'))) ===
        'Per-mu performance evaluation (2025 figures)',
    );
    expect(await text(page.locator('#plan-targets-heading'))).toBe(
      "Progress towards the plan's targets (2025 figures)",
    );
    await page.locator('.state--empty', { hasText: 'No per-mu evaluation for 2025' }).waitFor();
    // No enterprise reported 2025: the figures resting on that year's reports are null, shown as not reported.
    for (const indicator of [
      'above-scale-enterprises',
      'invention-patents',
      'high-tech-output-share',
    ] as const) {
      expect(indicatorsOf(2025).find((i) => i.indicator === indicator)).toMatchObject({
        value: null,
        progress: null,
        met: null,
      });
      expect(await text(target(indicator).locator('.target__value'))).toBe('not reported');
      expect(await text(target(indicator).locator('.target__status'))).toBe('Cannot be judged');
      expect(await target(indicator).locator('.target__progress').count()).toBe(0);
    }
    await page.getByRole('button', { name: '中文' }).click();
    await waitFor(
      'the Chinese heading',
      async () => (await text(target('above-scale-enterprises').locator('.target__value'))) === '未上报',
    );
    expect(await text(target('above-scale-enterprises').locator('.target__status'))).toBe('无法评估');
    await page.screenshot({ path: join(SCREENSHOTS, 'plan-dashboard-2025-zh.png'), fullPage: true });
    await page.getByRole('button', { name: 'English' }).click();
    await waitFor('English again', async () => (await text(page.locator('h1'))) === 'Plan dashboard');
  });

  it('does not offer the page to an energy manager, whom the analytics API refuses', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn('manager');
    expect(await page.locator('.topbar__link').allInnerTexts()).toEqual([
      'Alerts',
      'Alarm statistics',
      'Energy',
      'Key projects',
      'Policies',
      'Devices',
      'Reports',
      'Park records',
    ]);
    await page.goto(`${stack.apiUrl}/plan`);
    await page.locator('h1.console__title').waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/alerts`);
    const res = await fetch(`${stack.apiUrl}/api/analytics/targets`, {
      headers: { authorization: `Bearer ${await tokenOf('manager')}` },
    });
    expect(res.status).toBe(403);
  });
});
