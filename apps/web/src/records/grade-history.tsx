/**
 * An enterprise's 亩均 grade year by year on its profile (GET /api/analytics/evaluation/enterprises/{id}/history):
 * grade, score, rank among the year's graded, the weighted indicators, and its move from the year before with the
 * reason in words, as the plan dashboard's movers list gives it. Park roles read any enterprise's, an energy
 * manager their own.
 */
import { useCallback } from 'react';
import { formatNumber, formatQuantity } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { MOVE_LABELS, moveLines, MU_INDICATOR_LABELS, quantityText } from '../plan/grade-movers';
import { MU_INDICATOR_UNITS, type MuIndicator } from '../plan/plan-api';
import { useLoad } from '../plan/use-load';
import type { RecordsApi } from './records-api';
import { GradeBadge, LoadError, Loading } from './records-ui';
import '../plan/evaluation.css';

/** The indicators the default scheme weighs, in its order. */
const COLUMNS: readonly MuIndicator[] = ['taxPerMu', 'salesPerMu', 'outputPerEnergy'];

export function GradeHistory({ api, enterpriseId }: { api: RecordsApi; enterpriseId: string }) {
  const { t, language } = useI18n();
  const load = useCallback(
    (signal: AbortSignal) => api.gradeHistory(enterpriseId, signal),
    [api, enterpriseId],
  );
  const [history, retry] = useLoad(load);
  return (
    <section className="records__section" aria-labelledby="records-grades-heading">
      <h2 id="records-grades-heading" className="records__section-title">
        {t('records.grades.heading')}
      </h2>
      {history.state === 'loading' && <Loading text={t('records.grades.loading')} />}
      {history.state === 'error' && <LoadError error={history.error} onRetry={retry} />}
      {history.state === 'ready' && history.data.years.length === 0 && (
        <p className="state state--empty">{t('records.grades.empty')}</p>
      )}
      {history.state === 'ready' && history.data.years.length > 0 && (
        <div className="table-wrap">
          <table className="evaluation records-grades">
            <thead>
              <tr>
                <th scope="col">{t('plan.col.year')}</th>
                <th scope="col">{t('plan.col.grade')}</th>
                <th scope="col" className="num">
                  {t('plan.col.score')}
                </th>
                <th scope="col" className="num">
                  {t('plan.col.rank')}
                </th>
                {COLUMNS.map((k) => (
                  <th key={k} scope="col" className="num">
                    {t(MU_INDICATOR_LABELS[k])}
                  </th>
                ))}
                <th scope="col">{t('plan.col.change')}</th>
              </tr>
            </thead>
            <tbody>
              {history.data.years.map(({ year, graded, evaluation: row, move }, i) => {
                const before = history.data.years[i - 1];
                const same =
                  move === null &&
                  row?.grade != null &&
                  before?.year === year - 1 &&
                  before.evaluation?.grade === row.grade;
                return (
                  <tr key={year} data-year={year}>
                    <th scope="row">{t('records.year', { year })}</th>
                    <td>
                      {row === null ? (
                        t('records.grades.notEvaluated')
                      ) : row.grade === null ? (
                        t('plan.grade.ungraded')
                      ) : (
                        <GradeBadge grade={row.grade} />
                      )}
                    </td>
                    <td className="num">
                      {row?.score == null ? '—' : formatQuantity(row.score, t('unit.points'), language)}
                    </td>
                    <td className="num">
                      {row?.rank == null
                        ? '—'
                        : t('records.grades.rankOf', {
                            rank: formatNumber(row.rank, language),
                            graded: formatNumber(graded, language),
                          })}
                    </td>
                    {COLUMNS.map((k) => (
                      <td key={k} className="num">
                        {row === null
                          ? '—'
                          : quantityText(
                              row.values[k],
                              MU_INDICATOR_UNITS[k],
                              t,
                              language,
                              'records.notReported',
                            )}
                      </td>
                    ))}
                    <td className="records-grades__change" data-kind={move?.kind ?? (same ? 'same' : 'none')}>
                      {move ? (
                        <>
                          <span className={`mover__kind mover__kind--${move.kind}`}>
                            {t(MOVE_LABELS[move.kind])}
                          </span>
                          <ul className="records-grades__reasons">
                            {moveLines(
                              move,
                              { from: year - 1, to: year },
                              { previousGraded: before?.graded ?? 0, graded },
                              t,
                              language,
                            ).map((line) => (
                              <li key={line}>{line}</li>
                            ))}
                          </ul>
                        </>
                      ) : same ? (
                        t('records.grades.same')
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
