/**
 * 计划任务's form and figures as pure functions (no DOM): the task form checked as the API checks it
 * (apps/api/src/plan-tasks/plan-task.dto.ts and the repository's period rules, shared through @park/contracts) so a
 * mistake is named on its field in Chinese before a request; the tasks a new one may be split from; the period
 * and month labels. Unit-tested in plan-task-form.spec.ts.
 */
import {
  periodEnd,
  periodProblem,
  periodWithin,
  PLAN_INDICATOR_UNITS,
  PLAN_INDICATORS,
  PLAN_PERIOD_KINDS,
  PLAN_TASK_STATUSES,
  PLAN_TASK_YEARS,
  type PlanIndicator,
  type PlanPeriodKind,
  type PlanTaskStatus,
} from '@park/contracts';
import type { MessageKey } from '../i18n/messages';
import { isCalendarDate, type Checked, type FieldProblem } from '../records/enterprise-form';
import type { NewPlanTask, PlanTask } from './plan-tasks-api';

export { PLAN_INDICATORS, PLAN_PERIOD_KINDS, PLAN_TASK_STATUSES, PLAN_INDICATOR_UNITS };

export const STATUS_LABELS: Readonly<Record<PlanTaskStatus, MessageKey>> = {
  'not-started': 'planTasks.status.not-started',
  'in-progress': 'planTasks.status.in-progress',
  done: 'planTasks.status.done',
  cancelled: 'planTasks.status.cancelled',
};

export const KIND_LABELS: Readonly<Record<PlanPeriodKind, MessageKey>> = {
  year: 'planTasks.kind.year',
  quarter: 'planTasks.kind.quarter',
  month: 'planTasks.kind.month',
};

export const INDICATOR_LABELS: Readonly<Record<PlanIndicator, MessageKey>> = {
  'high-tech-investment': 'plan.indicator.high-tech-investment',
  'high-tech-output-share': 'plan.indicator.high-tech-output-share',
  'core-industry-share': 'plan.indicator.core-industry-share',
  'carrier-occupancy': 'plan.indicator.carrier-occupancy',
  'inefficient-land-revitalized': 'plan.indicator.inefficient-land-revitalized',
  'above-scale-enterprises': 'plan.indicator.above-scale-enterprises',
  'above-scale-taxable-sales': 'plan.indicator.above-scale-taxable-sales',
  'invention-patents': 'plan.indicator.invention-patents',
  'incubating-projects': 'plan.indicator.incubating-projects',
};

export const isPlanIndicator = (x: string): x is PlanIndicator =>
  (PLAN_INDICATORS as readonly string[]).includes(x);

/** The period of a task as words: `2026年`, `2026年第3季度`, `2026年11月`. */
export function periodLabel(task: {
  year: number;
  periodKind: PlanPeriodKind;
  periodNumber: number | null;
}): { key: MessageKey; params: Record<string, number> } {
  if (task.periodKind === 'year') return { key: 'planTasks.period.year', params: { year: task.year } };
  return {
    key: task.periodKind === 'quarter' ? 'planTasks.period.quarter' : 'planTasks.period.month',
    params: { year: task.year, n: task.periodNumber ?? 0 },
  };
}

const TITLE_MAX = 200;
const PERSON_MAX = 50;
const TEXT_MAX = 2000;
/** The largest contribution the API takes. */
export const MAX_CONTRIBUTION = 100_000_000;

export interface PlanTaskForm {
  readonly year: string;
  readonly periodKind: PlanPeriodKind;
  /** Quarter or month as typed in the select; '' for none. */
  readonly periodNumber: string;
  /** '' for none. */
  readonly indicator: string;
  /** '' for none. */
  readonly parentId: string;
  readonly title: string;
  readonly description: string;
  readonly ownerName: string;
  readonly department: string;
  readonly contribution: string;
  readonly status: PlanTaskStatus;
  /** '' → the period's end. */
  readonly dueOn: string;
  /** '' → today when done. */
  readonly completedOn: string;
  readonly progressNote: string;
}

export const PLAN_TASK_FIELDS = [
  'year',
  'periodKind',
  'periodNumber',
  'indicator',
  'parentId',
  'title',
  'description',
  'ownerName',
  'department',
  'contribution',
  'status',
  'dueOn',
  'completedOn',
  'progressNote',
] as const;

export function emptyForm(year: number, periodKind: PlanPeriodKind, indicator: string): PlanTaskForm {
  return {
    year: String(year),
    periodKind,
    periodNumber: '',
    indicator,
    parentId: '',
    title: '',
    description: '',
    ownerName: '',
    department: '',
    contribution: '',
    status: 'not-started',
    dueOn: '',
    completedOn: '',
    progressNote: '',
  };
}

/** A task as the edit form shows it. */
export function formOf(task: PlanTask): PlanTaskForm {
  return {
    year: String(task.year),
    periodKind: task.periodKind,
    periodNumber: task.periodNumber === null ? '' : String(task.periodNumber),
    indicator: task.indicator ?? '',
    parentId: task.parentId ?? '',
    title: task.title,
    description: task.description ?? '',
    ownerName: task.ownerName,
    department: task.department,
    contribution: task.contribution === null ? '' : String(task.contribution),
    status: task.status,
    dueOn: task.dueOn,
    completedOn: task.completedOn ?? '',
    progressNote: task.progressNote ?? '',
  };
}

const required: FieldProblem = { key: 'records.edit.error.required' };
const tooLong = (max: number): FieldProblem => ({ key: 'records.edit.error.tooLong', params: { max } });

function text(errors: Record<string, FieldProblem>, field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (!trimmed) errors[field] = required;
  else if (trimmed.length > max) errors[field] = tooLong(max);
  return trimmed;
}

/** The year's tasks a task of `kind` in `periodNumber` may be split from: coarser, and holding its period. */
export function parentCandidates(
  tasks: readonly PlanTask[],
  form: Pick<PlanTaskForm, 'year' | 'periodKind' | 'periodNumber'>,
  selfId: string | null,
): PlanTask[] {
  const year = Number(form.year);
  const periodNumber = form.periodNumber === '' ? null : Number(form.periodNumber);
  if (form.periodKind === 'year' || periodProblem(form.periodKind, periodNumber) !== null) return [];
  return tasks.filter(
    (t) =>
      t.id !== selfId &&
      t.status !== 'cancelled' &&
      periodWithin({ year, periodKind: form.periodKind, periodNumber }, t),
  );
}

/** The due date a form gets when its 期限 is left empty, or null while the period is incomplete. */
export function defaultDueOn(
  form: Pick<PlanTaskForm, 'year' | 'periodKind' | 'periodNumber'>,
): string | null {
  const year = Number(form.year);
  const periodNumber = form.periodNumber === '' ? null : Number(form.periodNumber);
  if (!Number.isInteger(year) || periodProblem(form.periodKind, periodNumber) !== null) return null;
  return periodEnd(year, form.periodKind, periodNumber);
}

/**
 * The task form → POST /api/plan-tasks (PATCH sends the same body). Each problem is named on its field: a missing
 * quarter or month, a year out of range, a contribution without an indicator, a period outside the parent's, a
 * bad or future completion day.
 */
export function checkPlanTaskForm(
  form: PlanTaskForm,
  today: string,
  tasks: readonly PlanTask[],
): Checked<NewPlanTask> {
  const errors: Record<string, FieldProblem> = {};
  const year = Number(form.year);
  if (!/^\d{4}$/.test(form.year.trim()) || year < PLAN_TASK_YEARS.min || year > PLAN_TASK_YEARS.max)
    errors.year = {
      key: 'planTasks.error.year',
      params: { min: PLAN_TASK_YEARS.min, max: PLAN_TASK_YEARS.max },
    };
  const periodNumber =
    form.periodKind === 'year' || form.periodNumber === '' ? null : Number(form.periodNumber);
  if (periodProblem(form.periodKind, periodNumber) !== null)
    errors.periodNumber = {
      key: form.periodKind === 'quarter' ? 'planTasks.error.quarter' : 'planTasks.error.month',
    };
  const indicator = isPlanIndicator(form.indicator) ? form.indicator : null;
  const title = text(errors, 'title', form.title, TITLE_MAX);
  const ownerName = text(errors, 'ownerName', form.ownerName, PERSON_MAX);
  const department = text(errors, 'department', form.department, PERSON_MAX);
  const description = form.description.trim();
  if (description.length > TEXT_MAX) errors.description = tooLong(TEXT_MAX);
  const progressNote = form.progressNote.trim();
  if (progressNote.length > TEXT_MAX) errors.progressNote = tooLong(TEXT_MAX);

  let contribution: number | null = null;
  const typed = form.contribution.trim().replace(/,/g, '');
  if (typed) {
    const n = Number(typed);
    if (!/^\d+(\.\d+)?$/.test(typed) || !Number.isFinite(n) || n > MAX_CONTRIBUTION)
      errors.contribution = { key: 'planTasks.error.number' };
    else contribution = n;
  }

  const parent = form.parentId ? tasks.find((t) => t.id === form.parentId) : undefined;
  if (parent && !errors.year && !errors.periodNumber) {
    if (!periodWithin({ year, periodKind: form.periodKind, periodNumber }, parent))
      errors.parentId = { key: 'planTasks.error.parentPeriod' };
    else if (parent.indicator !== null && indicator !== null && indicator !== parent.indicator)
      errors.indicator = { key: 'planTasks.error.parentIndicator' };
  }
  if (contribution !== null && indicator === null && !(parent && parent.indicator !== null))
    errors.contribution = { key: 'planTasks.error.contributionNeedsIndicator' };

  const dueOn = form.dueOn.trim();
  if (dueOn && !isCalendarDate(dueOn)) errors.dueOn = { key: 'records.edit.error.date' };
  const completedOn = form.completedOn.trim();
  if (completedOn) {
    if (!isCalendarDate(completedOn)) errors.completedOn = { key: 'records.edit.error.date' };
    else if (form.status !== 'done') errors.completedOn = { key: 'planTasks.error.completedNotDone' };
    else if (completedOn > today) errors.completedOn = { key: 'planTasks.error.completedFuture' };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      year,
      periodKind: form.periodKind,
      periodNumber,
      indicator: indicator ?? parent?.indicator ?? null,
      parentId: parent ? parent.id : null,
      title,
      description: description || null,
      ownerName,
      department,
      contribution,
      status: form.status,
      dueOn: dueOn || undefined,
      completedOn: form.status === 'done' && completedOn ? completedOn : undefined,
      progressNote: progressNote || null,
    },
  };
}

/** What the API's refusals mean on the form's fields, in the form's words. */
export function refusalKey(field: string, message: string): MessageKey {
  if (field === 'periodNumber')
    return /quarter/.test(message) ? 'planTasks.error.quarter' : 'planTasks.error.month';
  if (field === 'parentId' && /period/.test(message)) return 'planTasks.error.parentPeriod';
  if (field === 'indicator' && /split from/.test(message)) return 'planTasks.error.parentIndicator';
  if (field === 'contribution' && /indicator/.test(message))
    return 'planTasks.error.contributionNeedsIndicator';
  if (field === 'completedOn' && /after today/.test(message)) return 'planTasks.error.completedFuture';
  if (field === 'completedOn') return 'planTasks.error.completedNotDone';
  return 'records.edit.error.refused';
}

/** The months a review can be asked for in a year (1–12), and the default: today's month in today's year, else 12. */
export function defaultReviewMonth(year: number, today: string): number {
  return Number(today.slice(0, 4)) === year
    ? Number(today.slice(5, 7))
    : year < Number(today.slice(0, 4))
      ? 12
      : 1;
}
