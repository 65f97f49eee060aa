/**
 * Two views of the plan dashboard's 亩均 evaluation, beside the enterprises' ranking: the grade movers from the
 * year before (who moved, and the indicator that moved them, in words) and the carriers' evaluation with what it
 * is held to — the enterprises' benchmarks and grade thresholds (docs/analytics.md, "Carriers").
 */
import { useCallback } from 'react';
import { describeError } from '../api/error-text';
import { formatNumber, formatQuantity } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { AppLink, GradeBadge } from '../records/records-ui';
import {
  benchmarkOrder,
  MOVE_LABELS,
  moveLines,
  moverCounts,
  MU_INDICATOR_LABELS,
  quantityText,
} from './grade-movers';
import { MU_INDICATOR_UNITS, type EvaluationRow, type MuIndicator, type PlanApi } from './plan-api';
import { useLoad, type Load } from './use-load';
import './evaluation.css';

/** Each indicator's unit as the API computes it. */
const UNITS = MU_INDICATOR_UNITS;
/** The columns of the carriers' table: the three indicators the default scheme weighs. */
const CARRIER_COLUMNS: readonly MuIndicator[] = ['taxPerMu', 'salesPerMu', 'outputPerEnergy'];

interface ViewProps {
  readonly api: PlanApi;
  readonly year: number;
  readonly onNavigate: (path: string) => void;
}

function ViewState(props: {
  load: Exclude<Load<unknown>, { state: 'ready' }>;
  loadingText: string;
  onRetry: () => void;
}) {
  const { t } = useI18n();
  if (props.load.state === 'loading')
    return (
      <p className="state state--loading" role="status">
        {props.loadingText}
      </p>
    );
  return (
    <div className="state state--error" role="alert">
      <p>{t('plan.loadError', { message: describeError(props.load.error, t) })}</p>
      <button type="button" className="button" onClick={props.onRetry}>
        {t('plan.retry')}
      </button>
    </div>
  );
}

/** Who changed grade from the year before to `year`, and why, in words. */
export function MoversView({ api, year, onNavigate }: ViewProps) {
  const { t, language } = useI18n();
  const load = useCallback((signal: AbortSignal) => api.movers(year, signal), [api, year]);
  const [movers, retry] = useLoad(load);
  if (movers.state !== 'ready')
    return <ViewState load={movers} loadingText={t('plan.movers.loading')} onRetry={retry} />;
  const { moves, previousYear, graded, previousGraded } = movers.data;
  const years = { from: previousYear, to: year };
  const firms = (n: number) => formatQuantity(n, t('unit.enterprises'), language);
  const counts = moverCounts(moves);
  return (
    <div className="movers-view" data-view="movers">
      <h3 className="evaluation-view__title">{t('plan.movers.heading', years)}</h3>
      {previousGraded === 0 ? (
        <p className="state state--empty">{t('plan.movers.noPrevious', years)}</p>
      ) : (
        <>
          <p className="evaluation-view__note">
            {t('plan.movers.summary', {
              ...years,
              graded: firms(graded),
              previousGraded: firms(previousGraded),
              down: firms(counts.down),
              up: firms(counts.up),
              left: firms(counts.left),
              entered: firms(counts.entered),
            })}
          </p>
          {moves.length === 0 ? (
            <p className="state state--empty">{t('plan.movers.empty', years)}</p>
          ) : (
            <ul className="movers">
              {moves.map((move) => (
                <li
                  key={move.id}
                  className={`mover mover--${move.kind}`}
                  data-kind={move.kind}
                  data-id={move.id}
                >
                  <div className="mover__head">
                    <span className="mover__name">
                      <AppLink path={`/enterprises/${encodeURIComponent(move.id)}`} onNavigate={onNavigate}>
                        {move.name}
                      </AppLink>
                    </span>
                    <span className={`mover__kind mover__kind--${move.kind}`}>
                      {t(MOVE_LABELS[move.kind])}
                    </span>
                    <span className="mover__grades">
                      <GradeBadge grade={'from' in move ? move.from : null} />
                      <span aria-hidden="true">→</span>
                      <GradeBadge grade={'to' in move ? move.to : null} />
                    </span>
                  </div>
                  <ul className="mover__lines">
                    {moveLines(move, years, { graded, previousGraded }, t, language).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

/** Each carrier's grade, score and indicators, and the enterprises' benchmarks and thresholds it is held to. */
export function CarrierEvaluationView({ api, year, onNavigate }: ViewProps) {
  const { t, language } = useI18n();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [carriers, benchmarks] = await Promise.all([
        api.carriers(year, signal),
        api.benchmarks(year, signal),
      ]);
      return { carriers, benchmarks };
    },
    [api, year],
  );
  const [data, retry] = useLoad(load);
  if (data.state !== 'ready')
    return <ViewState load={data} loadingText={t('plan.carriers.loading')} onRetry={retry} />;
  const { carriers, benchmarks } = data.data;
  const points = (v: number) => formatQuantity(v, t('unit.points'), language);
  const value = (row: EvaluationRow | null, k: MuIndicator) =>
    row === null ? '—' : quantityText(row.values[k], UNITS[k], t, language);
  const floors = benchmarks.gradeFloors;
  const ranked = [...carriers].sort(
    (a, b) =>
      (a.evaluation?.rank ?? Number.POSITIVE_INFINITY) - (b.evaluation?.rank ?? Number.POSITIVE_INFINITY) ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
  return (
    <div className="carrier-evaluation" data-view="carriers">
      <h3 className="evaluation-view__title">{t('plan.carriers.heading', { year })}</h3>
      <p className="evaluation-view__note">
        {t('plan.carriers.basis', {
          factor: formatNumber(benchmarks.benchmarkFactor, language),
          basisYear: benchmarks.basisYear,
        })}
      </p>
      <p className="evaluation-view__note" data-field="floors">
        {floors === null
          ? t('plan.carriers.noFloors', { year })
          : t('plan.carriers.floors', {
              year,
              A: floors.A === undefined ? '—' : points(floors.A),
              B: floors.B === undefined ? '—' : points(floors.B),
              C: floors.C === undefined ? '—' : points(floors.C),
            })}
      </p>
      <div className="table-wrap carrier-evaluation__benchmarks">
        <table className="evaluation">
          <caption>{t('plan.carriers.benchmarks')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plan.col.indicator')}</th>
              <th scope="col" className="num">
                {t('plan.col.benchmark')}
              </th>
              <th scope="col" className="num">
                {t('plan.col.weight')}
              </th>
            </tr>
          </thead>
          <tbody>
            {benchmarkOrder(benchmarks.weights).map((k) => (
              <tr key={k} data-indicator={k}>
                <th scope="row">{t(MU_INDICATOR_LABELS[k])}</th>
                <td className="num">{quantityText(benchmarks.benchmarks[k], UNITS[k], t, language)}</td>
                <td className="num">
                  {benchmarks.weights[k] === 0 ? t('plan.carriers.notScored') : points(benchmarks.weights[k])}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {carriers.length === 0 ? (
        <p className="state state--empty">{t('plan.carriers.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="evaluation carrier-evaluation__table">
            <caption>{t('plan.carriers.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.col.rank')}</th>
                <th scope="col">{t('plan.col.carrier')}</th>
                <th scope="col">{t('plan.col.grade')}</th>
                <th scope="col" className="num">
                  {t('plan.col.score')}
                </th>
                {CARRIER_COLUMNS.map((k) => (
                  <th key={k} scope="col" className="num">
                    {t(MU_INDICATOR_LABELS[k])}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('plan.col.land')}
                </th>
                <th scope="col" className="num">
                  {t('plan.col.occupancy')}
                </th>
              </tr>
            </thead>
            <tbody>
              {ranked.map((c) => (
                <tr key={c.id} data-id={c.id} data-code={c.code}>
                  <td>{c.evaluation?.rank == null ? '—' : formatNumber(c.evaluation.rank, language)}</td>
                  <td>
                    <AppLink path={`/carriers/${encodeURIComponent(c.id)}`} onNavigate={onNavigate}>
                      {c.name}
                    </AppLink>
                  </td>
                  <td>
                    {c.evaluation?.grade ? (
                      <GradeBadge grade={c.evaluation.grade} />
                    ) : (
                      t('plan.grade.ungraded')
                    )}
                  </td>
                  <td className="num">
                    {c.evaluation?.score == null ? t('plan.carriers.notScored') : points(c.evaluation.score)}
                  </td>
                  {CARRIER_COLUMNS.map((k) => (
                    <td key={k} className="num" data-indicator={k}>
                      {value(c.evaluation, k)}
                    </td>
                  ))}
                  <td className="num">{formatQuantity(c.landMu, t('unit.mu'), language)}</td>
                  <td className="num">{formatQuantity(c.occupancy, '%', language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
