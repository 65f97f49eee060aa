/**
 * 园区指标 — the plan dashboard: each of the plan's targets with the park's progress towards it, the four
 * cultivation libraries, and the 亩均 grades. Read-only; for the roles the analytics API serves (admin, officer,
 * operator). Every figure is computed by the API from the records (docs/analytics.md).
 */
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { planUnitOf } from '@park/contracts';
import { describeError } from '../api/error-text';
import { formatNumber, formatPlanQuantity, formatQuantity } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { basisLines } from '../records/qualification-form';
import { mayEdit } from '../session/access';
import { AppLink } from '../records/records-ui';
import type { Session } from '../session/session';
import {
  PlanApi,
  type Cultivation,
  type EvaluationRow,
  type PlanTarget,
  type YearProgress,
} from './plan-api';
import {
  barWidth,
  defaultYear,
  GRADE_LABELS,
  GRADES,
  gradeCounts,
  gradeShare,
  librarySummaries,
  PLAN_YEARS,
  rankedEvaluation,
  STATUS_LABELS,
  targetRows,
  unitLabel,
  type LibrarySummary,
  type TargetRow,
} from './plan-dashboard';
import { CarrierEvaluationView, MoversView } from './evaluation-views';
import { TargetEditor } from './target-edit';
import { useLoad } from './use-load';
import { PlanYearToDateSection } from '../indicators/plan-year-to-date';

interface Overview {
  readonly progress: YearProgress[];
  readonly targets: PlanTarget[];
}

interface YearDetail {
  readonly cultivation: Cultivation;
  readonly evaluation: EvaluationRow[];
}

/** A number with its unit in the interface language (万元 → 10k CNY in English). */
function useQuantity(): (value: number, unit: string) => string {
  const { t, language } = useI18n();
  return useCallback(
    (value, unit) => {
      const key = unitLabel(unit);
      return formatQuantity(value, key ? t(key) : unit, language);
    },
    [t, language],
  );
}

/** A plan-level figure (a park total, a target) in the unit the plan speaks: 万元 totals in 亿元. */
function usePlanQuantity(): (value: number, unit: string) => string {
  const { t, language } = useI18n();
  return useCallback(
    (value, unit) =>
      formatPlanQuantity(value, unit, language, (u) => {
        const key = unitLabel(u);
        return key ? t(key) : u;
      }),
    [t, language],
  );
}

/** The 亩均 evaluation's three views: the enterprises' ranking, the grade movers, the carriers. */
type EvaluationView = 'enterprises' | 'movers' | 'carriers';
const EVALUATION_VIEWS: readonly { view: EvaluationView; label: MessageKey }[] = [
  { view: 'enterprises', label: 'plan.evaluation.tab.enterprises' },
  { view: 'movers', label: 'plan.evaluation.tab.movers' },
  { view: 'carriers', label: 'plan.evaluation.tab.carriers' },
];

export function PlanDashboard(props: {
  session: Session;
  onNavigate: (path: string) => void;
  onUnauthorized: () => void;
}) {
  const { session, onNavigate, onUnauthorized } = props;
  const { t } = useI18n();
  const api = useMemo(() => new PlanApi(session.token, onUnauthorized), [session.token, onUnauthorized]);

  const loadOverview = useCallback(
    async (signal: AbortSignal): Promise<Overview> => {
      const [progress, targets] = await Promise.all([
        api.progress(PLAN_YEARS[0], PLAN_YEARS[PLAN_YEARS.length - 1], signal),
        api.targets(signal),
      ]);
      return { progress, targets };
    },
    [api],
  );
  const [overview, retryOverview] = useLoad(loadOverview);
  const [saved, setSaved] = useState(false);

  const [chosenYear, setChosenYear] = useState<number | null>(null);
  // Kept across years: the committee compares the same view year by year.
  const [view, setView] = useState<EvaluationView>('enterprises');
  const year = chosenYear ?? (overview.state === 'ready' ? defaultYear(overview.data.progress) : null);

  return (
    <div className="plan">
      <div className="plan__header">
        <div>
          <h1 className="plan__title">{t('plan.heading')}</h1>
          <p className="plan__subtitle">{t('plan.subtitle')}</p>
        </div>
        {year !== null && (
          <div className="tabs plan__years" role="group" aria-label={t('plan.year')}>
            <span className="plan__years-label">{t('plan.year')}</span>
            {PLAN_YEARS.map((y) => (
              <button
                key={y}
                type="button"
                className="tab"
                aria-pressed={y === year}
                onClick={() => setChosenYear(y)}
              >
                {t('plan.yearOption', { year: y })}
              </button>
            ))}
          </div>
        )}
      </div>

      {overview.state === 'loading' && (
        <p className="state state--loading" role="status">
          {t('plan.loading')}
        </p>
      )}
      {overview.state === 'error' && <LoadError error={overview.error} onRetry={retryOverview} />}
      {overview.state === 'ready' && year !== null && (
        <>
          {saved && (
            <p className="records-edit__note records-edit__note--ok" role="status">
              {t('plan.target.saved')}
            </p>
          )}
          <TargetsSection
            rows={targetRows(overview.data.progress, year, overview.data.targets)}
            year={year}
            onNavigate={onNavigate}
            editor={
              mayEdit(session.user, 'targets')
                ? {
                    api,
                    onSaved: () => {
                      setSaved(true);
                      retryOverview();
                    },
                  }
                : null
            }
          />
          <PlanYearToDateSection token={session.token} onUnauthorized={onUnauthorized} />
          <YearSections
            key={year}
            api={api}
            year={year}
            view={view}
            onView={setView}
            onNavigate={onNavigate}
          />
        </>
      )}
    </div>
  );
}

function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="state state--error" role="alert">
      <p>{t('plan.loadError', { message: describeError(error, t) })}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t('plan.retry')}
      </button>
    </div>
  );
}

function TargetsSection({
  rows,
  year,
  editor,
  onNavigate,
}: {
  rows: readonly TargetRow[];
  year: number;
  /** Each target links to its plan tasks (/plan/tasks/<year>/<indicator>). */
  onNavigate: (path: string) => void;
  /** For an admin (PUT /api/analytics/targets/… is admin only): each target can be changed in place. */
  editor: { api: PlanApi; onSaved: () => void } | null;
}) {
  const { t, language } = useI18n();
  const quantity = usePlanQuantity();
  const [editing, setEditing] = useState<string | null>(null);
  const unitText = (unit: string) => {
    const key = unitLabel(planUnitOf(unit));
    return key ? t(key) : planUnitOf(unit);
  };
  return (
    <section className="plan__section plan-targets" aria-labelledby="plan-targets-heading">
      <h2 id="plan-targets-heading" className="plan__section-title">
        {t('plan.targets.heading', { year })}
      </h2>
      {rows.length === 0 ? (
        <p className="state state--empty">{t('plan.targets.empty', { year })}</p>
      ) : (
        <ul className="plan-targets__list">
          {rows.map((row) => (
            <li key={row.indicator} className={`target target--${row.status}`} data-indicator={row.indicator}>
              <div className="target__head">
                <span className="target__label">{t(row.label)}</span>
                <span className={`target__status target__status--${row.status}`}>
                  {t(STATUS_LABELS[row.status])}
                </span>
              </div>
              <div className="target__value">
                {row.value === null ? t('plan.notReported') : quantity(row.value, row.unit)}
              </div>
              {row.target !== null && row.comparator !== null && (
                <>
                  <div
                    className="bar"
                    role="progressbar"
                    aria-label={t(row.label)}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={row.bar}
                  >
                    <span className="bar__fill" style={{ width: `${row.bar}%` }} />
                  </div>
                  <div className="target__foot">
                    <span className="target__goal">
                      {t('plan.target.goal', {
                        year: row.targetYear ?? year,
                        comparator: t(row.comparator === 'gt' ? 'plan.comparator.gt' : 'plan.comparator.gte'),
                        target: quantity(row.target, row.unit),
                      })}
                    </span>
                    {row.progress !== null && (
                      <span className="target__progress">
                        {t('plan.target.progress', {
                          percent: formatQuantity(row.progress, '%', language),
                        })}
                      </span>
                    )}
                  </div>
                </>
              )}
              <span className="target__tasks">
                <AppLink
                  path={`/plan/tasks/${year}/${encodeURIComponent(row.indicator)}`}
                  onNavigate={onNavigate}
                >
                  {t('plan.target.tasks')}
                </AppLink>
              </span>
              {editor && (
                <button
                  type="button"
                  className="button button--quiet target__edit"
                  aria-expanded={editing === row.indicator}
                  onClick={() => setEditing((now) => (now === row.indicator ? null : row.indicator))}
                >
                  {t('plan.target.edit')}
                </button>
              )}
              {editor && editing === row.indicator && (
                <TargetEditor
                  api={editor.api}
                  row={row}
                  year={year}
                  unit={unitText(row.unit)}
                  onSaved={() => {
                    setEditing(null);
                    editor.onSaved();
                  }}
                  onClose={() => setEditing(null)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The sections computed for one year: the cultivation libraries and the 亩均 evaluation. */
function YearSections({
  api,
  year,
  view,
  onView,
  onNavigate,
}: {
  api: PlanApi;
  year: number;
  view: EvaluationView;
  onView: (view: EvaluationView) => void;
  onNavigate: (path: string) => void;
}) {
  const { t } = useI18n();
  const load = useCallback(
    async (signal: AbortSignal): Promise<YearDetail> => {
      const [cultivation, evaluation] = await Promise.all([
        api.cultivation(year, signal),
        api.evaluation(year, signal),
      ]);
      return { cultivation, evaluation };
    },
    [api, year],
  );
  const [detail, retry] = useLoad(load);

  if (detail.state === 'loading') {
    return (
      <p className="state state--loading" role="status">
        {t('plan.loading')}
      </p>
    );
  }
  if (detail.state === 'error') return <LoadError error={detail.error} onRetry={retry} />;
  return (
    <>
      <CultivationSection libraries={librarySummaries(detail.data.cultivation)} year={year} />
      <EvaluationSection rows={detail.data.evaluation} year={year} showRanking={view === 'enterprises'}>
        <div className="tabs evaluation-tabs" role="group" aria-label={t('plan.evaluation.views')}>
          {EVALUATION_VIEWS.map((v) => (
            <button
              key={v.view}
              type="button"
              className="tab"
              aria-pressed={v.view === view}
              data-view={v.view}
              onClick={() => onView(v.view)}
            >
              {t(v.label)}
            </button>
          ))}
        </div>
        {view === 'movers' && <MoversView api={api} year={year} onNavigate={onNavigate} />}
        {view === 'carriers' && <CarrierEvaluationView api={api} year={year} onNavigate={onNavigate} />}
      </EvaluationSection>
    </>
  );
}

function CultivationSection({ libraries, year }: { libraries: readonly LibrarySummary[]; year: number }) {
  const { t, language } = useI18n();
  const quantity = useQuantity();
  const firms = (n: number) => quantity(n, '家');
  return (
    <section className="plan__section" aria-labelledby="plan-cultivation-heading">
      <h2 id="plan-cultivation-heading" className="plan__section-title">
        {t('plan.cultivation.heading', { year })}
      </h2>
      <div className="libraries">
        {libraries.map((lib) => (
          <article key={lib.library} className="library" data-library={lib.library}>
            <h3 className="library__title">{t(lib.label)}</h3>
            <p className="library__counts">
              <span className="library__achieved">
                {t('plan.library.achieved', { count: firms(lib.achieved) })}
              </span>
              <span className="library__cultivating">
                {t('plan.library.cultivating', { count: firms(lib.cultivating.length) })}
              </span>
            </p>
            {lib.band !== null ? (
              <p className="library__threshold hint">{t(lib.band)}</p>
            ) : (
              lib.threshold !== null && (
                <p className="library__threshold hint">
                  {t('plan.library.threshold', {
                    measure: t(lib.measure),
                    threshold: quantity(lib.threshold, lib.unit),
                  })}
                </p>
              )
            )}
            {lib.cultivating.length === 0 ? (
              <p className="library__empty hint">{t('plan.library.empty')}</p>
            ) : (
              <ul className="library__members">
                {lib.cultivating.map((entry) => (
                  <li key={entry.enterpriseId} className="member">
                    <span className="member__name" title={entry.name}>
                      {entry.name}
                    </span>
                    <span className="member__value">
                      {entry.value === null
                        ? t('plan.notReported')
                        : lib.band !== null && entry.threshold !== null
                          ? t('plan.library.memberBand', {
                              value: quantity(entry.value, lib.unit),
                              threshold: quantity(entry.threshold, lib.unit),
                            })
                          : quantity(entry.value, lib.unit)}
                    </span>
                    <span
                      className="bar bar--thin"
                      role="progressbar"
                      aria-label={entry.name}
                      aria-valuemin={0}
                      aria-valuemax={100}
                      aria-valuenow={barWidth(entry.progress)}
                    >
                      <span className="bar__fill" style={{ width: `${barWidth(entry.progress)}%` }} />
                    </span>
                    <span className="member__progress">
                      {entry.progress === null ? '—' : formatQuantity(entry.progress, '%', language)}
                    </span>
                    {entry.basis.some((b) => b.kind === 'certificate') && (
                      <span className="member__why hint" style={{ gridColumn: '1 / -1' }}>
                        {basisLines(
                          entry.basis.filter((b) => b.kind === 'certificate'),
                          language,
                        )
                          .map((line) =>
                            t(line.key, { ...line.params, type: t(line.params.type as MessageKey) }),
                          )
                          .join('；')}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </article>
        ))}
      </div>
    </section>
  );
}

/**
 * The year's grade distribution, the view tabs (`children`), and — when no other view is chosen — the enterprises'
 * ranking (`showRanking`).
 */
function EvaluationSection({
  rows,
  year,
  showRanking,
  children,
}: {
  rows: readonly EvaluationRow[];
  year: number;
  showRanking: boolean;
  children: ReactNode;
}) {
  const { t, language } = useI18n();
  const quantity = useQuantity();
  const counts = gradeCounts(rows);
  const ranked = rankedEvaluation(rows);
  const perMu = (v: number | null | undefined) =>
    v == null ? t('plan.notReported') : quantity(v, '万元/亩');
  return (
    <section className="plan__section" aria-labelledby="plan-evaluation-heading">
      <h2 id="plan-evaluation-heading" className="plan__section-title">
        {t('plan.evaluation.heading', { year })}
      </h2>
      {rows.length === 0 ? (
        <p className="state state--empty">{t('plan.evaluation.empty', { year })}</p>
      ) : (
        <ul className="grades">
          {GRADES.map((grade) => (
            <li key={grade} className={`grade grade--${grade}`} data-grade={grade}>
              <span className="grade__label">{t(GRADE_LABELS[grade])}</span>
              <span className="grade__count">{quantity(counts.byGrade[grade], '家')}</span>
              <span className="grade__share hint">
                {t('plan.grade.share', {
                  percent: formatQuantity(gradeShare(counts, grade), '%', language),
                })}
              </span>
            </li>
          ))}
          <li className="grade grade--none" data-grade="none">
            <span className="grade__label">{t('plan.grade.ungraded')}</span>
            <span className="grade__count">{quantity(counts.ungraded, '家')}</span>
          </li>
        </ul>
      )}
      {children}
      {showRanking && rows.length > 0 && (
        <div className="table-wrap">
          <table className="evaluation">
            <caption>{t('plan.evaluation.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.col.rank')}</th>
                <th scope="col">{t('plan.col.enterprise')}</th>
                <th scope="col">{t('plan.col.grade')}</th>
                <th scope="col" className="num">
                  {t('plan.col.score')}
                </th>
                <th scope="col" className="num">
                  {t('plan.col.taxPerMu')}
                </th>
                <th scope="col" className="num">
                  {t('plan.col.salesPerMu')}
                </th>
                <th scope="col" className="num">
                  {t('plan.col.land')}
                </th>
              </tr>
            </thead>
            <tbody>
              {ranked.map((row) => (
                <tr key={row.id}>
                  <td>{row.rank === null ? '—' : formatNumber(row.rank, language)}</td>
                  <td>{row.name}</td>
                  <td>
                    {row.grade === null ? (
                      t('plan.grade.ungraded')
                    ) : (
                      <span className={`grade-badge grade-badge--${row.grade}`}>{row.grade}</span>
                    )}
                  </td>
                  <td className="num">
                    {row.score === null ? '—' : formatQuantity(row.score, t('unit.points'), language)}
                  </td>
                  <td className="num">{perMu(row.values.taxPerMu)}</td>
                  <td className="num">{perMu(row.values.salesPerMu)}</td>
                  <td className="num">{quantity(row.landMu, '亩')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
