/**
 * 重点项目 (重大项目 / 一企一策, issue #18 item 3) as the REST API sends them: a project's life from signing to full
 * production, what the enterprise promised against what it reached by year, its milestones, and the supervision
 * list (督办) of overdue milestones. Money in 万元; calendar dates `YYYY-MM-DD` on the park's calendar
 * (Asia/Shanghai). Pure: the stage order and the day arithmetic are shared by the API and the web app.
 */

/** 签约 → 开工 → 竣工 → 达产, in this order; a project moves one stage forward at a time. */
export const PROJECT_STAGES = ['signed', 'started', 'completed', 'producing'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

/** The stage after `stage`, or null at 达产 (the last). */
export function nextProjectStage(stage: ProjectStage): ProjectStage | null {
  const i = PROJECT_STAGES.indexOf(stage);
  return i >= 0 && i < PROJECT_STAGES.length - 1 ? PROJECT_STAGES[i + 1] : null;
}

const PARK_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The park's calendar day (Asia/Shanghai, UTC+8, no daylight saving) of an instant, `YYYY-MM-DD`. */
export function parkCalendarDay(at: number): string {
  return new Date(at + PARK_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from calendar day `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The date each stage was reached; null for a stage not reached yet. */
export interface ProjectStageDates {
  readonly signed: string;
  readonly started: string | null;
  readonly completed: string | null;
  readonly producing: string | null;
}

/** What was reached in one year (万元); null = 未上报 (not reported), never zero. */
export interface ProjectActualView {
  readonly year: number;
  /** 当年完成投资. */
  readonly investment: number | null;
  /** 当年销售收入. */
  readonly sales: number | null;
  /** 当年税收. */
  readonly tax: number | null;
  readonly updatedAt: string;
}

export interface ProjectMilestoneView {
  readonly id: string;
  readonly projectId: string;
  readonly title: string;
  /** `YYYY-MM-DD`. */
  readonly dueOn: string;
  /** The day it was done; null while open. */
  readonly doneOn: string | null;
  /** 责任人. */
  readonly ownerName: string;
  /** 责任部门. */
  readonly department: string;
  /** Days past its due date on the park's calendar today, while open; 0 when not overdue or done. */
  readonly overdueDays: number;
}

export interface ProjectView {
  readonly id: string;
  readonly name: string;
  readonly enterpriseId: string;
  readonly enterpriseName: string;
  readonly parcelId: string | null;
  readonly parcelName: string | null;
  readonly stage: ProjectStage;
  readonly stageDates: ProjectStageDates;
  /** 协议投资总额, 万元. */
  readonly promisedInvestment: number | null;
  /** 达产后年销售收入, 万元. */
  readonly promisedSales: number | null;
  /** 达产后年税收, 万元. */
  readonly promisedTax: number | null;
  /** 项目责任人 and 责任部门. */
  readonly ownerName: string;
  readonly department: string;
  readonly note: string | null;
  /** Open milestones past their due date. */
  readonly overdueMilestones: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One project with its milestones (by due date) and its actuals (by year). */
export interface ProjectDetailView extends ProjectView {
  readonly milestones: readonly ProjectMilestoneView[];
  readonly actuals: readonly ProjectActualView[];
}

/** One line of the supervision list (督办清单): an open milestone past its due date. */
export interface SupervisionItemView {
  readonly milestone: ProjectMilestoneView;
  readonly projectId: string;
  readonly projectName: string;
  readonly stage: ProjectStage;
  readonly enterpriseId: string;
  readonly enterpriseName: string;
}

export interface SupervisionListView {
  /** The park's calendar day the days overdue are counted to. */
  readonly asOf: string;
  /** Most overdue first. */
  readonly items: readonly SupervisionItemView[];
}
