import { ALERT_SEVERITIES, ALERT_STATUSES } from '@park/contracts';
import { useI18n } from '../i18n/i18n-context';
import type { AlertFilter, StatusCounts } from './alert-list';

/** Status tabs with their counts, a severity choice and a search over enterprise, device and location. */
export function AlertFilters({
  filter,
  counts,
  onChange,
}: {
  filter: AlertFilter;
  counts: StatusCounts;
  onChange: (next: AlertFilter) => void;
}) {
  const { t } = useI18n();
  const count = (n: number) => t(n === 1 ? 'alerts.countOne' : 'alerts.countOther', { n });
  return (
    <div className="filters">
      <div className="tabs" role="group" aria-label={t('filter.status')}>
        {(['all', ...ALERT_STATUSES] as const).map((status) => (
          <button
            key={status}
            type="button"
            className={`tab tab--${status}`}
            aria-pressed={filter.status === status}
            onClick={() => onChange({ ...filter, status })}
          >
            <span className="tab__label">
              {status === 'all' ? t('filter.allStatuses') : t(`status.${status}`)}
            </span>
            <span className="tab__count">{count(counts[status])}</span>
          </button>
        ))}
      </div>
      <label className="filters__field">
        <span className="filters__label">{t('filter.severity')}</span>
        <select
          className="input input--compact"
          value={filter.severity}
          onChange={(e) => onChange({ ...filter, severity: e.target.value as AlertFilter['severity'] })}
        >
          <option value="all">{t('filter.allSeverities')}</option>
          {[...ALERT_SEVERITIES].reverse().map((severity) => (
            <option key={severity} value={severity}>
              {t(`severity.${severity}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="filters__field filters__field--grow">
        <span className="filters__label">{t('filter.search')}</span>
        <input
          className="input input--compact"
          type="search"
          placeholder={t('filter.searchPlaceholder')}
          value={filter.text}
          onChange={(e) => onChange({ ...filter, text: e.target.value })}
        />
      </label>
    </div>
  );
}
