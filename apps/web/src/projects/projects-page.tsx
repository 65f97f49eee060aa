/**
 * 重点项目 — the committee's major projects (重大项目 / 一企一策): at /projects the list (stage, owner, the projects
 * with an overdue milestone highlighted, filtered by stage and overdue), at /projects/supervision the 督办清单 of
 * overdue milestones, at /projects/new the form that creates one, and at /projects/<id> one project: its stage
 * timeline (签约 → 开工 → 竣工 → 达产), what was promised against what was reached by year in 万元, and its
 * milestones. Every role reads (an energy manager only their own enterprise's projects); admins and officers get
 * the forms — advance a stage, add and complete a milestone, report a year — each checked before it is sent
 * (project-form.ts) and audited by the API.
 */
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { nextProjectStage, type ProjectStage } from '@park/contracts';
import { ApiError } from '../api/http';
import { formatQuantity } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../plan/use-load';
import { Note, useFieldHelpers, useSave } from '../records/enterprise-edit';
import { apiFieldErrors, beijingToday } from '../records/enterprise-form';
import { PAGE_SIZE } from '../records/enterprise-records';
import {
  AppLink,
  BackLink,
  LoadError,
  Loading,
  Pager,
  ProfileNotReady,
  SearchForm,
} from '../records/records-ui';
import { mayEdit } from '../session/access';
import type { Session } from '../session/session';
import {
  ACTUAL_FIELDS,
  actualFormOf,
  actualRows,
  checkActualForm,
  checkAdvance,
  checkDoneOn,
  checkMilestoneForm,
  checkProjectForm,
  currentStageDay,
  EMPTY_MILESTONE_FORM,
  EMPTY_PROJECT_FORM,
  MILESTONE_FIELDS,
  PROJECT_FIELDS,
  PROJECT_STAGES,
  shareOf,
  STAGE_LABELS,
  type ActualForm,
  type MilestoneForm,
  type ProjectForm,
} from './project-form';
import {
  PROJECT_WRITERS,
  ProjectsApi,
  type Project,
  type ProjectDetail,
  type ProjectMilestone,
} from './projects-api';
import '../records/records.css';
import { projectPath, StageBadge } from './project-ui';
import './projects.css';

interface Props {
  readonly session: Session;
  /** The path segment after /projects: null (the list), `supervision`, `new`, or a project's id. */
  readonly view: string | null;
  readonly onNavigate: (path: string) => void;
  readonly onUnauthorized: () => void;
}

const ERRORS = { notFound: 'projects.notFound', failed: 'projects.loadError' } as const;
const SEARCH = { label: 'projects.search.label', placeholder: 'projects.search.placeholder' } as const;

const enterprisePath = (id: string) => `/enterprises/${encodeURIComponent(id)}`;
const parcelPath = (id: string) => `/parcels/${encodeURIComponent(id)}`;

const today = () => beijingToday(Date.now());

export function ProjectsPage({ session, view, onNavigate, onUnauthorized }: Props) {
  const api = useMemo(() => new ProjectsApi(session.token, onUnauthorized), [session.token, onUnauthorized]);
  const canWrite = mayEdit(session.user, 'projects', PROJECT_WRITERS);
  if (view === 'supervision') return <Supervision api={api} onNavigate={onNavigate} />;
  if (view === 'new' && canWrite) return <NewProjectForm api={api} onNavigate={onNavigate} />;
  if (view && view !== 'new')
    return <ProjectPage key={view} api={api} id={view} canWrite={canWrite} onNavigate={onNavigate} />;
  return <ProjectList api={api} canWrite={canWrite} onNavigate={onNavigate} />;
}

/** The list and the supervision list are two tabs of one screen: the tab bar says which, with the overdue count. */
function Tabs(props: {
  api: ProjectsApi;
  current: 'list' | 'supervision';
  onNavigate: (path: string) => void;
}) {
  const { t } = useI18n();
  const loadCount = useCallback(
    async (signal: AbortSignal) => (await props.api.supervision(signal)).items.length,
    [props.api],
  );
  const [count] = useLoad(loadCount);
  const tab = (id: 'list' | 'supervision', path: string, label: string) => (
    <li className="projects-tabs__item" aria-current={props.current === id ? 'page' : undefined}>
      <AppLink path={path} onNavigate={props.onNavigate}>
        {label}
      </AppLink>
    </li>
  );
  return (
    <nav aria-label={t('projects.heading')}>
      <ul className="projects-tabs">
        {tab('list', '/projects', t('projects.tab.list'))}
        {tab(
          'supervision',
          '/projects/supervision',
          count.state === 'ready'
            ? t('projects.tab.supervisionCount', { count: count.data })
            : t('projects.tab.supervision'),
        )}
      </ul>
    </nav>
  );
}

function useWanYuan(): (value: number | null, empty?: MessageKey) => string {
  const { t, language } = useI18n();
  return (value, empty = 'projects.notAgreed') =>
    value === null ? t(empty) : formatQuantity(value, t('unit.wanYuan'), language);
}

function ProjectList(props: { api: ProjectsApi; canWrite: boolean; onNavigate: (path: string) => void }) {
  const { api, canWrite, onNavigate } = props;
  const { t } = useI18n();
  const wan = useWanYuan();
  const [query, setQuery] = useState('');
  const [stage, setStage] = useState<ProjectStage | ''>('');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const load = useCallback(
    (signal: AbortSignal) => api.list({ q: query, stage, overdue, page, pageSize: PAGE_SIZE }, signal),
    [api, query, stage, overdue, page],
  );
  const [list, retry] = useLoad(load);
  const filtered = query !== '' || stage !== '' || overdue;

  return (
    <div className="records projects">
      <div className="records__header">
        <h1 className="records__title">{t('projects.heading')}</h1>
        {canWrite && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => onNavigate('/projects/new')}
          >
            {t('projects.new')}
          </button>
        )}
      </div>
      <p className="records__muted projects__intro">{t('projects.intro')}</p>
      <Tabs api={api} current="list" onNavigate={onNavigate} />
      <div className="projects__filters">
        <SearchForm
          {...SEARCH}
          onSearch={(q) => {
            setPage(1);
            setQuery(q);
          }}
        />
        <label className="projects__filter">
          <span>{t('projects.filter.stage')}</span>
          <select
            className="input"
            name="stage"
            value={stage}
            onChange={(e) => {
              setPage(1);
              setStage(e.target.value as ProjectStage | '');
            }}
          >
            <option value="">{t('projects.filter.allStages')}</option>
            {PROJECT_STAGES.map((s) => (
              <option key={s} value={s}>
                {t(STAGE_LABELS[s])}
              </option>
            ))}
          </select>
        </label>
        <label className="projects__filter projects__filter--check">
          <input
            type="checkbox"
            name="overdue"
            checked={overdue}
            onChange={(e) => {
              setPage(1);
              setOverdue(e.target.checked);
            }}
          />
          {t('projects.filter.overdue')}
        </label>
      </div>

      {list.state === 'loading' && <Loading text={t('projects.loading')} />}
      {list.state === 'error' && <LoadError error={list.error} {...ERRORS} onRetry={retry} />}
      {list.state === 'ready' && list.data.items.length === 0 && (
        <p className="state state--empty">{t(filtered ? 'projects.emptyFiltered' : 'projects.empty')}</p>
      )}
      {list.state === 'ready' && list.data.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="evaluation records-table projects-table">
              <thead>
                <tr>
                  <th scope="col">{t('projects.col.name')}</th>
                  <th scope="col">{t('projects.col.enterprise')}</th>
                  <th scope="col">{t('projects.col.stage')}</th>
                  <th scope="col">{t('projects.col.signedOn')}</th>
                  <th scope="col" className="num">
                    {t('projects.col.investment')}
                  </th>
                  <th scope="col">{t('projects.col.owner')}</th>
                  <th scope="col">{t('projects.col.department')}</th>
                  <th scope="col">{t('projects.col.overdue')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((p) => (
                  <ProjectRow key={p.id} project={p} wan={wan} onNavigate={onNavigate} />
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            label="projects.pageOf"
            onPage={setPage}
          />
        </>
      )}
    </div>
  );
}

function ProjectRow(props: {
  project: Project;
  wan: (v: number | null) => string;
  onNavigate: (path: string) => void;
}) {
  const { t } = useI18n();
  const { project: p, onNavigate } = props;
  const late = p.overdueMilestones > 0;
  return (
    <tr className={`records-table__row${late ? ' projects-table__row--overdue' : ''}`} data-id={p.id}>
      <td className="projects-table__name">
        <AppLink path={projectPath(p.id)} onNavigate={onNavigate}>
          {p.name}
        </AppLink>
      </td>
      <td>
        <AppLink path={enterprisePath(p.enterpriseId)} onNavigate={onNavigate}>
          {p.enterpriseName}
        </AppLink>
      </td>
      <td>
        <StageBadge stage={p.stage} />
      </td>
      <td>{p.stageDates.signed}</td>
      <td className="num">{props.wan(p.promisedInvestment)}</td>
      <td>{p.ownerName}</td>
      <td>{p.department}</td>
      <td>
        {late ? (
          <span className="projects__overdue">
            {t('projects.overdueCount', { count: p.overdueMilestones })}
          </span>
        ) : (
          <span className="records__muted">{t('projects.noOverdue')}</span>
        )}
      </td>
    </tr>
  );
}

function Supervision(props: { api: ProjectsApi; onNavigate: (path: string) => void }) {
  const { api, onNavigate } = props;
  const { t } = useI18n();
  const load = useCallback((signal: AbortSignal) => api.supervision(signal), [api]);
  const [list, retry] = useLoad(load);
  return (
    <div className="records projects">
      <div className="records__header">
        <h1 className="records__title">{t('projects.supervision.heading')}</h1>
      </div>
      <Tabs api={api} current="supervision" onNavigate={onNavigate} />
      {list.state === 'loading' && <Loading text={t('projects.loading')} />}
      {list.state === 'error' && <LoadError error={list.error} {...ERRORS} onRetry={retry} />}
      {list.state === 'ready' && (
        <>
          <p className="records__muted">{t('projects.supervision.intro', { date: list.data.asOf })}</p>
          {list.data.items.length === 0 ? (
            <p className="state state--empty">{t('projects.supervision.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="evaluation records-table supervision-table">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('projects.supervision.days')}
                    </th>
                    <th scope="col">{t('projects.milestones.title')}</th>
                    <th scope="col">{t('projects.supervision.project')}</th>
                    <th scope="col">{t('projects.col.enterprise')}</th>
                    <th scope="col">{t('projects.col.stage')}</th>
                    <th scope="col">{t('projects.milestones.dueOn')}</th>
                    <th scope="col">{t('projects.col.owner')}</th>
                    <th scope="col">{t('projects.col.department')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((item) => (
                    <tr key={item.milestone.id} className="records-table__row" data-id={item.milestone.id}>
                      <td className="num">
                        <span className="projects__overdue">
                          {t('projects.supervision.daysValue', { days: item.milestone.overdueDays })}
                        </span>
                      </td>
                      <td className="supervision-table__title">{item.milestone.title}</td>
                      <td>
                        <AppLink path={projectPath(item.projectId)} onNavigate={onNavigate}>
                          {item.projectName}
                        </AppLink>
                      </td>
                      <td>{item.enterpriseName}</td>
                      <td>
                        <StageBadge stage={item.stage} />
                      </td>
                      <td>{item.milestone.dueOn}</td>
                      <td>{item.milestone.ownerName}</td>
                      <td>{item.milestone.department}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}

type Change<F> = (changes: Partial<F>) => void;

/** A labelled text or date input of a form, with its field's error. */
function Input<F extends object>(props: {
  form: F;
  name: keyof F & string;
  label: string;
  change: Change<F>;
  helpers: ReturnType<typeof useFieldHelpers>;
  type?: 'text' | 'date';
  inputMode?: 'decimal' | 'numeric';
  wide?: boolean;
}) {
  const { form, name, helpers } = props;
  return (
    <label className={`field${props.wide ? ' records-edit__wide' : ''}`}>
      <span className="field__label">{props.label}</span>
      <input
        className="input"
        name={name}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        value={String(form[name] ?? '')}
        onChange={(e) => props.change({ [name]: e.target.value } as Partial<F>)}
        {...helpers.invalid(name)}
      />
      {helpers.error(name)}
    </label>
  );
}

function NewProjectForm(props: { api: ProjectsApi; onNavigate: (path: string) => void }) {
  const { api, onNavigate } = props;
  const { t } = useI18n();
  const prefix = useId();
  const [form, setForm] = useState<ProjectForm>(EMPTY_PROJECT_FORM);
  const save = useSave(PROJECT_FIELDS);
  const helpers = useFieldHelpers(prefix, save.errors);
  const change: Change<ProjectForm> = (c) => setForm((f) => ({ ...f, ...c }));
  const loadOptions = useCallback(
    async (signal: AbortSignal) => {
      const [enterprises, parcels] = await Promise.all([api.enterpriseNames(signal), api.parcels(signal)]);
      const collator = new Intl.Collator('zh-CN-u-co-pinyin');
      return { enterprises: enterprises.sort((a, b) => collator.compare(a.name, b.name)), parcels };
    },
    [api],
  );
  const [options, retry] = useLoad(loadOptions);
  // The chosen enterprise's own parcels first, then the unassigned ones: a project is built where its enterprise is.
  const parcels =
    options.state === 'ready'
      ? options.data.parcels.filter((p) => p.enterpriseId === form.enterpriseId || p.enterpriseId === null)
      : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkProjectForm(form, today());
    if (!checked.ok) {
      save.setErrors(checked.errors);
      save.setNote({ kind: 'error', text: t('records.edit.fixFields') });
      return;
    }
    void save.run(async () => {
      const created = await api.create(checked.body);
      onNavigate(projectPath(created.id));
      return 'projects.form.created';
    });
  };

  const input = (
    name: keyof ProjectForm,
    label: string,
    extra: { type?: 'date'; inputMode?: 'decimal'; wide?: boolean } = {},
  ) => <Input form={form} name={name} label={label} change={change} helpers={helpers} {...extra} />;
  const amount = (name: keyof ProjectForm, label: MessageKey) =>
    input(name, `${t(label)}（${t('unit.wanYuan')}）`, { inputMode: 'decimal' });

  return (
    <div className="records projects">
      <BackLink path="/projects" label={t('projects.back')} onNavigate={onNavigate} />
      {options.state === 'error' && <LoadError error={options.error} {...ERRORS} onRetry={retry} />}
      <form className="records-edit" aria-labelledby={`${prefix}-heading`} onSubmit={submit} noValidate>
        <h1 id={`${prefix}-heading`} className="records__title">
          {t('projects.form.heading')}
        </h1>
        <div className="records-edit__grid">
          {input('name', t('projects.col.name'), { wide: true })}
          <label className="field">
            <span className="field__label">{t('projects.form.enterprise')}</span>
            <select
              className="input"
              name="enterpriseId"
              value={form.enterpriseId}
              onChange={(e) => change({ enterpriseId: e.target.value, parcelId: '' })}
              {...helpers.invalid('enterpriseId')}
            >
              <option value="">{t('projects.form.chooseEnterprise')}</option>
              {options.state === 'ready' &&
                options.data.enterprises.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name}
                  </option>
                ))}
            </select>
            {helpers.error('enterpriseId')}
          </label>
          <label className="field">
            <span className="field__label">{t('projects.form.parcel')}</span>
            <select
              className="input"
              name="parcelId"
              value={form.parcelId}
              onChange={(e) => change({ parcelId: e.target.value })}
              {...helpers.invalid('parcelId')}
            >
              <option value="">{t('projects.form.noParcel')}</option>
              {parcels.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.code} {p.name}
                </option>
              ))}
            </select>
            {helpers.error('parcelId')}
          </label>
          {input('signedOn', t('projects.col.signedOn'), { type: 'date' })}
          {amount('promisedInvestment', 'projects.promisedInvestment')}
          {amount('promisedSales', 'projects.promisedSales')}
          {amount('promisedTax', 'projects.promisedTax')}
          {input('ownerName', t('projects.col.owner'))}
          {input('department', t('projects.col.department'))}
          {input('note', t('projects.note'), { wide: true })}
        </div>
        <p className="records__muted">{t('projects.form.amountHint')}</p>
        <Note note={save.note} />
        <div className="records-edit__actions">
          <button type="button" className="button" onClick={() => onNavigate('/projects')}>
            {t('projects.form.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={save.busy}>
            {save.busy ? t('records.edit.saving') : t('projects.form.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}

function ProjectPage(props: {
  api: ProjectsApi;
  id: string;
  canWrite: boolean;
  onNavigate: (path: string) => void;
}) {
  const { api, id, canWrite, onNavigate } = props;
  const { t } = useI18n();
  const wan = useWanYuan();
  const load = useCallback((signal: AbortSignal) => api.get(id, signal), [api, id]);
  const [loaded, retry] = useLoad(load);
  const [project, setProject] = useState<ProjectDetail | null>(null);
  useEffect(() => {
    if (loaded.state === 'ready') setProject(loaded.data);
  }, [loaded]);

  const back = <BackLink path="/projects" label={t('projects.back')} onNavigate={onNavigate} />;
  if (loaded.state !== 'ready' || !project)
    return (
      <ProfileNotReady
        back={back}
        load={loaded.state === 'ready' ? { state: 'loading' } : loaded}
        loadingText={t('projects.loading')}
        {...ERRORS}
        onRetry={retry}
      />
    );

  const field = (label: string, value: ReactNode) => (
    <div className="records__field">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  // A milestone or a year changed: fetch the project again (its overdue count and figures follow).
  const reload = async () => setProject(await api.get(id));

  return (
    <div className="records records--profile projects">
      {back}
      <div className="records__header">
        <h1 className="records__title">{project.name}</h1>
        <StageBadge stage={project.stage} />
      </div>
      <section className="records__section" aria-labelledby="project-facts">
        <h2 id="project-facts" className="records__section-title">
          {t('projects.facts.heading')}
        </h2>
        <dl className="records__facts">
          {field(
            t('projects.col.enterprise'),
            <AppLink path={enterprisePath(project.enterpriseId)} onNavigate={onNavigate}>
              {project.enterpriseName}
            </AppLink>,
          )}
          {field(
            t('projects.col.parcel'),
            project.parcelId ? (
              <AppLink path={parcelPath(project.parcelId)} onNavigate={onNavigate}>
                {project.parcelName}
              </AppLink>
            ) : (
              t('projects.noParcel')
            ),
          )}
          {field(t('projects.col.owner'), project.ownerName)}
          {field(t('projects.col.department'), project.department)}
          {field(t('projects.promisedInvestment'), wan(project.promisedInvestment))}
          {field(t('projects.promisedSales'), wan(project.promisedSales))}
          {field(t('projects.promisedTax'), wan(project.promisedTax))}
          {project.note && field(t('projects.note'), project.note)}
        </dl>
      </section>
      <StageTimeline project={project} />
      {canWrite && <AdvanceForm api={api} project={project} onSaved={setProject} />}
      <Actuals project={project} />
      {canWrite && <ActualsForm api={api} project={project} onSaved={reload} />}
      <Milestones api={api} project={project} canWrite={canWrite} onSaved={reload} />
    </div>
  );
}

function StageTimeline({ project }: { project: ProjectDetail }) {
  const { t } = useI18n();
  const current = PROJECT_STAGES.indexOf(project.stage);
  return (
    <section className="records__section" aria-labelledby="project-stages">
      <h2 id="project-stages" className="records__section-title">
        {t('projects.timeline.heading')}
      </h2>
      <ol className="project-timeline">
        {PROJECT_STAGES.map((stage, i) => {
          const day = project.stageDates[stage];
          const state = i < current ? 'done' : i === current ? 'current' : 'pending';
          return (
            <li
              key={stage}
              className={`project-timeline__step project-timeline__step--${state}`}
              data-stage={stage}
            >
              <span className="project-timeline__dot" aria-hidden="true" />
              <span className="project-timeline__label">{t(STAGE_LABELS[stage])}</span>
              {day ? (
                <time className="project-timeline__date" dateTime={day}>
                  {day}
                </time>
              ) : (
                <span className="project-timeline__date records__muted">
                  {t('projects.timeline.pending')}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function AdvanceForm(props: {
  api: ProjectsApi;
  project: ProjectDetail;
  onSaved: (p: ProjectDetail) => void;
}) {
  const { api, project } = props;
  const { t } = useI18n();
  const prefix = useId();
  const next = nextProjectStage(project.stage);
  const [form, setForm] = useState({ on: '' });
  const save = useSave(['on'], (error) =>
    error instanceof ApiError && error.code === 'PROJECT_STAGE_ORDER'
      ? { on: { key: 'projects.error.stageOrder' } }
      : apiFieldErrors(error, ['on']),
  );
  const helpers = useFieldHelpers(prefix, save.errors);
  if (!next) return <p className="records__muted">{t('projects.advance.last')}</p>;
  const nextLabel = t(STAGE_LABELS[next]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkAdvance(project, form.on, today());
    if (!checked.ok) {
      save.setErrors(checked.errors);
      save.setNote({ kind: 'error', text: t('records.edit.fixFields') });
      return;
    }
    void save.run(async () => {
      props.onSaved(await api.advance(project.id, checked.body.stage, checked.body.on));
      setForm({ on: '' });
      return 'projects.advance.saved';
    });
  };

  return (
    <form
      className="records-edit project-advance"
      aria-labelledby={`${prefix}-heading`}
      onSubmit={submit}
      noValidate
    >
      <h2 id={`${prefix}-heading`} className="records__section-title">
        {t('projects.advance.to', { stage: nextLabel })}
      </h2>
      <div className="records-edit__grid">
        <Input
          form={form}
          name="on"
          label={t('projects.advance.date')}
          type="date"
          change={(c) => setForm((f) => ({ ...f, ...c }))}
          helpers={helpers}
        />
      </div>
      <p className="records__muted">{t('projects.error.beforeStage', { date: currentStageDay(project) })}</p>
      <Note note={save.note} />
      <div className="records-edit__actions">
        <button type="submit" className="button button--primary" disabled={save.busy}>
          {save.busy ? t('records.edit.saving') : t('projects.advance.submit', { stage: nextLabel })}
        </button>
      </div>
    </form>
  );
}

function Actuals({ project }: { project: ProjectDetail }) {
  const { t, language } = useI18n();
  const rows = actualRows(project, today());
  const value = (v: number | null) =>
    v === null ? (
      <span className="records__muted">{t('projects.actuals.notReported')}</span>
    ) : (
      formatQuantity(v, t('unit.wanYuan'), language)
    );
  const share = (part: number | null, whole: number | null) => {
    const pct = shareOf(part, whole);
    return pct === null ? null : (
      <span className="records__muted">{t('projects.actuals.ofPromise', { percent: `${pct}%` })}</span>
    );
  };
  const promised = (v: number | null) =>
    v === null ? t('projects.notAgreed') : formatQuantity(v, t('unit.wanYuan'), language);
  return (
    <section className="records__section" aria-labelledby="project-actuals">
      <h2 id="project-actuals" className="records__section-title">
        {t('projects.actuals.heading')}
      </h2>
      <p className="records__muted">{t('projects.actuals.caption')}</p>
      <div className="table-wrap">
        <table className="evaluation records-table project-actuals">
          <thead>
            <tr>
              <th scope="col">{t('projects.actuals.year')}</th>
              <th scope="col" className="num">
                {t('projects.actuals.investment')}
              </th>
              <th scope="col" className="num">
                {t('projects.actuals.cumulative')}
              </th>
              <th scope="col" className="num">
                {t('projects.actuals.sales')}
              </th>
              <th scope="col" className="num">
                {t('projects.actuals.tax')}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr className="project-actuals__promised">
              <th scope="row">{t('projects.actuals.promised')}</th>
              <td className="num">—</td>
              <td className="num">{promised(project.promisedInvestment)}</td>
              <td className="num">{promised(project.promisedSales)}</td>
              <td className="num">{promised(project.promisedTax)}</td>
            </tr>
            {rows.map((r) => (
              <tr key={r.year} data-year={r.year}>
                <th scope="row">{r.year}</th>
                <td className="num">{value(r.investment)}</td>
                <td className="num">
                  {value(r.cumulativeInvestment)}
                  {share(r.cumulativeInvestment, project.promisedInvestment)}
                </td>
                <td className="num">
                  {value(r.sales)}
                  {share(r.sales, project.promisedSales)}
                </td>
                <td className="num">
                  {value(r.tax)}
                  {share(r.tax, project.promisedTax)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="state state--empty">{t('projects.actuals.empty')}</p>}
    </section>
  );
}

function ActualsForm(props: { api: ProjectsApi; project: ProjectDetail; onSaved: () => Promise<void> }) {
  const { api, project } = props;
  const { t } = useI18n();
  const prefix = useId();
  const thisYear = Number(today().slice(0, 4));
  const [form, setForm] = useState<ActualForm>(() => actualFormOf(project.actuals, thisYear));
  const save = useSave(ACTUAL_FIELDS);
  const helpers = useFieldHelpers(prefix, save.errors);
  const change: Change<ActualForm> = (c) =>
    setForm((f) => {
      const merged = { ...f, ...c };
      // Picking another year shows what is held for it.
      return c.year !== undefined && /^\d{4}$/.test(c.year)
        ? { ...actualFormOf(project.actuals, Number(c.year)), year: c.year }
        : merged;
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkActualForm(form, project.stageDates.signed, today());
    if (!checked.ok) {
      save.setErrors(checked.errors);
      save.setNote({ kind: 'error', text: t('records.edit.fixFields') });
      return;
    }
    void save.run(async () => {
      await api.putActual(project.id, checked.body.year, checked.body.figures);
      await props.onSaved();
      return 'records.edit.saved';
    });
  };
  const amount = (name: 'investment' | 'sales' | 'tax', label: MessageKey) => (
    <Input
      form={form}
      name={name}
      label={`${t(label)}（${t('unit.wanYuan')}）`}
      inputMode="decimal"
      change={change}
      helpers={helpers}
    />
  );

  return (
    <form className="records-edit" aria-labelledby={`${prefix}-heading`} onSubmit={submit} noValidate>
      <h2 id={`${prefix}-heading`} className="records__section-title">
        {t('projects.actuals.form.heading')}
      </h2>
      <div className="records-edit__grid">
        <Input
          form={form}
          name="year"
          label={t('projects.actuals.form.year')}
          inputMode="numeric"
          change={change}
          helpers={helpers}
        />
        {amount('investment', 'projects.actuals.investment')}
        {amount('sales', 'projects.actuals.sales')}
        {amount('tax', 'projects.actuals.tax')}
      </div>
      <p className="records__muted">{t('projects.actuals.form.hint')}</p>
      <Note note={save.note} />
      <div className="records-edit__actions">
        <button type="submit" className="button button--primary" disabled={save.busy}>
          {save.busy ? t('records.edit.saving') : t('records.edit.save')}
        </button>
      </div>
    </form>
  );
}

function MilestoneStatus({ milestone }: { milestone: ProjectMilestone }) {
  const { t } = useI18n();
  if (milestone.doneOn) return <span className="records__tag">{t('projects.milestones.done')}</span>;
  if (milestone.overdueDays > 0)
    return (
      <span className="projects__overdue">
        {t('projects.milestones.overdue', { days: milestone.overdueDays })}
      </span>
    );
  return <span className="records__muted">{t('projects.milestones.open')}</span>;
}

function Milestones(props: {
  api: ProjectsApi;
  project: ProjectDetail;
  canWrite: boolean;
  onSaved: () => Promise<void>;
}) {
  const { api, project, canWrite } = props;
  const { t } = useI18n();
  const [completing, setCompleting] = useState<string | null>(null);
  return (
    <section className="records__section" aria-labelledby="project-milestones">
      <h2 id="project-milestones" className="records__section-title">
        {t('projects.milestones.heading')}
      </h2>
      {project.milestones.length === 0 ? (
        <p className="state state--empty">{t('projects.milestones.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="evaluation records-table project-milestones">
            <thead>
              <tr>
                <th scope="col">{t('projects.milestones.title')}</th>
                <th scope="col">{t('projects.milestones.dueOn')}</th>
                <th scope="col">{t('projects.milestones.doneOn')}</th>
                <th scope="col">{t('projects.col.owner')}</th>
                <th scope="col">{t('projects.col.department')}</th>
                <th scope="col">{t('projects.milestones.status')}</th>
                {canWrite && <th scope="col" aria-label={t('projects.milestones.complete')} />}
              </tr>
            </thead>
            <tbody>
              {project.milestones.map((m) => (
                <tr
                  key={m.id}
                  className={`records-table__row${m.overdueDays > 0 ? ' projects-table__row--overdue' : ''}`}
                  data-id={m.id}
                >
                  <td className="project-milestones__title">{m.title}</td>
                  <td>{m.dueOn}</td>
                  <td>{m.doneOn ?? '—'}</td>
                  <td>{m.ownerName}</td>
                  <td>{m.department}</td>
                  <td>
                    <MilestoneStatus milestone={m} />
                  </td>
                  {canWrite && (
                    <td>
                      {!m.doneOn && (
                        <button
                          type="button"
                          className="button"
                          aria-expanded={completing === m.id}
                          onClick={() => setCompleting((c) => (c === m.id ? null : m.id))}
                        >
                          {t('projects.milestones.complete')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && completing && (
        <CompleteForm
          key={completing}
          api={api}
          project={project}
          milestone={project.milestones.find((m) => m.id === completing)!}
          onDone={async () => {
            await props.onSaved();
            setCompleting(null);
          }}
        />
      )}
      {canWrite && <MilestoneForm api={api} project={project} onSaved={props.onSaved} />}
    </section>
  );
}

function CompleteForm(props: {
  api: ProjectsApi;
  project: ProjectDetail;
  milestone: ProjectMilestone;
  onDone: () => Promise<void>;
}) {
  const { api, project, milestone } = props;
  const { t } = useI18n();
  const prefix = useId();
  const [form, setForm] = useState({ doneOn: today() });
  const save = useSave(['doneOn']);
  const helpers = useFieldHelpers(prefix, save.errors);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDoneOn(form.doneOn, project.stageDates.signed, today());
    if (!checked.ok) {
      save.setErrors(checked.errors);
      save.setNote({ kind: 'error', text: t('records.edit.fixFields') });
      return;
    }
    void save.run(async () => {
      await api.completeMilestone(project.id, milestone.id, checked.body);
      await props.onDone();
      return 'projects.milestones.completed';
    });
  };
  return (
    <form className="records-edit" aria-labelledby={`${prefix}-heading`} onSubmit={submit} noValidate>
      <h3 id={`${prefix}-heading`} className="records__section-title">
        {t('projects.milestones.complete')}：{milestone.title}
      </h3>
      <div className="records-edit__grid">
        <Input
          form={form}
          name="doneOn"
          label={t('projects.milestones.completeOn')}
          type="date"
          change={(c) => setForm((f) => ({ ...f, ...c }))}
          helpers={helpers}
        />
      </div>
      <Note note={save.note} />
      <div className="records-edit__actions">
        <button type="submit" className="button button--primary" disabled={save.busy}>
          {save.busy ? t('records.edit.saving') : t('projects.milestones.completeConfirm')}
        </button>
      </div>
    </form>
  );
}

function MilestoneForm(props: { api: ProjectsApi; project: ProjectDetail; onSaved: () => Promise<void> }) {
  const { api, project } = props;
  const { t } = useI18n();
  const prefix = useId();
  const [form, setForm] = useState<MilestoneForm>(EMPTY_MILESTONE_FORM);
  const save = useSave(MILESTONE_FIELDS);
  const helpers = useFieldHelpers(prefix, save.errors);
  const change: Change<MilestoneForm> = (c) => setForm((f) => ({ ...f, ...c }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkMilestoneForm(form, project.stageDates.signed);
    if (!checked.ok) {
      save.setErrors(checked.errors);
      save.setNote({ kind: 'error', text: t('records.edit.fixFields') });
      return;
    }
    void save.run(async () => {
      await api.addMilestone(project.id, checked.body);
      await props.onSaved();
      setForm(EMPTY_MILESTONE_FORM);
      return 'projects.milestones.added';
    });
  };
  const input = (name: keyof MilestoneForm, label: MessageKey, type?: 'date') => (
    <Input form={form} name={name} label={t(label)} type={type} change={change} helpers={helpers} />
  );
  return (
    <form className="records-edit" aria-labelledby={`${prefix}-heading`} onSubmit={submit} noValidate>
      <h3 id={`${prefix}-heading`} className="records__section-title">
        {t('projects.milestones.add')}
      </h3>
      <div className="records-edit__grid">
        {input('title', 'projects.milestones.title')}
        {input('dueOn', 'projects.milestones.dueOn', 'date')}
        {input('ownerName', 'projects.col.owner')}
        {input('department', 'projects.col.department')}
      </div>
      <Note note={save.note} />
      <div className="records-edit__actions">
        <button type="submit" className="button button--primary" disabled={save.busy}>
          {save.busy ? t('records.edit.saving') : t('projects.milestones.add')}
        </button>
      </div>
    </form>
  );
}
