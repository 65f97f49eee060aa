/**
 * 管理 · 大屏令牌 — the display tokens wall screens open with (/wall?token=…): the list (name, created, by whom,
 * last used, active or revoked), creating one (its wall address is shown once, with a copy button: the API keeps
 * only the token's hash), and revoking one after a confirmation (the wall refuses it from then on, within its
 * 15-minute session at the latest). The API is apps/api/src/wall/display-tokens.*.
 */
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../plan/use-load';
import type { Session } from '../session/session';
import { LoadStates, ShownOnceDialog, useApiErrorText } from './admin-ui';
import { DisplayTokensApi, type CreatedDisplayToken, type DisplayTokenView } from './display-tokens-api';
import { checkTokenName, sortTokens, tokenState, wallUrl } from './display-tokens';
import './admin-devices.css';
import './display-tokens-page.css';

export function DisplayTokensPage(props: { session: Session; onUnauthorized: () => void }) {
  const { session, onUnauthorized } = props;
  const { t } = useI18n();
  const errorText = useApiErrorText('tokens.apiError', TOKEN_REFUSALS);
  const api = useMemo(
    () => new DisplayTokensApi(session.token, onUnauthorized),
    [session.token, onUnauthorized],
  );
  const loadTokens = useCallback((signal: AbortSignal) => api.list(signal), [api]);
  const [tokens, reloadTokens] = useLoad(loadTokens);

  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<MessageKey | null>(null);
  const [createError, setCreateError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedDisplayToken | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const check = checkTokenName(name);
    setCreateError(null);
    if (!check.ok) {
      setNameError(check.error);
      return;
    }
    setNameError(null);
    setCreating(true);
    try {
      setCreated(await api.create(check.name));
      setName('');
      reloadTokens();
    } catch (error) {
      setCreateError(errorText(error));
    } finally {
      setCreating(false);
    }
  }

  async function revoke(token: DisplayTokenView) {
    if (!window.confirm(t('tokens.revokeConfirm', { name: token.name }))) return;
    setBusyId(token.id);
    setActionError(null);
    try {
      await api.revoke(token.id);
      reloadTokens();
    } catch (error) {
      setActionError(t('tokens.revokeFailed', { name: token.name, message: errorText(error) }));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <div className="devices display-tokens">
      <div className="devices__header">
        <div>
          <h1 className="devices__title display-tokens__title">{t('tokens.heading')}</h1>
          <p className="devices__subtitle">{t('tokens.subtitle')}</p>
        </div>
      </div>

      <section className="devices__provision" aria-labelledby="token-create-heading">
        <h2 id="token-create-heading" className="devices__section-title">
          {t('tokens.form.heading')}
        </h2>
        <form className="display-tokens__form" onSubmit={(e) => void create(e)} noValidate>
          <label className="field">
            <span className="field__label">{t('tokens.form.name')}</span>
            <input
              className="input"
              name="tokenName"
              value={name}
              placeholder={t('tokens.form.namePlaceholder')}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? 'token-name-error' : undefined}
            />
            {nameError && (
              <span className="field__error" id="token-name-error">
                {t(nameError)}
              </span>
            )}
          </label>
          <button type="submit" className="button button--primary" disabled={creating}>
            {t(creating ? 'tokens.form.submitting' : 'tokens.form.submit')}
          </button>
        </form>
        {createError && (
          <p className="notice notice--error display-tokens__create-error" role="alert">
            {createError}
          </p>
        )}
      </section>

      {actionError && (
        <p className="notice notice--error display-tokens__action-error" role="alert">
          {actionError}
        </p>
      )}

      <LoadStates
        load={tokens}
        loadingText={t('tokens.loading')}
        errorText={(error) => t('tokens.loadError', { message: errorText(error) })}
        retryLabel={t('tokens.retry')}
        onRetry={reloadTokens}
      />
      {tokens.state === 'ready' && tokens.data.length === 0 && (
        <p className="state state--empty">{t('tokens.empty')}</p>
      )}
      {tokens.state === 'ready' && tokens.data.length > 0 && (
        <table className="devices-table display-tokens-table">
          <thead>
            <tr>
              <th>{t('tokens.col.name')}</th>
              <th>{t('tokens.col.created')}</th>
              <th>{t('tokens.col.createdBy')}</th>
              <th>{t('tokens.col.lastUsed')}</th>
              <th>{t('tokens.col.state')}</th>
              <th>{t('tokens.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sortTokens(tokens.data).map((token) => {
              const state = tokenState(token);
              return (
                <tr key={token.id} data-token={token.id}>
                  <td className="display-tokens-table__name">{token.name}</td>
                  <td>{formatDateTime(token.createdAt)}</td>
                  <td>{token.createdBy}</td>
                  <td className="display-tokens-table__used">
                    {token.lastUsedAt === null ? t('tokens.neverUsed') : formatDateTime(token.lastUsedAt)}
                  </td>
                  <td className="display-tokens-table__state">
                    <span
                      className={`device-state ${state === 'active' ? 'device-state--on' : 'device-state--off'}`}
                    >
                      {state === 'active'
                        ? t('tokens.active')
                        : t('tokens.revokedAt', { time: formatDateTime(token.revokedAt ?? Number.NaN) })}
                    </span>
                  </td>
                  <td className="devices-table__actions">
                    {state === 'active' && (
                      <button
                        type="button"
                        className="button button--quiet display-tokens-table__revoke"
                        disabled={busyId === token.id}
                        onClick={() => void revoke(token)}
                      >
                        {t('tokens.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      {created && <TokenDialog token={created} onClose={() => setCreated(null)} />}
    </div>
  );
}

/** The wall address, once: the API keeps only the token's hash, so closing this dialog loses it for good. */

/** The display-token API refuses with 400 only (a bad name). */
const TOKEN_REFUSALS = [400] as const;

function TokenDialog({ token, onClose }: { token: CreatedDisplayToken; onClose: () => void }) {
  const { t } = useI18n();
  const url = wallUrl(window.location.origin, token.token);
  return (
    <ShownOnceDialog
      className="display-token-dialog"
      headingId="display-token-heading"
      heading={t('tokens.created.heading', { name: token.name })}
      warning={t('tokens.created.warning')}
      rows={[{ label: t('tokens.created.url'), className: 'display-token-dialog__url', value: url }]}
      copyText={url}
      labels={{
        copy: t('tokens.created.copy'),
        copied: t('tokens.created.copied'),
        copyFailed: t('tokens.created.copyFailed'),
        close: t('tokens.created.close'),
      }}
      onClose={onClose}
    />
  );
}
