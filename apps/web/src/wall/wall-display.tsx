/**
 * 数据大屏 — the wall display: 1920×1080, dark, no navigation and no clicks. Opens with `?token=` (a display
 * token, traded for a short `display` session and traded again before it ends or when the API ends it) or the
 * tab's signed-in session. It reads only the wall's endpoints (GET /api/wall/*) and socket events.
 * Refreshes the summary every 15 s, follows alerts and device status live over socket.io (which reconnects by
 * itself), and says plainly when what it shows is stale.
 */
import type { AlertSeverity, AlertView } from '@park/contracts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/http';
import { pick } from '../alerts/alert-text';
import { formatListTime, formatNumber, formatPlanQuantity, formatTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { isLanguage, translate, type Language } from '../i18n/messages';
import type { IndicatorProgress } from '../plan/plan-api';
import { defaultYear, PLAN_YEARS, unitLabel } from '../plan/plan-dashboard';
import { openAlertStream } from '../realtime/alert-stream';
import { loadSession } from '../session/session';
import { exchangeDisplayToken, fetchWallSummary, WallApi } from './wall-api';
import { wallText } from './wall-messages';
import {
  gaugeFraction,
  projectMap,
  renewDelayMs,
  staleness,
  SUMMARY_REFRESH_MS,
  TICKER_LENGTH,
  tickerWith,
  withLiveStatus,
  type LiveStatus,
  type SocketState,
  type WallSummary,
} from './wall-model';
import './wall.css';

export const WALL_PATH = '/wall';
/** The plan's target year (DESIGN.md "The plan's 2025 targets"): the last of PLAN_YEARS. */
const TARGET_YEAR = PLAN_YEARS[PLAN_YEARS.length - 1];
const PROGRESS_REFRESH_MS = 5 * 60_000;
const RETRY_MS = 15_000;
const MAP_WIDTH = 1100;
const MAP_HEIGHT = 540;

type Access =
  | { readonly state: 'pending' }
  | { readonly state: 'ready'; readonly accessToken: string }
  | { readonly state: 'missing' | 'refused' };

export function WallDisplay() {
  const { language, setLanguage } = useI18n();
  const params = useMemo(() => new URLSearchParams(window.location.search), []);
  const displayToken = params.get('token');

  useEffect(() => {
    const lang = params.get('lang');
    if (lang === 'zh') setLanguage('zh-CN');
    else if (isLanguage(lang)) setLanguage(lang);
  }, [params, setLanguage]);

  const [access, setAccess] = useState<Access>(() => {
    if (displayToken) return { state: 'pending' };
    const session = loadSession(window.sessionStorage);
    return session ? { state: 'ready', accessToken: session.token } : { state: 'missing' };
  });
  const [renewals, setRenewals] = useState(0);

  // Display token → session, then again before the session ends (or at once when the API refuses it).
  useEffect(() => {
    if (!displayToken) return;
    let timer: number | undefined;
    const controller = new AbortController();
    const attempt = () => {
      exchangeDisplayToken(displayToken, controller.signal).then(
        (session) => {
          setAccess({ state: 'ready', accessToken: session.accessToken });
          timer = window.setTimeout(attempt, renewDelayMs(session.expiresAt, Date.now()));
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          if (error instanceof ApiError && error.status === 401) setAccess({ state: 'refused' });
          timer = window.setTimeout(attempt, RETRY_MS);
        },
      );
    };
    attempt();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [displayToken, renewals]);

  const onUnauthorized = useCallback(() => {
    if (displayToken) setRenewals((n) => n + 1);
  }, [displayToken]);

  return (
    <div className="wall" data-access={access.state}>
      {access.state === 'ready' ? (
        <WallScreen accessToken={access.accessToken} language={language} onUnauthorized={onUnauthorized} />
      ) : access.state === 'pending' ? (
        <p className="wall__notice">{wallText(language, 'status.connecting')}</p>
      ) : (
        <p className="wall__notice wall__notice--error" role="alert">
          {wallText(language, access.state === 'missing' ? 'auth.missing' : 'auth.refused')}
        </p>
      )}
    </div>
  );
}

function WallScreen(props: { accessToken: string; language: Language; onUnauthorized: () => void }) {
  const { accessToken, language, onUnauthorized } = props;
  const [startedAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  const [summary, setSummary] = useState<WallSummary | null>(null);
  const [lastOkAt, setLastOkAt] = useState<number | null>(null);
  const [socket, setSocket] = useState<SocketState>('connecting');
  const [ticker, setTicker] = useState<AlertView[]>([]);
  const [liveStatus, setLiveStatus] = useState<LiveStatus>(() => new Map());
  const [targets, setTargets] = useState<{ year: number; indicators: readonly IndicatorProgress[] } | null>(
    null,
  );
  const lastSeq = useRef<number | null>(null);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  // The summary, every 15 s.
  useEffect(() => {
    const controller = new AbortController();
    const refresh = () => {
      fetchWallSummary(accessToken, controller.signal).then(
        (next) => {
          setSummary(next);
          setLastOkAt(Date.now());
        },
        (error: unknown) => {
          if (error instanceof ApiError && error.status === 401) onUnauthorized();
        },
      );
    };
    refresh();
    const timer = window.setInterval(refresh, SUMMARY_REFRESH_MS);
    return () => {
      controller.abort();
      window.clearInterval(timer);
    };
  }, [accessToken, onUnauthorized]);

  // The plan's targets, every 5 minutes (they change with the records, not by the second).
  useEffect(() => {
    const api = new WallApi(accessToken, onUnauthorized);
    const controller = new AbortController();
    const load = () => {
      // The latest plan year with reported figures, against the targets the API applies to it (the 2025 ones).
      api.progress(PLAN_YEARS[0], TARGET_YEAR, controller.signal).then(
        (years) => {
          const year = defaultYear(years);
          setTargets({ year, indicators: years.find((y) => y.year === year)?.indicators ?? [] });
        },
        () => undefined,
      );
    };
    load();
    const timer = window.setInterval(load, PROGRESS_REFRESH_MS);
    return () => {
      controller.abort();
      window.clearInterval(timer);
    };
  }, [accessToken, onUnauthorized]);

  // The ticker: the latest alerts from the list, then live; listed again on every (re)connection.
  useEffect(() => {
    const api = new WallApi(accessToken, onUnauthorized);
    const controller = new AbortController();
    const list = () => {
      api.latestAlerts(TICKER_LENGTH, controller.signal).then(
        (alerts) =>
          setTicker([...alerts].sort((a, b) => b.lastSeenAt - a.lastSeenAt).slice(0, TICKER_LENGTH)),
        () => undefined,
      );
    };
    const stream = openAlertStream({
      token: accessToken,
      lastSeq: () => lastSeq.current,
      handlers: {
        onReady: () => {
          setSocket('live');
          setLiveStatus(new Map()); // events may have been missed: the summary is the authority again
          list();
        },
        onAlert: (event) => {
          lastSeq.current = Math.max(lastSeq.current ?? 0, event.seq);
          setTicker((current) => tickerWith(current, event));
        },
        onDeviceStatus: (event) =>
          setLiveStatus((current) => new Map(current).set(event.deviceId, event.status)),
        onDisconnected: () => setSocket('down'),
        onConnectError: (unauthorized) => {
          setSocket('down');
          if (unauthorized) onUnauthorized();
        },
      },
    });
    return () => {
      controller.abort();
      stream.close();
    };
  }, [accessToken, onUnauthorized]);

  const shown = useMemo(() => summary && withLiveStatus(summary, liveStatus), [summary, liveStatus]);
  const freshness = staleness({ now, startedAt, lastOkAt, socket });
  const text = (key: Parameters<typeof wallText>[1], params?: Record<string, string | number>) =>
    wallText(language, key, params);

  return (
    <div className="wall__screen" data-stale={freshness.stale ? 'true' : 'false'}>
      <header className="wall__header">
        <h1 className="wall__title">{text('title')}</h1>
        <div className="wall__status">
          <span className={`wall__conn wall__conn--${socket}`} data-socket={socket}>
            {text(
              socket === 'live' ? 'status.live' : socket === 'down' ? 'status.down' : 'status.connecting',
            )}
          </span>
          {lastOkAt !== null && (
            <span className="wall__updated">{text('updated.at', { time: formatTime(lastOkAt) })}</span>
          )}
          <span className="wall__clock">{formatTime(now)}</span>
        </div>
      </header>
      {freshness.stale && (
        <div className="wall__stale" role="alert">
          {freshness.since === null
            ? text('stale.never')
            : text('stale.since', { time: formatTime(freshness.since) })}
        </div>
      )}
      <main className="wall__body">
        <section className="wall__map" aria-label={text('map.heading')}>
          <h2 className="wall__heading">{text('map.heading')}</h2>
          {shown && <ParkMap summary={shown} language={language} />}
        </section>
        <section className="wall__kpis">{shown && <Kpis summary={shown} language={language} />}</section>
        <section className="wall__targets">
          <h2 className="wall__heading">
            {text('targets.heading', { year: TARGET_YEAR, dataYear: targets?.year ?? '—' })}
          </h2>
          {targets && <Gauges indicators={targets.indicators} language={language} />}
        </section>
      </main>
      <Ticker alerts={ticker} language={language} now={now} />
    </div>
  );
}

function Kpi(props: { id: string; label: string; value: string; unit: string; note?: string }) {
  return (
    <div className="kpi" data-kpi={props.id}>
      <div className="kpi__label">{props.label}</div>
      <div className="kpi__value">
        <span className="kpi__number">{props.value}</span>
        {props.unit && <span className="kpi__unit">{props.unit}</span>}
      </div>
      {props.note && <div className="kpi__note">{props.note}</div>}
    </div>
  );
}

const SEVERITIES: readonly AlertSeverity[] = ['critical', 'warning', 'info'];

function Kpis({ summary, language }: { summary: WallSummary; language: Language }) {
  const text = (key: Parameters<typeof wallText>[1], params?: Record<string, string | number>) =>
    wallText(language, key, params);
  const { emission } = summary;
  return (
    <>
      <Kpi
        id="load"
        label={text('kpi.load')}
        value={formatNumber(summary.load.kw, language, 1)}
        unit="kW"
        note={text('kpi.load.note', summary.load)}
      />
      <Kpi
        id="energy"
        label={text('kpi.energy')}
        value={formatNumber(summary.energyToday.kwh, language, 1)}
        unit="kWh"
        note={text('kpi.energy.note', summary.energyToday)}
      />
      <Kpi
        id="emission"
        label={text('kpi.emission')}
        value={emission.ratePercent === null ? '—' : formatNumber(emission.ratePercent, language, 1)}
        unit={emission.ratePercent === null ? '' : '%'}
        note={
          emission.total === 0
            ? text('kpi.emission.none')
            : [
                ...(emission.judged > 0
                  ? [text('kpi.emission.note', { compliant: emission.compliant, judged: emission.judged })]
                  : []),
                // Outlets with no permit limit or no data are said apart, never counted as compliant.
                ...(emission.notJudged > 0
                  ? [text('kpi.emission.notJudged', { count: emission.notJudged })]
                  : []),
              ].join(language === 'zh-CN' ? '；' : '; ')
        }
      />
      <Kpi
        id="devices"
        label={text('kpi.devices')}
        value={`${formatNumber(summary.devices.online, language, 0)} / ${formatNumber(summary.devices.total, language, 0)}`}
        unit={text('kpi.devices.unit')}
      />
      <div className="kpi kpi--alerts" data-kpi="alerts">
        <div className="kpi__label">{text('kpi.alerts')}</div>
        <div className="kpi__value">
          <span className="kpi__number">{formatNumber(summary.openAlerts.total, language, 0)}</span>
          {text('kpi.alerts.unit') && <span className="kpi__unit">{text('kpi.alerts.unit')}</span>}
        </div>
        <ul className="kpi__levels">
          {SEVERITIES.map((s) => (
            <li key={s} className={`kpi__level sev--${s}`} data-severity={s}>
              <span>{translate(language, `severity.${s}`)}</span>
              <strong>{formatNumber(summary.openAlerts[s], language, 0)}</strong>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}

function ParkMap({ summary, language }: { summary: WallSummary; language: Language }) {
  const projected = useMemo(
    () => projectMap(summary.map.parcels.features, summary.map.devices, MAP_WIDTH, MAP_HEIGHT),
    [summary],
  );
  if (projected.parcels.length === 0) return <p className="wall__empty">{wallText(language, 'map.empty')}</p>;
  return (
    <>
      <svg
        className="park-map"
        viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
        width={MAP_WIDTH}
        height={MAP_HEIGHT}
        role="img"
        aria-label={wallText(language, 'map.heading')}
      >
        {projected.parcels.map((p) => (
          <g key={p.id} className={`parcel sev--${p.worstSeverity ?? 'ok'}`} data-parcel={p.code}>
            <path d={p.path} fillRule="evenodd">
              <title>{`${p.code} ${p.name}`}</title>
            </path>
            <text x={p.label[0]} y={p.label[1] - 18} className="parcel__code">
              {p.code}
            </text>
          </g>
        ))}
        {projected.markers.map(({ marker, x, y }) => (
          <circle
            key={marker.id}
            cx={x}
            cy={y}
            r={6}
            className={`marker marker--${marker.online ? 'online' : 'offline'} sev--${marker.worstSeverity ?? 'ok'}`}
            data-device={marker.id}
          >
            <title>{marker.name}</title>
          </circle>
        ))}
      </svg>
      <ul className="park-map__legend">
        {(['critical', 'warning', 'info', 'ok'] as const).map((s) => (
          <li key={s} className={`sev--${s}`}>
            <span className="swatch" />
            {wallText(language, `map.legend.${s}`)}
          </li>
        ))}
        <li className="legend__device">
          <span className="swatch swatch--dot" />
          {wallText(language, 'map.legend.device')}
        </li>
      </ul>
    </>
  );
}

function Gauges({ indicators, language }: { indicators: readonly IndicatorProgress[]; language: Language }) {
  const withTargets = indicators.filter((i) => i.target !== null);
  if (withTargets.length === 0) return <p className="wall__empty">{wallText(language, 'targets.empty')}</p>;
  const r = 42;
  const circumference = 2 * Math.PI * r;
  // As the plan dashboard says them: 万元 totals in 亿元, the unit in the wall's language.
  const quantity = (value: number, unit: string) =>
    formatPlanQuantity(value, unit, language, (u) => {
      const key = unitLabel(u);
      return key ? translate(language, key) : u;
    });
  return (
    <ul className="gauges">
      {withTargets.map((i) => {
        const fraction = gaugeFraction(i.progress);
        return (
          <li key={i.indicator} className={`gauge${i.met ? ' gauge--met' : ''}`} data-indicator={i.indicator}>
            <svg viewBox="0 0 100 100" width={88} height={88} aria-hidden="true">
              <circle cx={50} cy={50} r={r} className="gauge__track" />
              <circle
                cx={50}
                cy={50}
                r={r}
                className="gauge__bar"
                strokeDasharray={`${fraction * circumference} ${circumference}`}
                transform="rotate(-90 50 50)"
              />
              <text x={50} y={56} className="gauge__percent">
                {i.progress === null ? '—' : `${formatNumber(i.progress, language, 0)}%`}
              </text>
            </svg>
            <div className="gauge__name">{translate(language, `plan.indicator.${i.indicator}`)}</div>
            <div className="gauge__value">
              {wallText(language, 'targets.value', {
                value:
                  i.value === null ? wallText(language, 'targets.notReported') : quantity(i.value, i.unit),
                target: i.target === null ? '—' : quantity(i.target, i.unit),
              })}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function Ticker({
  alerts,
  language,
  now,
}: {
  alerts: readonly AlertView[];
  language: Language;
  now: number;
}) {
  const items = alerts.map((a) => (
    <li key={a.id} className={`ticker__item sev--${a.severity}`} data-alert-id={a.id}>
      <span className="ticker__sev">{translate(language, `severity.${a.severity}`)}</span>
      <span>{formatListTime(a.lastSeenAt, now)}</span>
      <span>{a.enterpriseName}</span>
      <span>{a.deviceName}</span>
      <span>{pick(a.ruleName, language)}</span>
      <span className="ticker__status">{wallText(language, `alert.status.${a.status}`)}</span>
    </li>
  ));
  return (
    <footer className="wall__ticker" aria-label={wallText(language, 'ticker.heading')}>
      <h2 className="ticker__heading">{wallText(language, 'ticker.heading')}</h2>
      <div className="ticker__window">
        {alerts.length === 0 ? (
          <p className="ticker__empty">{wallText(language, 'ticker.empty')}</p>
        ) : (
          // Two copies side by side: the strip scrolls by one copy's width and starts over seamlessly.
          <div className="ticker__strip" style={{ animationDuration: `${Math.max(20, alerts.length * 6)}s` }}>
            <ul className="ticker__list">{items}</ul>
            <ul className="ticker__list" aria-hidden="true">
              {items}
            </ul>
          </div>
        )}
      </div>
    </footer>
  );
}
