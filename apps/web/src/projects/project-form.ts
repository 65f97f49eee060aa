/**
 * 重点项目's forms and figures as pure functions (no DOM): the new-project form, the advance form, a milestone and
 * its completion, one year's actuals — each checked as the API checks it (apps/api/src/projects/project.dto.ts and
 * the repository's date rules) so a mistake is named on its field before a request — and the promised-vs-actual
 * rows of the project page. Unit-tested in project-form.spec.ts.
 */
import { nextProjectStage, PROJECT_STAGES, type ProjectStage } from '@park/contracts';
import type { MessageKey } from '../i18n/messages';
import { isCalendarDate, type Checked, type FieldProblem } from '../records/enterprise-form';
import type { ActualFigures, NewMilestone, NewProject, ProjectActual, ProjectDetail } from './projects-api';

export const STAGE_LABELS: Readonly<Record<ProjectStage, MessageKey>> = {
  signed: 'projects.stage.signed',
  started: 'projects.stage.started',
  completed: 'projects.stage.completed',
  producing: 'projects.stage.producing',
};
export { PROJECT_STAGES };

/** The largest amount the API takes, 万元. */
export const MAX_WAN_YUAN = 100_000_000;
const NAME_MAX = 200;
const PERSON_MAX = 50;
const NOTE_MAX = 2000;

const required: FieldProblem = { key: 'records.edit.error.required' };
const tooLong = (max: number): FieldProblem => ({ key: 'records.edit.error.tooLong', params: { max } });

function text(errors: Record<string, FieldProblem>, field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (!trimmed) errors[field] = required;
  else if (trimmed.length > max) errors[field] = tooLong(max);
  return trimmed;
}

/** A date the user typed: required, a real day, and not after `latest` / before `earliest` when given. */
function day(
  errors: Record<string, FieldProblem>,
  field: string,
  value: string,
  bounds: { latest?: string; earliest?: { day: string; key: MessageKey } },
): string {
  const trimmed = value.trim();
  if (!trimmed) errors[field] = required;
  else if (!isCalendarDate(trimmed)) errors[field] = { key: 'records.edit.error.date' };
  else if (bounds.latest && trimmed > bounds.latest) errors[field] = { key: 'records.edit.error.future' };
  else if (bounds.earliest && trimmed < bounds.earliest.day)
    errors[field] = { key: bounds.earliest.key, params: { date: bounds.earliest.day } };
  return trimmed;
}

/** 万元 typed as text: blank → null (未约定 / 未上报), else a number from 0 to MAX_WAN_YUAN. */
function amount(errors: Record<string, FieldProblem>, field: string, value: string): number | null {
  const trimmed = value.trim().replace(/,/g, '');
  if (!trimmed) return null;
  const n = Number(trimmed);
  if (!/^\d+(\.\d+)?$/.test(trimmed) || !Number.isFinite(n) || n > MAX_WAN_YUAN) {
    errors[field] = { key: 'records.edit.error.number' };
    return null;
  }
  return n;
}

export interface ProjectForm {
  readonly name: string;
  readonly enterpriseId: string;
  readonly parcelId: string;
  readonly signedOn: string;
  readonly promisedInvestment: string;
  readonly promisedSales: string;
  readonly promisedTax: string;
  readonly ownerName: string;
  readonly department: string;
  readonly note: string;
}

export const EMPTY_PROJECT_FORM: ProjectForm = {
  name: '',
  enterpriseId: '',
  parcelId: '',
  signedOn: '',
  promisedInvestment: '',
  promisedSales: '',
  promisedTax: '',
  ownerName: '',
  department: '',
  note: '',
};

export const PROJECT_FIELDS = Object.keys(EMPTY_PROJECT_FORM);

/** The new-project form → POST /api/projects; a signing date after today is refused (it has to have happened). */
export function checkProjectForm(form: ProjectForm, today: string): Checked<NewProject> {
  const errors: Record<string, FieldProblem> = {};
  const name = text(errors, 'name', form.name, NAME_MAX);
  if (!form.enterpriseId) errors.enterpriseId = required;
  const signedOn = day(errors, 'signedOn', form.signedOn, { latest: today });
  const promisedInvestment = amount(errors, 'promisedInvestment', form.promisedInvestment);
  const promisedSales = amount(errors, 'promisedSales', form.promisedSales);
  const promisedTax = amount(errors, 'promisedTax', form.promisedTax);
  const ownerName = text(errors, 'ownerName', form.ownerName, PERSON_MAX);
  const department = text(errors, 'department', form.department, PERSON_MAX);
  const note = form.note.trim();
  if (note.length > NOTE_MAX) errors.note = tooLong(NOTE_MAX);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      name,
      enterpriseId: form.enterpriseId,
      parcelId: form.parcelId || null,
      signedOn,
      promisedInvestment,
      promisedSales,
      promisedTax,
      ownerName,
      department,
      note: note || null,
    },
  };
}

/** The day the project reached its current stage. */
export function currentStageDay(project: Pick<ProjectDetail, 'stage' | 'stageDates'>): string {
  return project.stageDates[project.stage] ?? project.stageDates.signed;
}

/** The advance form → POST /api/projects/{id}/advance: the next stage, on a day from the current stage's to today. */
export function checkAdvance(
  project: Pick<ProjectDetail, 'stage' | 'stageDates'>,
  on: string,
  today: string,
): Checked<{ stage: ProjectStage; on: string }> {
  const next = nextProjectStage(project.stage);
  const errors: Record<string, FieldProblem> = {};
  const checked = day(errors, 'on', on, {
    latest: today,
    earliest: { day: currentStageDay(project), key: 'projects.error.beforeStage' },
  });
  if (!next || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: { stage: next, on: checked } };
}

export interface MilestoneForm {
  readonly title: string;
  readonly dueOn: string;
  readonly ownerName: string;
  readonly department: string;
}

export const EMPTY_MILESTONE_FORM: MilestoneForm = { title: '', dueOn: '', ownerName: '', department: '' };
export const MILESTONE_FIELDS = Object.keys(EMPTY_MILESTONE_FORM);

/** A new milestone: due on any day from the signing on (a plan may lie in the past: it is then overdue at once). */
export function checkMilestoneForm(form: MilestoneForm, signedOn: string): Checked<NewMilestone> {
  const errors: Record<string, FieldProblem> = {};
  const title = text(errors, 'title', form.title, NAME_MAX);
  const dueOn = day(errors, 'dueOn', form.dueOn, {
    earliest: { day: signedOn, key: 'projects.error.beforeSigning' },
  });
  const ownerName = text(errors, 'ownerName', form.ownerName, PERSON_MAX);
  const department = text(errors, 'department', form.department, PERSON_MAX);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: { title, dueOn, ownerName, department } };
}

/** A milestone's completion day: from the signing to today. */
export function checkDoneOn(doneOn: string, signedOn: string, today: string): Checked<string> {
  const errors: Record<string, FieldProblem> = {};
  const checked = day(errors, 'doneOn', doneOn, {
    latest: today,
    earliest: { day: signedOn, key: 'projects.error.beforeSigning' },
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, body: checked };
}

export interface ActualForm {
  readonly year: string;
  readonly investment: string;
  readonly sales: string;
  readonly tax: string;
}

export const ACTUAL_FIELDS = ['year', 'investment', 'sales', 'tax'];

/** The form for `year`, filled with what was reported for it. */
export function actualFormOf(actuals: readonly ProjectActual[], year: number): ActualForm {
  const held = actuals.find((a) => a.year === year);
  const show = (v: number | null | undefined) => (v == null ? '' : String(v));
  return {
    year: String(year),
    investment: show(held?.investment),
    sales: show(held?.sales),
    tax: show(held?.tax),
  };
}

/** One year's actuals → PUT /api/projects/{id}/actuals/{year}: from the signing year to this one; blank = 未上报. */
export function checkActualForm(
  form: ActualForm,
  signedOn: string,
  today: string,
): Checked<{ year: number; figures: ActualFigures }> {
  const errors: Record<string, FieldProblem> = {};
  const min = Number(signedOn.slice(0, 4));
  const max = Number(today.slice(0, 4));
  const year = Number(form.year.trim());
  if (!/^\d{4}$/.test(form.year.trim()) || year < min || year > max)
    errors.year = { key: 'projects.error.yearRange', params: { min, max } };
  const figures = {
    investment: amount(errors, 'investment', form.investment),
    sales: amount(errors, 'sales', form.sales),
    tax: amount(errors, 'tax', form.tax),
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: { year, figures } };
}

/** One row of the promised-vs-actual table: the year's figures and the investment accumulated up to it. */
export interface ActualRow {
  readonly year: number;
  readonly investment: number | null;
  /** The investment reported up to and including this year; null while nothing was reported. */
  readonly cumulativeInvestment: number | null;
  readonly sales: number | null;
  readonly tax: number | null;
}

/** The years from the signing year to the last reported one (or this year), each with its figures. */
export function actualRows(
  project: Pick<ProjectDetail, 'actuals' | 'stageDates'>,
  today: string,
): ActualRow[] {
  if (project.actuals.length === 0) return [];
  const first = Number(project.stageDates.signed.slice(0, 4));
  const last = Math.max(...project.actuals.map((a) => a.year), Math.min(Number(today.slice(0, 4)), first));
  const rows: ActualRow[] = [];
  let cumulative: number | null = null;
  for (let year = first; year <= last; year++) {
    const held = project.actuals.find((a) => a.year === year);
    if (held?.investment != null) cumulative = (cumulative ?? 0) + held.investment;
    rows.push({
      year,
      investment: held?.investment ?? null,
      cumulativeInvestment: cumulative,
      sales: held?.sales ?? null,
      tax: held?.tax ?? null,
    });
  }
  return rows;
}

/** `part` of `whole` as a whole percentage, or null when either is missing or the whole is 0. */
export function shareOf(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole <= 0) return null;
  return Math.round((part / whole) * 100);
}
