/**
 * 管理 · 回调地址 (Webhook) — the signed HMAC webhooks a park connects its own systems with (docs/alerts.md,
 * "Webhooks"): the list (name, address, severities, enabled), adding and editing one (the secret is write-only:
 * left empty on edit, the stored one stays), enabling and disabling, deleting, and each one's latest deliveries
 * (delivered, retrying or given up, attempts, last HTTP answer).
 */
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../plan/use-load';
import type { Session } from '../session/session';
import { LoadStates, useApiErrorText } from './admin-ui';
import { labelOf, nonEmpty, SEVERITIES, SEVERITY_KEYS } from './notification-form';
import { WebhooksApi, type WebhookDeliveryView, type WebhookView } from './webhooks-api';
import './admin-devices.css';
import './notifications-page.css';

const REFUSALS = [400, 404, 409] as const;
/** The API's shortest secret (webhooks.dto.ts). */
const SECRET_MIN = 16;

interface WebhookDraft {
  readonly name: string;
  readonly url: string;
  readonly secret: string;
  readonly severities: readonly ('info' | 'warning' | 'critical')[];
  readonly enabled: boolean;
}

export function WebhooksPage(props: { session: Session; onUnauthorized: () => void }) {
  const { session, onUnauthorized } = props;
  const { t } = useI18n();
  const errorText = useApiErrorText('webhooks.apiError', REFUSALS);
  const api = useMemo(() => new WebhooksApi(session.token, onUnauthorized), [session.token, onUnauthorized]);
  const loadHooks = useCallback((signal: AbortSignal) => api.list(signal), [api]);
  const [hooks, reloadHooks] = useLoad(loadHooks);
  const [editing, setEditing] = useState<{ hook: WebhookView | null } | null>(null);
  const [shown, setShown] = useState<WebhookView | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  async function act(hook: WebhookView, work: () => Promise<unknown>, failed: MessageKey) {
    setBusyId(hook.id);
    setActionError(null);
    try {
      await work();
      reloadHooks();
    } catch (error) {
      setActionError(t(failed, { name: hook.name, message: errorText(error) }));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <div className="devices notifications webhooks">
      <div className="devices__header">
        <div>
          <h1 className="devices__title webhooks__title">{t('webhooks.heading')}</h1>
          <p className="devices__subtitle">{t('webhooks.subtitle')}</p>
        </div>
        {!editing && (
          <button type="button" className="button button--primary" onClick={() => setEditing({ hook: null })}>
            {t('webhooks.add')}
          </button>
        )}
      </div>

      {editing && (
        <WebhookForm
          key={editing.hook?.id ?? 'new'}
          api={api}
          hook={editing.hook}
          onDone={() => {
            setEditing(null);
            reloadHooks();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {actionError && (
        <p className="notice notice--error" role="alert">
          {actionError}
        </p>
      )}

      <LoadStates
        load={hooks}
        loadingText={t('webhooks.loading')}
        errorText={(error) => t('webhooks.loadError', { message: errorText(error) })}
        retryLabel={t('webhooks.retry')}
        onRetry={reloadHooks}
      />
      {hooks.state === 'ready' && hooks.data.length === 0 && (
        <p className="state state--empty">{t('webhooks.empty')}</p>
      )}
      {hooks.state === 'ready' && hooks.data.length > 0 && (
        <table className="devices-table webhooks-table">
          <thead>
            <tr>
              <th>{t('webhooks.col.name')}</th>
              <th>{t('webhooks.col.url')}</th>
              <th>{t('webhooks.col.severities')}</th>
              <th>{t('webhooks.col.state')}</th>
              <th>{t('webhooks.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {hooks.data.map((hook) => (
              <tr key={hook.id} data-webhook={hook.id}>
                <td>{hook.name}</td>
                <td className="webhooks-table__url">{hook.url}</td>
                <td>{hook.severities.map((s) => labelOf(SEVERITY_KEYS, s, t)).join('、')}</td>
                <td>
                  <span className={`device-state ${hook.enabled ? 'device-state--on' : 'device-state--off'}`}>
                    {t(hook.enabled ? 'notify.enabled' : 'notify.disabled')}
                  </span>
                </td>
                <td className="devices-table__actions">
                  <div>
                    <button
                      type="button"
                      className="button"
                      onClick={() => setShown(shown?.id === hook.id ? null : hook)}
                    >
                      {t('webhooks.deliveries')}
                    </button>
                    <button
                      type="button"
                      className="button button--quiet"
                      disabled={busyId === hook.id}
                      onClick={() => setEditing({ hook })}
                    >
                      {t('notify.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button--quiet"
                      disabled={busyId === hook.id}
                      onClick={() =>
                        void act(
                          hook,
                          () =>
                            api.update(hook.id, {
                              name: hook.name,
                              url: hook.url,
                              severities: nonEmpty(hook.severities as WebhookDraft['severities']),
                              enabled: !hook.enabled,
                            }),
                          'webhooks.toggleFailed',
                        )
                      }
                    >
                      {t(hook.enabled ? 'notify.disable' : 'notify.enable')}
                    </button>
                    <button
                      type="button"
                      className="button button--quiet"
                      disabled={busyId === hook.id}
                      onClick={() => {
                        if (window.confirm(t('webhooks.removeConfirm', { name: hook.name })))
                          void act(hook, () => api.remove(hook.id), 'webhooks.removeFailed');
                      }}
                    >
                      {t('notify.remove')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown && <WebhookDeliveries api={api} hook={shown} />}
    </div>
  );
}

function WebhookDeliveries({ api, hook }: { api: WebhooksApi; hook: WebhookView }) {
  const { t } = useI18n();
  const errorText = useApiErrorText('webhooks.apiError', REFUSALS);
  const load = useCallback((signal: AbortSignal) => api.deliveries(hook.id, signal), [api, hook.id]);
  const [deliveries, reload] = useLoad(load);
  return (
    <section className="notifications__deliveries" aria-labelledby="webhook-deliveries-heading">
      <div className="notifications__deliveries-header">
        <h2 id="webhook-deliveries-heading" className="devices__section-title">
          {t('webhooks.deliveriesOf', { name: hook.name })}
        </h2>
        <button type="button" className="button button--quiet" onClick={reload}>
          {t('notify.deliveries.refresh')}
        </button>
      </div>
      <LoadStates
        load={deliveries}
        loadingText={t('notify.deliveries.loading')}
        errorText={(error) => t('webhooks.loadError', { message: errorText(error) })}
        retryLabel={t('webhooks.retry')}
        onRetry={reload}
      />
      {deliveries.state === 'ready' && deliveries.data.length === 0 && (
        <p className="state state--empty">{t('notify.deliveries.empty')}</p>
      )}
      {deliveries.state === 'ready' && deliveries.data.length > 0 && (
        <table className="devices-table webhooks-deliveries">
          <thead>
            <tr>
              <th>{t('webhooks.delivery.event')}</th>
              <th>{t('notify.deliveries.col.status')}</th>
              <th>{t('notify.deliveries.col.attempts')}</th>
              <th>{t('webhooks.delivery.answer')}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.map((d) => (
              <tr key={d.id}>
                <td>{t('webhooks.delivery.seq', { seq: d.eventSeq })}</td>
                <td>{webhookDeliveryState(d, t)}</td>
                <td>{t('notify.deliveries.attempts', { count: d.attempts })}</td>
                <td>
                  {d.lastStatus !== null && d.lastStatus >= 200 && d.lastStatus < 300
                    ? t('notify.answer.ok')
                    : d.lastStatus !== null
                      ? t('notify.answer.refused')
                      : d.lastError
                        ? t('notify.answer.unreachable')
                        : ''}
                  {(d.lastStatus !== null || d.lastError) && (
                    <details>
                      <summary>{t('notify.answer.raw')}</summary>
                      <code>
                        {[d.lastStatus !== null ? `HTTP ${d.lastStatus}` : '', d.lastError ?? '']
                          .join(' ')
                          .trim()}
                      </code>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function webhookDeliveryState(d: WebhookDeliveryView, t: ReturnType<typeof useI18n>['t']): string {
  if (d.deliveredAt !== null)
    return t('webhooks.delivery.delivered', { time: formatDateTime(d.deliveredAt) });
  if (d.gaveUpAt !== null) return t('webhooks.delivery.gaveUp', { time: formatDateTime(d.gaveUpAt) });
  return t('webhooks.delivery.retrying', { time: formatDateTime(d.nextAttemptAt) });
}

function WebhookForm(props: {
  api: WebhooksApi;
  hook: WebhookView | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const errorText = useApiErrorText('webhooks.apiError', REFUSALS);
  const { hook } = props;
  const [draft, setDraft] = useState<WebhookDraft>({
    name: hook?.name ?? '',
    url: hook?.url ?? '',
    secret: '',
    severities: (hook?.severities as WebhookDraft['severities'] | undefined) ?? ['critical'],
    enabled: hook?.enabled ?? true,
  });
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const set = (patch: Partial<WebhookDraft>) => setDraft((d) => ({ ...d, ...patch }));

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const secret = draft.secret.trim();
    const found: MessageKey | null = !draft.name.trim()
      ? 'notify.error.name'
      : !/^https?:\/\//.test(draft.url.trim())
        ? 'webhooks.error.url'
        : (hook === null || secret !== '') && secret.length < SECRET_MIN
          ? 'webhooks.error.secret'
          : draft.severities.length === 0
            ? 'notify.error.severities'
            : null;
    setProblem(found);
    setSaveError(null);
    if (found) return;
    setSaving(true);
    try {
      const body = {
        name: draft.name.trim(),
        url: draft.url.trim(),
        severities: nonEmpty(draft.severities),
        enabled: draft.enabled,
      };
      if (hook) await props.api.update(hook.id, secret ? { ...body, secret } : body);
      else await props.api.create({ ...body, secret });
      props.onDone();
    } catch (error) {
      setSaveError(errorText(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="devices__provision" aria-labelledby="webhook-form-heading">
      <h2 id="webhook-form-heading" className="devices__section-title">
        {hook ? t('webhooks.form.editHeading', { name: hook.name }) : t('webhooks.form.newHeading')}
      </h2>
      <form className="form notifications__form" onSubmit={(e) => void save(e)} noValidate>
        <div className="notifications__row">
          <label className="field">
            <span className="field__label">{t('webhooks.form.name')}</span>
            <input
              className="input"
              name="webhookName"
              value={draft.name}
              onChange={(e) => set({ name: e.target.value })}
            />
          </label>
          <label className="field">
            <span className="field__label">{t('webhooks.form.url')}</span>
            <input
              className="input"
              name="webhookUrl"
              value={draft.url}
              placeholder="https://…"
              onChange={(e) => set({ url: e.target.value })}
            />
          </label>
          <label className="field">
            <span className="field__label">{t('webhooks.form.secret')}</span>
            <input
              className="input"
              name="webhookSecret"
              type="password"
              autoComplete="off"
              value={draft.secret}
              placeholder={
                hook ? t('webhooks.form.keepSecret') : t('webhooks.form.secretHint', { min: SECRET_MIN })
              }
              onChange={(e) => set({ secret: e.target.value })}
            />
          </label>
        </div>
        <fieldset className="notifications__fieldset">
          <legend className="field__label">{t('notify.form.severities')}</legend>
          <div className="notifications__checks">
            {SEVERITIES.map((s) => (
              <label key={s} className="field field--check">
                <input
                  type="checkbox"
                  checked={draft.severities.includes(s)}
                  onChange={(e) =>
                    set({
                      severities: e.target.checked
                        ? [...draft.severities.filter((v) => v !== s), s]
                        : draft.severities.filter((v) => v !== s),
                    })
                  }
                />
                {t(SEVERITY_KEYS[s])}
              </label>
            ))}
          </div>
        </fieldset>
        <p className="notifications__kind-help">{t('webhooks.form.signatureHelp')}</p>
        <label className="field field--check">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => set({ enabled: e.target.checked })}
          />
          <span className="field__label">{t('notify.form.enabled')}</span>
        </label>
        {problem && (
          <p className="notice notice--error" role="alert">
            {t(problem, { min: SECRET_MIN })}
          </p>
        )}
        {saveError && (
          <p className="notice notice--error" role="alert">
            {saveError}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={props.onCancel}>
            {t('notify.form.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={saving}>
            {t(saving ? 'notify.form.saving' : 'notify.form.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
