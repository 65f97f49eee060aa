import { formatTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { ConnectionState } from './alert-feed';

/** Live / reconnecting / offline, and since when the data may be stale. */
export function ConnectionIndicator({
  connection,
  syncedAt,
}: {
  connection: ConnectionState;
  syncedAt: number | null;
}) {
  const { t } = useI18n();
  const label = t(`conn.${connection}`);
  const stale =
    connection === 'live'
      ? null
      : syncedAt === null
        ? t('conn.neverSynced')
        : t('conn.stale', { time: formatTime(syncedAt) });
  return (
    <div className={`conn conn--${connection}`} role="status" aria-live="polite" data-connection={connection}>
      <span className="conn__dot" aria-hidden="true" />
      <span className="conn__label">{label}</span>
      {stale && <span className="conn__stale">{stale}</span>}
    </div>
  );
}
