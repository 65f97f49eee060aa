import {
  MU_INDICATOR_UNITS,
  type AlertSeverity,
  type CultivationEntry,
  type CultivationLibrary,
  type EvaluationRow,
  type Grade,
  type GradeMove,
  type MuIndicator,
  type PlanIndicator,
  type PlanProgressYear,
  type ProjectStage,
  type ProjectView,
  type SupervisionListView,
  type UngradedCause,
  toPlanUnit,
} from '@park/contracts';
import { minutesText, severityText, type AlarmHeadline } from './alarm-report';
import type { EnergyTotals } from './energy-report';
import type { Cell, ReportDocument, ReportFact, ReportTable } from './report-document';
import { parkDateTime, periodTitle, type ReportPeriod } from './report-period';

/**
 * 园区月度运行报告: the park's month on one page set — the plan's progress against its targets, the 亩均 grades,
 * the four cultivation libraries (all three the analytics API's own: AnalyticsService.progress,
 * evaluateEnterprises, cultivation — docs/analytics.md), the month's alarm headline (the 告警月报's) and its
 * electricity (the 能耗月报's park totals). The plan and 亩均 figures are annual: they are shown for the data year,
 * the latest year up to the report's with a 亩均 evaluation. This file only lays them out.
 */
export interface ParkReportInput {
  readonly period: ReportPeriod;
  /** The year the annual figures (plan, 亩均, cultivation) are of. */
  readonly dataYear: number;
  readonly progress: PlanProgressYear | null;
  readonly evaluation: readonly EvaluationRow[];
  /** Grade moves from the year before the data year to it (gradeMovers, apps/api/src/analytics/mu-movers.ts). */
  readonly movers: readonly GradeMove[];
  readonly cultivation: Readonly<Record<CultivationLibrary, readonly CultivationEntry[]>>;
  readonly alarms: AlarmHeadline;
  readonly severityLabels: Readonly<Record<AlertSeverity, string>>;
  readonly energy: EnergyTotals & { readonly enterprises: number };
  /** 重点项目 and the supervision list (督办) of their overdue milestones; null: no projects section. */
  readonly projects: {
    readonly projects: readonly ProjectView[];
    readonly supervision: SupervisionListView;
  } | null;
}

/** The stages as the projects page names them. */
export const PROJECT_STAGE_ZH: Readonly<Record<ProjectStage, string>> = {
  signed: '签约',
  started: '开工',
  completed: '竣工',
  producing: '达产',
};

/** The words the web app's plan dashboard shows (apps/web/src/i18n/messages.ts, plan.indicator.*). */
export const PLAN_INDICATOR_ZH: Readonly<Record<PlanIndicator, string>> = {
  'high-tech-investment': '高新技术产业投资（累计）',
  'high-tech-output-share': '高新技术产业产值占比',
  'core-industry-share': '主导产业企业占比',
  'carrier-occupancy': '载体入驻率',
  'inefficient-land-revitalized': '盘活低效用地（累计）',
  'above-scale-enterprises': '规上工业企业',
  'above-scale-taxable-sales': '规上工业应税销售',
  'invention-patents': '有效发明专利',
  'incubating-projects': '在孵项目',
};
/** plan.library.* and the measure each library holds its members to (apps/api/src/analytics/cultivation.ts). */
export const LIBRARY_ZH: Readonly<
  Record<CultivationLibrary, { name: string; measure: string; unit: string }>
> = {
  'above-scale': { name: '规上企业培育库', measure: '营业收入', unit: '万元' },
  'high-tech': { name: '高新技术企业培育库', measure: '研发投入强度', unit: '%' },
  listed: { name: '上市企业培育库', measure: '营业收入', unit: '万元' },
  'revenue-100m': { name: '销售过亿企业培育库', measure: '营业收入', unit: '万元' },
};
/** The 亩均 indicators as the evaluation names them (docs/analytics.md). */
export const MU_INDICATOR_ZH: Readonly<Record<MuIndicator, string>> = {
  taxPerMu: '亩均税收',
  salesPerMu: '亩均销售收入',
  outputPerMu: '亩均产值',
  outputPerEnergy: '单位能耗产值',
  rdIntensity: '研发投入强度',
};
const CAUSE_ZH: Readonly<Record<UngradedCause, string>> = {
  'not-listed': '未报送税收和销售',
  'no-land': '无用地',
  'not-reported': '税收或销售未报送',
};
const MOVE_ZH: Readonly<Record<GradeMove['kind'], string>> = {
  up: '上升',
  down: '下降',
  entered: '新定等级',
  left: '不再定等级',
};

/** A plan-level figure in the unit the plan speaks (万元 → 亿元), to two decimals at most. */
function planFigure(value: number, unit: string): number {
  return Math.round(toPlanUnit(value, unit).value * 100) / 100;
}

/** Why a grade moved, in words: the two indicators whose points moved most, or the ungraded side's cause. */
export function moveReasonText(move: GradeMove): string {
  if (move.kind === 'entered') return `上年不定等级：${CAUSE_ZH[move.cause]}`;
  if (move.kind === 'left') return `本年不定等级：${CAUSE_ZH[move.cause]}`;
  if (move.reasons.length === 0) return '得分未朝此方向变化，名次因其他企业变化而变';
  const value = (v: number | null) => (v === null ? '未报送' : String(Math.round(v * 100) / 100));
  return move.reasons
    .slice(0, 2)
    .map((r) => {
      const points = `${r.pointsChange > 0 ? '+' : ''}${r.pointsChange.toFixed(1)} 分`;
      return `${MU_INDICATOR_ZH[r.indicator]} ${value(r.valueFrom)} → ${value(r.valueTo)} ${MU_INDICATOR_UNITS[r.indicator]}（${points}）`;
    })
    .join('；');
}

/** plan.grade.*. */
export const GRADE_ZH: Readonly<Record<Grade, string>> = {
  A: 'A 类 · 优先发展',
  B: 'B 类 · 鼓励提升',
  C: 'C 类 · 监管调控',
  D: 'D 类 · 落后整治',
};
const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D'];
const LIBRARIES: readonly CultivationLibrary[] = ['above-scale', 'high-tech', 'listed', 'revenue-100m'];

/** How many enterprises got each grade, and how many reported but could not be graded. */
export function gradeDistribution(rows: readonly EvaluationRow[]): {
  readonly graded: number;
  readonly ungraded: number;
  readonly byGrade: readonly {
    readonly grade: Grade;
    readonly count: number;
    readonly share: number | null;
  }[];
} {
  const graded = rows.filter((r) => r.grade !== null).length;
  return {
    graded,
    ungraded: rows.length - graded,
    byGrade: GRADES.map((grade) => {
      const count = rows.filter((r) => r.grade === grade).length;
      return { grade, count, share: graded > 0 ? Math.round((count / graded) * 1000) / 10 : null };
    }),
  };
}

export function parkDocument(input: ParkReportInput, generatedAt: number): ReportDocument {
  const { period, dataYear, alarms, energy } = input;
  const grades = gradeDistribution(input.evaluation);
  const indicators = input.progress?.indicators ?? [];
  const met = indicators.filter((i) => i.met === true).length;
  const withTarget = indicators.filter((i) => i.target !== null).length;

  const facts: ReportFact[] = [
    { label: '统计周期', value: `${parkDateTime(period.from)} 至 ${parkDateTime(period.to)}（北京时间）` },
    { label: '年度数据', value: `规划指标、亩均效益与培育库取 ${dataYear} 年数据` },
    {
      label: '规划指标',
      value: withTarget > 0 ? `${withTarget} 项有目标，已达标 ${met} 项` : `${dataYear} 年无适用目标`,
    },
    {
      label: '亩均评价',
      value: `已评 ${grades.graded} 家：${grades.byGrade.map((g) => `${g.grade} 类 ${g.count}`).join('、')}`,
    },
    {
      label: '本月报警',
      value: `${alarms.total} 条（${severityText(alarms.bySeverity, input.severityLabels)}）`,
    },
    { label: '确认用时', value: minutesText(alarms.acknowledge) },
    {
      label: '月末仍未解除',
      value: `${alarms.unresolvedAtEnd} 条，其中未确认 ${alarms.unacknowledgedAtEnd} 条`,
    },
    { label: '本月园区用电', value: `${energy.kwh.toFixed(1)} kWh（${energy.enterprises} 家企业）` },
    { label: '生成时间', value: `${parkDateTime(generatedAt)}（北京时间）` },
  ];

  const tables: ReportTable[] = [];
  const numbered = (title: string) => `${'一二三四五六七八九十'[tables.length]}、${title}`;
  tables.push({
    title: numbered(`规划指标进展（${dataYear} 年）`),
    columns: [
      { header: '指标' },
      { header: '单位' },
      // As the plan computes them: a count of enterprises stays whole, a share keeps its one decimal.
      { header: '实际值' },
      { header: '目标' },
      { header: '完成度', unit: '%', digits: 1 },
      { header: '是否达标' },
    ],
    // Amounts in 亿元, as the plan states its targets (the API keeps 万元); a year not reported says so, never 0.
    rows: indicators.map((i): Cell[] => [
      PLAN_INDICATOR_ZH[i.indicator],
      toPlanUnit(0, i.unit).unit,
      i.value === null ? '未上报' : planFigure(i.value, i.unit),
      i.target === null ? null : planFigure(i.target, i.unit),
      i.progress,
      i.met === null ? (i.value === null ? '未上报' : '无目标') : i.met ? '达标' : '未达标',
    ]),
    empty: `${dataYear} 年没有规划指标数据。`,
  });
  tables.push({
    title: numbered(`亩均效益等级分布（${dataYear} 年）`),
    columns: [
      { header: '等级' },
      { header: '企业数', unit: '家', digits: 0 },
      { header: '占已评', unit: '%', digits: 1 },
    ],
    rows: [
      ...grades.byGrade.map((g): Cell[] => [GRADE_ZH[g.grade], g.count, g.share]),
      ['不定等级', grades.ungraded, null],
    ],
  });
  tables.push({
    title: numbered(`亩均等级变动企业（${dataYear - 1} → ${dataYear} 年）`),
    columns: [
      { header: '企业' },
      { header: '变动' },
      { header: '上年等级' },
      { header: '本年等级' },
      { header: '上年得分', digits: 1 },
      { header: '本年得分', digits: 1 },
      { header: '主要原因' },
    ],
    rows: input.movers.map((m): Cell[] => [
      m.name,
      MOVE_ZH[m.kind],
      m.kind === 'entered' ? '不定等级' : m.from,
      m.kind === 'left' ? '不定等级' : m.to,
      m.kind === 'entered' ? null : m.scoreFrom,
      m.kind === 'left' ? null : m.scoreTo,
      moveReasonText(m),
    ]),
    empty: `${dataYear} 年与上年相比没有企业等级变化。`,
  });
  tables.push({
    title: numbered(`四大培育库（${dataYear} 年数据）`),
    columns: [
      { header: '培育库' },
      { header: '入库企业', unit: '家', digits: 0 },
      { header: '已达标', unit: '家', digits: 0 },
      { header: '培育中', unit: '家', digits: 0 },
    ],
    rows: LIBRARIES.map((library): Cell[] => {
      const members = input.cultivation[library] ?? [];
      const achieved = members.filter((m) => m.achieved).length;
      return [LIBRARY_ZH[library].name, members.length, achieved, members.length - achieved];
    }),
  });
  tables.push({
    title: numbered('培育库企业'),
    columns: [
      { header: '培育库' },
      { header: '企业' },
      { header: '状态' },
      { header: '衡量指标' },
      { header: '数值', digits: 1 },
      { header: '入库标准', digits: 1 },
      { header: '完成度', unit: '%', digits: 1 },
    ],
    rows: LIBRARIES.flatMap((library) =>
      (input.cultivation[library] ?? []).map((m): Cell[] => [
        LIBRARY_ZH[library].name,
        m.name,
        m.achieved ? '已达标' : '培育中',
        `${LIBRARY_ZH[library].measure}（${LIBRARY_ZH[library].unit}）`,
        m.value,
        m.threshold,
        m.progress,
      ]),
    ),
    empty: '培育库暂无企业。',
  });
  if (input.projects) {
    const { projects, supervision } = input.projects;
    tables.push({
      title: numbered('重点项目（按阶段）'),
      columns: [
        { header: '阶段' },
        { header: '项目数', unit: '个', digits: 0 },
        { header: '有逾期节点的项目', unit: '个', digits: 0 },
      ],
      rows: (Object.keys(PROJECT_STAGE_ZH) as ProjectStage[]).map((stage): Cell[] => {
        const ofStage = projects.filter((p) => p.stage === stage);
        return [
          PROJECT_STAGE_ZH[stage],
          ofStage.length,
          ofStage.filter((p) => p.overdueMilestones > 0).length,
        ];
      }),
    });
    tables.push({
      title: numbered(`重点项目逾期节点（督办，截至 ${supervision.asOf}）`),
      columns: [
        { header: '项目' },
        { header: '企业' },
        { header: '阶段' },
        { header: '节点' },
        { header: '应完成日期' },
        { header: '逾期', unit: '天', digits: 0 },
        { header: '责任人' },
        { header: '责任部门' },
      ],
      rows: supervision.items.map((item): Cell[] => [
        item.projectName,
        item.enterpriseName,
        PROJECT_STAGE_ZH[item.stage],
        item.milestone.title,
        item.milestone.dueOn,
        item.milestone.overdueDays,
        item.milestone.ownerName,
        item.milestone.department,
      ]),
      empty: '没有逾期未完成的节点。',
    });
  }
  const severity = (s: AlertSeverity) => alarms.bySeverity.find((g) => g.severity === s)?.count ?? 0;
  tables.push({
    title: numbered('本月报警概况'),
    columns: [{ header: '项目' }, { header: '数量', unit: '条', digits: 0 }],
    rows: [
      ['报警总数', alarms.total],
      ...(['critical', 'warning', 'info'] as const).map((s): Cell[] => [
        `其中${input.severityLabels[s]}`,
        severity(s),
      ]),
      ['月末仍未解除', alarms.unresolvedAtEnd],
      ['月末未确认', alarms.unacknowledgedAtEnd],
      ['超时未确认（升级）', alarms.overdue],
      ...(alarms.topEnterprise
        ? [[`报警最多的企业：${alarms.topEnterprise.name}`, alarms.topEnterprise.count] as Cell[]]
        : []),
    ],
  });
  const times = (name: string, m: AlarmHeadline['acknowledge']): Cell[] => [
    name,
    m.count,
    m.mean,
    m.median,
    m.p90,
  ];
  tables.push({
    title: numbered('本月报警响应用时'),
    columns: [
      { header: '环节' },
      { header: '统计条数', unit: '条', digits: 0 },
      { header: '均值', unit: '分钟', digits: 1 },
      { header: '中位数', unit: '分钟', digits: 1 },
      { header: 'P90', unit: '分钟', digits: 1 },
    ],
    rows: [times('发生 → 确认', alarms.acknowledge), times('发生 → 解除', alarms.resolve)],
  });
  tables.push({
    title: numbered('本月用电'),
    columns: [{ header: '项目' }, { header: '数值', digits: 1 }, { header: '单位' }],
    rows: [
      ['园区用电量', energy.kwh, 'kWh'],
      ['峰时段', energy.peak, 'kWh'],
      ['平时段', energy.flat, 'kWh'],
      ['谷时段', energy.valley, 'kWh'],
      ['碳排放', energy.tCo2e, 'tCO₂e'],
      ['万元产值电耗', energy.kwhPer10kYuan, 'kWh/万元'],
    ],
  });

  return {
    fileStem: `park-${period.label}`,
    title: '园区月度运行报告',
    subtitle: `全园区 · ${periodTitle(period)}`,
    facts,
    tables,
    notes: [
      `规划指标、亩均效益评价和培育库按年度上报的企业数据计算，取 ${dataYear} 年（截至本报告年度、有亩均评价的最近一年）；与“规划”页面为同一实现（docs/analytics.md）。目标取该年目标，无则取其后最近一年的目标。`,
      '亩均效益等级按评价方案（默认：淮安市《工业企业资源集约利用综合评价办法》(2024)，亩均税收 45%、亩均销售收入 35%、绿色发展 20%）加权得分，按排名划分：A 类前 20%、B 类 20%–60%、C 类 60%–95%、D 类末 5%；未报送税收或销售、或无用地的企业不定等级。',
      '等级变动：与上年评价相比等级上升或下降的企业，以及新定等级、不再定等级的企业；主要原因为得分（指标值 ÷ 基准值 × 权重）朝变动方向变化最大的两项指标。',
      '本月报警与用电：与本月“告警月报”“园区能耗月报”取自同一计算，定义见两份报表的说明。',
    ],
  };
}
