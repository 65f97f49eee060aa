/**
 * 设备详情 (/devices/<id>) — one device as its user watches it: live values over socket.io, one chart per metric
 * over a window whose resolution follows its length (raw readings, hourly means, daily means; the zoom reads the
 * zoomed window at its own resolution), HJ 212 flags on the points, limits as lines, its alerts pinned where they
 * opened and listed, its maintenance windows (检修) shaded and listed, and its configuration read-only (admins
 * get a link to the administration). The API scopes every read: another enterprise's device answers 404 to an
 * energy manager, and the page says so.
 */
import {
  type AlertView,
  type DataQuality,
  type MaintenanceWindow,
  type TelemetrySeries,
} from '@park/contracts';
import { LineChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use as registerChartParts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { EnterpriseOption } from '../admin/devices-api';
import { kindLabel } from '../admin/device-form';
import type { RuleView } from '../admin/rules-api';
import { ApiError } from '../api/http';
import { describeError } from '../api/error-text';
import { levelMessage, pick } from '../alerts/alert-text';
import { intervalParts } from '../alerts/metric-chart';
import {
  formatAxisTime,
  formatDateTime,
  formatDuration,
  formatLineName,
  formatListTime,
  formatNumber,
  formatQuantity,
} from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../plan/use-load';
import { openAlertStream } from '../realtime/alert-stream';
import type { Session } from '../session/session';
import { DevicePageApi } from './device-page-api';
import {
  alertMarks,
  deviceChartOption,
  limitLines,
  maintenanceAreas,
  metricsOf,
  presetWindow,
  resolutionFor,
  resolutionLabel,
  seriesQuery,
  WINDOW_PRESETS,
  withLivePoint,
  withLiveValues,
  zoomedWindow,
  type LimitLine,
  type LiveValue,
  type TimeWindow,
  type WindowPreset,
} from './device-page-model';
import './devices.css';
import './device-page.css';

// Tree-shaken ECharts: only what these charts draw.
registerChartParts([
  LineChart,
  GridComponent,
  TooltipComponent,
  MarkLineComponent,
  MarkPointComponent,
  MarkAreaComponent,
  DataZoomComponent,
  CanvasRenderer,
]);

const PRESET_LABELS: Readonly<Record<WindowPreset, MessageKey>> = {
  '1h': 'device.window.1h',
  '6h': 'device.window.6h',
  '24h': 'device.window.24h',
  '7d': 'device.window.7d',
  '30d': 'device.window.30d',
  '90d': 'device.window.90d',
  '365d': 'device.window.365d',
};
const QUALITY_LABELS: Readonly<Record<DataQuality, MessageKey>> = {
  F: 'deviceStates.quality.F',
  M: 'deviceStates.quality.M',
  S: 'deviceStates.quality.S',
  D: 'deviceStates.quality.D',
  C: 'deviceStates.quality.C',
  T: 'deviceStates.quality.T',
  B: 'deviceStates.quality.B',
};
const ROLE_LABELS: Readonly<Record<string, MessageKey>> = {
  production: 'devices.role.production',
  'pollution-control': 'devices.role.pollution-control',
  general: 'devices.role.general',
};
const NO_LIMITS: LimitLine[] = [];
/** After a zoom gesture stops, wait this long before reading the zoomed window (a drag fires many events). */
const ZOOM_SETTLE_MS = 500;

export function DevicePage(props: {
  session: Session;
  deviceId: string;
  onNavigate: (path: string) => void;
  onUnauthorized: () => void;
}) {
  const { session, deviceId, onNavigate, onUnauthorized } = props;
  const { t, language } = useI18n();
  const api = useMemo(
    () => new DevicePageApi(session.token, onUnauthorized),
    [session.token, onUnauthorized],
  );
  const role = session.user.role;
  const readsRules = role === 'admin' || role === 'officer';

  const loadDevice = useCallback(
    async (signal: AbortSignal) => {
      const [state, device] = await Promise.all([api.state(deviceId, signal), api.device(deviceId, signal)]);
      const [alerts, maintenance, rules, enterprises] = await Promise.all([
        api.alerts(deviceId, signal),
        api.maintenance(deviceId, device.enterpriseId, signal),
        readsRules ? api.rules(signal) : Promise.resolve([] as RuleView[]),
        role === 'energy-manager' ? Promise.resolve([] as EnterpriseOption[]) : api.enterprises(signal),
      ]);
      return { state, device, alerts, maintenance, rules, enterprises };
    },
    [api, deviceId, readsRules, role],
  );
  const [loaded, retry] = useLoad(loadDevice);

  const [preset, setPreset] = useState<WindowPreset | null>('24h');
  const [range, setRange] = useState<TimeWindow>(() => presetWindow('24h', Date.now()));
  const [live, setLive] = useState<Record<string, LiveValue>>({});
  const [liveTick, setLiveTick] = useState<{ metric: string; value: number | boolean; ts: number }[]>([]);

  // The state's newest values seed the live panel; events then move it on.
  useEffect(() => {
    if (loaded.state !== 'ready') return;
    const seeded: Record<string, LiveValue> = {};
    for (const v of loaded.data.state.values)
      seeded[v.metric] = { value: v.value, at: Date.parse(v.at), quality: v.quality };
    setLive(seeded);
  }, [loaded]);

  useEffect(() => {
    const stream = openAlertStream({
      token: session.token,
      lastSeq: () => null,
      handlers: {
        onReady: () => undefined,
        onAlert: () => undefined,
        onTelemetry: (event) => {
          if (event.deviceId !== deviceId) return;
          setLive((current) => withLiveValues(current, deviceId, event));
          setLiveTick(
            Object.entries(event.values).map(([metric, value]) => ({ metric, value, ts: event.ts })),
          );
        },
        onDisconnected: () => undefined,
        onConnectError: (unauthorized) => {
          if (unauthorized) onUnauthorized();
        },
      },
    });
    return () => stream.close();
  }, [session.token, deviceId, onUnauthorized]);

  const choosePreset = (next: WindowPreset) => {
    setPreset(next);
    setRange(presetWindow(next, Date.now()));
  };
  const zoomTo = useCallback((from: number, to: number) => {
    const next = zoomedWindow(from, to, Date.now());
    setPreset(null);
    setRange(next);
  }, []);

  // Built once per answer: a new array on every render (a live value re-renders) would redraw every chart.
  const limitsByMetric = useMemo((): Readonly<Record<string, LimitLine[]>> => {
    if (loaded.state !== 'ready') return {};
    const { device, rules } = loaded.data;
    return Object.fromEntries(
      metricsOf(device.kind).map((m) => [m.metric, limitLines(device, rules, device.kind, m.metric)]),
    );
  }, [loaded]);

  const backToList = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    onNavigate('/devices');
  };

  if (loaded.state === 'loading')
    return (
      <p className="state state--loading" role="status">
        {t('device.loading')}
      </p>
    );
  if (loaded.state === 'error') {
    const missing = loaded.error instanceof ApiError && loaded.error.status === 404;
    return (
      <div className="device-page">
        <a className="device-page__back" href="/devices" onClick={backToList}>
          {t('device.back')}
        </a>
        <div className="state state--error" role="alert">
          <p>
            {missing
              ? t('device.notFound')
              : t('device.loadError', { message: describeError(loaded.error, t) })}
          </p>
          {!missing && (
            <button type="button" className="button" onClick={retry}>
              {t('deviceStates.retry')}
            </button>
          )}
        </div>
      </div>
    );
  }

  const { state, device, alerts, maintenance, rules, enterprises } = loaded.data;
  const metrics = metricsOf(device.kind);
  const resolution = resolutionFor(range.to - range.from);
  const enterpriseName =
    enterprises.find((e) => e.id === device.enterpriseId)?.name ??
    (role === 'energy-manager' ? t('device.ownEnterprise') : '—');
  const yesNo = (v: boolean) => (v ? t('deviceStates.yes') : t('deviceStates.no'));
  const limitText = (line: LimitLine, unit: string) =>
    t(line.key, { value: formatQuantity(line.value, unit, language) });
  const valueText = (unit: string, value: number | boolean) =>
    typeof value === 'boolean' ? yesNo(value) : formatQuantity(value, unit, language);

  return (
    <div className="device-page" data-device={device.id}>
      <a className="device-page__back" href="/devices" onClick={backToList}>
        {t('device.back')}
      </a>
      <header className="device-page__header">
        <div>
          <h1 className="device-page__title">{device.name}</h1>
          <p className="device-page__subtitle">
            <span className="device-states-table__id">{device.id}</span> · {kindLabel(device.kind, language)}{' '}
            · {enterpriseName}
          </p>
        </div>
        <div className="device-page__status">
          <span className={`liveness liveness--${state.state}`} data-testid="device-state">
            {t(state.state === 'online' ? 'deviceStates.state.online' : 'deviceStates.state.offline')}
          </span>
          <span className="device-page__seen">
            {state.lastSeenAt === null
              ? t('deviceStates.neverSeen')
              : t('device.lastSeen', { time: formatListTime(Date.parse(state.lastSeenAt), Date.now()) })}
          </span>
        </div>
      </header>

      <section className="device-page__section" aria-labelledby="live-heading">
        <h2 id="live-heading" className="device-page__heading">
          {t('device.live.heading')}
        </h2>
        {metrics.every((m) => !live[m.metric]) ? (
          <p className="state state--empty">{t('device.noData')}</p>
        ) : (
          <ul className="device-live">
            {metrics
              .filter((m) => live[m.metric])
              .map((m) => {
                const v = live[m.metric];
                return (
                  <li key={m.metric} className="device-live__item" data-metric={m.metric}>
                    <span className="device-live__name">{pick(m.label, language)}</span>
                    <span className="device-live__value">{valueText(m.unit, v.value)}</span>
                    {v.quality && (
                      <span className="device-values__quality">{t(QUALITY_LABELS[v.quality])}</span>
                    )}
                    <time className="device-live__at" dateTime={new Date(v.at).toISOString()}>
                      {formatListTime(v.at, Date.now())}
                    </time>
                  </li>
                );
              })}
          </ul>
        )}
      </section>

      <section className="device-page__section" aria-labelledby="history-heading">
        <div className="device-page__history-head">
          <h2 id="history-heading" className="device-page__heading">
            {t('device.history.heading')}
          </h2>
          <div className="device-page__presets" role="group" aria-label={t('device.window.label')}>
            {WINDOW_PRESETS.map((p) => (
              <button
                key={p}
                type="button"
                className={`button button--compact${p === preset ? ' button--primary' : ''}`}
                aria-pressed={p === preset}
                onClick={() => choosePreset(p)}
              >
                {t(PRESET_LABELS[p])}
              </button>
            ))}
          </div>
        </div>
        <p className="device-page__window">
          {t('device.window.text', { from: formatDateTime(range.from), to: formatDateTime(range.to) })} ·{' '}
          <span data-testid="resolution-choice">
            {t(
              resolution === 'raw'
                ? 'device.resolution.choiceRaw'
                : resolution === 'hour'
                  ? 'device.resolution.choiceHour'
                  : 'device.resolution.choiceDay',
            )}
          </span>
          {preset === null && ` · ${t('device.window.zoomed')}`}
        </p>
        <p className="device-page__hint">{t('device.history.hint')}</p>
        <div className="device-charts">
          {metrics.map((m) => (
            <MetricPanel
              key={m.metric}
              api={api}
              deviceId={device.id}
              metric={m.metric}
              label={pick(m.label, language)}
              unit={m.unit}
              range={range}
              follow={preset !== null}
              liveTick={liveTick.find((tick) => tick.metric === m.metric) ?? null}
              limits={limitsByMetric[m.metric] ?? NO_LIMITS}
              alerts={alerts}
              maintenance={maintenance}
              onZoom={zoomTo}
            />
          ))}
        </div>
      </section>

      <div className="device-page__columns">
        <section className="device-page__section" aria-labelledby="alerts-heading">
          <h2 id="alerts-heading" className="device-page__heading">
            {t('device.alerts.heading')}
          </h2>
          {alerts.length === 0 ? (
            <p className="state state--empty">{t('device.alerts.empty')}</p>
          ) : (
            <ul className="device-list" data-testid="device-alerts">
              {alerts.map((a) => (
                <AlertItem
                  key={a.id}
                  alert={a}
                  onOpen={() => onNavigate(`/alerts/${encodeURIComponent(a.id)}`)}
                />
              ))}
            </ul>
          )}
        </section>
        <section className="device-page__section" aria-labelledby="maintenance-heading">
          <h2 id="maintenance-heading" className="device-page__heading">
            {t('device.maintenance.heading')}
          </h2>
          {maintenance.length === 0 ? (
            <p className="state state--empty">{t('device.maintenance.empty')}</p>
          ) : (
            <ul className="device-list" data-testid="device-maintenance">
              {maintenance.map((w) => (
                <MaintenanceItem key={w.id} window={w} />
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="device-page__section" aria-labelledby="config-heading">
        <div className="device-page__history-head">
          <h2 id="config-heading" className="device-page__heading">
            {t('device.config.heading')}
          </h2>
          {role === 'admin' && (
            // A full page load: the app's router keeps paths only, and the administration reads `?q=`.
            <a className="button button--compact" href={`/admin/devices?q=${encodeURIComponent(device.id)}`}>
              {t('device.config.admin')}
            </a>
          )}
        </div>
        <dl className="device-config">
          <dt>{t('deviceStates.col.kind')}</dt>
          <dd>{kindLabel(device.kind, language)}</dd>
          <dt>{t('deviceStates.col.enterprise')}</dt>
          <dd>{enterpriseName}</dd>
          <dt>{t('device.config.location')}</dt>
          <dd>{device.location ?? t('device.config.none')}</dd>
          <dt>{t('device.config.line')}</dt>
          <dd title={device.line ?? undefined}>
            {device.line === null ? t('device.config.none') : formatLineName(device.line, language)}
          </dd>
          {device.role && (
            <>
              <dt>{t('device.config.role')}</dt>
              <dd>{ROLE_LABELS[device.role] ? t(ROLE_LABELS[device.role]) : device.role}</dd>
            </>
          )}
          <dt>{t('device.config.interval')}</dt>
          <dd>
            {t('deviceStates.interval', {
              interval: formatDuration(device.expectedIntervalS * 1000, language),
            })}
          </dd>
          <dt>{t('device.config.enabled')}</dt>
          <dd>{device.enabled ? t('device.config.enabledYes') : t('deviceStates.disabled')}</dd>
          <dt>{t('deviceStates.col.state')}</dt>
          <dd>{t(state.state === 'online' ? 'deviceStates.state.online' : 'deviceStates.state.offline')}</dd>
          <dt>{t('deviceStates.col.lastSeen')}</dt>
          <dd>
            {state.lastSeenAt === null
              ? t('deviceStates.neverSeen')
              : formatDateTime(Date.parse(state.lastSeenAt))}
          </dd>
          {device.normalKw !== null && (
            <>
              <dt>{t('device.config.normalKw')}</dt>
              <dd>{formatQuantity(device.normalKw, 'kW', language)}</dd>
            </>
          )}
          {device.permitO2Reference !== null && (
            <>
              <dt>{t('device.config.o2Reference')}</dt>
              <dd>{formatQuantity(device.permitO2Reference, '%', language)}</dd>
            </>
          )}
        </dl>
        <div className="table-wrap">
          <table className="device-metrics-table">
            <thead>
              <tr>
                <th>{t('device.config.metric')}</th>
                <th>{t('device.config.unit')}</th>
                <th>{t('device.config.limits')}</th>
              </tr>
            </thead>
            <tbody>
              {metrics.map((m) => {
                const limits = limitsByMetric[m.metric] ?? NO_LIMITS;
                return (
                  <tr key={m.metric} data-metric={m.metric}>
                    <td>{pick(m.label, language)}</td>
                    <td>{m.unit || t('device.config.noUnit')}</td>
                    <td>
                      {limits.length === 0
                        ? t('device.config.noLimits')
                        : limits.map((l) => limitText(l, m.unit)).join(language === 'en' ? '; ' : '；')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {readsRules && (
          <>
            <h3 className="device-page__subheading">{t('device.config.rules')}</h3>
            {rules.filter((r) => r.deviceKind === device.kind).length === 0 ? (
              <p className="state state--empty">{t('device.config.noRules')}</p>
            ) : (
              <ul className="device-list">
                {rules
                  .filter((r) => r.deviceKind === device.kind)
                  .map((r) => (
                    <li key={r.id} className="device-list__item">
                      <span>{pick(r.name, language)}</span>
                      <span className="device-list__meta">
                        {r.enabled ? t('device.config.ruleOn') : t('device.config.ruleOff')}
                        {r.source ? ` · ${r.source}` : ''}
                      </span>
                    </li>
                  ))}
              </ul>
            )}
          </>
        )}
      </section>
    </div>
  );
}

function AlertItem({ alert, onOpen }: { alert: AlertView; onOpen: () => void }) {
  const { t, language } = useI18n();
  const [levelKey, levelParams] = levelMessage(alert.level);
  return (
    <li className="device-list__item" data-alert={alert.id}>
      <a
        href={`/alerts/${encodeURIComponent(alert.id)}`}
        onClick={(e) => {
          e.preventDefault();
          onOpen();
        }}
      >
        {pick(alert.ruleName, language)}
      </a>
      <span className={`badge badge--${alert.severity}`}>{t(`severity.${alert.severity}`)}</span>
      <span>{t(levelKey, levelParams)}</span>
      <span>{formatQuantity(alert.value, alert.unit, language)}</span>
      <span>{t(`status.${alert.status}`)}</span>
      <span className="device-list__meta">{formatDateTime(alert.openedAt)}</span>
    </li>
  );
}

function MaintenanceItem({ window: w }: { window: MaintenanceWindow }) {
  const { t } = useI18n();
  const end = w.endedAt ?? w.endsAt;
  const now = Date.now();
  const phase =
    w.startsAt > now
      ? 'device.maintenance.planned'
      : end > now
        ? 'device.maintenance.active'
        : 'device.maintenance.past';
  return (
    <li className="device-list__item" data-maintenance={w.id}>
      <span>{w.reason}</span>
      <span className="device-list__meta">
        {t('device.maintenance.span', { from: formatDateTime(w.startsAt), to: formatDateTime(end) })}
      </span>
      <span>{t(phase)}</span>
      {w.endedAt !== null && <span className="device-list__meta">{t('device.maintenance.endedEarly')}</span>}
    </li>
  );
}

type SeriesLoad =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly series: TelemetrySeries }
  | { readonly state: 'error'; readonly error: unknown };

/** One metric's chart, caption and empty state; a zoom that settles calls `onZoom` with the visible span. */
function MetricPanel(props: {
  api: DevicePageApi;
  deviceId: string;
  metric: string;
  label: string;
  unit: string;
  range: TimeWindow;
  follow: boolean;
  liveTick: { value: number | boolean; ts: number } | null;
  limits: readonly LimitLine[];
  alerts: readonly AlertView[];
  maintenance: readonly MaintenanceWindow[];
  onZoom: (from: number, to: number) => void;
}) {
  const { api, deviceId, metric, label, unit, range, follow, liveTick, limits, alerts, maintenance, onZoom } =
    props;
  const { t, language } = useI18n();
  const [load, setLoad] = useState<SeriesLoad>({ state: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    setLoad({ state: 'loading' });
    api.series(seriesQuery(deviceId, metric, range), abort.signal).then(
      (series) => setLoad({ state: 'ready', series }),
      (error: unknown) => {
        if (!abort.signal.aborted) setLoad({ state: 'error', error });
      },
    );
    return () => abort.abort();
  }, [api, deviceId, metric, range]);

  // A live reading moves a raw chart that ends now.
  useEffect(() => {
    if (!follow || !liveTick) return;
    setLoad((current) =>
      current.state === 'ready'
        ? { state: 'ready', series: withLivePoint(current.series, liveTick.value, liveTick.ts) }
        : current,
    );
  }, [follow, liveTick]);

  const series = load.state === 'ready' ? load.series : null;
  const marks = useMemo(() => {
    const span = series ? { from: series.from, to: series.to } : range;
    return {
      limits,
      alerts: alertMarks(alerts, metric, span),
      maintenance: maintenanceAreas(maintenance, span),
    };
  }, [series, range, limits, alerts, metric, maintenance]);

  const option = useMemo(() => {
    if (!series || series.points.length === 0) return null;
    const quantity = (value: number) => formatQuantity(value, unit, language);
    return deviceChartOption(series, marks, {
      seriesName: label,
      quantity,
      number: (value) => formatNumber(value, language),
      axisTime: formatAxisTime,
      dateTime: formatDateTime,
      limit: (line) => t(line.key, { value: quantity(line.value) }),
      quality: (flag) => t(QUALITY_LABELS[flag]),
      alert: (mark) => t(levelMessage(mark.level)[0], levelMessage(mark.level)[1]),
      maintenance: (area) => t('device.maintenance.mark', { reason: area.reason }),
    });
  }, [series, marks, unit, label, language, t]);

  const canvasRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = canvasRef.current;
    if (!element || !option || !series) return;
    const chart = init(element, null, { renderer: 'canvas' });
    chart.setOption(option);
    let timer: number | null = null;
    chart.on('datazoom', () => {
      if (timer !== null) window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        timer = null;
        const zoom = (chart.getOption() as { dataZoom?: { start?: number; end?: number }[] }).dataZoom?.[0];
        const start = zoom?.start ?? 0;
        const end = zoom?.end ?? 100;
        if (start <= 0 && end >= 100) return;
        const span = series.to - series.from;
        onZoom(series.from + (span * start) / 100, series.from + (span * end) / 100);
      }, ZOOM_SETTLE_MS);
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      if (timer !== null) window.clearTimeout(timer);
      observer.disconnect();
      chart.dispose();
    };
  }, [option, series, onZoom]);

  let resolutionText: string | null = null;
  if (series) {
    const named = resolutionLabel(series);
    if (named.key === 'device.resolution.mean') {
      const { key, n } = intervalParts(named.intervalMs);
      resolutionText = t('device.resolution.mean', { interval: t(key, { n }) });
    } else resolutionText = t(named.key);
  }

  let body;
  if (load.state === 'loading') body = <p className="state state--loading">{t('chart.loading')}</p>;
  else if (load.state === 'error')
    body = (
      <p className="state state--error" role="alert">
        {t('chart.error', { message: describeError(load.error, t) })}
      </p>
    );
  else if (!option) body = <p className="state state--empty">{t('device.noData')}</p>;
  else
    body = (
      <div
        className="device-chart__canvas"
        ref={canvasRef}
        role="img"
        aria-label={t('device.chart.aria', { metric: label, n: series?.points.length ?? 0 })}
      />
    );

  return (
    <figure
      className="device-chart"
      data-metric={metric}
      data-chart-state={option ? 'drawn' : load.state === 'ready' ? 'empty' : load.state}
      data-alert-marks={marks.alerts.length}
      data-maintenance-marks={marks.maintenance.length}
    >
      <figcaption className="device-chart__caption">
        <span className="device-chart__name">
          {label}
          {unit && <span className="device-chart__unit">（{unit}）</span>}
        </span>
        {resolutionText && (
          <span className="device-chart__resolution" data-testid="resolution">
            {resolutionText}
          </span>
        )}
        {series && series.points.length > 0 && (
          <span className="device-chart__count">{t('device.chart.points', { n: series.points.length })}</span>
        )}
        {marks.alerts.length > 0 && (
          <span className="device-chart__marks">{t('device.chart.alerts', { n: marks.alerts.length })}</span>
        )}
        {marks.maintenance.length > 0 && (
          <span className="device-chart__marks">
            {t('device.chart.maintenance', { n: marks.maintenance.length })}
          </span>
        )}
      </figcaption>
      {body}
    </figure>
  );
}
