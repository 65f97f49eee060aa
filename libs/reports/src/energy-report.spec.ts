import type { EnergySummary } from '@park/contracts';
import { energyDocument, energyTotals } from './energy-report';
import { parsePeriod, type ReportPeriod } from './report-period';

const november = parsePeriod('2026-11') as ReportPeriod;

function summary(
  id: string,
  name: string,
  kwh: [number, number, number],
  outputWan: number | null,
): EnergySummary {
  const [peak, flat, valley] = kwh;
  const total = peak + flat + valley;
  return {
    enterpriseId: id,
    enterpriseName: name,
    from: november.from,
    to: november.to,
    timeZone: 'Asia/Shanghai',
    totalKwh: total,
    peakDemand: { kw: total / 10, at: november.from },
    tou: { peak, flat, valley, peakHours: '08:00–11:00、18:00–23:00', valleyHours: '23:00–07:00' },
    daily: [
      { date: '2026-11-01', kwh: total / 2, peak: peak / 2, flat: flat / 2, valley: valley / 2 },
      { date: '2026-11-02', kwh: total / 2, peak: peak / 2, flat: flat / 2, valley: valley / 2 },
    ],
    monthly: [{ month: '2026-11', kwh: total }],
    meters: [
      {
        deviceId: `${id}-m1`,
        name: '总表',
        line: null,
        role: null,
        kwh: total,
        tou: { peak, flat, valley },
        peakKw: total / 10,
      },
    ],
    lines: [],
    load: [],
    loadIntervalMs: 3_600_000,
    yoy: { from: 0, to: 0, kwh: null, changePct: null },
    carbon: { factorKgPerKwh: 0.5703, tCo2e: Math.round(total * 0.5703) / 1000 },
    intensity: { outputWan, years: [2026], kwhPer10kYuan: outputWan ? total / outputWan : null },
  };
}

describe('the energy report (能耗月报) lays out the energy API’s own figures', () => {
  const a = summary('a', '甲公司', [400, 500, 100], 100);
  const b = summary('b', '乙公司', [1000, 800, 200], null);

  it('park totals add the enterprises; kWh per 万元 counts only enterprises that reported an output', () => {
    expect(energyTotals([a, b])).toEqual({
      kwh: 3000,
      peak: 1400,
      flat: 1300,
      valley: 300,
      tCo2e: 1.711, // each summary's own (rounded) tonnes added: 0.570 + 1.141
      kwhPer10kYuan: 10, // 1000 kWh ÷ 100 万元; 乙 reported none
    });
  });

  it('the park report ranks the enterprises, most kWh first, with their share, and sums the days', () => {
    const document = energyDocument({ period: november, summaries: [a, b], scope: 'park' }, november.to);
    expect(document.title).toBe('园区能耗月报');
    const [ranking, daily] = document.tables;
    expect(ranking.rows.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      [1, '乙公司', 2000, 66.667],
      [2, '甲公司', 1000, 33.333],
    ]);
    expect(daily.rows).toEqual([
      ['2026-11-01', 1500, 700, 650, 150],
      ['2026-11-02', 1500, 700, 650, 150],
    ]);
    expect(document.facts.find((f) => f.label === '总用电量')?.value).toBe('3000.0 kWh');
  });

  it('an enterprise’s report has its peak demand and its meters', () => {
    const document = energyDocument({ period: november, summaries: [a], scope: 'a' }, november.to);
    expect(document.title).toBe('甲公司 能耗月报');
    expect(document.facts.find((f) => f.label === '最大需量')?.value).toBe(
      '100.0 kW（2026-11-01 00:00 起 15 分钟）',
    );
    expect(document.tables[1].rows).toEqual([['总表', '—', 1000, 400, 500, 100, 100]]);
    expect(document.fileStem).toBe('energy-2026-11-a');
  });

  it('names a meter’s production line in words, not by its code', () => {
    const lined = { ...a, meters: a.meters.map((m) => ({ ...m, line: 'synthesis-1' })) };
    const document = energyDocument({ period: november, summaries: [lined], scope: 'a' }, november.to);
    expect(document.tables[1].rows[0][1]).toBe('合成 1 号线');
  });
});
