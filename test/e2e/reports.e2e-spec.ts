/**
 * The reports page (报表) in a real browser against the running platform on the real services: an officer opens it
 * from the navigation, generates yesterday's 排放日报 of the demo CEMS from the form and sees it listed with who and
 * when, downloads its PDF through the page, and the PDF is checked as a reader would meet it: pdftotext finds the
 * Chinese title and pollutant names (the embedded Noto Sans SC), and the page rendered by pdftoppm has a drawn
 * table (the grid's horizontal rules). Then last month's 告警月报 of the park (over a few alerts written to the
 * records) and the 园区月度运行报告 are generated from the form and their PDFs checked the same way. The page has no
 * horizontal overflow at 1920, 1366 and 390 px. Screenshots (the page, and each PDF's first page as PNG) land in
 * test-output/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TelemetryRecord } from '@park/contracts';
import { AlertEntity, DeviceEntity, EnterpriseEntity, RuleEntity } from '@park/records';
import { DAY_MS, HOUR_MS, parkDate, parsePeriod, previousMonth, type ReportPeriod } from '@park/reports';
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
  let month: ReportPeriod;

  /** Downloads a listed report's PDF through the page; its first page's text, ruled rows and PNG. */
  async function pdfOfRow(title: string, png: string) {
    const row = page.locator('.reports-table tbody tr', { hasText: title }).first();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.locator('button', { hasText: 'PDF' }).click(),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'reports-e2e-'));
    const pdf = join(dir, 'report.pdf');
    await download.saveAs(pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
    const render = (format: '-gray' | '-png', dpi: string) =>
      execFileSync('pdftoppm', [
        format,
        '-r',
        dpi,
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        pdf,
        join(dir, 'page'),
      ]);
    render('-gray', '60');
    const rules = ruledRows(readFileSync(join(dir, 'page.pgm')), 0.5);
    render('-png', '80');
    copyFileSync(join(dir, 'page.png'), join(SCREENSHOTS, png));
    return { filename: download.suggestedFilename(), text, rules };
  }

  async function generateFromForm(kind: string, title: string) {
    await page.locator('select[name="kind"]').selectOption(kind);
    await page.locator('input[name="month"]').fill(month.label);
    await page.locator('.reports__form button[type="submit"]').click();
    await page.locator('.reports__message', { hasText: `已生成：${title}` }).waitFor();
    await page.locator('.reports-table tbody tr', { hasText: title }).first().waitFor();
  }

  beforeAll(async () => {
    stack = await startParkStack('reports', E2E_WEB_ROOT, { REPORTS_SCHEDULE: 'false' });
    const chem = await stack.env.records
      .getRepository(EnterpriseEntity)
      .findOneByOrFail({ name: '启东示范化工有限公司' });
    // Yesterday (park time) of the demo CEMS every minute, as it reports (HJ 75-2017 wants 45 minutes of data for a
    // valid hour): SO₂ 30, NOx 90, O₂ 3.5 %, rolled up by the hourly continuous query's own statement.
    day = parsePeriod(parkDate(Date.now() - 24 * HOUR_MS)) as ReportPeriod;
    const records: TelemetryRecord[] = [];
    for (let ts = day.from; ts < day.to; ts += 60_000)
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
    // Last month's 10th of the demo power meter: its kWh counter rises 2.5 every 15 minutes (10 kW) — the 能耗月报's.
    month = previousMonth(Date.now());
    const tenth = month.from + 9 * 24 * HOUR_MS;
    let kwh = 1_000;
    for (let ts = tenth - 15 * 60_000; ts < tenth + 24 * HOUR_MS; ts += 15 * 60_000) {
      kwh += 2.5;
      records.push({
        v: 1,
        deviceId: 'demo-meter-003',
        enterpriseId: chem.id,
        kind: 'power-meter',
        role: 'general',
        line: null,
        ts,
        values: { kw: 10, kwh },
        receivedAt: ts,
      });
    }
    await stack.env.influx.ensureSchema();
    expect((await stack.env.influx.write(records)).rejected).toEqual([]);
    await stack.env.influx.rollUp({ from: day.from, to: day.to });
    await stack.env.influx.rollUp({ from: tenth, to: tenth + 24 * HOUR_MS });

    // Last month: four alerts of the demo CEMS on three days — two acknowledged after 3 and 9 minutes, one
    // resolved by its rule unacknowledged, one still open (one unresolved alert per rule and device at a time).
    const cems = await stack.env.records.getRepository(DeviceEntity).findOneByOrFail({ id: 'demo-cems-001' });
    const rules = stack.env.records.getRepository(RuleEntity);
    const rule = await rules.save(
      rules.create({
        code: `e2e.report.${stack.env.runId}`,
        nameZh: '报表端到端测试阈值',
        nameEn: 'report e2e threshold',
        kind: 'threshold',
        deviceKind: cems.kind,
        metric: 'so2',
        params: {},
        autoResolve: true,
        enabled: false,
        source: null,
      }),
    );
    const alerts = stack.env.records.getRepository(AlertEntity);
    for (const [n, dayOfMonth, severity, ackMinutes, resolveMinutes] of [
      [1, 2, 'critical', 3, 6],
      [2, 2, 'warning', 9, 18],
      [3, 6, 'warning', null, 20],
      [4, 11, 'critical', null, null],
    ] as const) {
      const openedAt = new Date(month.from + (dayOfMonth - 1) * DAY_MS + 10 * HOUR_MS);
      await alerts.save(
        alerts.create({
          ruleId: rule.id,
          subjectType: 'device',
          subjectId: cems.id,
          deviceId: cems.id,
          enterpriseId: cems.enterpriseId,
          metric: 'so2',
          unit: 'mg/m³',
          value: 60 + n,
          limitValue: 50,
          level: severity === 'critical' ? 2 : 1,
          severity,
          status: resolveMinutes === null ? 'open' : 'resolved',
          count: 1,
          openedAt,
          lastSeenAt: openedAt,
          lastReadingTs: openedAt.getTime(),
          acknowledgedAt: ackMinutes === null ? null : new Date(openedAt.getTime() + ackMinutes * 60_000),
          acknowledgedBy: ackMinutes === null ? null : 'officer',
          resolvedAt: resolveMinutes === null ? null : new Date(openedAt.getTime() + resolveMinutes * 60_000),
          resolvedBy: ackMinutes === null ? null : 'officer',
          resolutionNote: null,
          assignedTo: null,
          assignedAt: null,
          escalatedAt: null,
          lastRemindedAt: null,
          lastRepeatEventAt: null,
          maintenanceId: null,
          suppressedAt: null,
          explanation: { zh: '测试', en: 'test' },
        }),
      );
    }

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

  it('generates last month’s 园区告警月报 from the form: its PDF has the Chinese title, the figures and tables', async () => {
    const [year, m] = month.label.split('-').map(Number);
    const title = `园区告警月报 ${year}年${m}月`;
    await page.locator('select[name="kind"]').selectOption('alarms');
    await expect(page.locator('select[name="scope"]').inputValue()).resolves.toBe('park');
    await generateFromForm('alarms', title);
    await page.screenshot({ path: join(SCREENSHOTS, 'reports-alarms-form-zh.png') });
    const pdf = await pdfOfRow(title, 'report-alarms-pdf.png');
    expect(pdf.filename).toBe(`alarms-${month.label}-park.pdf`);
    expect(pdf.text).toContain('园区告警月报');
    expect(pdf.text).toContain('按报警类型');
    // Acknowledged after 3 and 9 minutes: mean and median 6.0, P90 3 + 0.9 × 6 = 8.4 — minutes, never ms.
    expect(pdf.text).toMatch(/均值 6\.0 \/ 中位数 6\.0 \/ P90 8\.4 分钟（2 条）/);
    expect(pdf.text).toContain('严重 2 / 警告 2 / 提示 0');
    expect(pdf.rules).toBeGreaterThanOrEqual(5);
  });

  it('generates the 园区月度运行报告: no scope to pick, its PDF titled and drawn with tables', async () => {
    const [year, m] = month.label.split('-').map(Number);
    const title = `园区月度运行报告 ${year}年${m}月`;
    await page.locator('select[name="kind"]').selectOption('park');
    expect(await page.locator('select[name="scope"]').count()).toBe(0);
    await generateFromForm('park', title);
    await page.screenshot({ path: join(SCREENSHOTS, 'reports-new-kinds-zh.png') });
    const pdf = await pdfOfRow(title, 'report-park-pdf.png');
    expect(pdf.filename).toBe(`park-${month.label}-park.pdf`);
    expect(pdf.text).toContain('园区月度运行报告');
    expect(pdf.text).toContain('规划指标进展');
    expect(pdf.text).toContain('本月报警');
    expect(pdf.rules).toBeGreaterThanOrEqual(5);
  });

  it('generates last month’s 园区能耗月报 from the form: its PDF has the title, the kWh and tables', async () => {
    const [year, m] = month.label.split('-').map(Number);
    const title = `园区能耗月报 ${year}年${m}月`;
    await page.locator('select[name="kind"]').selectOption('energy');
    await expect(page.locator('select[name="scope"]').inputValue()).resolves.toBe('park');
    await generateFromForm('energy', title);
    const pdf = await pdfOfRow(title, 'report-energy-pdf.png');
    expect(pdf.filename).toBe(`energy-${month.label}-park.pdf`);
    expect(pdf.text).toContain('园区能耗月报');
    expect(pdf.text).toContain('kWh');
    // The meter's day: 96 quarters of 2.5 kWh.
    expect(pdf.text).toMatch(/240(\.0+)?/);
    expect(pdf.rules).toBeGreaterThanOrEqual(5);
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
