/**
 * The plan dashboard's 年内进度 (GET /api/analytics/progress/year-to-date): the current year so far from the
 * monthly and quarterly figures sources sent — "截至X月", the share of the year the figures cover — next to the
 * annual target, for the plan indicators such figures can give (规上工业企业, their 应税销售).
 */
import { useCallback, useMemo } from 'react';
import { formatNumber, formatQuantity } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../plan/use-load';
import { LoadError, Loading } from '../records/records-ui';
import { IndicatorsApi } from './indicators-api';
import './indicators.css';

export function PlanYearToDateSection(props: { token: string; onUnauthorized: () => void }) {
  const { t, language } = useI18n();
  const { token, onUnauthorized } = props;
  const api = useMemo(() => new IndicatorsApi(token, onUnauthorized), [token, onUnauthorized]);
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const load = useCallback((signal: AbortSignal) => api.yearToDate(year, signal), [api, year]);
  const [ytd, retry] = useLoad(load);
  const quantity = (v: number | null, unit: string) => (v === null ? '—' : formatQuantity(v, unit, language));
  return (
    <section
      className="records__section plan__section"
      aria-labelledby="plan-ytd-heading"
      data-testid="plan-ytd"
    >
      <h2 id="plan-ytd-heading" className="records__section-title">
        {t('indicators.ytd.heading')} · {t('records.year', { year })}
      </h2>
      {ytd.state === 'loading' && <Loading text={t('indicators.ytd.loading')} />}
      {ytd.state === 'error' && <LoadError error={ytd.error} onRetry={retry} />}
      {ytd.state === 'ready' && ytd.data.throughMonth === null && (
        <p className="state state--empty">{t('indicators.ytd.none', { year })}</p>
      )}
      {ytd.state === 'ready' && ytd.data.throughMonth !== null && (
        <>
          <p className="ytd__through">
            {t('indicators.ytd.through', {
              month: ytd.data.throughMonth,
              pct: formatNumber(ytd.data.elapsedPct ?? 0, language, 1),
            })}
            {ytd.data.behind > 0 && ` · ${t('indicators.ytd.behind', { count: ytd.data.behind })}`}
          </p>
          <div className="table-wrap">
            <table className="evaluation">
              <thead>
                <tr>
                  <th scope="col">{t('indicators.settings.metric')}</th>
                  <th scope="col" className="num">
                    {t('indicators.ytd.value')}
                  </th>
                  <th scope="col" className="num">
                    {t('indicators.ytd.target')}
                  </th>
                  <th scope="col" className="num">
                    {t('indicators.ytd.progress')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {ytd.data.indicators.map((i) => (
                  <tr key={i.indicator} data-indicator={i.indicator}>
                    <th scope="row">{t(`plan.indicator.${i.indicator}` as MessageKey)}</th>
                    <td className="num">{quantity(i.value, i.unit)}</td>
                    <td className="num">{quantity(i.target, i.unit)}</td>
                    <td className="num">
                      {i.progress === null ? '—' : `${formatNumber(i.progress, language, 1)}%`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="records-edit__hint">{t('indicators.ytd.note')}</p>
        </>
      )}
    </section>
  );
}
