/**
 * 计划任务 (issue #18 item 4): the plan's annual targets split into yearly, quarterly and monthly tasks, each with a
 * responsible person (责任人), a department (责任部门) and a status, and the committee's monthly review (月度督查).
 * Pure: the period arithmetic, the overdue rule and the field rules are shared by the API and the web form.
 * Calendar dates are `YYYY-MM-DD` on the park's calendar (Asia/Shanghai).
 */
import type { PlanIndicator } from './records-views';

/** 年度 / 季度 / 月度. */
export const PLAN_PERIOD_KINDS = ['year', 'quarter', 'month'] as const;
export type PlanPeriodKind = (typeof PLAN_PERIOD_KINDS)[number];

/** 未开始 / 进行中 / 已完成 / 已取消. */
export const PLAN_TASK_STATUSES = ['not-started', 'in-progress', 'done', 'cancelled'] as const;
export type PlanTaskStatus = (typeof PLAN_TASK_STATUSES)[number];

/** The unit each plan indicator is counted in (the plan dashboard's units; a task's contribution uses the same). */
export const PLAN_INDICATOR_UNITS: Readonly<Record<PlanIndicator, string>> = {
  'high-tech-investment': '万元',
  'high-tech-output-share': '%',
  'core-industry-share': '%',
  'carrier-occupancy': '%',
  'inefficient-land-revitalized': '亩',
  'above-scale-enterprises': '家',
  'above-scale-taxable-sales': '万元',
  'invention-patents': '件',
  'incubating-projects': '个',
};

/** The first and last plan year a task may be set for. */
export const PLAN_TASK_YEARS = { min: 2000, max: 2100 } as const;

/** The largest number a period of this kind has: none for a year (always null), 4 quarters, 12 months. */
export function periodNumberMax(kind: PlanPeriodKind): number | null {
  return kind === 'year' ? null : kind === 'quarter' ? 4 : 12;
}

/** What is wrong with a (kind, number) pair, or null: a year has no number, a quarter 1–4, a month 1–12. */
export function periodProblem(kind: PlanPeriodKind, periodNumber: number | null): string | null {
  const max = periodNumberMax(kind);
  if (max === null)
    return periodNumber === null ? null : 'periodNumber: a yearly task has no period number (leave it empty)';
  if (periodNumber === null || !Number.isInteger(periodNumber) || periodNumber < 1 || periodNumber > max)
    return `periodNumber: a ${kind === 'quarter' ? 'quarter' : 'month'} from 1 to ${max}`;
  return null;
}

/** The last calendar day of the period, `YYYY-MM-DD`: 12-31, a quarter's last day, a month's last day. */
export function periodEnd(year: number, kind: PlanPeriodKind, periodNumber: number | null): string {
  const lastMonth =
    kind === 'year' ? 12 : kind === 'quarter' ? (periodNumber ?? 4) * 3 : (periodNumber ?? 12);
  // Day 0 of the next month is the last day of this one.
  const last = new Date(Date.UTC(year, lastMonth, 0));
  return last.toISOString().slice(0, 10);
}

/** The first calendar day of the period. */
export function periodStart(year: number, kind: PlanPeriodKind, periodNumber: number | null): string {
  const firstMonth =
    kind === 'year' ? 1 : kind === 'quarter' ? ((periodNumber ?? 1) - 1) * 3 + 1 : (periodNumber ?? 1);
  return `${year}-${String(firstMonth).padStart(2, '0')}-01`;
}

/** Whether a period of kind `kind` fits inside its parent's period (a quarter in its year, a month in its quarter). */
export function periodWithin(
  child: { year: number; periodKind: PlanPeriodKind; periodNumber: number | null },
  parent: { year: number; periodKind: PlanPeriodKind; periodNumber: number | null },
): boolean {
  if (child.year !== parent.year) return false;
  const rank = { year: 0, quarter: 1, month: 2 } as const;
  if (rank[child.periodKind] <= rank[parent.periodKind]) return false;
  const start = periodStart(child.year, child.periodKind, child.periodNumber);
  const end = periodEnd(child.year, child.periodKind, child.periodNumber);
  return (
    start >= periodStart(parent.year, parent.periodKind, parent.periodNumber) &&
    end <= periodEnd(parent.year, parent.periodKind, parent.periodNumber)
  );
}

/** Whether a task is still open: not done and not cancelled. */
export function isOpenTask(status: PlanTaskStatus): boolean {
  return status === 'not-started' || status === 'in-progress';
}

/** Days past its due date on `today` while open; 0 when done, cancelled or not yet due. */
export function taskOverdueDays(task: { status: PlanTaskStatus; dueOn: string }, today: string): number {
  if (!isOpenTask(task.status) || task.dueOn >= today) return 0;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${task.dueOn}T00:00:00Z`)) / 86_400_000);
}

export interface PlanTaskView {
  readonly id: string;
  readonly year: number;
  readonly periodKind: PlanPeriodKind;
  /** Quarter 1–4 or month 1–12; null for a yearly task. */
  readonly periodNumber: number | null;
  /** The plan indicator the task carries part of, or null for a task without one. */
  readonly indicator: PlanIndicator | null;
  /** The yearly (or quarterly) task this one was split from. */
  readonly parentId: string | null;
  readonly title: string;
  readonly description: string | null;
  /** 责任人. */
  readonly ownerName: string;
  /** 责任部门. */
  readonly department: string;
  /** The part of the indicator's annual target this task carries, in the indicator's unit; null when none. */
  readonly contribution: number | null;
  /** The indicator's unit (PLAN_INDICATOR_UNITS); null without an indicator. */
  readonly unit: string | null;
  readonly status: PlanTaskStatus;
  /** 期限, `YYYY-MM-DD`; the period's end unless set otherwise. */
  readonly dueOn: string;
  /** The day it was done; null unless done. */
  readonly completedOn: string | null;
  /** 进展情况. */
  readonly progressNote: string | null;
  /** Days past its due date on the park's calendar today while open; 0 otherwise. */
  readonly overdueDays: number;
  readonly isDemo: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Counts of one department or one owner in a month's review. */
export interface PlanReviewGroup {
  /** The department's or the owner's name. */
  readonly name: string;
  /** Tasks due in the month (any status but cancelled). */
  readonly due: number;
  /** Open tasks due on or before the month's end whose due date has passed (as of the review day). */
  readonly overdue: number;
  /** Tasks completed in the month. */
  readonly done: number;
}

/** One indicator in a month's review: its annual target and current value (the plan dashboard's) and the tasks. */
export interface PlanReviewIndicator {
  readonly indicator: PlanIndicator;
  readonly unit: string;
  /** The year's target (plan_targets, as the plan dashboard applies it); null when none is set. */
  readonly target: number | null;
  readonly comparator: 'gt' | 'gte' | null;
  /** The current value as the plan dashboard computes it; null when not reported. */
  readonly value: number | null;
  /** The sum of the contributions of the year's yearly tasks on this indicator (not cancelled); 0 when none. */
  readonly yearlyContribution: number;
  /** The same over the year's quarterly tasks. */
  readonly quarterlyContribution: number;
  /** The same over the year's monthly tasks. */
  readonly monthlyContribution: number;
  /**
   * The contributions of the done tasks that were not split further (no task that is not cancelled was split from
   * them), so a figure split into quarters and months counts once.
   */
  readonly doneContribution: number;
  readonly tasks: number;
  readonly openTasks: number;
  readonly overdueTasks: number;
}

/** 月度督查: what the committee reviews for one month. */
export interface PlanMonthlyReview {
  readonly year: number;
  readonly month: number;
  /** The park's calendar day the days overdue are counted to. */
  readonly asOf: string;
  /** Tasks due in the month (not cancelled), by due date. */
  readonly dueThisMonth: readonly PlanTaskView[];
  /** Open tasks due on or before the month's end and past due on `asOf`, most overdue first. */
  readonly overdue: readonly PlanTaskView[];
  /** Tasks completed in the month. */
  readonly doneThisMonth: readonly PlanTaskView[];
  readonly byDepartment: readonly PlanReviewGroup[];
  readonly byOwner: readonly PlanReviewGroup[];
  readonly indicators: readonly PlanReviewIndicator[];
}
