/**
 * 计划任务 — the plan's tasks with their owners (年度、季度、月度计划，责任压实到人): at /plan/tasks/<year>[/<indicator>]
 * the year's tasks in three tabs (年度 / 季度 / 月度), each row with its indicator, 责任人, 责任部门, 期限, status and
 * progress, overdue rows in red with the days overdue; and the 月度督查 tab, the committee's monthly review (due,
 * overdue and done by department and by owner, each indicator's target beside the tasks' contributions). Park
 * staff read; admins get the form (checked before it is sent, plan-task-form.ts) and the quick status actions.
 */
import { useCallback, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { PlanPeriodKind, PlanTaskStatus } from '@park/contracts';
import { describeError } from '../api/error-text';
import { ApiError } from '../api/http';
import { formatQuantity } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { unitLabel } from '../plan/plan-dashboard';
import { useLoad } from '../plan/use-load';
import { Note, useFieldHelpers, useSave } from '../records/enterprise-edit';
import { beijingToday, type FieldErrors, type FieldProblem } from '../records/enterprise-form';
import { Loading } from '../records/records-ui';
import type { Session } from '../session/session';
import {
  checkPlanTaskForm,
  defaultDueOn,
  defaultReviewMonth,
  emptyForm,
  formOf,
  INDICATOR_LABELS,
  isPlanIndicator,
  KIND_LABELS,
  parentCandidates,
  periodLabel,
  PLAN_INDICATOR_UNITS,
  PLAN_INDICATORS,
  PLAN_PERIOD_KINDS,
  PLAN_TASK_FIELDS,
  PLAN_TASK_STATUSES,
  refusalKey,
  STATUS_LABELS,
  type PlanTaskForm,
} from './plan-task-form';
import { mayEdit } from '../session/access';
import { PlanTasksApi, type PlanReview, type PlanTask } from './plan-tasks-api';
import '../records/records.css';
import '../projects/projects.css';
import './plan-tasks.css';

interface Props {
  readonly session: Session;
  /** The path segments after /plan/tasks: [year, indicator?]. */
  readonly params: readonly string[];
  readonly onNavigate: (path: string) => void;
  readonly onUnauthorized: () => void;
}

type Tab = PlanPeriodKind | 'review';
const TABS: readonly { tab: Tab; label: MessageKey }[] = [
  { tab: 'year', label: 'planTasks.tab.year' },
  { tab: 'quarter', label: 'planTasks.tab.quarter' },
  { tab: 'month', label: 'planTasks.tab.month' },
  { tab: 'review', label: 'planTasks.tab.review' },
];

const today = () => beijingToday(Date.now());

export const planTasksPath = (year: number, indicator?: string | null) =>
  `/plan/tasks/${year}${indicator ? `/${encodeURIComponent(indicator)}` : ''}`;

/** A unit as the UI says it (万元, 亩, 家 … or their English). */
function useUnit(): (unit: string) => string {
  const { t } = useI18n();
  return (unit) => {
    const key = unitLabel(unit);
    return key ? t(key) : unit;
  };
}

export function PlanTasksPage({ session, params, onNavigate, onUnauthorized }: Props) {
  const { t } = useI18n();
  const api = useMemo(() => new PlanTasksApi(session.token, onUnauthorized), [session.token, onUnauthorized]);
  const canWrite = mayEdit(session.user, 'targets');
  const thisYear = Number(today().slice(0, 4));
  const asked = Number(params[0]);
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
  const indicator = params[1] && isPlanIndicator(params[1]) ? params[1] : '';
  const [tab, setTab] = useState<Tab>(indicator ? 'quarter' : 'month');
  const load = useCallback((signal: AbortSignal) => api.ofYear(year, signal), [api, year]);
  const [tasks, retry] = useLoad(load);
  // After a write the year's tasks are asked for again and replace the shown ones in place: the list, its filters
  // and the write's note stay on the screen meanwhile.
  const [fresh, setFresh] = useState<{ year: number; data: PlanTask[] } | null>(null);
  const refresh = useCallback(async () => {
    const data = await api.ofYear(year);
    setFresh({ year, data });
  }, [api, year]);
  const shown = tasks.state !== 'ready' ? null : fresh?.year === year ? fresh.data : tasks.data;
  const years = [...new Set([2025, 2026, thisYear - 1, thisYear, thisYear + 1, year])].sort();

  return (
    <div className="records projects plan-tasks">
      <div className="records__header">
        <h1 className="records__title">{t('planTasks.heading')}</h1>
        <label className="projects__filter">
          <span>{t('planTasks.year')}</span>
          <select
            className="input"
            name="year"
            value={year}
            onChange={(e) => {
              setFresh(null);
              onNavigate(planTasksPath(Number(e.target.value), indicator));
            }}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {t('planTasks.yearOption', { year: y })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="records__muted projects__intro">{t('planTasks.intro')}</p>
      <nav aria-label={t('planTasks.heading')}>
        <ul className="projects-tabs" role="tablist">
          {TABS.map(({ tab: id, label }) => {
            const count =
              shown !== null && id !== 'review' ? shown.filter((x) => x.periodKind === id).length : null;
            return (
              <li key={id} className="projects-tabs__item" aria-current={tab === id ? 'page' : undefined}>
                <a
                  href={planTasksPath(year, indicator)}
                  role="tab"
                  aria-selected={tab === id}
                  data-tab={id}
                  onClick={(e) => {
                    e.preventDefault();
                    setTab(id);
                  }}
                >
                  {count === null ? t(label) : t('planTasks.tabCount', { label: t(label), count })}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      {tab === 'review' ? (
        <Review api={api} year={year} />
      ) : (
        <>
          {tasks.state === 'loading' && <Loading text={t('planTasks.loading')} />}
          {tasks.state === 'error' && <Failed error={tasks.error} onRetry={retry} />}
          {shown !== null && (
            <TaskList
              key={`${year}-${tab}`}
              api={api}
              year={year}
              kind={tab}
              tasks={shown}
              indicator={indicator}
              canWrite={canWrite}
              onIndicator={(i) => onNavigate(planTasksPath(year, i))}
              onChanged={refresh}
            />
          )}
        </>
      )}
    </div>
  );
}

function Failed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="state state--error" role="alert">
      <p>
        {error instanceof ApiError && error.status === 404
          ? t('planTasks.notFound')
          : t('planTasks.loadError', { message: describeError(error, t) })}
      </p>
      <button type="button" className="button" onClick={onRetry}>
        {t('plan.retry')}
      </button>
    </div>
  );
}

function TaskList(props: {
  api: PlanTasksApi;
  year: number;
  kind: PlanPeriodKind;
  tasks: readonly PlanTask[];
  indicator: string;
  canWrite: boolean;
  onIndicator: (indicator: string) => void;
  onChanged: () => Promise<void>;
}) {
  const { api, year, kind, tasks, indicator, canWrite, onChanged } = props;
  const { t, language } = useI18n();
  const unit = useUnit();
  const [status, setStatus] = useState<PlanTaskStatus | ''>('');
  const [period, setPeriod] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [editing, setEditing] = useState<PlanTask | 'new' | null>(null);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const byId = useMemo(() => new Map(tasks.map((x) => [x.id, x])), [tasks]);
  const shown = tasks.filter(
    (x) =>
      x.periodKind === kind &&
      (!indicator || x.indicator === indicator) &&
      (!status || x.status === status) &&
      (!period || String(x.periodNumber) === period) &&
      (!overdueOnly || x.overdueDays > 0),
  );
  const overdue = shown.filter((x) => x.overdueDays > 0).length;
  const filtered = status !== '' || period !== '' || overdueOnly || indicator !== '';

  const setStatusOf = async (task: PlanTask, next: PlanTaskStatus) => {
    setNote(null);
    try {
      await api.update(task.id, { status: next });
      await onChanged();
      setNote({
        kind: 'ok',
        text: t('planTasks.quick.saved', { title: task.title, status: t(STATUS_LABELS[next]) }),
      });
    } catch (error) {
      setNote({ kind: 'error', text: t('planTasks.quick.failed', { message: describeError(error, t) }) });
    }
  };
  const remove = async (task: PlanTask) => {
    if (!window.confirm(t('planTasks.deleteConfirm', { title: task.title }))) return;
    setNote(null);
    try {
      await api.remove(task.id);
      await onChanged();
      setNote({ kind: 'ok', text: t('planTasks.deleted') });
    } catch (error) {
      setNote({
        kind: 'error',
        text:
          error instanceof ApiError && error.status === 409
            ? t('planTasks.deleteRefused')
            : t('planTasks.quick.failed', { message: describeError(error, t) }),
      });
    }
  };

  return (
    <>
      <div className="projects__filters">
        <label className="projects__filter">
          <span>{t('planTasks.filter.indicator')}</span>
          <select
            className="input"
            name="indicator"
            value={indicator}
            onChange={(e) => props.onIndicator(e.target.value)}
          >
            <option value="">{t('planTasks.filter.allIndicators')}</option>
            {PLAN_INDICATORS.map((i) => (
              <option key={i} value={i}>
                {t(INDICATOR_LABELS[i])}
              </option>
            ))}
          </select>
        </label>
        {kind !== 'year' && (
          <label className="projects__filter">
            <span>{t(kind === 'quarter' ? 'planTasks.filter.quarter' : 'planTasks.filter.month')}</span>
            <select
              className="input"
              name="period"
              value={period}
              onChange={(e) => setPeriod(e.target.value)}
            >
              <option value="">
                {t(kind === 'quarter' ? 'planTasks.filter.allQuarters' : 'planTasks.filter.allMonths')}
              </option>
              {Array.from({ length: kind === 'quarter' ? 4 : 12 }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {t(kind === 'quarter' ? 'planTasks.quarter' : 'planTasks.month', { n })}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="projects__filter">
          <span>{t('planTasks.filter.status')}</span>
          <select
            className="input"
            name="status"
            value={status}
            onChange={(e) => setStatus(e.target.value as PlanTaskStatus | '')}
          >
            <option value="">{t('planTasks.filter.allStatuses')}</option>
            {PLAN_TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(STATUS_LABELS[s])}
              </option>
            ))}
          </select>
        </label>
        <label className="projects__filter projects__filter--check">
          <input
            type="checkbox"
            name="overdue"
            checked={overdueOnly}
            onChange={(e) => setOverdueOnly(e.target.checked)}
          />
          {t('planTasks.filter.overdue')}
        </label>
        {canWrite && editing === null && (
          <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
            {t('planTasks.new')}
          </button>
        )}
      </div>
      {editing !== null && (
        <TaskForm
          key={editing === 'new' ? 'new' : editing.id}
          api={api}
          task={editing === 'new' ? null : editing}
          initial={editing === 'new' ? emptyForm(year, kind, indicator) : formOf(editing)}
          tasks={tasks}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            await onChanged();
            setEditing(null);
          }}
        />
      )}
      {note && (
        <p
          className={`records-edit__note records-edit__note--${note.kind}`}
          role={note.kind === 'error' ? 'alert' : 'status'}
        >
          {note.text}
        </p>
      )}
      {shown.length === 0 ? (
        <p className="state state--empty">
          {filtered ? t('planTasks.emptyFiltered') : t('planTasks.empty', { year })}
        </p>
      ) : (
        <>
          <p className="records__muted">{t('planTasks.summary', { total: shown.length, overdue })}</p>
          <div className="table-wrap">
            <table className="evaluation records-table plan-tasks-table">
              <thead>
                <tr>
                  <th scope="col">{t('planTasks.col.title')}</th>
                  <th scope="col">{t('planTasks.col.indicator')}</th>
                  <th scope="col">{t('planTasks.col.owner')}</th>
                  <th scope="col">{t('planTasks.col.department')}</th>
                  <th scope="col">{t('planTasks.col.due')}</th>
                  <th scope="col">{t('planTasks.col.status')}</th>
                  <th scope="col">{t('planTasks.col.progress')}</th>
                  {canWrite && <th scope="col">{t('planTasks.col.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {shown.map((x) => {
                  const period = periodLabel(x);
                  const parent = x.parentId ? byId.get(x.parentId) : undefined;
                  return (
                    <tr
                      key={x.id}
                      className={`records-table__row${x.overdueDays > 0 ? ' plan-tasks-table__row--overdue' : ''}`}
                      data-id={x.id}
                      data-overdue={x.overdueDays > 0 ? 'true' : undefined}
                    >
                      <td className="plan-tasks-table__title">
                        <span className="plan-tasks-table__name">{x.title}</span>
                        <span className="records__muted plan-tasks-table__sub">
                          {t(period.key, period.params)}
                          {parent ? ` · ${t('planTasks.splitFrom', { title: parent.title })}` : ''}
                        </span>
                      </td>
                      <td>
                        {x.indicator ? (
                          <>
                            <span>{t(INDICATOR_LABELS[x.indicator])}</span>
                            {x.contribution !== null && x.unit !== null && (
                              <span className="records__muted plan-tasks-table__sub">
                                {formatQuantity(x.contribution, unit(x.unit), language)}
                              </span>
                            )}
                          </>
                        ) : (
                          <span className="records__muted">{t('planTasks.noIndicator')}</span>
                        )}
                      </td>
                      <td>{x.ownerName}</td>
                      <td>{x.department}</td>
                      <td className="plan-tasks-table__due">
                        <span>{x.dueOn}</span>
                        {x.overdueDays > 0 && (
                          <span className="projects__overdue">
                            {t('planTasks.overdueDays', { days: x.overdueDays })}
                          </span>
                        )}
                      </td>
                      <td>
                        <span className={`plan-task-status plan-task-status--${x.status}`}>
                          {t(STATUS_LABELS[x.status])}
                        </span>
                        {x.completedOn && (
                          <span className="records__muted plan-tasks-table__sub">
                            {t('planTasks.completedOn', { date: x.completedOn })}
                          </span>
                        )}
                      </td>
                      <td className="plan-tasks-table__progress">
                        {x.progressNote ?? (
                          <span className="records__muted">{t('planTasks.noProgress')}</span>
                        )}
                      </td>
                      {canWrite && (
                        <td className="plan-tasks-table__actions">
                          {x.status === 'not-started' && (
                            <button
                              type="button"
                              className="button button--quiet"
                              onClick={() => void setStatusOf(x, 'in-progress')}
                            >
                              {t('planTasks.quick.start')}
                            </button>
                          )}
                          {(x.status === 'not-started' || x.status === 'in-progress') && (
                            <button
                              type="button"
                              className="button button--quiet"
                              data-action="done"
                              onClick={() => void setStatusOf(x, 'done')}
                            >
                              {t('planTasks.quick.done')}
                            </button>
                          )}
                          {(x.status === 'done' || x.status === 'cancelled') && (
                            <button
                              type="button"
                              className="button button--quiet"
                              onClick={() => void setStatusOf(x, 'in-progress')}
                            >
                              {t('planTasks.quick.reopen')}
                            </button>
                          )}
                          <button
                            type="button"
                            className="button button--quiet"
                            onClick={() => setEditing(x)}
                          >
                            {t('planTasks.edit')}
                          </button>
                          <button
                            type="button"
                            className="button button--quiet"
                            onClick={() => void remove(x)}
                          >
                            {t('planTasks.delete')}
                          </button>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

/** The API's field refusals in the form's words (plan-task-form.ts refusalKey). */
function refusals(error: unknown): FieldErrors | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const errors: Record<string, FieldProblem> = {};
  for (const part of error.message.split('; ')) {
    const field = PLAN_TASK_FIELDS.find((f) => part.startsWith(`${f}:`));
    if (field) errors[field] = { key: refusalKey(field, part) };
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

function TaskForm(props: {
  api: PlanTasksApi;
  task: PlanTask | null;
  initial: PlanTaskForm;
  tasks: readonly PlanTask[];
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const { api, task, tasks } = props;
  const { t } = useI18n();
  const prefix = useId();
  const [form, setForm] = useState<PlanTaskForm>(props.initial);
  const save = useSave(PLAN_TASK_FIELDS, refusals);
  const helpers = useFieldHelpers(prefix, save.errors);
  const change = (c: Partial<PlanTaskForm>) => setForm((f) => ({ ...f, ...c }));
  const parents = parentCandidates(tasks, form, task?.id ?? null);
  const due = defaultDueOn(form);
  const indicatorUnit = isPlanIndicator(form.indicator)
    ? PLAN_INDICATOR_UNITS[form.indicator]
    : (parents.find((p) => p.id === form.parentId)?.unit ?? null);
  const unit = useUnit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkPlanTaskForm(form, today(), tasks);
    if (!checked.ok) {
      save.setErrors(checked.errors);
      save.setNote({ kind: 'error', text: t('records.edit.fixFields') });
      return;
    }
    void save.run(async () => {
      if (task) await api.update(task.id, checked.body);
      else await api.create(checked.body);
      await props.onSaved();
      return task ? 'planTasks.form.saved' : 'planTasks.form.created';
    });
  };

  const field = (name: keyof PlanTaskForm, label: string, control: ReactNode, hint?: string) => (
    <label
      className={`field${name === 'title' || name === 'progressNote' || name === 'description' ? ' records-edit__wide' : ''}`}
    >
      <span className="field__label">{label}</span>
      {control}
      {hint && <span className="records__muted plan-tasks-form__hint">{hint}</span>}
      {helpers.error(name)}
    </label>
  );
  const input = (name: keyof PlanTaskForm, type: 'text' | 'date' = 'text', inputMode?: 'decimal') => (
    <input
      className="input"
      name={name}
      type={type}
      inputMode={inputMode}
      value={String(form[name])}
      onChange={(e) => change({ [name]: e.target.value })}
      {...helpers.invalid(name)}
    />
  );

  return (
    <form
      className="records-edit plan-tasks-form"
      aria-labelledby={`${prefix}-heading`}
      onSubmit={submit}
      noValidate
    >
      <h2 id={`${prefix}-heading`} className="plan__section-title">
        {t(task ? 'planTasks.form.editHeading' : 'planTasks.form.newHeading')}
      </h2>
      <div className="records-edit__grid">
        {field('title', t('planTasks.form.title'), input('title'))}
        {field('year', t('planTasks.form.year'), input('year', 'text'))}
        {field(
          'periodKind',
          t('planTasks.form.kind'),
          <select
            className="input"
            name="periodKind"
            value={form.periodKind}
            onChange={(e) =>
              change({ periodKind: e.target.value as PlanPeriodKind, periodNumber: '', parentId: '' })
            }
            {...helpers.invalid('periodKind')}
          >
            {PLAN_PERIOD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABELS[k])}
              </option>
            ))}
          </select>,
        )}
        {form.periodKind !== 'year' &&
          field(
            'periodNumber',
            t(form.periodKind === 'quarter' ? 'planTasks.form.quarter' : 'planTasks.form.month'),
            <select
              className="input"
              name="periodNumber"
              value={form.periodNumber}
              onChange={(e) => change({ periodNumber: e.target.value, parentId: '' })}
              {...helpers.invalid('periodNumber')}
            >
              <option value="">{t('planTasks.form.choose')}</option>
              {Array.from({ length: form.periodKind === 'quarter' ? 4 : 12 }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {t(form.periodKind === 'quarter' ? 'planTasks.quarter' : 'planTasks.month', { n })}
                </option>
              ))}
            </select>,
          )}
        {form.periodKind !== 'year' &&
          field(
            'parentId',
            t('planTasks.form.parent'),
            <select
              className="input"
              name="parentId"
              value={form.parentId}
              onChange={(e) => change({ parentId: e.target.value })}
              {...helpers.invalid('parentId')}
            >
              <option value="">{t('planTasks.form.noParent')}</option>
              {parents.map((p) => {
                const period = periodLabel(p);
                return (
                  <option key={p.id} value={p.id}>
                    {t(period.key, period.params)} · {p.title}
                  </option>
                );
              })}
            </select>,
          )}
        {field(
          'indicator',
          t('planTasks.form.indicator'),
          <select
            className="input"
            name="indicator"
            value={form.indicator}
            onChange={(e) => change({ indicator: e.target.value })}
            {...helpers.invalid('indicator')}
          >
            <option value="">{t('planTasks.noIndicator')}</option>
            {PLAN_INDICATORS.map((i) => (
              <option key={i} value={i}>
                {t(INDICATOR_LABELS[i])}
              </option>
            ))}
          </select>,
        )}
        {field(
          'contribution',
          indicatorUnit
            ? t('planTasks.form.contribution', { unit: unit(indicatorUnit) })
            : t('planTasks.form.contributionNoUnit'),
          input('contribution', 'text', 'decimal'),
        )}
        {field('ownerName', t('planTasks.form.owner'), input('ownerName'))}
        {field(
          'department',
          t('planTasks.form.department'),
          input('department'),
          t('planTasks.form.departmentHint'),
        )}
        {field(
          'dueOn',
          t('planTasks.form.dueOn'),
          input('dueOn', 'date'),
          due ? t('planTasks.form.dueOnHint', { date: due }) : undefined,
        )}
        {field(
          'status',
          t('planTasks.form.status'),
          <select
            className="input"
            name="status"
            value={form.status}
            onChange={(e) => change({ status: e.target.value as PlanTaskStatus })}
            {...helpers.invalid('status')}
          >
            {PLAN_TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(STATUS_LABELS[s])}
              </option>
            ))}
          </select>,
        )}
        {form.status === 'done' &&
          field(
            'completedOn',
            t('planTasks.form.completedOn'),
            input('completedOn', 'date'),
            t('planTasks.form.completedOnHint'),
          )}
        {field('description', t('planTasks.form.description'), input('description'))}
        {field('progressNote', t('planTasks.form.progressNote'), input('progressNote'))}
      </div>
      <Note note={save.note} />
      <div className="records-edit__actions">
        <button type="button" className="button" onClick={props.onClose}>
          {t('planTasks.form.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={save.busy}>
          {save.busy ? t('records.edit.saving') : t('planTasks.form.submit')}
        </button>
      </div>
    </form>
  );
}

function Review({ api, year }: { api: PlanTasksApi; year: number }) {
  const { t, language } = useI18n();
  const unit = useUnit();
  const [month, setMonth] = useState(() => defaultReviewMonth(year, today()));
  const load = useCallback((signal: AbortSignal) => api.review(year, month, signal), [api, year, month]);
  const [review, retry] = useLoad(load);
  const monthLabel = t('planTasks.review.monthLabel', { year, month });
  const quantity = (value: number, u: string) => formatQuantity(value, unit(u), language);

  return (
    <section className="plan-tasks-review" aria-label={t('planTasks.review.heading')}>
      <div className="projects__filters">
        <label className="projects__filter">
          <span>{t('planTasks.review.month')}</span>
          <select
            className="input"
            name="month"
            value={month}
            onChange={(e) => setMonth(Number(e.target.value))}
          >
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
              <option key={m} value={m}>
                {t('planTasks.review.monthLabel', { year, month: m })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {review.state === 'loading' && <Loading text={t('planTasks.loading')} />}
      {review.state === 'error' && <Failed error={review.error} onRetry={retry} />}
      {review.state === 'ready' && (
        <>
          <p className="records__muted">
            {t('planTasks.review.intro', { month: monthLabel, date: review.data.asOf })}
          </p>
          <ul className="plan-tasks-review__counts">
            <li data-count="due">
              <span>{t('planTasks.review.due')}</span>
              <strong>{t('planTasks.review.count', { count: review.data.dueThisMonth.length })}</strong>
            </li>
            <li data-count="overdue" className={review.data.overdue.length > 0 ? 'is-overdue' : undefined}>
              <span>{t('planTasks.review.overdue')}</span>
              <strong>{t('planTasks.review.count', { count: review.data.overdue.length })}</strong>
            </li>
            <li data-count="done">
              <span>{t('planTasks.review.done')}</span>
              <strong>{t('planTasks.review.count', { count: review.data.doneThisMonth.length })}</strong>
            </li>
          </ul>
          {review.data.byDepartment.length === 0 ? (
            <p className="state state--empty">{t('planTasks.review.none')}</p>
          ) : (
            <div className="plan-tasks-review__groups">
              <GroupTable
                title={t('planTasks.review.byDepartment')}
                rows={review.data.byDepartment}
                kind="department"
              />
              <GroupTable title={t('planTasks.review.byOwner')} rows={review.data.byOwner} kind="owner" />
            </div>
          )}
          <ReviewList title={t('planTasks.review.overdueList')} tasks={review.data.overdue} list="overdue" />
          <ReviewList title={t('planTasks.review.doneList')} tasks={review.data.doneThisMonth} list="done" />
          <ReviewList title={t('planTasks.review.dueList')} tasks={review.data.dueThisMonth} list="due" />
          <h3 className="plan-tasks-review__heading">{t('planTasks.review.indicators')}</h3>
          <p className="records__muted">{t('planTasks.review.indicatorsIntro')}</p>
          <div className="table-wrap">
            <table className="evaluation records-table plan-tasks-indicators">
              <thead>
                <tr>
                  <th scope="col">{t('planTasks.col.indicator')}</th>
                  <th scope="col" className="num">
                    {t('planTasks.review.col.target')}
                  </th>
                  <th scope="col" className="num">
                    {t('planTasks.review.col.value')}
                  </th>
                  <th scope="col" className="num">
                    {t('planTasks.review.col.yearly')}
                  </th>
                  <th scope="col" className="num">
                    {t('planTasks.review.col.quarterly')}
                  </th>
                  <th scope="col" className="num">
                    {t('planTasks.review.col.monthly')}
                  </th>
                  <th scope="col" className="num">
                    {t('planTasks.review.col.doneContribution')}
                  </th>
                  <th scope="col" className="num">
                    {t('planTasks.review.col.tasks')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {review.data.indicators.map((row) => (
                  <tr key={row.indicator} data-indicator={row.indicator} className="records-table__row">
                    <td>{t(INDICATOR_LABELS[row.indicator])}</td>
                    <td className="num">
                      {row.target === null || row.comparator === null
                        ? t('planTasks.review.noTarget')
                        : t('planTasks.review.goal', {
                            comparator: t(
                              row.comparator === 'gt' ? 'planTasks.review.gt' : 'planTasks.review.gte',
                            ),
                            target: quantity(row.target, row.unit),
                          })}
                    </td>
                    <td className="num">
                      {row.value === null ? t('planTasks.review.notReported') : quantity(row.value, row.unit)}
                    </td>
                    <td className="num">{quantity(row.yearlyContribution, row.unit)}</td>
                    <td className="num">{quantity(row.quarterlyContribution, row.unit)}</td>
                    <td className="num">{quantity(row.monthlyContribution, row.unit)}</td>
                    <td className="num">{quantity(row.doneContribution, row.unit)}</td>
                    <td className="num">
                      {t('planTasks.review.tasksValue', { tasks: row.tasks, overdue: row.overdueTasks })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function GroupTable(props: {
  title: string;
  rows: PlanReview['byDepartment'];
  kind: 'department' | 'owner';
}) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="evaluation records-table plan-tasks-groups" data-group={props.kind}>
        <caption className="plan-tasks-review__caption">{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('planTasks.review.col.name')}</th>
            <th scope="col" className="num">
              {t('planTasks.review.due')}
            </th>
            <th scope="col" className="num">
              {t('planTasks.review.overdue')}
            </th>
            <th scope="col" className="num">
              {t('planTasks.review.done')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((g) => (
            <tr
              key={g.name}
              className={`records-table__row${g.overdue > 0 ? ' plan-tasks-table__row--overdue' : ''}`}
            >
              <td>{g.name}</td>
              <td className="num">{g.due}</td>
              <td className="num">
                {g.overdue > 0 ? <span className="projects__overdue">{g.overdue}</span> : 0}
              </td>
              <td className="num">{g.done}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReviewList(props: { title: string; tasks: readonly PlanTask[]; list: 'overdue' | 'done' | 'due' }) {
  const { t } = useI18n();
  return (
    <section className="plan-tasks-review__list" data-list={props.list}>
      <h3 className="plan-tasks-review__heading">
        {t('planTasks.tabCount', { label: props.title, count: props.tasks.length })}
      </h3>
      {props.tasks.length === 0 ? (
        <p className="records__muted">{t('planTasks.review.emptyList')}</p>
      ) : (
        <ul>
          {props.tasks.map((x) => (
            <li key={x.id} data-id={x.id} className={x.overdueDays > 0 ? 'is-overdue' : undefined}>
              <span className="plan-tasks-review__task">{x.title}</span>
              <span className="records__muted">
                {x.ownerName} · {x.department} · {x.dueOn}
              </span>
              {x.overdueDays > 0 && (
                <span className="projects__overdue">
                  {t('planTasks.overdueDays', { days: x.overdueDays })}
                </span>
              )}
              {props.list === 'done' && x.completedOn && (
                <span className="records__muted">{t('planTasks.completedOn', { date: x.completedOn })}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
