import {
  buildEmissionReport,
  emissionDocument,
  valuesForValidHour,
  type EmissionOutlet,
  type HourlyMean,
} from './emission-report';
import { HOUR_MS, parsePeriod, type ReportPeriod } from './report-period';

const november = parsePeriod('2026-11') as ReportPeriod;
const day = (n: number) => november.from + (n - 1) * 24 * HOUR_MS;
/** `count` consecutive hours of one value from the start of a park day. */
const hours = (from: number, count: number, value: number, first = 0): HourlyMean[] =>
  Array.from({ length: count }, (_, i) => ({ ts: from + (first + i) * HOUR_MS, value }));

const stack: EmissionOutlet = {
  deviceId: 'cems-1',
  name: '1号锅炉排口',
  enterpriseName: '华东化工',
  kind: 'stack-gas',
  permitLimits: { so2: 100, nox: 150 },
  permitO2Reference: null,
  expectedIntervalS: 60,
};

describe('the emission report (排放月报) from hourly means', () => {
  // Day 1: 22 h at 40 and 2 h at 130 → day mean 47.5, 2 hours over 100.
  // Day 2: 19 h at 200 → 19 hours over, but too few hours for a valid day mean.
  // Day 3: 21 h at 110 → 21 hours over and a valid day mean of 110 over the limit.
  const so2 = [
    ...hours(day(1), 22, 40),
    ...hours(day(1), 2, 130, 22),
    ...hours(day(2), 19, 200),
    ...hours(day(3), 21, 110),
  ];
  const report = buildEmissionReport({
    outlet: stack,
    period: november,
    hourly: { so2 },
    flags: null,
    until: november.to,
  });
  const summary = report.pollutants.find((p) => p.metric === 'so2')!;

  it('counts valid hours against the 720 hours of November: the capture rate', () => {
    expect(summary.expectedHours).toBe(720);
    expect(summary.validHours).toBe(64);
    expect(summary.captureRatePct).toBe(8.9); // 64 / 720 = 8.888…%
  });

  it('judges every valid hourly mean and every valid day mean against the permit limit', () => {
    expect(summary.exceedanceHours).toBe(2 + 19 + 21);
    expect(summary.exceedanceDays).toBe(1);
    expect(summary.limit).toBe(100);
    expect(report.days[0]).toMatchObject({
      date: '2026-11-01',
      means: { so2: 47.5 },
      validHours: { so2: 24 },
      exceeded: [],
    });
    expect(report.days[1]).toMatchObject({
      date: '2026-11-02',
      means: { so2: null },
      validHours: { so2: 19 },
    });
    expect(report.days[2]).toMatchObject({ date: '2026-11-03', means: { so2: 110 }, exceeded: ['so2'] });
    expect(report.days).toHaveLength(30);
  });

  it('the period mean is the mean of its valid hours; the maximum hour is named with its time', () => {
    expect(summary.mean).toBe((22 * 40 + 2 * 130 + 19 * 200 + 21 * 110) / 64);
    expect(summary.maxHour).toEqual({ ts: day(2), value: 200 });
    expect(summary.minHour).toEqual({ ts: day(1), value: 40 });
  });

  it('a limited pollutant without data is still listed (0 valid hours), an unlimited one without data is not', () => {
    const nox = report.pollutants.find((p) => p.metric === 'nox')!;
    expect(nox).toMatchObject({ validHours: 0, captureRatePct: 0, mean: null, exceedanceHours: 0 });
    expect(report.pollutants.map((p) => p.metric)).toEqual(['so2', 'nox']);
  });

  it('while the month runs, the capture rate counts only the hours so far', () => {
    const running = buildEmissionReport({
      outlet: stack,
      period: november,
      hourly: { so2 },
      flags: null,
      until: day(4),
    });
    expect(running.pollutants[0]).toMatchObject({ expectedHours: 72, captureRatePct: 88.9 });
  });

  it('corrects flue-gas concentrations to the permit’s reference O₂; an hour without O₂ is not a valid corrected value', () => {
    const corrected = buildEmissionReport({
      outlet: { ...stack, permitO2Reference: 9 },
      period: november,
      hourly: {
        so2: [
          { ts: day(1), value: 100 },
          { ts: day(1) + HOUR_MS, value: 100 },
        ],
        o2: [{ ts: day(1), value: 15 }],
      },
      flags: null,
      until: november.to,
    });
    const so2Corrected = corrected.pollutants.find((p) => p.metric === 'so2')!;
    // 100 × (21 − 9) / (21 − 15) = 200 (GB 13271-2014 formula (1)) — over the limit of 100.
    expect(so2Corrected).toMatchObject({ corrected: true, validHours: 1, mean: 200, exceedanceHours: 1 });
    expect(corrected.pollutants.find((p) => p.metric === 'o2')).toMatchObject({ corrected: false, mean: 15 });
  });

  it('a wastewater analyser reporting every 2 h is expected in 12 hours a day; its concentrations are flow-weighted', () => {
    const outlet: EmissionOutlet = {
      ...stack,
      deviceId: 'ww-1',
      name: '总排口',
      kind: 'wastewater',
      permitLimits: { cod: 50 },
      expectedIntervalS: 7200,
    };
    const period = parsePeriod('2026-11-01') as ReportPeriod;
    const every2h = (value: (i: number) => number) =>
      Array.from({ length: 12 }, (_, i) => ({ ts: period.from + i * 2 * HOUR_MS, value: value(i) }));
    const built = buildEmissionReport({
      outlet,
      period,
      hourly: { cod: every2h((i) => (i < 6 ? 40 : 70)), flow: every2h((i) => (i < 6 ? 30 : 10)) },
      flags: { cod: { D: 3, C: 1 } },
      until: period.to,
    });
    const cod = built.pollutants.find((p) => p.metric === 'cod')!;
    // (6 × 40 × 30 + 6 × 70 × 10) / (6 × 30 + 6 × 10) = 11400 / 240 = 47.5: under 50, where the plain mean (55) is over.
    expect(cod).toMatchObject({
      expectedHours: 12,
      validHours: 12,
      captureRatePct: 100,
      mean: 47.5,
      exceedanceHours: 6,
      exceedanceDays: 0,
    });
    expect(built.days[0].means.cod).toBe(47.5);
    expect(cod.flags).toEqual({ D: 3, C: 1 });
    expect(built.hours).toHaveLength(24);
    expect(built.hours[12]).toMatchObject({ values: { cod: 70 }, exceeded: ['cod'] });
    expect(built.hours[13].values.cod).toBeNull();
  });

  it('lays the figures out with units, limits and the flag counts as the document both files draw', () => {
    const document = emissionDocument(report, Date.UTC(2026, 11, 1, 0));
    expect(document.title).toBe('1号锅炉排口 排放月报');
    expect(document.subtitle).toBe('华东化工 · 废气排放口（烟气在线监测） · 2026年11月');
    expect(document.fileStem).toBe('emission-2026-11-cems-1');
    const [table, days] = document.tables;
    expect(table.rows[0]).toEqual([
      '二氧化硫',
      'mg/m³',
      '100',
      720,
      64,
      8.9,
      113.28,
      200,
      '2026-11-02 00:00',
      42,
      1,
      '月报不统计',
    ]);
    expect(days.columns.map((c) => c.header)).toEqual(['日期', '二氧化硫', '氮氧化物', '超标项目']);
    expect(days.rows[2]).toEqual(['2026-11-03', 110, null, '二氧化硫']);
    expect(document.facts.find((f) => f.label === '生成时间')?.value).toBe('2026-12-01 08:00（北京时间）');
  });
});

describe('a valid flue-gas hour (HJ 75-2017: at least 45 minutes of valid data)', () => {
  const counted = (ts: number, value: number, count: number): HourlyMean => ({ ts, value, count });

  it('needs 45 minutes’ worth of normal values at the device’s interval', () => {
    expect(valuesForValidHour(stack)).toBe(45); // one a minute
    expect(valuesForValidHour({ kind: 'stack-gas', expectedIntervalS: 10 })).toBe(270);
    expect(valuesForValidHour({ kind: 'stack-gas', expectedIntervalS: 3600 })).toBe(1);
    expect(valuesForValidHour({ kind: 'wastewater', expectedIntervalS: 60 })).toBe(1);
  });

  it('leaves a thin hour out of the valid hours, the means and the exceedances; an uncounted hour stays', () => {
    const report = buildEmissionReport({
      outlet: stack,
      period: november,
      hourly: {
        so2: [
          counted(day(1), 40, 60),
          counted(day(1) + HOUR_MS, 40, 45),
          counted(day(1) + 2 * HOUR_MS, 300, 44), // 44 minutes: not a valid hour, so not an exceedance
          { ts: day(1) + 3 * HOUR_MS, value: 60 }, // rolled up before counts were kept
        ],
      },
      flags: null,
      until: november.to,
    });
    const so2 = report.pollutants.find((p) => p.metric === 'so2')!;
    expect(so2.validHours).toBe(3);
    expect(so2.mean).toBeCloseTo((40 + 40 + 60) / 3, 10);
    expect(so2.exceedanceHours).toBe(0);
    expect(so2.maxHour).toEqual({ ts: day(1) + 3 * HOUR_MS, value: 60 });
  });

  it('does not correct a concentration with the O₂ of a thin hour', () => {
    const report = buildEmissionReport({
      outlet: { ...stack, permitO2Reference: 3.5 },
      period: november,
      hourly: {
        so2: [counted(day(1), 40, 60), counted(day(1) + HOUR_MS, 40, 60)],
        o2: [counted(day(1), 3.5, 60), counted(day(1) + HOUR_MS, 3.5, 20)],
      },
      flags: null,
      until: november.to,
    });
    expect(report.pollutants.find((p) => p.metric === 'so2')!.validHours).toBe(1);
  });
});
