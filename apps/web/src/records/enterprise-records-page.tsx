/**
 * 企业档案 — enterprise records: a searchable, paged table of the park's enterprises and, at
 * /enterprises/<id>, one enterprise's profile (header, indicators over the years, dynamic-events timeline,
 * recent alerts), for the roles GET /api/enterprises allows. An admin — the one role the API lets write records —
 * also edits the profile, reports a year's indicators and adds events there, and reads the audit trail
 * (enterprise-edit.tsx); an energy manager's list holds only
 * their own enterprise and the API refuses any other profile (the refusal is shown). The 亩均 grade comes from
 * the analytics API, which serves park roles only, so an energy manager's table has no grade column; the profile's
 * grades by year (grade-history.tsx) are theirs to read too.
 * (The devices API has no enterprise filter, so the profile has no devices section.)
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Role } from '@park/auth';
import { CULTIVATION_LIBRARIES, GRADES, type CultivationLibrary } from '@park/contracts';
import type { MessageKey } from '../i18n/messages';
import { LandApi } from '../land/land-api';
import { enterpriseOptions } from '../land/parcel-form';
import { alertReading, pick } from '../alerts/alert-text';
import { formatDateTime, formatQuantity } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { Grade } from '../plan/plan-api';
import { useLoad } from '../plan/use-load';
import { mayEdit } from '../session/access';
import type { Session } from '../session/session';
import { AuditTrail, EventEditor, IndicatorEditor, ProfileEditor } from './enterprise-edit';
import { GradeHistory } from './grade-history';
import { EnterpriseFiguresSection } from '../indicators/enterprise-figures';
import { IndicatorsApi } from '../indicators/indicators-api';
import { evaluationYears, gradesById, indicatorTable, PAGE_SIZE, statusTags } from './enterprise-records';
import { industryDivisions, industryLabel } from './industry-names';
import { ParkQualifications, QualificationsSection } from './qualifications';
import { DocumentFiles } from './document-files';
import { QualificationsApi } from './qualifications-api';
import {
  RecordsApi,
  type Enterprise,
  type EnterpriseFilters,
  type EnterpriseIndicators,
  type RecordEvent,
} from './records-api';
import {
  AppLink,
  BackLink,
  EventTimeline,
  GradeBadge,
  LoadError,
  Loading,
  Pager,
  ProfileNotReady,
  SearchForm,
} from './records-ui';
import { ProjectsApi } from '../projects/projects-api';
import { ProjectsOfRecord } from '../projects/projects-of-record';
import { EnterprisePolicies } from '../policies/enterprise-policies';
import { PoliciesApi } from '../policies/policies-api';
import './records.css';

const GRADE_READERS: readonly Role[] = ['admin', 'officer', 'operator', 'staff'];
/** The roles the API lets write enterprise records (enterprises.controller.ts @Roles on PATCH/PUT/POST). */
const RECENT_ALERTS = 10;

interface Props {
  readonly session: Session;
  readonly enterpriseId: string | null;
  readonly onNavigate: (path: string) => void;
  readonly onUnauthorized: () => void;
}

export function EnterpriseRecords({ session, enterpriseId, onNavigate, onUnauthorized }: Props) {
  const api = useMemo(() => new RecordsApi(session.token, onUnauthorized), [session.token, onUnauthorized]);
  const qualifications = useMemo(
    () => new QualificationsApi(session.token, onUnauthorized),
    [session.token, onUnauthorized],
  );
  const projects = useMemo(
    () => new ProjectsApi(session.token, onUnauthorized),
    [session.token, onUnauthorized],
  );
  const policies = useMemo(
    () => new PoliciesApi(session.token, onUnauthorized),
    [session.token, onUnauthorized],
  );
  const land = useMemo(() => new LandApi(session.token, onUnauthorized), [session.token, onUnauthorized]);
  const figures = useMemo(
    () => new IndicatorsApi(session.token, onUnauthorized),
    [session.token, onUnauthorized],
  );
  const files = useMemo(
    () => new DocumentFiles(session.token, onUnauthorized),
    [session.token, onUnauthorized],
  );
  return enterpriseId ? (
    <EnterpriseProfile
      key={enterpriseId}
      api={api}
      qualifications={qualifications}
      projects={projects}
      policies={policies}
      files={files}
      figures={figures}
      id={enterpriseId}
      edits={{
        profile: mayEdit(session.user, 'enterprises'),
        indicators: mayEdit(session.user, 'indicators'),
        events: mayEdit(session.user, 'events'),
        qualifications: mayEdit(session.user, 'qualifications'),
        audit: session.user.role === 'admin',
      }}
      onNavigate={onNavigate}
    />
  ) : (
    <EnterpriseList
      api={api}
      land={land}
      qualifications={qualifications}
      role={session.user.role}
      onNavigate={onNavigate}
    />
  );
}

/** The list page's two tabs: the enterprises, and the park's certificates (资质认定与到期提醒). */
type ListTab = 'list' | 'qualifications';

function EnterpriseList(props: {
  api: RecordsApi;
  land: LandApi;
  qualifications: QualificationsApi;
  role: Role;
  onNavigate: (path: string) => void;
}) {
  const { t } = useI18n();
  const [tab, setTab] = useState<ListTab>(() =>
    new URLSearchParams(window.location.search).get('tab') === 'qualifications' ? 'qualifications' : 'list',
  );
  const tabs: readonly ListTab[] = ['list', 'qualifications'];
  return (
    <>
      <div className="records records__tabs" role="tablist" aria-label={t('records.heading')}>
        {tabs.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? 'button button--primary' : 'button'}
            onClick={() => setTab(id)}
          >
            {t(id === 'list' ? 'qualifications.tab.list' : 'qualifications.tab.qualifications')}
          </button>
        ))}
      </div>
      {tab === 'list' ? (
        <EnterpriseTable api={props.api} land={props.land} role={props.role} onNavigate={props.onNavigate} />
      ) : (
        <div className="records">
          <ParkQualifications api={props.qualifications} onNavigate={props.onNavigate} />
        </div>
      )}
    </>
  );
}

function EnterpriseTable({
  api,
  land,
  role,
  onNavigate,
}: {
  api: RecordsApi;
  land: LandApi;
  role: Role;
  onNavigate: (path: string) => void;
}) {
  const { t, language } = useI18n();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [filters, setFilters] = useState<ListFilters>({});
  const showGrades = GRADE_READERS.includes(role);
  const [grades, setGrades] = useState<{ year: number; byId: Map<string, Grade> } | null>(null);

  // The grade filter is offered once the grades' year is known; the list reloads for it only when it filters.
  const gradeYear = filters.grade !== undefined ? grades?.year : undefined;
  const loadPage = useCallback(
    (signal: AbortSignal) =>
      api.list({ q: query, page, pageSize: PAGE_SIZE, filters: { ...filters, gradeYear } }, signal),
    [api, query, page, filters, gradeYear],
  );
  const [list, retry] = useLoad(loadPage);
  const filtered = query !== '' || Object.values(filters).some((v) => v !== undefined);
  useEffect(() => {
    if (!showGrades) return;
    const controller = new AbortController();
    void (async () => {
      // The latest year that has grades (the records may not yet hold last year's figures).
      for (const year of evaluationYears(Date.now())) {
        try {
          const byId = gradesById(await api.evaluation(year, controller.signal));
          if (byId.size > 0) {
            if (!controller.signal.aborted) setGrades({ year, byId });
            return;
          }
        } catch {
          return; // The grade is an extra: the table stands without it.
        }
      }
    })();
    return () => controller.abort();
  }, [api, showGrades]);

  return (
    <div className="records">
      <div className="records__header">
        <h1 className="records__title">{t('records.heading')}</h1>
        <SearchForm
          label="records.search.label"
          placeholder="records.search.placeholder"
          onSearch={(q) => {
            setPage(1);
            setQuery(q);
          }}
        />
      </div>
      {showGrades && (
        <EnterpriseFilterBar
          land={land}
          filters={filters}
          gradeYear={grades?.year ?? null}
          onChange={(next) => {
            setPage(1);
            setFilters(next);
          }}
        />
      )}

      {list.state === 'loading' && <Loading text={t('records.loading')} />}
      {list.state === 'error' && <LoadError error={list.error} onRetry={retry} />}
      {list.state === 'ready' && list.data.items.length === 0 && (
        <p className="state state--empty">
          {query
            ? t('records.emptySearch', { q: query })
            : filtered
              ? t('records.emptyFiltered')
              : t('records.empty')}
        </p>
      )}
      {list.state === 'ready' && list.data.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="evaluation records-table">
              <thead>
                <tr>
                  <th scope="col">{t('records.col.name')}</th>
                  <th scope="col">{t('records.col.creditCode')}</th>
                  <th scope="col">{t('records.col.industry')}</th>
                  {grades && <th scope="col">{t('records.col.grade', { year: grades.year })}</th>}
                  <th scope="col">{t('records.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((e) => (
                  <tr key={e.id} className="records-table__row" data-id={e.id}>
                    <td className="records-table__name">
                      <AppLink path={`/enterprises/${encodeURIComponent(e.id)}`} onNavigate={onNavigate}>
                        {e.name}
                      </AppLink>
                    </td>
                    <td className="records-table__code">{e.creditCode}</td>
                    <td>{industryLabel(e.industryCode, language)}</td>
                    {grades && (
                      <td className="records-table__grade">
                        <GradeBadge grade={grades.byId.get(e.id) ?? null} />
                      </td>
                    )}
                    <td>
                      <StatusTags enterprise={e} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            label="records.pageOf"
            onPage={setPage}
          />
        </>
      )}
    </div>
  );
}

type ListFilters = Omit<EnterpriseFilters, 'gradeYear'>;

const LIBRARY_LABELS: Readonly<Record<CultivationLibrary, MessageKey>> = {
  'above-scale': 'plan.library.above-scale',
  'high-tech': 'plan.library.high-tech',
  listed: 'plan.library.listed',
  'revenue-100m': 'plan.library.revenue-100m',
};

/**
 * The park roles' filters of the list: cultivation library, GB/T 4754 division, carrier, and the 亩均 grade of the
 * year the table shows grades for (no grade filter until that year is known).
 */
function EnterpriseFilterBar({
  land,
  filters,
  gradeYear,
  onChange,
}: {
  land: LandApi;
  filters: ListFilters;
  gradeYear: number | null;
  onChange: (filters: ListFilters) => void;
}) {
  const { t, language } = useI18n();
  const [carriers, setCarriers] = useState<readonly { id: string; name: string }[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    land
      .carrierNames(controller.signal)
      .then((names) => {
        if (!controller.signal.aborted) setCarriers(enterpriseOptions(names)); // by name in pinyin order
      })
      .catch(() => undefined); // The carrier filter is an extra: without the list it offers 全部 only.
    return () => controller.abort();
  }, [land]);
  const set = <K extends keyof ListFilters>(key: K, value: ListFilters[K] | '') =>
    onChange({ ...filters, [key]: value === '' ? undefined : value });
  return (
    <div className="records__filters" role="group" aria-label={t('records.filter.label')}>
      <label className="field">
        <span className="field__label">{t('records.filter.library')}</span>
        <select
          className="input"
          name="library"
          value={filters.library ?? ''}
          onChange={(e) => set('library', e.target.value as CultivationLibrary | '')}
        >
          <option value="">{t('records.filter.all')}</option>
          {CULTIVATION_LIBRARIES.map((lib) => (
            <option key={lib} value={lib}>
              {t(LIBRARY_LABELS[lib])}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('records.filter.industry')}</span>
        <select
          className="input"
          name="industry"
          value={filters.industry ?? ''}
          onChange={(e) => set('industry', e.target.value)}
        >
          <option value="">{t('records.filter.all')}</option>
          {industryDivisions(language).map((d) => (
            <option key={d.code} value={d.code}>
              {language === 'en' ? `${d.code} ${d.name}` : `${d.name}（${d.code}）`}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('records.filter.carrier')}</span>
        <select
          className="input"
          name="carrierId"
          value={filters.carrierId ?? ''}
          onChange={(e) => set('carrierId', e.target.value)}
        >
          <option value="">{t('records.filter.all')}</option>
          {carriers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      {gradeYear !== null && (
        <label className="field">
          <span className="field__label">{t('records.filter.grade', { year: gradeYear })}</span>
          <select
            className="input"
            name="grade"
            value={filters.grade ?? ''}
            onChange={(e) => set('grade', e.target.value as Grade | '')}
          >
            <option value="">{t('records.filter.all')}</option>
            {GRADES.map((g) => (
              <option key={g} value={g}>
                {t('records.filter.gradeOption', { grade: g })}
              </option>
            ))}
          </select>
        </label>
      )}
      {Object.values(filters).some((v) => v !== undefined) && (
        <button type="button" className="button" onClick={() => onChange({})}>
          {t('records.filter.clear')}
        </button>
      )}
    </div>
  );
}

function StatusTags({ enterprise }: { enterprise: Enterprise }) {
  const { t } = useI18n();
  const tags = statusTags(enterprise);
  if (tags.length === 0) return <span className="records__muted">—</span>;
  return (
    <span className="records__tags">
      {tags.map((tag) => (
        <span key={tag} className="records__tag">
          {t(tag)}
        </span>
      ))}
    </span>
  );
}

type Editing = 'profile' | 'indicators' | 'event' | null;

/** The enterprise page's edit buttons, each shown only when the API would take the write. */
interface RecordEdits {
  readonly profile: boolean;
  readonly indicators: boolean;
  readonly events: boolean;
  readonly qualifications: boolean;
  /** GET /api/enterprises/:id/audit is admin only. */
  readonly audit: boolean;
}

function EnterpriseProfile({
  api,
  qualifications,
  projects,
  policies,
  files,
  figures,
  id,
  edits,
  onNavigate,
}: {
  api: RecordsApi;
  qualifications: QualificationsApi;
  projects: ProjectsApi;
  policies: PoliciesApi;
  files: DocumentFiles;
  figures: IndicatorsApi;
  id: string;
  /** What the signed-in user may edit here (the API's @Edits areas) and whether they read the audit trail. */
  edits: RecordEdits;
  onNavigate: (path: string) => void;
}) {
  const { t, language } = useI18n();
  const loadProfile = useCallback(
    async (signal: AbortSignal) => {
      // The enterprise first: a refusal (another enterprise's record) is the one error to show.
      const enterprise = await api.enterprise(id, signal);
      const [indicators, events] = await Promise.all([api.indicators(id, signal), api.events(id, signal)]);
      return { enterprise, indicators, events };
    },
    [api, id],
  );
  const [profile, retry] = useLoad(loadProfile);
  const loadAlerts = useCallback((signal: AbortSignal) => api.alerts(id, RECENT_ALERTS, signal), [api, id]);
  const [alerts, retryAlerts] = useLoad(loadAlerts);
  // What the saves answered, over what was loaded: a save updates the page without reloading it.
  const [saved, setSaved] = useState<{
    enterprise?: Enterprise;
    indicators?: EnterpriseIndicators[];
    events?: RecordEvent[];
  }>({});
  const [editing, setEditing] = useState<Editing>(null);
  const [auditVersion, setAuditVersion] = useState(0);

  const back = <BackLink path="/enterprises" label={t('records.back')} onNavigate={onNavigate} />;
  if (profile.state !== 'ready')
    return (
      <ProfileNotReady
        back={back}
        load={profile}
        loadingText={t('records.profile.loading')}
        onRetry={retry}
      />
    );

  const e = saved.enterprise ?? profile.data.enterprise;
  const indicators = saved.indicators ?? profile.data.indicators;
  const events = saved.events ?? profile.data.events;
  const table = indicatorTable(indicators);
  const afterSave = (changes: typeof saved) => {
    setSaved((s) => ({ ...s, ...changes }));
    setAuditVersion((v) => v + 1);
  };
  const latestYear = Math.max(new Date().getFullYear() - 1, ...indicators.map((i) => i.year));
  const toggle = (what: Exclude<Editing, null>) => setEditing((now) => (now === what ? null : what));
  const field = (label: string, value: string | null) => (
    <div className="records__field">
      <dt>{label}</dt>
      <dd>{value || '—'}</dd>
    </div>
  );

  return (
    <div className="records records--profile">
      {back}
      <div className="records__header">
        <h1 className="records__title">{e.name}</h1>
        <StatusTags enterprise={e} />
      </div>
      {(edits.profile || edits.indicators || edits.events) && (
        <div className="records-edit__bar">
          {edits.profile && (
            <button
              type="button"
              className="button"
              aria-expanded={editing === 'profile'}
              onClick={() => toggle('profile')}
            >
              {t('records.edit.open')}
            </button>
          )}
          {edits.indicators && (
            <button
              type="button"
              className="button"
              aria-expanded={editing === 'indicators'}
              onClick={() => toggle('indicators')}
            >
              {t('records.indicators.edit')}
            </button>
          )}
          {edits.events && (
            <button
              type="button"
              className="button"
              aria-expanded={editing === 'event'}
              onClick={() => toggle('event')}
            >
              {t('records.events.add')}
            </button>
          )}
        </div>
      )}
      {editing === 'profile' && (
        <ProfileEditor
          api={api}
          enterprise={e}
          onSaved={(enterprise) => afterSave({ enterprise })}
          onClose={() => setEditing(null)}
        />
      )}
      {editing === 'indicators' && (
        <IndicatorEditor
          api={api}
          enterpriseId={e.id}
          indicators={indicators}
          year={latestYear}
          onSaved={(row) =>
            afterSave({ indicators: [...indicators.filter((i) => i.year !== row.year), row] })
          }
          onClose={() => setEditing(null)}
        />
      )}
      {editing === 'event' && (
        <EventEditor
          api={api}
          files={files}
          enterpriseId={e.id}
          onSaved={(event) => afterSave({ events: [event, ...events] })}
          onClose={() => setEditing(null)}
        />
      )}
      <dl className="records__facts">
        {field(t('records.col.creditCode'), e.creditCode)}
        {field(t('records.col.industry'), e.industryCode ? industryLabel(e.industryCode, language) : null)}
        {field(t('records.address'), e.address)}
        {field(t('records.contact'), e.contactName)}
        {field(t('records.phone'), e.contactPhone)}
        {field(t('records.updatedAt'), formatDateTime(Date.parse(e.updatedAt)))}
      </dl>

      <section className="records__section" aria-labelledby="records-indicators-heading">
        <h2 id="records-indicators-heading" className="records__section-title">
          {t('records.indicators.heading')}
        </h2>
        {table.years.length === 0 || table.rows.length === 0 ? (
          <p className="state state--empty">{t('records.indicators.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="evaluation records-indicators">
              <thead>
                <tr>
                  <th scope="col">{t('records.indicators.name')}</th>
                  {table.years.map((y) => (
                    <th key={y} scope="col" className="num">
                      {t('records.year', { year: y })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row) => (
                  <tr key={row.field} data-field={row.field}>
                    <th scope="row">{t(row.label)}</th>
                    {row.values.map((v, i) => (
                      <td key={table.years[i]} className="num">
                        {v === null ? t('records.notReported') : formatQuantity(v, t(row.unit), language)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <EnterpriseFiguresSection api={figures} enterpriseId={e.id} />

      <GradeHistory api={api} enterpriseId={e.id} />

      <QualificationsSection
        api={qualifications}
        enterpriseId={e.id}
        canEdit={edits.qualifications}
        onChanged={() => setAuditVersion((v) => v + 1)}
      />

      <ProjectsOfRecord api={projects} link={{ enterpriseId: e.id }} onNavigate={onNavigate} />
      <EnterprisePolicies api={policies} enterpriseId={e.id} onNavigate={onNavigate} />

      <EventTimeline
        events={events}
        headingId="records-events-heading"
        documents={{ files, canEdit: edits.events }}
      />

      {edits.audit && (
        <AuditTrail api={api} enterpriseId={e.id} indicators={indicators} version={auditVersion} />
      )}

      <section className="records__section" aria-labelledby="records-alerts-heading">
        <h2 id="records-alerts-heading" className="records__section-title">
          {t('records.alerts.heading', { count: RECENT_ALERTS })}
        </h2>
        {alerts.state === 'loading' && <Loading text={t('records.alerts.loading')} />}
        {alerts.state === 'error' && <LoadError error={alerts.error} onRetry={retryAlerts} />}
        {alerts.state === 'ready' && alerts.data.length === 0 && (
          <p className="state state--empty">{t('records.alerts.empty')}</p>
        )}
        {alerts.state === 'ready' && alerts.data.length > 0 && (
          <ul className="records-alerts">
            {alerts.data.map((a) => (
              <li key={a.id} className={`records-alerts__item records-alerts__item--${a.severity}`}>
                <AppLink path={`/alerts/${encodeURIComponent(a.id)}`} onNavigate={onNavigate}>
                  {pick(a.ruleName, language)}
                </AppLink>
                <span>{a.deviceName}</span>
                <span>{alertReading(a, language).value}</span>
                <span>{t(`severity.${a.severity}`)}</span>
                <span>{t(`status.${a.status}`)}</span>
                <time dateTime={new Date(a.openedAt).toISOString()}>{formatDateTime(a.openedAt)}</time>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
