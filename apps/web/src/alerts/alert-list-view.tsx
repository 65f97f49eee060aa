import type { AlertView } from '@park/contracts';
import { formatListTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { alertReading, levelMessage, pick } from './alert-text';

/** Newest first; each row a button that opens the alert's detail. */
export function AlertListView({
  alerts,
  selectedId,
  onSelect,
}: {
  alerts: readonly AlertView[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t, language } = useI18n();
  const now = Date.now();
  return (
    <ol className="alert-list">
      {alerts.map((alert) => {
        const [levelKey, levelParams] = levelMessage(alert.level);
        const reading = alertReading(alert, language);
        return (
          <li key={alert.id}>
            <button
              type="button"
              className={`alert-row alert-row--${alert.severity} alert-row--${alert.status}`}
              aria-current={alert.id === selectedId ? 'true' : undefined}
              data-alert-id={alert.id}
              onClick={() => onSelect(alert.id)}
            >
              <span className="alert-row__time">{formatListTime(alert.openedAt, now)}</span>
              <span className="alert-row__severity">
                <span className={`badge badge--${alert.severity}`}>{t(`severity.${alert.severity}`)}</span>
                <span className="alert-row__level">{t(levelKey, levelParams)}</span>
              </span>
              <span className="alert-row__what">
                <span className="alert-row__rule">{pick(alert.ruleName, language)}</span>
                <span className="alert-row__sub">{alert.enterpriseName}</span>
                {alert.status === 'suppressed' && alert.maintenance && (
                  <span className="alert-row__sub alert-row__maintenance" title={alert.maintenance.reason}>
                    {t('maintenance.rowReason', { reason: alert.maintenance.reason })}
                  </span>
                )}
              </span>
              <span className="alert-row__device">
                <span>{alert.deviceName}</span>
                {alert.location && <span className="alert-row__sub">{alert.location}</span>}
              </span>
              <span className="alert-row__value">
                <strong>{reading.value}</strong>
                {reading.limit !== null && (
                  <span className="alert-row__limit">{t('alerts.limit', { limit: reading.limit })}</span>
                )}
              </span>
              <span className="alert-row__status">
                <span className={`status status--${alert.status}`}>{t(`status.${alert.status}`)}</span>
                {alert.count > 1 && (
                  <span className="alert-row__count">{t('alerts.timesOther', { n: alert.count })}</span>
                )}
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
