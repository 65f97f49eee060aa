import type { AlertEvent, AlertView } from '@park/contracts';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { AlertsApi } from '../api/alerts-api';
import type { MaintenanceApi } from '../api/maintenance-api';
import type { TelemetryApi } from '../api/telemetry-api';
import { describeError } from '../api/error-text';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { alertReading, deviceWhere, levelMessage, metricLabel, pick } from './alert-text';
import { MaintenancePanel } from './maintenance-panel';
import { isChartable } from './metric-chart';
import { ResolveDialog } from './resolve-dialog';

// ECharts is most of the app's weight and only the detail needs it: loaded when the first detail opens.
const MetricChart = lazy(() => import('./metric-chart-view').then((m) => ({ default: m.MetricChart })));

type Loadable<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly value: T }
  | { readonly state: 'error'; readonly error: unknown };

/**
 * One alert: the reading against its limit, where and whose it is, why it fired (in the interface language),
 * the triggering metric charted around the event with the limit drawn, the actions the user's role allows, and
 * the audit trail from GET /api/alerts/:id/events.
 */
export function AlertDetail(props: {
  id: string;
  alert: AlertView | null;
  /** The last event seq applied to this alert; a change means the trail has grown. */
  seq: number | null;
  api: AlertsApi;
  telemetry: TelemetryApi;
  maintenance: MaintenanceApi;
  canAct: boolean;
  onEvent: (event: AlertEvent) => void;
  onFetched: (alert: AlertView) => void;
  onClose: () => void;
}) {
  const { id, alert, seq, api, telemetry, maintenance, canAct, onEvent, onFetched, onClose } = props;
  const { t, language } = useI18n();
  const [fetchError, setFetchError] = useState<unknown>(null);
  const [trail, setTrail] = useState<Loadable<AlertEvent[]>>({ state: 'loading' });
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [resolving, setResolving] = useState(false);

  // A deep link to an alert the list does not hold: fetch it on its own.
  const missing = alert === null;
  useEffect(() => {
    if (!missing) return;
    const abort = new AbortController();
    api.get(id, abort.signal).then(onFetched, (error: unknown) => {
      if (!abort.signal.aborted) setFetchError(error);
    });
    return () => abort.abort();
  }, [id, missing, api, onFetched]);

  const status = alert?.status;
  const count = alert?.count;
  const level = alert?.level;
  useEffect(() => {
    const abort = new AbortController();
    api.events(id, abort.signal).then(
      (events) => setTrail({ state: 'ready', value: events }),
      (error: unknown) => {
        if (!abort.signal.aborted) setTrail({ state: 'error', error });
      },
    );
    return () => abort.abort();
  }, [id, seq, status, count, level, api]);

  async function acknowledge() {
    setBusy(true);
    setActionError(null);
    try {
      onEvent(await api.acknowledge(id));
    } catch (error) {
      setActionError(t('action.failed', { message: describeError(error, t) }));
    } finally {
      setBusy(false);
    }
  }

  const header = (
    <div className="detail__header">
      <h2 className="detail__heading" id="detail-heading">
        {t('detail.heading')}
      </h2>
      <button type="button" className="icon-button" aria-label={t('detail.close')} onClick={onClose}>
        ×
      </button>
    </div>
  );

  if (!alert) {
    return (
      <aside className="detail" aria-labelledby="detail-heading">
        {header}
        {fetchError ? (
          <p className="state state--error" role="alert">
            {t('detail.loadError', { message: describeError(fetchError, t) })}
          </p>
        ) : (
          <p className="state state--loading" role="status">
            {t('detail.loading')}
          </p>
        )}
      </aside>
    );
  }

  const [levelKey, levelParams] = levelMessage(alert.level);
  const reading = alertReading(alert, language);
  const where = deviceWhere(alert);

  return (
    <aside className={`detail detail--${alert.severity}`} aria-labelledby="detail-heading">
      {header}
      <div className="detail__title">
        <h3 className="detail__rule">{pick(alert.ruleName, language)}</h3>
        <div className="detail__badges">
          <span className={`badge badge--${alert.severity}`}>{t(`severity.${alert.severity}`)}</span>
          <span className={`status status--${alert.status}`}>{t(`status.${alert.status}`)}</span>
        </div>
      </div>

      <div className={`reading${reading.limit === null ? ' reading--state' : ''}`}>
        <div className="reading__item reading__item--value">
          <span className="reading__label">{t('detail.value')}</span>
          <span className="reading__number">{reading.value}</span>
        </div>
        {reading.limit !== null && (
          <div className="reading__item">
            <span className="reading__label">{t('detail.limit')}</span>
            <span className="reading__number reading__number--limit">{reading.limit}</span>
          </div>
        )}
        <div className="reading__item">
          <span className="reading__label">{t('detail.level')}</span>
          <span className="reading__level">{t(levelKey, levelParams)}</span>
        </div>
      </div>

      {alert.maintenance && (
        <p
          className={`notice maintenance__marker maintenance__marker--${alert.status === 'suppressed' ? 'held' : 'past'}`}
          data-maintenance-marker={alert.status}
        >
          {alert.status === 'suppressed'
            ? t('maintenance.heldBack', {
                reason: alert.maintenance.reason,
                until: formatDateTime(alert.maintenance.endsAt),
              })
            : t('maintenance.wentLive', { reason: alert.maintenance.reason })}
        </p>
      )}

      {canAct && alert.status !== 'resolved' && (
        <div className="detail__actions">
          {alert.status === 'open' && (
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void acknowledge()}
            >
              {busy ? t('action.acknowledging') : t('action.acknowledge')}
            </button>
          )}
          <button type="button" className="button" disabled={busy} onClick={() => setResolving(true)}>
            {t('action.resolve')}
          </button>
        </div>
      )}
      {actionError && (
        <p className="notice notice--error" role="alert">
          {actionError}
        </p>
      )}

      <section className="detail__section">
        <h4 className="detail__section-title">{t('detail.explanation')}</h4>
        <p className="detail__explanation">{pick(alert.explanation, language)}</p>
      </section>

      <MaintenancePanel alert={alert} api={maintenance} canAct={canAct} />

      {isChartable(alert) && (
        <Suspense
          fallback={
            <p className="state state--loading" role="status">
              {t('chart.loading')}
            </p>
          }
        >
          <MetricChart alert={alert} api={telemetry} />
        </Suspense>
      )}

      <dl className="facts">
        <dt>{t('detail.metric')}</dt>
        <dd>
          {metricLabel(alert.metric, language)} <span className="mono">({alert.metric})</span>
        </dd>
        <dt>{t('detail.device')}</dt>
        <dd>
          {alert.deviceName} <span className="mono">{alert.deviceId}</span>
        </dd>
        <dt>{t('detail.location')}</dt>
        <dd>{where ?? <span className="muted">{t('detail.noLocation')}</span>}</dd>
        <dt>{t('detail.enterprise')}</dt>
        <dd>{alert.enterpriseName}</dd>
        <dt>{t('detail.count')}</dt>
        <dd>{t(alert.count === 1 ? 'alerts.timesOne' : 'alerts.timesOther', { n: alert.count })}</dd>
        <dt>{t('detail.openedAt')}</dt>
        <dd>{formatDateTime(alert.openedAt)}</dd>
        <dt>{t('detail.lastSeenAt')}</dt>
        <dd>{formatDateTime(alert.lastSeenAt)}</dd>
        {alert.acknowledgedAt !== null && (
          <>
            <dt>{t('status.acknowledged')}</dt>
            <dd>
              {t('detail.byAt', {
                who: alert.acknowledgedBy ?? t('trail.system'),
                time: formatDateTime(alert.acknowledgedAt),
              })}
            </dd>
          </>
        )}
        {alert.resolvedAt !== null && (
          <>
            <dt>{t('status.resolved')}</dt>
            <dd>
              {t('detail.byAt', {
                who: alert.resolvedBy ?? t('trail.system'),
                time: formatDateTime(alert.resolvedAt),
              })}
            </dd>
          </>
        )}
        {alert.resolutionNote && (
          <>
            <dt>{t('detail.resolution')}</dt>
            <dd className="detail__note">{alert.resolutionNote}</dd>
          </>
        )}
      </dl>

      <section className="detail__section" aria-labelledby="trail-heading">
        <h4 className="detail__section-title" id="trail-heading">
          {t('trail.heading')}
        </h4>
        <AuditTrail trail={trail} unit={alert.unit} />
      </section>

      {resolving && (
        <ResolveDialog
          api={api}
          alertId={alert.id}
          onResolved={(event) => {
            setResolving(false);
            onEvent(event);
          }}
          onCancel={() => setResolving(false)}
        />
      )}
    </aside>
  );
}

function AuditTrail({ trail, unit }: { trail: Loadable<AlertEvent[]>; unit: string }) {
  const { t, language } = useI18n();
  if (trail.state === 'loading') {
    return (
      <p className="state state--loading" role="status">
        {t('trail.loading')}
      </p>
    );
  }
  if (trail.state === 'error') {
    return (
      <p className="state state--error" role="alert">
        {t('trail.error', { message: describeError(trail.error, t) })}
      </p>
    );
  }
  if (trail.value.length === 0) return <p className="state state--empty">{t('trail.empty')}</p>;
  return (
    <ol className="trail">
      {[...trail.value].reverse().map((event) => {
        const [levelKey, levelParams] = levelMessage(event.alert.level);
        const what =
          event.type === 'escalated'
            ? t('trail.escalated', { level: t(levelKey, levelParams) })
            : t(`trail.${event.type}`);
        return (
          <li
            key={event.seq}
            className={`trail__item trail__item--${event.type}`}
            data-event-type={event.type}
          >
            <span className="trail__dot" aria-hidden="true" />
            <div className="trail__body">
              <div className="trail__line">
                <span className="trail__what">{what}</span>
                <span className="trail__who">{event.actor ?? t('trail.system')}</span>
              </div>
              <div className="trail__meta">
                <time dateTime={new Date(event.at).toISOString()}>{formatDateTime(event.at)}</time>
                {(event.type === 'opened' || event.type === 'escalated') && (
                  <span>
                    {' · '}
                    {t('trail.snapshot', {
                      value: alertReading({ ...event.alert, unit }, language).value,
                    })}
                  </span>
                )}
              </div>
              {event.type === 'resolved' && event.alert.resolutionNote && (
                <p className="trail__note">{event.alert.resolutionNote}</p>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
