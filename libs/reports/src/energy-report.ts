import { productionLineName, type EnergySummary } from '@park/contracts';
import type { Cell, ReportDocument, ReportTable } from './report-document';
import { parkDateTime, periodTitle, type ReportPeriod } from './report-period';

/**
 * 能耗月报 of one enterprise, or of the park: every figure is the energy API's own (apps/api/src/energy computes
 * kWh, the 峰/平/谷 split, peak demand over complete 15-minute intervals, carbon and kWh per 万元 — docs/energy.md),
 * so the report and the energy page cannot disagree. This file only lays them out.
 */
export interface EnergyReportInput {
  readonly period: ReportPeriod;
  /** One enterprise's summary, or every metered enterprise's for the park report. */
  readonly summaries: readonly EnergySummary[];
  /** 'park' for the park report; otherwise the one enterprise's id. */
  readonly scope: string;
}

export interface EnergyTotals {
  readonly kwh: number;
  readonly peak: number;
  readonly flat: number;
  readonly valley: number;
  readonly tCo2e: number;
  /** Σ kWh ÷ Σ output (万元) over the enterprises that reported an output; null when none did. */
  readonly kwhPer10kYuan: number | null;
}

export function energyTotals(summaries: readonly EnergySummary[]): EnergyTotals {
  const sum = (f: (s: EnergySummary) => number) => round3(summaries.reduce((acc, s) => acc + f(s), 0));
  const withOutput = summaries.filter((s) => s.intensity.outputWan !== null && s.intensity.outputWan > 0);
  const outputWan = withOutput.reduce((acc, s) => acc + (s.intensity.outputWan as number), 0);
  const kwhWithOutput = withOutput.reduce((acc, s) => acc + s.totalKwh, 0);
  return {
    kwh: sum((s) => s.totalKwh),
    peak: sum((s) => s.tou.peak),
    flat: sum((s) => s.tou.flat),
    valley: sum((s) => s.tou.valley),
    tCo2e: sum((s) => s.carbon.tCo2e),
    kwhPer10kYuan: outputWan > 0 ? round3(kwhWithOutput / outputWan) : null,
  };
}

const KWH = { unit: 'kWh', digits: 1 } as const;

export function energyDocument(input: EnergyReportInput, generatedAt: number): ReportDocument {
  const { period, summaries } = input;
  const park = input.scope === 'park';
  const totals = energyTotals(summaries);
  const first = summaries[0];
  const pct = (part: number) => (totals.kwh > 0 ? `${((part / totals.kwh) * 100).toFixed(1)}%` : '—');
  const facts = [
    { label: '统计周期', value: `${parkDateTime(period.from)} 至 ${parkDateTime(period.to)}（北京时间）` },
    { label: '总用电量', value: `${totals.kwh.toFixed(1)} kWh` },
    {
      label: '峰 / 平 / 谷',
      value: `${totals.peak.toFixed(1)} / ${totals.flat.toFixed(1)} / ${totals.valley.toFixed(1)} kWh（${pct(totals.peak)} / ${pct(totals.flat)} / ${pct(totals.valley)}）`,
    },
    { label: '碳排放', value: `${totals.tCo2e.toFixed(3)} tCO₂e` },
    {
      label: '万元产值电耗',
      value: totals.kwhPer10kYuan === null ? '未填报产值' : `${totals.kwhPer10kYuan.toFixed(1)} kWh/万元`,
    },
  ];
  if (!park && first) {
    facts.splice(1, 0, {
      label: '最大需量',
      value: first.peakDemand
        ? `${first.peakDemand.kw.toFixed(1)} kW（${parkDateTime(first.peakDemand.at)} 起 15 分钟）`
        : '无负荷数据',
    });
  }
  facts.push({ label: '生成时间', value: `${parkDateTime(generatedAt)}（北京时间）` });

  const tables: ReportTable[] = [];
  if (park) {
    tables.push({
      title: '一、企业用电排名',
      columns: [
        { header: '排名', digits: 0 },
        { header: '企业' },
        { header: '用电量', ...KWH },
        { header: '占园区', unit: '%', digits: 1 },
        { header: '峰', ...KWH },
        { header: '平', ...KWH },
        { header: '谷', ...KWH },
        { header: '最大需量', unit: 'kW', digits: 1 },
        { header: '碳排放', unit: 'tCO₂e', digits: 3 },
        { header: '万元产值电耗', unit: 'kWh/万元', digits: 1 },
      ],
      rows: [...summaries]
        .sort(
          (a, b) => b.totalKwh - a.totalKwh || a.enterpriseName.localeCompare(b.enterpriseName, 'zh-Hans-CN'),
        )
        .map((s, i): Cell[] => [
          i + 1,
          s.enterpriseName,
          s.totalKwh,
          totals.kwh > 0 ? round3((s.totalKwh / totals.kwh) * 100) : null,
          s.tou.peak,
          s.tou.flat,
          s.tou.valley,
          s.peakDemand?.kw ?? null,
          s.carbon.tCo2e,
          s.intensity.kwhPer10kYuan,
        ]),
      empty: '园区内没有配置电能表的企业。',
    });
  }
  const daily = new Map<string, { kwh: number; peak: number; flat: number; valley: number }>();
  for (const s of summaries)
    for (const day of s.daily) {
      const entry = daily.get(day.date) ?? { kwh: 0, peak: 0, flat: 0, valley: 0 };
      entry.kwh += day.kwh;
      entry.peak += day.peak;
      entry.flat += day.flat;
      entry.valley += day.valley;
      daily.set(day.date, entry);
    }
  tables.push({
    title: park ? '二、园区逐日用电' : '一、逐日用电',
    columns: [
      { header: '日期' },
      { header: '用电量', ...KWH },
      { header: '峰', ...KWH },
      { header: '平', ...KWH },
      { header: '谷', ...KWH },
    ],
    rows: [...daily.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, d]): Cell[] => [date, round3(d.kwh), round3(d.peak), round3(d.flat), round3(d.valley)]),
    empty: '本期没有用电数据。',
  });
  if (!park && first) {
    tables.push({
      title: '二、分表用电',
      columns: [
        { header: '电能表' },
        { header: '产线' },
        { header: '用电量', ...KWH },
        { header: '峰', ...KWH },
        { header: '平', ...KWH },
        { header: '谷', ...KWH },
        { header: '最大需量', unit: 'kW', digits: 1 },
      ],
      rows: first.meters.map((m): Cell[] => [
        m.name,
        m.line === null ? '—' : productionLineName(m.line).zh,
        m.kwh,
        m.tou.peak,
        m.tou.flat,
        m.tou.valley,
        m.peakKw,
      ]),
      empty: '该企业没有电能表。',
    });
  }
  const tou = first?.tou;
  return {
    fileStem: `energy-${period.label}-${park ? 'park' : input.scope}`,
    title: park ? '园区能耗月报' : `${first?.enterpriseName ?? ''} 能耗月报`,
    subtitle: `${park ? '全园区' : (first?.enterpriseName ?? '')} · ${periodTitle(period)}`,
    facts,
    tables,
    notes: [
      '用电量取自各电能表累计电量（kWh）的逐小时增量；峰、平、谷按小时归入时段' +
        (tou ? `（峰 ${tou.peakHours}，谷 ${tou.valleyHours}，其余为平）` : '') +
        '。',
      '最大需量：15 分钟平均负荷的最大值，只计完整的需量周期（与电能表的需量计量一致）。',
      `碳排放 = 用电量 × 电网排放因子${first ? ` ${first.carbon.factorKgPerKwh} kgCO₂/kWh` : ''}。万元产值电耗 = 用电量 ÷ 按天数分摊的年度工业总产值（万元）。`,
      '各项定义见 docs/energy.md，与能耗页面的计算为同一实现。',
    ],
  };
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
