/** Pieces the admin pages share: API refusals in words, and the dialog that shows a secret once. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError, type Translate } from '../api/error-text';
import { ApiError } from '../api/http';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import type { Load } from '../plan/use-load';

/**
 * An error in words: the API's own message for a refusal (400, 409 — validation, conflicts, "you cannot disable
 * yourself"), introduced by `refusedKey`; anything else (network, 5xx, 403) as the app describes errors.
 */
/** Statuses whose message is the API's own words to the user. */
const REFUSALS: readonly number[] = [400, 409];

export function apiErrorText(
  error: unknown,
  t: Translate,
  refusedKey: MessageKey,
  refusals: readonly number[] = REFUSALS,
): string {
  return error instanceof ApiError && refusals.includes(error.status)
    ? t(refusedKey, { message: error.message })
    : describeError(error, t);
}

/** `apiErrorText` bound to the current language; stable while the language is (pass `refusals` as a constant). */
export function useApiErrorText(
  refusedKey: MessageKey,
  refusals: readonly number[] = REFUSALS,
): (error: unknown) => string {
  const { t } = useI18n();
  return useCallback(
    (error: unknown) => apiErrorText(error, t, refusedKey, refusals),
    [t, refusedKey, refusals],
  );
}

export interface ShownOnceRow {
  readonly label: string;
  /** Class of the value cell (the tests find values by it). */
  readonly className: string;
  readonly value: string;
}

/**
 * A modal that shows a secret the platform keeps only hashed — a device credential, a user's password, a wall
 * display's address — with a warning that it will not be shown again and a copy button.
 */
export function ShownOnceDialog(props: {
  readonly className: string;
  readonly headingId: string;
  readonly heading: string;
  readonly warning: string;
  readonly rows: readonly ShownOnceRow[];
  /** What the copy button puts on the clipboard. */
  readonly copyText: string;
  readonly labels: {
    readonly copy: string;
    readonly copied: string;
    readonly copyFailed: string;
    readonly close: string;
  };
  readonly onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(props.copyText);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <dialog
      ref={dialogRef}
      className={`dialog credentials-dialog ${props.className}`}
      aria-labelledby={props.headingId}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <div className="form">
        <h2 className="dialog__heading" id={props.headingId}>
          {props.heading}
        </h2>
        <p className="notice notice--warning" role="note">
          {props.warning}
        </p>
        <dl className="credentials">
          {props.rows.map((row) => (
            <div key={row.className} className="credentials__row">
              <dt>{row.label}</dt>
              <dd className={row.className}>
                <code>{row.value}</code>
              </dd>
            </div>
          ))}
        </dl>
        {copied && (
          <p className="credentials__copied" role="status">
            {copied === 'yes' ? props.labels.copied : props.labels.copyFailed}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => void copy()}>
            {props.labels.copy}
          </button>
          <button type="button" className="button button--primary" onClick={props.onClose}>
            {props.labels.close}
          </button>
        </div>
      </div>
    </dialog>
  );
}

/** A list's loading and failed states (with a retry); nothing once it is ready. */
export function LoadStates(props: {
  load: Load<unknown>;
  loadingText: string;
  /** The failure in words (with the API's reason). */
  errorText: (error: unknown) => string;
  retryLabel: string;
  onRetry: () => void;
}) {
  if (props.load.state === 'loading')
    return (
      <p className="state state--loading" role="status">
        {props.loadingText}
      </p>
    );
  if (props.load.state === 'error')
    return (
      <div className="state state--error" role="alert">
        <p>{props.errorText(props.load.error)}</p>
        <button type="button" className="button" onClick={props.onRetry}>
          {props.retryLabel}
        </button>
      </div>
    );
  return null;
}
