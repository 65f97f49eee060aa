/**
 * 能源管理 — an enterprise's electricity from its power meters (GET /api/energy/summary; every figure is defined
 * in docs/energy.md): KPI tiles, daily kWh stacked 峰/平/谷, the load curve, per-line and per-meter tables, and a
 * CSV export. Park roles open on the whole park — every metered enterprise ranked by kWh with its share, peak
 * demand and kWh per 万元 (GET /api/energy/ranking) — and pick an enterprise from the ranking or the picker; an
 * energy manager lands on their own (the API refuses any other, and the page shows that refusal rather than hiding
 * it). The period is a preset or a custom range of days.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerChartParts, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { describeError } from '../api/error-text';
import { formatDateTime, formatLineName, formatNumber, formatQuantity } from '../i18n/format';
import { EnergyTabs } from '../indicators/energy-tabs';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../plan/use-load';
import type { Session } from '../session/session';
import { EnergyApi, type EnergyRanking, type EnergySummary, type EnterpriseOption } from './energy-api';
import {
  customWindow,
  dailyChartOption,
  loadChartOption,
  parkDate,
  presetWindow,
  PRESETS,
  touShares,
  type ChartText,
  type Preset,
} from './energy-model';
import './energy.css';

// Tree-shaken ECharts: only what these two charts draw.
registerChartParts([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const PRESET_LABELS: Readonly<Record<Preset, MessageKey>> = {
  today: 'energy.preset.today',
  '7d': 'energy.preset.7d',
  month: 'energy.preset.month',
  year: 'energy.preset.year',
};

const ROLE_KEYS: Readonly<Record<string, MessageKey>> = {
  production: 'energy.role.production',
  'pollution-control': 'energy.role.pollution-control',
  general: 'energy.role.general',
};

export function EnergyPage(props: {
  session: Session;
  /** From the address (/energy/<id>); null: the manager's own, or the whole park for park roles. */
  enterpriseId: string | null;
  /** Opens an enterprise (/energy/<id>), or the whole park with ''. */
  onSelectEnterprise: (id: string) => void;
  /** Opens another screen of the energy area (电量核对). */
  onNavigate: (path: string) => void;
  onUnauthorized: () => void;
}) {
  const { session, onUnauthorized, onSelectEnterprise, onNavigate } = props;
  const { t } = useI18n();
  const api = useMemo(() => new EnergyApi(session.token, onUnauthorized), [session.token, onUnauthorized]);
  const isManager = session.user.role === 'energy-manager';

  const loadEnterprises = useCallback(
    (signal: AbortSignal): Promise<EnterpriseOption[]> =>
      isManager ? Promise.resolve([]) : api.enterprises(signal),
    [api, isManager],
  );
  const [enterprises] = useLoad(loadEnterprises);
  // Park roles without an enterprise in the address see the whole park; a manager always their own enterprise.
  const enterpriseId = props.enterpriseId ?? (isManager ? session.user.enterpriseId : null);
  const parkWide = !isManager && enterpriseId === null;

  const [preset, setPreset] = useState<Preset | 'custom'>('7d');
  // The window is fixed when the preset is chosen (not on every render), so a reload asks for the same period.
  const [period, setPeriod] = useState(() => presetWindow('7d', Date.now()));
  const [custom, setCustom] = useState(() => ({
    first: parkDate(period.from),
    last: parkDate(period.to - 1),
    invalid: false,
  }));
  const choose = (next: Preset) => {
    setPreset(next);
    setPeriod(presetWindow(next, Date.now()));
  };
  const applyCustom = () => {
    const range = customWindow(custom.first, custom.last);
    setCustom((c) => ({ ...c, invalid: range === null }));
    if (!range) return;
    setPreset('custom');
    setPeriod(range);
  };

  const loadSummary = useCallback(
    (signal: AbortSignal): Promise<EnergySummary | null> =>
      enterpriseId ? api.summary({ enterpriseId, ...period }, signal) : Promise.resolve(null),
    [api, enterpriseId, period],
  );
  const [summary, retry] = useLoad(loadSummary);
  const loadRanking = useCallback(
    (signal: AbortSignal): Promise<EnergyRanking | null> =>
      parkWide ? api.ranking(period, signal) : Promise.resolve(null),
    [api, parkWide, period],
  );
  const [ranking, retryRanking] = useLoad(loadRanking);

  const [csvError, setCsvError] = useState<string | null>(null);
  const download = async () => {
    setCsvError(null);
    try {
      const file = await api.csv({ enterpriseId, ...period });
      const url = URL.createObjectURL(file.blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = file.filename;
      anchor.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setCsvError(t('energy.csvError', { message: describeError(error, t) }));
    }
  };

  let body;
  if (parkWide) {
    if (ranking.state === 'loading')
      body = (
        <p className="state state--loading" role="status">
          {t('energy.loading')}
        </p>
      );
    else if (ranking.state === 'error')
      body = (
        <div className="state state--error" role="alert">
          <p>{t('energy.loadError', { message: describeError(ranking.error, t) })}</p>
          <button type="button" className="button" onClick={retryRanking}>
            {t('energy.retry')}
          </button>
        </div>
      );
    else if (!ranking.data || ranking.data.enterprises.length === 0)
      body = <p className="state state--empty">{t('energy.ranking.empty')}</p>;
    else body = <ParkRanking ranking={ranking.data} onOpen={onSelectEnterprise} />;
  } else if (summary.state === 'loading') {
    body = (
      <p className="state state--loading" role="status">
        {t('energy.loading')}
      </p>
    );
  } else if (summary.state === 'error') {
    body = (
      <div className="state state--error" role="alert">
        <p>{t('energy.loadError', { message: describeError(summary.error, t) })}</p>
        <button type="button" className="button" onClick={retry}>
          {t('energy.retry')}
        </button>
      </div>
    );
  } else if (!summary.data) {
    body = <p className="state state--empty">{t('energy.noMeters')}</p>;
  } else {
    body = <EnergyReport summary={summary.data} />;
  }

  return (
    <div className="energy">
      <div className="energy__header">
        <div>
          <h1 className="energy__title">{t('energy.heading')}</h1>
          <p className="energy__subtitle">{t('energy.subtitle')}</p>
          <EnergyTabs current="energy" onNavigate={onNavigate} />
        </div>
        <div className="energy__controls">
          {isManager ? (
            summary.state === 'ready' &&
            summary.data && (
              <span className="energy__enterprise" data-testid="energy-enterprise">
                {summary.data.enterpriseName}
              </span>
            )
          ) : (
            <label className="energy__field">
              <span>{t('energy.enterprise')}</span>
              <select
                name="enterprise"
                value={enterpriseId ?? ''}
                disabled={enterprises.state !== 'ready'}
                onChange={(e) => onSelectEnterprise(e.target.value)}
              >
                <option value="">{t('energy.park')}</option>
                {enterprises.state === 'ready' &&
                  enterprises.data.map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.name}
                    </option>
                  ))}
              </select>
            </label>
          )}
          <div className="energy__presets" role="group" aria-label={t('energy.range')}>
            {PRESETS.map((p) => (
              <button
                key={p}
                type="button"
                className={`button${p === preset ? ' button--primary' : ''}`}
                aria-pressed={p === preset}
                onClick={() => choose(p)}
              >
                {t(PRESET_LABELS[p])}
              </button>
            ))}
          </div>
          <form
            className="energy__custom"
            aria-label={t('energy.custom.label')}
            onSubmit={(e) => {
              e.preventDefault();
              applyCustom();
            }}
          >
            <label className="energy__field">
              <span>{t('energy.custom.from')}</span>
              <input
                type="date"
                name="first"
                value={custom.first}
                onChange={(e) => setCustom((c) => ({ ...c, first: e.target.value, invalid: false }))}
              />
            </label>
            <label className="energy__field">
              <span>{t('energy.custom.to')}</span>
              <input
                type="date"
                name="last"
                value={custom.last}
                onChange={(e) => setCustom((c) => ({ ...c, last: e.target.value, invalid: false }))}
              />
            </label>
            <button
              type="submit"
              className={`button${preset === 'custom' ? ' button--primary' : ''}`}
              aria-pressed={preset === 'custom'}
            >
              {t('energy.custom.apply')}
            </button>
          </form>
          {!parkWide && (
            <button
              type="button"
              className="button"
              disabled={summary.state !== 'ready' || !summary.data}
              onClick={() => void download()}
            >
              {t('energy.csv')}
            </button>
          )}
        </div>
        <p className="energy__window">
          {t('energy.window', { from: formatDateTime(period.from), to: formatDateTime(period.to) })}
        </p>
        {custom.invalid && (
          <p className="state state--error" role="alert">
            {t('energy.custom.invalid')}
          </p>
        )}
        {csvError && (
          <p className="state state--error" role="alert">
            {csvError}
          </p>
        )}
      </div>
      {body}
    </div>
  );
}

function EnergyReport({ summary }: { summary: EnergySummary }) {
  const { t, language } = useI18n();
  const kwh = (v: number) => formatQuantity(v, 'kWh', language);
  const kw = (v: number) => formatQuantity(v, 'kW', language);
  // Built once per answer and language: a new option object would redraw the charts on every render.
  const [dailyOption, loadOption] = useMemo(() => {
    const text: ChartText = {
      peak: t('energy.tou.peak'),
      flat: t('energy.tou.flat'),
      valley: t('energy.tou.valley'),
      kwh: (v) => formatQuantity(v, 'kWh', language),
      kw: (v) => formatQuantity(v, 'kW', language),
      load: t('energy.load.series'),
    };
    return [dailyChartOption(summary, text), loadChartOption(summary, text)];
  }, [summary, t, language]);
  const shares = touShares(summary.tou);
  const hasData = summary.daily.length > 0 || summary.load.length > 0;
  const pct = (v: number) => formatQuantity(v, '%', language);

  return (
    <>
      <section className="energy__kpis" aria-label={t('energy.heading')}>
        <Kpi label={t('energy.kpi.kwh')} value={kwh(summary.totalKwh)} testId="kpi-kwh" />
        <Kpi
          label={t('energy.kpi.peak')}
          value={summary.peakDemand ? kw(summary.peakDemand.kw) : t('energy.kpi.none')}
          note={
            summary.peakDemand
              ? t('energy.kpi.peakAt', { time: formatDateTime(summary.peakDemand.at) })
              : undefined
          }
          testId="kpi-peak"
        />
        <Kpi
          label={t('energy.kpi.carbon')}
          value={formatQuantity(summary.carbon.tCo2e, 't CO₂', language)}
          note={t('energy.kpi.carbonNote', {
            factor: formatNumber(summary.carbon.factorKgPerKwh, language, 4),
          })}
          testId="kpi-carbon"
        />
        <Kpi
          label={t('energy.kpi.intensity')}
          value={
            // Null only when the year's output is not reported (docs/energy.md): said so, not "no data".
            summary.intensity.kwhPer10kYuan === null
              ? t('energy.intensity.notReported')
              : formatQuantity(summary.intensity.kwhPer10kYuan, t('energy.unit.intensity'), language)
          }
          note={
            summary.intensity.outputWan === null
              ? t('energy.kpi.intensityNone')
              : t('energy.kpi.intensityNote', {
                  output: formatQuantity(summary.intensity.outputWan, t('unit.wanYuan'), language),
                })
          }
          testId="kpi-intensity"
        />
        <Kpi
          label={t('energy.kpi.yoy')}
          value={
            summary.yoy.changePct === null
              ? t('energy.kpi.none')
              : `${summary.yoy.changePct > 0 ? '+' : ''}${pct(summary.yoy.changePct)}`
          }
          note={
            summary.yoy.kwh === null
              ? t('energy.kpi.yoyNone')
              : t('energy.kpi.yoyNote', { value: kwh(summary.yoy.kwh) })
          }
          testId="kpi-yoy"
        />
      </section>

      {!hasData && <p className="state state--empty">{t('energy.empty')}</p>}

      {hasData && (
        <div className="energy__grid">
          <section className="energy__panel energy__panel--wide">
            <h2>{t('energy.daily.heading')}</h2>
            <Chart option={dailyOption} label={t('energy.daily.heading')} />
          </section>
          <section className="energy__panel energy__panel--wide">
            <h2>
              {t('energy.load.heading')} ·{' '}
              {t(summary.loadIntervalMs <= 900_000 ? 'energy.load.interval15' : 'energy.load.interval60')}
            </h2>
            <Chart option={loadOption} label={t('energy.load.heading')} />
          </section>
          <section className="energy__panel">
            <h2>{t('energy.tou.heading')}</h2>
            <table className="energy__table" data-testid="energy-tou">
              <thead>
                <tr>
                  <th>{t('energy.col.band')}</th>
                  <th>{t('energy.col.kwh')}</th>
                  <th>{t('energy.col.share')}</th>
                </tr>
              </thead>
              <tbody>
                {(['peak', 'flat', 'valley'] as const).map((band) => (
                  <tr key={band}>
                    <th scope="row">
                      <span className={`energy__swatch energy__swatch--${band}`} aria-hidden="true" />
                      {t(`energy.tou.${band}`)}
                    </th>
                    <td>{kwh(summary.tou[band])}</td>
                    <td>{pct(shares[band])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="energy__note">
              {t('energy.tou.periods', { peak: summary.tou.peakHours, valley: summary.tou.valleyHours })}
            </p>
          </section>
          <section className="energy__panel">
            <h2>{t('energy.monthly.heading')}</h2>
            <table className="energy__table">
              <thead>
                <tr>
                  <th>{t('energy.col.month')}</th>
                  <th>{t('energy.col.kwh')}</th>
                </tr>
              </thead>
              <tbody>
                {summary.monthly.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{m.month}</th>
                    <td>{kwh(m.kwh)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}

      <div className="energy__grid">
        <section className="energy__panel">
          <h2>{t('energy.lines.heading')}</h2>
          <table className="energy__table" data-testid="energy-lines">
            <thead>
              <tr>
                <th>{t('energy.col.line')}</th>
                <th>{t('energy.col.meters')}</th>
                <th>{t('energy.col.kwh')}</th>
                <th>{t('energy.col.share')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.lines.map((line) => (
                <tr key={line.line ?? ''}>
                  <th scope="row" title={line.line ?? undefined}>
                    {line.line === null ? t('energy.line.none') : formatLineName(line.line, language)}
                  </th>
                  <td>{formatNumber(line.meters, language)}</td>
                  <td>{kwh(line.kwh)}</td>
                  <td>
                    {summary.totalKwh > 0 ? pct(Math.round((line.kwh / summary.totalKwh) * 1000) / 10) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="energy__panel">
          <h2>{t('energy.meters.heading')}</h2>
          <table className="energy__table" data-testid="energy-meters">
            <thead>
              <tr>
                <th>{t('energy.col.meter')}</th>
                <th>{t('energy.col.line')}</th>
                <th>{t('energy.col.role')}</th>
                <th>{t('energy.col.kwh')}</th>
                <th>{t('energy.col.peakKw')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.meters.map((meter) => (
                <tr key={meter.deviceId}>
                  <th scope="row">
                    {meter.name}
                    <span className="energy__id">{meter.deviceId}</span>
                  </th>
                  <td>
                    {meter.line === null ? t('energy.line.none') : formatLineName(meter.line, language)}
                  </td>
                  <td>{meter.role && ROLE_KEYS[meter.role] ? t(ROLE_KEYS[meter.role]) : '—'}</td>
                  <td>{kwh(meter.kwh)}</td>
                  <td>{meter.peakKw === null ? '—' : kw(meter.peakKw)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </>
  );
}

/** The whole park: every metered enterprise by kWh, with its share, peak demand and kWh per 万元. */
function ParkRanking({ ranking, onOpen }: { ranking: EnergyRanking; onOpen: (id: string) => void }) {
  const { t, language } = useI18n();
  const kwh = (v: number) => formatQuantity(v, 'kWh', language);
  const none = t('energy.kpi.none');
  return (
    <>
      <section className="energy__kpis" aria-label={t('energy.park')}>
        <Kpi label={t('energy.ranking.total')} value={kwh(ranking.totalKwh)} testId="kpi-park-kwh" />
        <Kpi
          label={t('energy.ranking.count')}
          value={t('energy.ranking.enterprises', { n: ranking.enterprises.length })}
          testId="kpi-park-enterprises"
        />
      </section>
      <section className="energy__panel">
        <h2>{t('energy.ranking.heading')}</h2>
        <div className="table-wrap">
          <table className="energy__table energy__ranking" data-testid="energy-ranking">
            <thead>
              <tr>
                <th>{t('energy.col.rank')}</th>
                <th>{t('energy.col.enterprise')}</th>
                <th>{t('energy.col.kwh')}</th>
                <th>{t('energy.col.share')}</th>
                <th>{t('energy.col.peakKw')}</th>
                <th>{t('energy.col.intensity')}</th>
                <th>{t('energy.col.meters')}</th>
              </tr>
            </thead>
            <tbody>
              {ranking.enterprises.map((e, i) => (
                <tr key={e.enterpriseId} data-enterprise={e.enterpriseId}>
                  <td>{formatNumber(i + 1, language)}</td>
                  <th scope="row">
                    <a
                      href={`/energy/${encodeURIComponent(e.enterpriseId)}`}
                      onClick={(event) => {
                        event.preventDefault();
                        onOpen(e.enterpriseId);
                      }}
                    >
                      {e.enterpriseName}
                    </a>
                  </th>
                  <td>{kwh(e.kwh)}</td>
                  <td>{e.sharePct === null ? none : formatQuantity(e.sharePct, '%', language)}</td>
                  <td>
                    {e.peakDemand === null ? (
                      none
                    ) : (
                      <>
                        {formatQuantity(e.peakDemand.kw, 'kW', language)}
                        <span className="energy__id">{formatDateTime(e.peakDemand.at)}</span>
                      </>
                    )}
                  </td>
                  <td>
                    {e.kwhPer10kYuan === null
                      ? t('energy.intensity.notReported')
                      : formatQuantity(e.kwhPer10kYuan, t('energy.unit.intensity'), language)}
                  </td>
                  <td>{formatNumber(e.meters, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="energy__note">{t('energy.ranking.note')}</p>
      </section>
    </>
  );
}

function Kpi(props: { label: string; value: string; note?: string; testId: string }) {
  return (
    <div className="energy__kpi" data-testid={props.testId}>
      <span className="energy__kpi-label">{props.label}</span>
      <strong className="energy__kpi-value">{props.value}</strong>
      {props.note && <span className="energy__kpi-note">{props.note}</span>}
    </div>
  );
}

function Chart({ option, label }: { option: EChartsCoreOption; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = init(element, null, { renderer: 'canvas' });
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div className="energy__chart" ref={ref} role="img" aria-label={label} />;
}
