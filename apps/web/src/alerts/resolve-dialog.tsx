import type { AlertEvent } from '@park/contracts';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AlertsApi } from '../api/alerts-api';
import { describeError } from '../api/error-text';
import { useI18n } from '../i18n/i18n-context';

/** Resolving needs a note (the API refuses an empty one); a modal dialog asks for it. */
export function ResolveDialog(props: {
  api: AlertsApi;
  alertId: string;
  onResolved: (event: AlertEvent) => void;
  onCancel: () => void;
}) {
  const { api, alertId, onResolved, onCancel } = props;
  const { t } = useI18n();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = note.trim();
    if (!text) {
      setError(t('resolve.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onResolved(await api.resolve(alertId, text));
    } catch (e) {
      setBusy(false);
      setError(t('action.failed', { message: describeError(e, t) }));
    }
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby="resolve-heading"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <h2 className="dialog__heading" id="resolve-heading">
          {t('resolve.heading')}
        </h2>
        <label className="field">
          <span className="field__label">{t('resolve.note')}</span>
          <textarea
            className="input input--area"
            name="note"
            rows={4}
            maxLength={2000}
            autoFocus
            placeholder={t('resolve.placeholder')}
            value={note}
            aria-invalid={error === t('resolve.required')}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        {error && (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            {t('resolve.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('resolve.submitting') : t('resolve.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
