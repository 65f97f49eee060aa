/**
 * 分期数据 on the enterprise page (GET /api/enterprises/{id}/figures): per metric the months and quarters the
 * source systems sent, with their units and sources, the platform's metered kWh, the value typed in by staff and
 * the value the evaluations use with where it came from; and how 综合能耗 was made (GB/T 2589-2020).
 */
import { useCallback, useMemo, useState } from 'react';
import { formatNumber, formatQuantity } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { useLoad } from '../plan/use-load';
import { LoadError, Loading } from '../records/records-ui';
import { metricLabel, originLabel, periodLabel, type OriginKey } from './indicator-labels';
import type { EnterpriseFigures, IndicatorsApi, MetricFigures } from './indicators-api';
import './indicators.css';

const thisYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

export function EnterpriseFiguresSection(props: { api: IndicatorsApi; enterpriseId: string }) {
  const { t } = useI18n();
  const api = props.api;
  const years = useMemo(() => Array.from({ length: 5 }, (_, i) => thisYear() - i), []);
  const [year, setYear] = useState(years[1]);
  const load = useCallback(
    (signal: AbortSignal) => api.figures(props.enterpriseId, year, signal),
    [api, props.enterpriseId, year],
  );
  const [figures, retry] = useLoad(load);
  return (
    <section className="records__section" aria-labelledby="records-figures-heading">
      <div className="figures__head">
        <h2 id="records-figures-heading" className="records__section-title">
          {t('indicators.figures.heading')}
        </h2>
        <label className="figures__year">
          {t('indicators.figures.year')}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {t('records.year', { year: y })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {figures.state === 'loading' && <Loading text={t('indicators.figures.loading')} />}
      {figures.state === 'error' && <LoadError error={figures.error} onRetry={retry} />}
      {figures.state === 'ready' && <FiguresBody view={figures.data} />}
    </section>
  );
}

function FiguresBody({ view }: { view: EnterpriseFigures }) {
  const { t, language } = useI18n();
  const shown = view.metrics.filter(
    (m) => m.figures.length > 0 || m.manual !== null || (m.metered ?? []).some((v) => v !== null),
  );
  const e = view.energy;
  return (
    <>
      {shown.length === 0 && <p className="state state--empty">{t('indicators.figures.none')}</p>}
      <div className="figures__grid">
        {shown.map((m) => (
          <MetricCard key={m.metric} metric={m} />
        ))}
      </div>
      <p className="figures__energy" data-testid="figures-energy">
        <strong>{t('indicators.figures.energy')}：</strong>
        {e.value === null
          ? t('indicators.figures.energyNone')
          : `${formatQuantity(e.value, 'tce', language)} · ${
              e.origin === 'computed'
                ? t('indicators.figures.energyComputed', {
                    kwh: e.electricityKwh === null ? '0' : formatNumber(e.electricityKwh, language, 0),
                    origin: e.electricityOrigin ? t(originLabel(e.electricityOrigin)) : '—',
                    factor: String(e.kgcePerKwh),
                    electricity: formatNumber(e.electricityTce ?? 0, language, 3),
                    other: formatNumber(e.otherTce ?? 0, language, 3),
                  })
                : t('indicators.figures.energyManual', { value: formatNumber(e.value, language, 3) })
            }`}
      </p>
    </>
  );
}

function MetricCard({ metric: m }: { metric: MetricFigures }) {
  const { t, language } = useI18n();
  const quantity = (v: number | null) => (v === null ? '—' : formatQuantity(v, m.unit, language));
  const rows = [...m.figures].sort(
    (a, b) =>
      ['month', 'quarter', 'year'].indexOf(a.periodKind) -
        ['month', 'quarter', 'year'].indexOf(b.periodKind) || a.index - b.index,
  );
  const metered = m.metered;
  return (
    <article className="figures__card" data-metric={m.metric}>
      <h3 className="figures__metric">
        {t(metricLabel(m.metric))}（{m.unit}）
      </h3>
      <dl className="figures__values">
        <dt>{t('indicators.figures.effective')}</dt>
        <dd data-testid={`effective-${m.metric}`}>
          {quantity(m.effective.value)}
          {m.effective.origin && (
            <span className="figures__origin">{t(originLabel(m.effective.origin))}</span>
          )}
        </dd>
        {m.metric !== 'electricity-kwh' && m.metric !== 'energy-other-tce' && (
          <>
            <dt>{t('indicators.figures.manual')}</dt>
            <dd>{quantity(m.manual)}</dd>
          </>
        )}
        <dt>{t('indicators.figures.annual')}</dt>
        <dd>
          {m.annual
            .filter((a) => a.origin !== 'manual')
            .map((a) => (
              <span key={a.origin} className="figures__annual">
                {t(originLabel(a.origin as OriginKey))}：
                {a.value === null ? t('indicators.figures.notComplete') : quantity(a.value)}
              </span>
            ))}
        </dd>
      </dl>
      {(rows.length > 0 || metered) && (
        <div className="table-wrap">
          <table className="evaluation figures__table">
            <thead>
              <tr>
                <th scope="col">{t('indicators.figures.period')}</th>
                <th scope="col" className="num">
                  {t('indicators.figures.value')}（{m.unit}）
                </th>
                <th scope="col">{t('indicators.figures.source')}</th>
                {metered && (
                  <th scope="col" className="num">
                    {t('indicators.figures.metered')}（{m.unit}）
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {metered
                ? metered.map((kwh, i) => {
                    const sent = rows.find((r) => r.periodKind === 'month' && r.index === i + 1);
                    return (
                      <tr key={i}>
                        <th scope="row">{t(periodLabel('month'), { index: i + 1 })}</th>
                        <td className="num">{sent ? formatNumber(sent.value, language) : '—'}</td>
                        <td>{sent ? `${sent.sourceName}（${t(originLabel(sent.origin))}）` : '—'}</td>
                        <td className="num">
                          {kwh === null ? t('indicators.figures.noMeterData') : formatNumber(kwh, language)}
                        </td>
                      </tr>
                    );
                  })
                : rows.map((r) => (
                    <tr key={`${r.periodKind}-${r.index}-${r.sourceName}`}>
                      <th scope="row">{t(periodLabel(r.periodKind), { index: r.index })}</th>
                      <td className="num">{formatNumber(r.value, language)}</td>
                      <td>
                        {r.sourceName}（{t(originLabel(r.origin))}）
                      </td>
                    </tr>
                  ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
