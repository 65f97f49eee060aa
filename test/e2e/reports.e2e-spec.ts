/**
 * The reports page (报表) in a real browser against the running platform on the real services: an officer opens it
 * from the navigation, generates yesterday's 排放日报 of the demo CEMS from the form and sees it listed with who and
 * when, downloads its PDF through the page, and the PDF is checked as a reader would meet it: pdftotext finds the
 * Chinese title and pollutant names (the embedded Noto Sans SC), and the page rendered by pdftoppm has a drawn
 * table (the grid's horizontal rules). The page has no horizontal overflow at 1920, 1366 and 390 px. Screenshots
 * (the page, and the PDF's first page as PNG) land in test-output/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TelemetryRecord } from '@park/contracts';
import { EnterpriseEntity } from '@park/records';
import { HOUR_MS, parkDate, parsePeriod, type ReportPeriod } from '@park/reports';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium, SCREENSHOTS } from './support/browser';
import { measureOverflow } from './support/overflow';
import { DEMO_PASSWORD, startParkStack, type ParkStack } from './support/park-stack';
import { E2E_WEB_ROOT } from './support/web-build';

/**
 * Rows of a greyscale PGM (P5, as `pdftoppm -gray` writes it) that are dark across at least `share` of the width:
 * a table's horizontal rules. Text never makes such a row; a drawn grid makes one per row border.
 */
function ruledRows(pgm: Buffer, share: number): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.toString('latin1', 0, 64));
  if (!header) throw new Error('not a binary PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const data = pgm.subarray(header[0].length);
  let rules = 0;
  for (let y = 0; y < height; y++) {
    let dark = 0;
    for (let x = 0; x < width; x++) if (data[y * width + x] < 160) dark++;
    if (dark >= width * share) rules++;
  }
  return rules;
}

describe('reports page (web) in a real browser, end to end on the real services', () => {
  let stack: ParkStack;
  let browser: Browser;
  let page: Page;
  let day: ReportPeriod;

  beforeAll(async () => {
    stack = await startParkStack('reports', E2E_WEB_ROOT, { REPORTS_SCHEDULE: 'false' });
    const chem = await stack.env.records
      .getRepository(EnterpriseEntity)
      .findOneByOrFail({ name: '启东示范化工有限公司' });
    // Yesterday (park time) of the demo CEMS every 10 minutes: SO₂ 30, NOx 90, O₂ 3.5 %, rolled up by the hourly
    // continuous query's own statement.
    day = parsePeriod(parkDate(Date.now() - 24 * HOUR_MS)) as ReportPeriod;
    const records: TelemetryRecord[] = [];
    for (let ts = day.from; ts < day.to; ts += 10 * 60_000)
      records.push({
        v: 1,
        deviceId: 'demo-cems-001',
        enterpriseId: chem.id,
        kind: 'stack-gas',
        role: null,
        line: 'synthesis-1',
        ts,
        values: { so2: 30, nox: 90, o2: 3.5 },
        receivedAt: ts,
      });
    await stack.env.influx.ensureSchema();
    expect((await stack.env.influx.write(records)).rejected).toEqual([]);
    await stack.env.influx.rollUp({ from: day.from, to: day.to });

    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('generates yesterday’s 排放日报 from the form and lists it with who and when', async () => {
    await page.goto(stack.apiUrl);
    await page.locator('input[name="username"]').fill('officer');
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('h1.console__title').waitFor();
    await page.locator('.topbar__link', { hasText: '报表' }).click();
    await page.locator('h1.devices__title', { hasText: '报表' }).waitFor();
    expect(page.url()).toBe(`${stack.apiUrl}/reports`);

    await page.locator('select[name="kind"]').selectOption('emission');
    await page.locator('select[name="granularity"]').selectOption('day');
    await page
      .locator('select[name="outlet"] option', { hasText: '导热油炉烟囱 CEMS' })
      .waitFor({ state: 'attached' });
    await page.locator('select[name="outlet"]').selectOption('demo-cems-001');
    await page.locator('input[name="day"]').fill(day.label);
    await page.locator('.reports__form button[type="submit"]').click();
    const [year, month, date] = day.label.split('-').map(Number);
    const title = `导热油炉烟囱 CEMS 排放日报 ${year}年${month}月${date}日`;
    await page.locator('.reports__message', { hasText: `已生成：${title}` }).waitFor();

    const row = page.locator('.reports-table tbody tr', { hasText: title });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[0]).toBe(title);
    expect(cells[1]).toBe(`${year}年${month}月${date}日`);
    expect(cells[2]).toBe('officer');
    expect(cells[4]).toBe('已生成');
    await page.screenshot({ path: join(SCREENSHOTS, 'reports-zh.png') });
  });

  it('downloads the PDF: Chinese text embedded, a table drawn on the page', async () => {
    const row = page.locator('.reports-table tbody tr').first();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.locator('button', { hasText: 'PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`emission-${day.label}-demo-cems-001.pdf`);
    const dir = mkdtempSync(join(tmpdir(), 'reports-e2e-'));
    const pdf = join(dir, 'report.pdf');
    await download.saveAs(pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    const text = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('导热油炉烟囱 CEMS 排放日报');
    expect(text).toContain('二氧化硫(折算)');
    expect(text).toContain('有效数据捕集率');
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);

    execFileSync('pdftoppm', [
      '-gray',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf,
      join(dir, 'page'),
    ]);
    // The summary table alone has a rule above its header, under it and under each of its 3 rows.
    expect(ruledRows(readFileSync(join(dir, 'page.pgm')), 0.5)).toBeGreaterThanOrEqual(5);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf,
      join(dir, 'page'),
    ]);
    copyFileSync(join(dir, 'page.png'), join(SCREENSHOTS, 'report-emission-daily-pdf.png'));
  });

  it('has no horizontal overflow at 1920, 1366 and 390 px', async () => {
    const failures: string[] = [];
    for (const size of [
      { width: 1920, height: 1080 },
      { width: 1366, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      await page.locator('.reports-table').waitFor();
      const measured = await measureOverflow(page);
      if (measured.scrollWidth > measured.clientWidth)
        failures.push(
          `@${size.width}: document ${measured.scrollWidth} px wide in ${measured.clientWidth} px`,
        );
      if (measured.wide.length > 0)
        failures.push(`@${size.width}: past the right edge: ${measured.wide.join(', ')}`);
      await page.screenshot({
        path: join(SCREENSHOTS, `reports-${size.width}-zh.png`),
        fullPage: size.width === 390,
      });
    }
    expect(failures).toEqual([]);
  });
});
