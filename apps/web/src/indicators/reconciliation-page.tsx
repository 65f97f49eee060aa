/**
 * 电量核对 (GET /api/energy/reconciliation): per enterprise and month, the platform's metered kWh against the power
 * supply company's, their difference and difference %, months over the threshold highlighted; 无计量数据 where the
 * meters have nothing. Park roles see every enterprise, an energy manager their own. Below, for park roles, the
 * precedence and 折标系数 settings (editable by the admin and staff whose department edits the exchange).
 */
import { useCallback, useMemo, useState } from 'react';
import { formatNumber } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { useLoad } from '../plan/use-load';
import { LoadError, Loading } from '../records/records-ui';
import { mayEdit } from '../session/access';
import type { Session } from '../session/session';
import { DIFFERENCE_THRESHOLD_PCT, overThreshold } from './indicator-labels';
import { IndicatorsApi, type ReconciliationRow } from './indicators-api';
import { IndicatorSettingsPanel } from './indicator-settings';
import { EnergyTabs } from './energy-tabs';
import './indicators.css';

const thisYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

export function ReconciliationPage({
  session,
  onNavigate,
  onUnauthorized,
}: {
  session: Session;
  onNavigate: (path: string) => void;
  onUnauthorized: () => void;
}) {
  const { t } = useI18n();
  const api = useMemo(
    () => new IndicatorsApi(session.token, onUnauthorized),
    [session.token, onUnauthorized],
  );
  const years = useMemo(() => Array.from({ length: 5 }, (_, i) => thisYear() - i), []);
  const [year, setYear] = useState(years[0]);
  const load = useCallback((signal: AbortSignal) => api.reconciliation(year, signal), [api, year]);
  const [view, retry] = useLoad(load);
  return (
    <div className="reconciliation">
      <div className="reconciliation__head">
        <div>
          <h1 className="plan__title">{t('indicators.reconciliation.heading')}</h1>
          <p className="plan__subtitle">{t('indicators.reconciliation.subtitle')}</p>
          <EnergyTabs current="energy-reconciliation" onNavigate={onNavigate} />
        </div>
        <label className="reconciliation__year">
          {t('indicators.reconciliation.year')}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {t('records.year', { year: y })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p>{t('indicators.reconciliation.threshold', { pct: DIFFERENCE_THRESHOLD_PCT })}</p>
      {view.state === 'loading' && <Loading text={t('indicators.reconciliation.loading')} />}
      {view.state === 'error' && <LoadError error={view.error} onRetry={retry} />}
      {view.state === 'ready' && view.data.rows.length === 0 && (
        <p className="state state--empty">{t('indicators.reconciliation.empty')}</p>
      )}
      {view.state === 'ready' &&
        view.data.rows.map((row) => <EnterpriseTable key={row.enterpriseId} row={row} />)}
      {session.user.role !== 'energy-manager' && (
        <IndicatorSettingsPanel api={api} canEdit={mayEdit(session.user, 'exchange')} />
      )}
    </div>
  );
}

function EnterpriseTable({ row }: { row: ReconciliationRow }) {
  const { t, language } = useI18n();
  const kwh = (v: number | null, none: string) => (v === null ? none : formatNumber(v, language));
  const pct = (v: number | null) => (v === null ? '—' : formatNumber(v, language, 1));
  const lines = [
    ...row.months.map((m) => ({
      key: String(m.month),
      label: t('indicators.period.month', { index: m.month }),
      ...m,
    })),
    { key: 'total', label: t('indicators.reconciliation.total'), ...row, month: 0 },
  ];
  return (
    <section aria-labelledby={`reconciliation-${row.enterpriseId}`} data-enterprise={row.enterpriseId}>
      <h2 id={`reconciliation-${row.enterpriseId}`} className="reconciliation__enterprise">
        {row.name}
      </h2>
      <div className="table-wrap">
        <table className="evaluation reconciliation__table">
          <thead>
            <tr>
              <th scope="col">{t('indicators.reconciliation.month')}</th>
              <th scope="col" className="num">
                {t('indicators.reconciliation.metered')}
              </th>
              <th scope="col" className="num">
                {t('indicators.reconciliation.company')}
              </th>
              <th scope="col" className="num">
                {t('indicators.reconciliation.difference')}
              </th>
              <th scope="col" className="num">
                {t('indicators.reconciliation.differencePct')}
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => {
              const over = overThreshold(l.differencePct);
              const classes = [
                over ? 'reconciliation__over' : '',
                l.key === 'total' ? 'reconciliation__total' : '',
              ]
                .filter(Boolean)
                .join(' ');
              return (
                <tr key={l.key} className={classes || undefined} data-month={l.key}>
                  <th scope="row">{l.label}</th>
                  <td className="num">{kwh(l.meteredKwh, t('indicators.reconciliation.noMeterData'))}</td>
                  <td className="num">{kwh(l.companyKwh, t('indicators.reconciliation.noCompany'))}</td>
                  <td className="num">{kwh(l.differenceKwh, '—')}</td>
                  <td className="num">
                    {pct(l.differencePct)}
                    {over && (
                      <span className="reconciliation__flag">{t('indicators.reconciliation.over')}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
