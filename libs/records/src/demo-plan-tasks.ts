import {
  periodEnd,
  periodStart,
  PLAN_INDICATOR_UNITS,
  type PlanIndicator,
  type PlanPeriodKind,
  type PlanTaskStatus,
} from '@park/contracts';
import type { EntityManager } from 'typeorm';
import { PlanTaskEntity } from './entities/plan-task.entity';

const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const DAY_MS = 86_400_000;
const minusDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);

interface DemoLine {
  readonly indicator: PlanIndicator | null;
  /** What is done, with `{n}` for the figure and `{u}` for its unit, e.g. `新增规上工业企业 {n} {u}`. */
  readonly work: string;
  readonly ownerName: string;
  readonly department: string;
  /** The yearly figure for 2025 and 2026 (null: a task without a figure). */
  readonly yearly: Readonly<Record<2025 | 2026, number | null>>;
  /** Split into months too (2026 only), not just quarters. */
  readonly monthly: boolean;
}

/** Invented 2025/2026 plan lines, one per main indicator, plus the safety and environment committees' own work. */
const LINES: readonly DemoLine[] = [
  {
    indicator: 'high-tech-investment',
    work: '完成高新技术产业投资 {n} {u}',
    ownerName: '陆建华',
    department: '经发局',
    yearly: { 2025: 180_000, 2026: 200_000 },
    monthly: true,
  },
  {
    indicator: 'above-scale-enterprises',
    work: '新增规上工业企业 {n} {u}',
    ownerName: '周敏',
    department: '经发局',
    yearly: { 2025: 24, 2026: 28 },
    monthly: false,
  },
  {
    indicator: 'above-scale-taxable-sales',
    work: '规上工业应税销售 {n} {u}',
    ownerName: '陈向东',
    department: '税务联络',
    yearly: { 2025: 3_000_000, 2026: 3_300_000 },
    monthly: true,
  },
  {
    indicator: 'inefficient-land-revitalized',
    work: '盘活低效用地 {n} {u}',
    ownerName: '施国平',
    department: '规划建设局',
    yearly: { 2025: 600, 2026: 500 },
    monthly: false,
  },
  {
    indicator: 'invention-patents',
    work: '新增有效发明专利 {n} {u}',
    ownerName: '顾晓燕',
    department: '招商局',
    yearly: { 2025: 120, 2026: 140 },
    monthly: false,
  },
  {
    indicator: 'incubating-projects',
    work: '引进在孵科创类项目 {n} {u}',
    ownerName: '沈志刚',
    department: '招商局',
    yearly: { 2025: 12, 2026: 12 },
    monthly: true,
  },
  {
    indicator: null,
    work: '安全生产专项整治：重点企业隐患排查全覆盖',
    ownerName: '黄海军',
    department: '安监局',
    yearly: { 2025: null, 2026: null },
    monthly: false,
  },
  {
    indicator: null,
    work: '生态环境问题整改：VOCs 治理设施提标改造',
    ownerName: '钱丽娟',
    department: '环保局',
    yearly: { 2025: null, 2026: null },
    monthly: false,
  },
];

/** How a year's figure splits over the quarters (the park's usual 前低后高 pace). */
const QUARTER_SHARE = [0.2, 0.25, 0.25, 0.3] as const;
const QUARTER_ZH = ['第一季度', '第二季度', '第三季度', '第四季度'] as const;

/** Counts and 万元 in whole numbers; 亩 to one decimal. */
const round = (x: number, unit: string) => (unit === '亩' ? Math.round(x * 10) / 10 : Math.round(x));

const figures = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

function titleOf(line: DemoLine, figure: number | null): string {
  const unit = line.indicator ? PLAN_INDICATOR_UNITS[line.indicator] : '';
  return line.work.replace('{n}', figure === null ? '' : figures.format(figure)).replace('{u}', unit);
}

/**
 * The demo park's plan (计划任务) for 2025 and 2026, marked demo: per main indicator a yearly task split into
 * quarterly ones (and for three of them the 2026 quarters into months), each with a 责任人 and 责任部门, plus the
 * 安监局's and 环保局's quarterly work. Statuses follow the seed's clock: what fell due before the seed day is done
 * (a few days before its due date), except a handful left open so the overdue highlight and the 月度督查 have
 * something to show (the 2025 Q4 land task, the latest past quarter of 新增规上, the latest past month of 在孵项目);
 * what is due later is 进行中 within its period and 未开始 before it; one 环保局 quarter is 已取消. Seeded once,
 * while no demo task exists (deleted ones included): tasks an admin changed stay as they left them.
 */
export async function seedDemoPlanTasks(em: EntityManager, seededAtMs: number): Promise<void> {
  const repo = em.getRepository(PlanTaskEntity);
  if ((await repo.count({ where: { isDemo: true }, withDeleted: true })) > 0) return;
  const today = day(seededAtMs);
  // The latest quarter and month whose end is before the seed day: their chosen tasks are left open.
  const pastQuarters: string[] = [];
  const pastMonths: string[] = [];
  for (const year of [2025, 2026]) {
    for (let q = 1; q <= 4; q++) if (periodEnd(year, 'quarter', q) < today) pastQuarters.push(`${year}-${q}`);
    for (let m = 1; m <= 12; m++) if (periodEnd(year, 'month', m) < today) pastMonths.push(`${year}-${m}`);
  }
  const lateQuarter = pastQuarters.at(-1);
  const lateMonth = pastMonths.at(-1);

  const statusOf = (
    year: number,
    kind: PlanPeriodKind,
    n: number | null,
    late: boolean,
  ): { status: PlanTaskStatus; completedOn: string | null; progressNote: string } => {
    const start = periodStart(year, kind, n);
    const end = periodEnd(year, kind, n);
    if (end < today && !late)
      return { status: 'done', completedOn: minusDays(end, 3), progressNote: '已按期完成（演示数据）' };
    if (end < today)
      return {
        status: 'in-progress',
        completedOn: null,
        progressNote: '受项目审批进度影响滞后，已列入督办（演示数据）',
      };
    if (start <= today)
      return { status: 'in-progress', completedOn: null, progressNote: '按计划推进中（演示数据）' };
    return { status: 'not-started', completedOn: null, progressNote: '尚未到期（演示数据）' };
  };

  for (const year of [2025, 2026] as const) {
    for (const line of LINES) {
      const unit = line.indicator ? PLAN_INDICATOR_UNITS[line.indicator] : '';
      const figure = line.yearly[year];
      const landLate = line.indicator === 'inefficient-land-revitalized' && year === 2025;
      const yearly = await repo.save(
        repo.create({
          year,
          periodKind: 'year',
          periodNumber: null,
          indicator: line.indicator,
          parentId: null,
          title: `${year}年${titleOf(line, figure)}`,
          description: line.indicator ? '对应高质量发展“三个优化”行动方案年度目标（演示数据）' : '演示数据',
          ownerName: line.ownerName,
          department: line.department,
          contribution: figure,
          ...statusOf(year, 'year', null, landLate),
          dueOn: periodEnd(year, 'year', null),
          isDemo: true,
        }),
      );
      for (let q = 1; q <= 4; q++) {
        const share = figure === null ? null : round(figure * QUARTER_SHARE[q - 1], unit);
        const late =
          (landLate && q === 4) ||
          (line.indicator === 'above-scale-enterprises' && lateQuarter === `${year}-${q}`);
        const cancelled = line.department === '环保局' && year === 2026 && q === 2;
        const quarter = await repo.save(
          repo.create({
            year,
            periodKind: 'quarter',
            periodNumber: q,
            indicator: line.indicator,
            parentId: yearly.id,
            title: `${QUARTER_ZH[q - 1]}${titleOf(line, share)}`,
            description: '演示数据',
            ownerName: line.ownerName,
            department: line.department,
            contribution: share,
            ...(cancelled
              ? {
                  status: 'cancelled' as const,
                  completedOn: null,
                  progressNote: '并入省级督察整改任务，本季度取消（演示数据）',
                }
              : statusOf(year, 'quarter', q, late)),
            dueOn: periodEnd(year, 'quarter', q),
            isDemo: true,
          }),
        );
        if (!line.monthly || year !== 2026 || share === null) continue;
        for (let k = 0; k < 3; k++) {
          const m = (q - 1) * 3 + k + 1;
          // The quarter's last month takes what rounding left, so the three months add up to the quarter.
          const third = round(share / 3, unit);
          const part = k < 2 ? third : round(share - 2 * third, unit);
          const lateM = line.indicator === 'incubating-projects' && lateMonth === `${year}-${m}`;
          await repo.save(
            repo.create({
              year,
              periodKind: 'month',
              periodNumber: m,
              indicator: line.indicator,
              parentId: quarter.id,
              title: `${m}月${titleOf(line, part)}`,
              description: '演示数据',
              ownerName: line.ownerName,
              department: line.department,
              contribution: part,
              ...statusOf(year, 'month', m, lateM),
              dueOn: periodEnd(year, 'month', m),
              isDemo: true,
            }),
          );
        }
      }
    }
  }
}
