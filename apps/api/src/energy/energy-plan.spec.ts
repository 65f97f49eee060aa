import {
  completeIntervals,
  counterDeltas,
  dailyKwh,
  demandQuery,
  energyCsv,
  formatHourRanges,
  hourlyCounterQuery,
  LOOKBACK_MS,
  mergeHourly,
  numericPoints,
  monthlyKwh,
  oneYearEarlier,
  outputShare,
  peakOf,
  parseHourRanges,
  rawHourlyKwhQuery,
  shanghaiDate,
  touBand,
  touSplit,
  yoyChangePct,
} from './energy-plan';

const HOUR = 3_600_000;
/** 2025-11-26 00:00 Asia/Shanghai. */
const DAY0 = Date.parse('2025-11-26T00:00:00+08:00');
const JIANGSU = { peak: parseHourRanges('8-11,17-22') ?? [], valley: parseHourRanges('0-8') ?? [] };

describe('time-of-use periods', () => {
  it('parses hour ranges with the end exclusive and writes them back', () => {
    expect(parseHourRanges('8-11,17-22')).toEqual([8, 9, 10, 17, 18, 19, 20, 21]);
    expect(formatHourRanges([8, 9, 10, 17, 18, 19, 20, 21])).toBe('8-11,17-22');
    expect(parseHourRanges('22-24')).toEqual([22, 23]);
  });

  it('refuses malformed, reversed, out-of-day and self-overlapping ranges', () => {
    for (const bad of ['8-8', '11-8', '0-25', '8-11,10-12', 'eight-nine', '8-11;17-22', ''])
      expect(parseHourRanges(bad)).toBeUndefined();
  });

  it('buckets Asia/Shanghai hours: 峰 08–11 and 17–22, 谷 00–08, 平 otherwise', () => {
    expect([0, 7, 8, 10, 11, 16, 17, 21, 22, 23].map((h) => touBand(h, JIANGSU))).toEqual([
      'valley',
      'valley',
      'peak',
      'peak',
      'flat',
      'flat',
      'peak',
      'peak',
      'flat',
      'flat',
    ]);
  });

  it('splits hourly kWh by the Shanghai hour, not the UTC hour', () => {
    // 07:00 Shanghai is 23:00 UTC the day before: valley, not flat.
    const hours = [
      { ts: DAY0 + 7 * HOUR, kwh: 10 },
      { ts: DAY0 + 8 * HOUR, kwh: 20 },
      { ts: DAY0 + 12 * HOUR, kwh: 5 },
    ];
    expect(touSplit(hours, JIANGSU)).toEqual({ peak: 20, flat: 5, valley: 10 });
  });
});

describe('counter deltas', () => {
  it('sums positive differences and ignores the step where the counter resets', () => {
    const points = [
      { ts: 1, value: 1000 },
      { ts: 2, value: 1010 },
      { ts: 3, value: 1025 },
      { ts: 4, value: 3 }, // meter replaced: the new counter starts near zero
      { ts: 5, value: 10 },
    ];
    expect(counterDeltas(points)).toEqual([
      { ts: 2, kwh: 10 },
      { ts: 3, kwh: 15 },
      { ts: 5, kwh: 7 },
    ]);
  });

  it('fills only the hours the raw data no longer holds from the hourly maxima', () => {
    const from = DAY0;
    const to = DAY0 + 6 * HOUR;
    const hourlyMax = [0, 1, 2, 3, 4, 5].map((h) => ({ ts: from + (h - 1) * HOUR, value: 100 + h * 10 }));
    const raw = [
      { ts: from + 4 * HOUR, value: 11 },
      { ts: from + 5 * HOUR, value: 12 },
    ];
    expect(mergeHourly(raw, hourlyMax, from, to)).toEqual([
      { ts: from, kwh: 10 },
      { ts: from + HOUR, kwh: 10 },
      { ts: from + 2 * HOUR, kwh: 10 },
      { ts: from + 3 * HOUR, kwh: 10 },
      { ts: from + 4 * HOUR, kwh: 11 },
      { ts: from + 5 * HOUR, kwh: 12 },
    ]);
  });
});

describe('calendar', () => {
  it('groups hours into Asia/Shanghai days and months', () => {
    const hours = [
      { ts: DAY0 - HOUR, kwh: 1 }, // 23:00 on the 25th
      { ts: DAY0, kwh: 2 },
      { ts: DAY0 + 23 * HOUR, kwh: 4 },
    ];
    const days = dailyKwh(hours, JIANGSU);
    expect(days).toEqual([
      { date: '2025-11-25', kwh: 1, peak: 0, flat: 1, valley: 0 },
      { date: '2025-11-26', kwh: 6, peak: 0, flat: 4, valley: 2 },
    ]);
    expect(monthlyKwh([...days, { date: '2025-12-01', kwh: 3 }])).toEqual([
      { month: '2025-11', kwh: 7 },
      { month: '2025-12', kwh: 3 },
    ]);
    expect(shanghaiDate(Date.parse('2025-11-25T16:00:00Z'))).toBe('2025-11-26');
  });

  it('shifts a window back one Shanghai calendar year, 29 February to 28 February', () => {
    expect(oneYearEarlier(DAY0)).toBe(Date.parse('2024-11-26T00:00:00+08:00'));
    expect(oneYearEarlier(Date.parse('2024-02-29T10:00:00+08:00'))).toBe(
      Date.parse('2023-02-28T10:00:00+08:00'),
    );
  });
});

describe('year-on-year and output', () => {
  it('gives the change in percent, or null without last year', () => {
    expect(yoyChangePct(110, 100)).toBe(10);
    expect(yoyChangePct(75, 100)).toBe(-25);
    expect(yoyChangePct(50, null)).toBeNull();
    expect(yoyChangePct(50, 0)).toBeNull();
  });

  it("attributes each year's output by the share of the year the window covers", () => {
    const from = Date.parse('2025-01-01T00:00:00+08:00');
    const to = Date.parse('2025-02-01T00:00:00+08:00');
    const share = outputShare(new Map([[2025, 36_500]]), from, to);
    expect(share?.years).toEqual([2025]);
    expect(share?.outputWan).toBeCloseTo((36_500 * 31) / 365, 9);
    expect(outputShare(new Map([[2025, null]]), from, to)).toBeNull();
    expect(outputShare(new Map([[2024, 100]]), from, to)).toBeNull();
  });
});

describe('peak demand over complete demand intervals', () => {
  const Q = 15 * 60_000;
  // A load curve of 15-minute means starting 08:00: the 08:00 interval opens before the window's 08:05 start,
  // the 09:00 one is still running at 09:07.
  const load = [
    { ts: DAY0 + 8 * HOUR, kw: 500 },
    { ts: DAY0 + 8 * HOUR + Q, kw: 120 },
    { ts: DAY0 + 8 * HOUR + 2 * Q, kw: 180 },
    { ts: DAY0 + 8 * HOUR + 3 * Q, kw: 150 },
    { ts: DAY0 + 9 * HOUR, kw: 900 },
  ];
  const from = DAY0 + 8 * HOUR + 5 * 60_000;

  it('leaves out the interval begun before the window and the one still running', () => {
    const now = DAY0 + 9 * HOUR + 7 * 60_000;
    expect(completeIntervals(load, from, DAY0 + 10 * HOUR, now).map((p) => p.kw)).toEqual([120, 180, 150]);
    expect(peakOf(completeIntervals(load, from, DAY0 + 10 * HOUR, now))).toEqual({
      kw: 180,
      at: DAY0 + 8 * HOUR + 2 * Q,
    });
  });

  it('leaves out an interval the window ends inside, and keeps one that ends exactly at its end', () => {
    const later = DAY0 + 12 * HOUR;
    expect(completeIntervals(load, DAY0 + 8 * HOUR, DAY0 + 9 * HOUR, later).map((p) => p.kw)).toEqual([
      500, 120, 180, 150,
    ]);
    expect(completeIntervals(load, DAY0 + 8 * HOUR, DAY0 + 9 * HOUR - 1, later).map((p) => p.kw)).toEqual([
      500, 120, 180,
    ]);
    expect(completeIntervals(load, DAY0 + 8 * HOUR, later, DAY0 + 9 * HOUR + Q)).toHaveLength(5);
  });

  it('has no peak before the first interval completes', () => {
    expect(
      peakOf(completeIntervals(load, DAY0 + 9 * HOUR, DAY0 + 10 * HOUR, DAY0 + 9 * HOUR + Q - 1)),
    ).toBeNull();
  });
});

describe('CSV', () => {
  it('starts with a BOM, has Chinese headers with units, CRLF lines and quotes where needed', () => {
    const csv = energyCsv([
      {
        date: '2025-11-26',
        deviceId: 'm-1',
        name: '合成车间, 一线',
        line: 'synthesis-1',
        role: 'production',
        kwh: 120.5,
        peak: 60,
        flat: 40.5,
        valley: 20,
      },
    ]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual([
      '日期,电表编号,电表名称,产线,用途,用电量(kWh),峰段(kWh),平段(kWh),谷段(kWh)',
      '2025-11-26,m-1,"合成车间, 一线",synthesis-1,生产,120.5,60,40.5,20',
      '',
    ]);
  });

  it('defuses formulas in text fields (the minus-digit and TAB ones too) and keeps numbers numbers', () => {
    const csv = energyCsv([
      {
        date: '2025-11-26',
        deviceId: 'm-1',
        name: "-1+cmd|' /C calc'!A0",
        line: '\t=1+1',
        role: '@SUM(A1)',
        kwh: -3,
        peak: 0,
        flat: 0,
        valley: 0,
      },
    ]);
    expect(csv.slice(1).split('\r\n')[1]).toBe(
      "2025-11-26,m-1,'-1+cmd|' /C calc'!A0,'\t=1+1,'@SUM(A1),-3,0,0,0",
    );
  });
});

describe('telemetry queries of the energy summary', () => {
  const from = DAY0;
  const to = DAY0 + 24 * HOUR;

  it('reads counter rises from a lookback before the window, so its first hour has its first difference', () => {
    expect(rawHourlyKwhQuery('m-1', 'ent-1', from, to)).toEqual({
      kind: 'power-meter',
      metric: 'kwh',
      deviceId: 'm-1',
      enterpriseId: 'ent-1',
      from: from - LOOKBACK_MS,
      to,
    });
  });

  it('reads the hourly maxima of the counter from the hour before, and 15-minute mean load from the raw points', () => {
    expect(hourlyCounterQuery('m-1', 'ent-1', from, to)).toMatchObject({
      metric: 'kwh',
      from: from - HOUR,
      to,
      source: 'hourly',
      aggregate: 'max',
      intervalMs: HOUR,
    });
    expect(demandQuery('m-1', 'ent-1', from, to)).toMatchObject({
      metric: 'kw',
      enterpriseId: 'ent-1',
      from,
      to,
      source: 'raw',
      aggregate: 'mean',
      intervalMs: 15 * 60_000,
    });
  });

  it('keeps only numeric points', () => {
    expect(
      numericPoints([
        { ts: 1, value: 5 },
        { ts: 2, value: null },
        { ts: 3, value: true },
        { ts: 4, value: Number.NaN },
      ]),
    ).toEqual([{ ts: 1, value: 5 }]);
  });
});
