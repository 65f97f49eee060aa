import type { AlertView, MaintenanceWindow } from '@park/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { describeError } from '../api/error-text';
import type { MaintenanceApi, MaintenanceSubjectRef } from '../api/maintenance-api';
import { formatDateTime, formatLineName } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';

/** The lengths an officer picks from; the API refuses more than 7 days without an admin. */
const DURATION_HOURS = [1, 2, 4, 8, 24, 72, 168] as const;

type Loadable =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly windows: readonly MaintenanceWindow[] }
  | { readonly state: 'error'; readonly error: unknown };

/** The subject an alert's maintenance window would cover: its device, or its production line. */
export function maintenanceSubjectOf(alert: AlertView): MaintenanceSubjectRef {
  const subjectType = alert.subjectType ?? 'device';
  return {
    subjectType,
    subjectId: alert.subjectId ?? alert.deviceId,
    enterpriseId: alert.enterpriseId,
  };
}

/**
 * 检修 for the device (or line) of the alert on screen: whether it is in maintenance now, and — for officers and
 * admins — putting it into maintenance for a chosen time with a reason, or ending the window early. Alerts its
 * rules raise meanwhile are held back (status suppressed) and go live when the window ends.
 */
export function MaintenancePanel(props: {
  alert: AlertView;
  api: MaintenanceApi;
  canAct: boolean;
  now?: () => number;
}) {
  const { alert, api, canAct } = props;
  const now = props.now ?? Date.now;
  const { t, language } = useI18n();
  const subject = maintenanceSubjectOf(alert);
  const { subjectType, subjectId, enterpriseId } = subject;
  const [loaded, setLoaded] = useState<Loadable>({ state: 'loading' });
  const [reload, setReload] = useState(0);
  const [hours, setHours] = useState<number>(4);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reasonMissing, setReasonMissing] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    api.current({ subjectType, subjectId, enterpriseId }, abort.signal).then(
      (windows) => setLoaded({ state: 'ready', windows }),
      (e: unknown) => {
        if (!abort.signal.aborted) setLoaded({ state: 'error', error: e });
      },
    );
    return () => abort.abort();
  }, [api, subjectType, subjectId, enterpriseId, reload]);

  async function start(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.start(subject, now() + hours * 3_600_000, reason.trim());
      setReason('');
      setReload((n) => n + 1);
    } catch (e) {
      setError(t('maintenance.failed', { message: describeError(e, t) }));
    } finally {
      setBusy(false);
    }
  }

  async function end(id: string) {
    setBusy(true);
    setError(null);
    try {
      await api.end(id);
      setReload((n) => n + 1);
    } catch (e) {
      setError(t('maintenance.failed', { message: describeError(e, t) }));
    } finally {
      setBusy(false);
    }
  }

  const at = now();
  const windows = loaded.state === 'ready' ? loaded.windows : [];
  const active = windows.find((w) => w.startsAt <= at);
  const subjectLabel =
    subjectType === 'line'
      ? t('maintenance.subjectLine', { line: formatLineName(subjectId, language) })
      : t('maintenance.subjectDevice');

  return (
    <section className="detail__section maintenance" aria-labelledby="maintenance-heading">
      <h4 className="detail__section-title" id="maintenance-heading">
        {t('maintenance.heading')} · {subjectLabel}
      </h4>
      {loaded.state === 'loading' && (
        <p className="state state--loading" role="status">
          {t('maintenance.loading')}
        </p>
      )}
      {loaded.state === 'error' && (
        <p className="state state--error" role="alert">
          {t('maintenance.loadError', { message: describeError(loaded.error, t) })}
        </p>
      )}
      {loaded.state === 'ready' && windows.length === 0 && (
        <p className="maintenance__none">{t('maintenance.none')}</p>
      )}
      {windows.map((w) => (
        <div key={w.id} className="maintenance__window" data-maintenance-id={w.id}>
          <div className="maintenance__line">
            <span className="status status--suppressed">
              {w.startsAt <= at ? t('maintenance.active') : t('maintenance.planned')}
            </span>
            <span className="maintenance__span">
              {t('maintenance.span', { from: formatDateTime(w.startsAt), to: formatDateTime(w.endsAt) })}
            </span>
          </div>
          <p className="maintenance__reason">{w.reason}</p>
          <div className="maintenance__line">
            <span className="hint">{t('maintenance.by', { who: w.createdBy })}</span>
            {canAct && (
              <button type="button" className="button" disabled={busy} onClick={() => void end(w.id)}>
                {busy ? t('maintenance.ending') : t('maintenance.end')}
              </button>
            )}
          </div>
        </div>
      ))}
      {canAct && loaded.state === 'ready' && !active && (
        <form className="maintenance__form" onSubmit={(e) => void start(e)} noValidate>
          <label className="field">
            <span className="field__label">{t('maintenance.reason')}</span>
            <input
              className="input"
              value={reason}
              maxLength={500}
              placeholder={t('maintenance.reasonPlaceholder')}
              aria-invalid={reasonMissing && !reason.trim() ? 'true' : undefined}
              onChange={(e) => {
                setReason(e.target.value);
                setReasonMissing(false);
              }}
            />
          </label>
          <div className="maintenance__row">
            <label className="field">
              <span className="field__label">{t('maintenance.duration')}</span>
              <select className="input" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
                {DURATION_HOURS.map((h) => (
                  <option key={h} value={h}>
                    {h % 24 === 0 ? t('maintenance.days', { n: h / 24 }) : t('maintenance.hours', { n: h })}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? t('maintenance.starting') : t('maintenance.start')}
            </button>
          </div>
          {reasonMissing && !reason.trim() && (
            <p className="field__error" role="alert">
              {t('maintenance.reasonRequired')}
            </p>
          )}
          <p className="hint">{t('maintenance.hint')}</p>
        </form>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
