/**
 * 设备 — every device the user may see: online or offline, when it last reported, its newest value of each metric
 * with unit and HJ 212 quality; filtered by enterprise, kind and state. Read-only (administration stays in
 * 管理 · 设备). Live: `device-status` and `telemetry` events move a device online or offline at once, and a
 * newer reading re-reads the list (the event carries no quality) at most every REFRESH_MS. Each device's name
 * opens its page (device-page.tsx).
 */
import { DEVICE_KIND_NAMES, type DataQuality, type DeviceState } from '@park/contracts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EnterpriseOption } from '../admin/devices-api';
import { kindLabel } from '../admin/device-form';
import { useApiErrorText } from '../admin/admin-ui';
import { formatDuration, formatListTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { openAlertStream } from '../realtime/alert-stream';
import type { Session } from '../session/session';
import {
  filterByState,
  metricName,
  needsRefresh,
  stateCounts,
  valueText,
  withDeviceStatus,
  withReading,
  type DeviceStateView,
  type StateFilter,
} from './device-states';
import { DeviceStatesApi, type DeviceStateQuery } from './device-states-api';
import './devices.css';
import './device-page.css';

/** The labels built from the contracts' values (a lookup, so the dictionary's unused-label check sees them). */
const STATE_LABELS: Record<DeviceState, MessageKey> = {
  online: 'deviceStates.state.online',
  offline: 'deviceStates.state.offline',
};
const QUALITY_LABELS: Record<DataQuality, MessageKey> = {
  F: 'deviceStates.quality.F',
  M: 'deviceStates.quality.M',
  S: 'deviceStates.quality.S',
  D: 'deviceStates.quality.D',
  C: 'deviceStates.quality.C',
  T: 'deviceStates.quality.T',
  B: 'deviceStates.quality.B',
};

/** A re-read after a live reading waits this long, so a busy park costs one request per window, not per event. */
const REFRESH_MS = 5_000;

type Rows =
  { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; rows: DeviceStateView[] };

export function DevicesPage(props: {
  session: Session;
  /** Opens a device's page (/devices/<id>). */
  onOpen: (deviceId: string) => void;
  onUnauthorized: () => void;
}) {
  const { session, onOpen, onUnauthorized } = props;
  const { t, language } = useI18n();
  const errorText = useApiErrorText('deviceStates.apiError');
  const api = useMemo(
    () => new DeviceStatesApi(session.token, onUnauthorized),
    [session.token, onUnauthorized],
  );
  const ownEnterprise = session.user.role === 'energy-manager';

  const [query, setQuery] = useState<DeviceStateQuery>({ enterpriseId: '', kind: '' });
  const [stateFilter, setStateFilter] = useState<StateFilter>('');
  const [rows, setRows] = useState<Rows>({ state: 'loading' });
  const [enterprises, setEnterprises] = useState<EnterpriseOption[]>([]);
  const [now, setNow] = useState(() => Date.now());
  const [attempt, setAttempt] = useState(0);
  const rowsRef = useRef<DeviceStateView[]>([]);
  const refreshTimer = useRef<number | null>(null);

  // Load, and re-load on a filter change or a request from a live reading; a failed re-read keeps what is shown.
  useEffect(() => {
    const controller = new AbortController();
    api.list(query, controller.signal).then(
      (list) => {
        rowsRef.current = list;
        setRows({ state: 'ready', rows: list });
        setNow(Date.now());
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setRows((current) => (current.state === 'ready' ? current : { state: 'error', error }));
      },
    );
    return () => controller.abort();
  }, [api, query, attempt]);

  useEffect(() => {
    const controller = new AbortController();
    api.enterprises(controller.signal).then(setEnterprises, () => setEnterprises([]));
    return () => controller.abort();
  }, [api]);

  const apply = useCallback((change: (rows: DeviceStateView[]) => DeviceStateView[]) => {
    rowsRef.current = change(rowsRef.current);
    setRows((current) => (current.state === 'ready' ? { state: 'ready', rows: rowsRef.current } : current));
  }, []);

  useEffect(() => {
    const stream = openAlertStream({
      token: session.token,
      lastSeq: () => null,
      handlers: {
        onReady: () => setAttempt((n) => n + 1),
        onAlert: () => undefined,
        onDeviceStatus: (event) => apply((list) => withDeviceStatus(list, event)),
        onTelemetry: (event) => {
          const refresh = needsRefresh(rowsRef.current, event);
          apply((list) => withReading(list, event));
          setNow(Date.now());
          if (refresh && refreshTimer.current === null)
            refreshTimer.current = window.setTimeout(() => {
              refreshTimer.current = null;
              setAttempt((n) => n + 1);
            }, REFRESH_MS);
        },
        onDisconnected: () => undefined,
        onConnectError: (unauthorized) => {
          if (unauthorized) onUnauthorized();
        },
      },
    });
    return () => {
      stream.close();
      if (refreshTimer.current !== null) window.clearTimeout(refreshTimer.current);
      refreshTimer.current = null;
    };
  }, [session.token, apply, onUnauthorized]);

  const all = rows.state === 'ready' ? rows.rows : [];
  const counts = stateCounts(all);
  const shown = filterByState(all, stateFilter);
  const enterpriseName = (id: string) => enterprises.find((e) => e.id === id)?.name ?? '—';
  const yesNo = { yes: t('deviceStates.yes'), no: t('deviceStates.no') };

  return (
    <div className="device-states">
      <div>
        <h1 className="device-states__title">{t('deviceStates.heading')}</h1>
        <p className="device-states__subtitle">{t('deviceStates.subtitle')}</p>
      </div>

      <div className="filters" role="search">
        <div className="tabs" role="group" aria-label={t('deviceStates.filter.state')}>
          {(['', 'online', 'offline'] as const).map((s) => (
            <button
              key={s || 'all'}
              type="button"
              className="tab"
              aria-pressed={stateFilter === s}
              onClick={() => setStateFilter(s)}
            >
              <span className="tab__label">
                {s === '' ? t('deviceStates.filter.all') : t(STATE_LABELS[s])}
              </span>
              <span className="tab__count">
                {t('deviceStates.count', { n: counts[s === '' ? 'all' : s] })}
              </span>
            </button>
          ))}
        </div>
        {!ownEnterprise && (
          <label className="filters__field">
            <span className="filters__label">{t('deviceStates.filter.enterprise')}</span>
            <select
              className="input input--compact"
              name="enterprise"
              value={query.enterpriseId}
              onChange={(e) => setQuery((q) => ({ ...q, enterpriseId: e.target.value }))}
            >
              <option value="">{t('deviceStates.filter.allEnterprises')}</option>
              {enterprises.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="filters__field">
          <span className="filters__label">{t('deviceStates.filter.kind')}</span>
          <select
            className="input input--compact"
            name="kind"
            value={query.kind}
            onChange={(e) => setQuery((q) => ({ ...q, kind: e.target.value }))}
          >
            <option value="">{t('deviceStates.filter.allKinds')}</option>
            {DEVICE_KIND_NAMES.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k, language)}
              </option>
            ))}
          </select>
        </label>
      </div>

      {rows.state === 'loading' && (
        <p className="state state--loading" role="status">
          {t('deviceStates.loading')}
        </p>
      )}
      {rows.state === 'error' && (
        <div className="state state--error" role="alert">
          <p>{t('deviceStates.loadError', { message: errorText(rows.error) })}</p>
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('deviceStates.retry')}
          </button>
        </div>
      )}
      {rows.state === 'ready' && shown.length === 0 && (
        <p className="state state--empty">
          {all.length === 0 ? t('deviceStates.empty') : t('deviceStates.filteredEmpty')}
        </p>
      )}
      {rows.state === 'ready' && shown.length > 0 && (
        <div className="table-wrap">
          <table className="device-states-table">
            <thead>
              <tr>
                <th>{t('deviceStates.col.device')}</th>
                <th>{t('deviceStates.col.kind')}</th>
                {!ownEnterprise && <th>{t('deviceStates.col.enterprise')}</th>}
                <th>{t('deviceStates.col.state')}</th>
                <th>{t('deviceStates.col.lastSeen')}</th>
                <th>{t('deviceStates.col.values')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((d) => (
                <tr key={d.id} data-device={d.id} data-state={d.state}>
                  <td>
                    <div className="device-states-table__name">
                      <a
                        className="device-states-table__link"
                        href={`/devices/${encodeURIComponent(d.id)}`}
                        onClick={(e) => {
                          e.preventDefault();
                          onOpen(d.id);
                        }}
                      >
                        {d.name}
                      </a>
                    </div>
                    <div className="device-states-table__id">{d.id}</div>
                    {d.location && <div className="device-states-table__where">{d.location}</div>}
                  </td>
                  <td>{kindLabel(d.kind, language)}</td>
                  {!ownEnterprise && <td>{enterpriseName(d.enterpriseId)}</td>}
                  <td>
                    <span className={`liveness liveness--${d.state}`}>{t(STATE_LABELS[d.state])}</span>
                    {!d.enabled && (
                      <div className="device-states-table__where">{t('deviceStates.disabled')}</div>
                    )}
                  </td>
                  <td className="device-states-table__seen">
                    {d.lastSeenAt === null ? (
                      t('deviceStates.neverSeen')
                    ) : (
                      <time dateTime={d.lastSeenAt}>{formatListTime(Date.parse(d.lastSeenAt), now)}</time>
                    )}
                    <div className="device-states-table__where">
                      {t('deviceStates.interval', {
                        interval: formatDuration(d.expectedIntervalS * 1000, language),
                      })}
                    </div>
                  </td>
                  <td>
                    {d.values.length === 0 ? (
                      <span className="device-states-table__where">{t('deviceStates.noValues')}</span>
                    ) : (
                      <ul className="device-values">
                        {d.values.map((v) => (
                          <li
                            key={v.metric}
                            data-metric={v.metric}
                            className={v.quality ? 'device-values__flagged' : undefined}
                          >
                            <span className="device-values__name">
                              {metricName(d.kind, v.metric, language)}
                            </span>{' '}
                            <span className="device-values__value">
                              {valueText(d.kind, v, language, yesNo)}
                            </span>
                            {v.quality && ' '}
                            {v.quality && (
                              <span className="device-values__quality">{t(QUALITY_LABELS[v.quality])}</span>
                            )}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
