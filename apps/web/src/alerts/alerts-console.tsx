/**
 * 告警中心 — the alerts console. Officers and admins watch, acknowledge and resolve; operators and energy managers
 * see the same list read-only (an energy manager's list is confined to their enterprise by the API).
 */
import type { AlertEvent, AlertView } from '@park/contracts';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { AlertsApi } from '../api/alerts-api';
import { TelemetryApi } from '../api/telemetry-api';
import { MaintenanceApi } from '../api/maintenance-api';
import { describeError } from '../api/error-text';
import { formatQuantity } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { canActOnAlerts } from '../session/access';
import type { Session } from '../session/session';
import { AlarmSound } from './alarm-sound';
import { AlertDetail } from './alert-detail';
import { AlertFeed } from './alert-feed';
import { AlertFilters } from './alert-filters';
import {
  countByStatus,
  filterBySeverityAndText,
  NO_FILTER,
  needsAlarm,
  ringingAlerts,
  silenceKey,
  sortedAlerts,
  type AlertFilter,
} from './alert-list';
import { AlertListView } from './alert-list-view';
import { pick } from './alert-text';
import { ConnectionIndicator } from './connection-indicator';
import {
  notificationAccess,
  requestNotificationAccess,
  showNotification,
  type NotificationAccess,
} from './critical-notifier';

export function AlertsConsole(props: {
  session: Session;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  onUnauthorized: () => void;
}) {
  const { session, selectedId, onSelect, onUnauthorized } = props;
  const { t, language } = useI18n();
  const canAct = canActOnAlerts(session.user.role);
  const api = useMemo(() => new AlertsApi(session.token, onUnauthorized), [session.token, onUnauthorized]);
  const telemetry = useMemo(
    () => new TelemetryApi(session.token, onUnauthorized),
    [session.token, onUnauthorized],
  );
  const maintenance = useMemo(
    () => new MaintenanceApi(session.token, onUnauthorized),
    [session.token, onUnauthorized],
  );

  // The feed outlives renders; callbacks that change with the language or route reach it through a ref.
  const onCriticalRef = useRef<(alert: AlertView) => void>(() => undefined);
  const [feed] = useState(
    () =>
      new AlertFeed({
        api,
        token: session.token,
        onCritical: (alert) => onCriticalRef.current(alert),
        onUnauthorized,
      }),
  );
  useEffect(() => {
    feed.start();
    return () => feed.stop();
  }, [feed]);
  const snapshot = useSyncExternalStore(feed.subscribe, feed.getSnapshot);

  useEffect(() => {
    onCriticalRef.current = (alert) => {
      if (!canAct) return;
      showNotification({
        title: t('alarm.notificationTitle', { rule: pick(alert.ruleName, language) }),
        body: t('alarm.notificationBody', {
          enterprise: alert.enterpriseName,
          device: alert.deviceName,
          value: formatQuantity(alert.value, alert.unit, language),
          limit: formatQuantity(alert.limit, alert.unit, language),
        }),
        tag: alert.id,
        onClick: () => onSelect(alert.id),
      });
    };
  }, [canAct, t, language, onSelect]);

  const [filter, setFilter] = useState<AlertFilter>(NO_FILTER);
  const all = useMemo(() => sortedAlerts(snapshot.list), [snapshot.list]);
  const narrowed = useMemo(() => filterBySeverityAndText(all, filter), [all, filter]);
  const counts = useMemo(() => countByStatus(narrowed), [narrowed]);
  const visible = useMemo(
    () => (filter.status === 'all' ? narrowed : narrowed.filter((a) => a.status === filter.status)),
    [narrowed, filter.status],
  );
  const selected = selectedId ? (snapshot.list.byId.get(selectedId)?.alert ?? null) : null;

  // The alarm: critical and unacknowledged, for the roles that can acknowledge.
  const [silenced, setSilenced] = useState<ReadonlySet<string>>(() => new Set());
  const awaiting = useMemo(() => (canAct ? all.filter(needsAlarm) : []), [all, canAct]);
  const ringing = useMemo(() => (canAct ? ringingAlerts(all, silenced) : []), [all, silenced, canAct]);
  const [soundBlocked, setSoundBlocked] = useState(false);
  const soundRef = useRef<AlarmSound | null>(null);
  useEffect(() => {
    const sound = new AlarmSound(setSoundBlocked);
    soundRef.current = sound;
    return () => {
      sound.dispose();
      soundRef.current = null;
    };
  }, []);
  useEffect(() => {
    soundRef.current?.setRinging(ringing.length > 0);
  }, [ringing.length]);

  const mute = useCallback(() => setSilenced(new Set(awaiting.map(silenceKey))), [awaiting]);
  const unmute = useCallback(() => setSilenced(new Set()), []);

  const applyLocal = useCallback((event: AlertEvent) => feed.applyLocal(event), [feed]);
  const applyFetched = useCallback((alert: AlertView) => feed.applyFetched(alert), [feed]);

  const [notifyAccess, setNotifyAccess] = useState<NotificationAccess>(notificationAccess);

  return (
    <div className="console">
      <div className="console__header">
        <h1 className="console__title">{t('alerts.heading')}</h1>
        <ConnectionIndicator connection={snapshot.connection} syncedAt={snapshot.syncedAt} />
        <div className="console__header-end">
          {canAct && notifyAccess === 'default' && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => void requestNotificationAccess().then(setNotifyAccess)}
            >
              {t('alarm.notifyEnable')}
            </button>
          )}
          {canAct && notifyAccess === 'granted' && <span className="hint">{t('alarm.notifyOn')}</span>}
          {canAct && notifyAccess === 'denied' && <span className="hint">{t('alarm.notifyDenied')}</span>}
        </div>
      </div>

      {!canAct && (
        <p className="notice notice--info" role="note">
          {t('alerts.readOnly')}
        </p>
      )}

      {awaiting.length > 0 && (
        <div
          className={`alarm-banner${ringing.length > 0 ? ' alarm-banner--ringing' : ''}`}
          role="alert"
          data-sound={ringing.length === 0 ? 'muted' : soundBlocked ? 'blocked' : 'ringing'}
        >
          <span className="alarm-banner__icon" aria-hidden="true" />
          <span className="alarm-banner__text">
            {t('alarm.ringing', {
              count: t(awaiting.length === 1 ? 'alerts.countOne' : 'alerts.countOther', {
                n: awaiting.length,
              }),
            })}
          </span>
          {ringing.length === 0 && <span className="alarm-banner__muted">{t('alarm.muted')}</span>}
          {ringing.length > 0 && soundBlocked && (
            <button
              type="button"
              className="button button--light"
              onClick={() => void soundRef.current?.unlock()}
            >
              {t('alarm.soundBlocked')}
            </button>
          )}
          {ringing.length > 0 ? (
            <button type="button" className="button button--light" onClick={mute}>
              {t('alarm.mute')}
            </button>
          ) : (
            <button type="button" className="button button--light" onClick={unmute}>
              {t('alarm.unmute')}
            </button>
          )}
        </div>
      )}

      <AlertFilters filter={filter} counts={counts} onChange={setFilter} />

      <div className={`console__body${selectedId ? ' console__body--with-detail' : ''}`}>
        <section className="console__list" aria-label={t('alerts.listLabel')}>
          {snapshot.load.state === 'loading' && all.length === 0 && (
            <p className="state state--loading" role="status">
              {t('alerts.loading')}
            </p>
          )}
          {snapshot.load.state === 'error' && all.length === 0 && (
            <div className="state state--error" role="alert">
              <p>{t('alerts.loadError', { message: describeError(snapshot.load.error, t) })}</p>
              <button type="button" className="button" onClick={() => void feed.reload()}>
                {t('alerts.retry')}
              </button>
            </div>
          )}
          {snapshot.load.state === 'ready' && all.length === 0 && (
            <p className="state state--empty">{t('alerts.empty')}</p>
          )}
          {all.length > 0 && visible.length === 0 && (
            <p className="state state--empty">{t('alerts.emptyFiltered')}</p>
          )}
          {visible.length > 0 && (
            <AlertListView
              alerts={visible}
              selectedId={selectedId}
              onSelect={(id) => onSelect(id === selectedId ? null : id)}
            />
          )}
        </section>
        {selectedId && (
          <AlertDetail
            key={selectedId}
            id={selectedId}
            alert={selected}
            seq={snapshot.list.byId.get(selectedId)?.seq ?? null}
            api={api}
            telemetry={telemetry}
            maintenance={maintenance}
            canAct={canAct}
            onEvent={applyLocal}
            onFetched={applyFetched}
            onClose={() => onSelect(null)}
          />
        )}
      </div>
    </div>
  );
}
