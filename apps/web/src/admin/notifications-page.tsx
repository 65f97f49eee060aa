/**
 * 管理 · 通知渠道 — where alerts go besides the browser (docs/notifications.md): the channels (企业微信 and 钉钉
 * group robots, 飞书, e-mail, Aliyun and Tencent Cloud SMS) with what each receives (severities, event types, the
 * whole park or one enterprise) and who; adding and editing one with its kind's own settings (secrets shown
 * masked, kept unless retyped); enabling and disabling; 发送测试消息 with the provider's answer in words; and the
 * recent deliveries with their status, attempts and the provider's last answer.
 */
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../plan/use-load';
import type { Session } from '../session/session';
import { LoadStates, useApiErrorText } from './admin-ui';
import type { EnterpriseOption } from './devices-api';
import {
  answerVerdict,
  bodyOf,
  CHANNEL_KINDS,
  DELIVERY_STATUS_KEYS,
  draftOf,
  draftProblems,
  emptyDraft,
  EVENT_KEYS,
  eventTypesFor,
  KIND_FIELDS,
  KIND_HELP_KEYS,
  KIND_KEYS,
  labelOf,
  PERSON_KINDS,
  SEVERITIES,
  SEVERITY_KEYS,
  type ChannelDraft,
  type ChannelKind,
  type DraftProblem,
} from './notification-form';
import {
  NotificationsApi,
  type NotificationChannelView,
  type NotificationDeliveryView,
  type NotificationTestResult,
} from './notifications-api';
import './admin-devices.css';
import './notifications-page.css';

const REFUSALS = [400, 404, 409] as const;
const DELIVERIES_PAGE_SIZE = 20;

type Editing =
  { readonly mode: 'new' } | { readonly mode: 'edit'; readonly channel: NotificationChannelView };

export function NotificationsPage(props: { session: Session; onUnauthorized: () => void }) {
  const { session, onUnauthorized } = props;
  const { t } = useI18n();
  const errorText = useApiErrorText('notify.apiError', REFUSALS);
  const api = useMemo(
    () => new NotificationsApi(session.token, onUnauthorized),
    [session.token, onUnauthorized],
  );
  const loadChannels = useCallback((signal: AbortSignal) => api.channels(signal), [api]);
  const [channels, reloadChannels] = useLoad(loadChannels);
  const loadEnterprises = useCallback((signal: AbortSignal) => api.enterprises(signal), [api]);
  const [enterprises] = useLoad(loadEnterprises);
  const [deliveryChannel, setDeliveryChannel] = useState('');
  const [deliveryPage, setDeliveryPage] = useState(1);
  const loadDeliveries = useCallback(
    (signal: AbortSignal) =>
      api.deliveries(
        { channel: deliveryChannel || undefined, page: deliveryPage, pageSize: DELIVERIES_PAGE_SIZE },
        signal,
      ),
    [api, deliveryChannel, deliveryPage],
  );
  const [deliveries, reloadDeliveries] = useLoad(loadDeliveries);

  const [editing, setEditing] = useState<Editing | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [tested, setTested] = useState<{ name: string; result: NotificationTestResult } | null>(null);

  async function act(channel: NotificationChannelView, work: () => Promise<unknown>, failed: MessageKey) {
    setBusyId(channel.id);
    setActionError(null);
    try {
      await work();
    } catch (error) {
      setActionError(t(failed, { name: channel.name, message: errorText(error) }));
    } finally {
      setBusyId(null);
    }
  }

  const toggle = (channel: NotificationChannelView) =>
    act(
      channel,
      async () => {
        await api.update(channel.id, { ...bodyOf(draftOf(channel)), enabled: !channel.enabled });
        reloadChannels();
      },
      'notify.toggleFailed',
    );

  const remove = (channel: NotificationChannelView) => {
    if (!window.confirm(t('notify.removeConfirm', { name: channel.name }))) return;
    void act(
      channel,
      async () => {
        await api.remove(channel.id);
        reloadChannels();
        reloadDeliveries();
      },
      'notify.removeFailed',
    );
  };

  const test = (channel: NotificationChannelView) =>
    act(
      channel,
      async () => {
        setTested(null);
        setTested({ name: channel.name, result: await api.test(channel.id) });
        reloadDeliveries();
      },
      'notify.testFailed',
    );

  const enterpriseList = enterprises.state === 'ready' ? enterprises.data : [];

  return (
    <div className="devices notifications">
      <div className="devices__header">
        <div>
          <h1 className="devices__title notifications__title">{t('notify.heading')}</h1>
          <p className="devices__subtitle">{t('notify.subtitle')}</p>
        </div>
        {!editing && (
          <button
            type="button"
            className="button button--primary notifications__add"
            onClick={() => setEditing({ mode: 'new' })}
          >
            {t('notify.add')}
          </button>
        )}
      </div>

      {editing && (
        <ChannelForm
          key={editing.mode === 'edit' ? editing.channel.id : 'new'}
          api={api}
          editing={editing}
          enterprises={enterpriseList}
          onDone={() => {
            setEditing(null);
            reloadChannels();
          }}
          onCancel={() => setEditing(null)}
        />
      )}

      {actionError && (
        <p className="notice notice--error notifications__action-error" role="alert">
          {actionError}
        </p>
      )}
      {tested && <TestAnswer name={tested.name} result={tested.result} onClose={() => setTested(null)} />}

      <LoadStates
        load={channels}
        loadingText={t('notify.loading')}
        errorText={(error) => t('notify.loadError', { message: errorText(error) })}
        retryLabel={t('notify.retry')}
        onRetry={reloadChannels}
      />
      {channels.state === 'ready' && channels.data.length === 0 && (
        <p className="state state--empty">{t('notify.empty')}</p>
      )}
      {channels.state === 'ready' && channels.data.length > 0 && (
        <table className="devices-table notifications-table">
          <thead>
            <tr>
              <th>{t('notify.col.name')}</th>
              <th>{t('notify.col.kind')}</th>
              <th>{t('notify.col.receives')}</th>
              <th>{t('notify.col.scope')}</th>
              <th>{t('notify.col.recipients')}</th>
              <th>{t('notify.col.state')}</th>
              <th>{t('notify.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {channels.data.map((channel) => (
              <tr key={channel.id} data-channel={channel.id}>
                <td className="notifications-table__name">{channel.name}</td>
                <td>{labelOf(KIND_KEYS, channel.kind, t)}</td>
                <td>
                  {channel.severities.map((s) => labelOf(SEVERITY_KEYS, s, t)).join('、')}
                  <br />
                  <span className="notifications-table__events">
                    {channel.eventTypes.map((e) => labelOf(EVENT_KEYS, e, t)).join('、')}
                  </span>
                </td>
                <td>{channel.enterpriseName ?? t('notify.scope.park')}</td>
                <td>
                  {PERSON_KINDS.has(channel.kind)
                    ? channel.recipients.map((r) => r.name).join('、')
                    : t('notify.recipients.group')}
                </td>
                <td>
                  <span
                    className={`device-state ${channel.enabled ? 'device-state--on' : 'device-state--off'}`}
                  >
                    {t(channel.enabled ? 'notify.enabled' : 'notify.disabled')}
                  </span>
                </td>
                <td className="devices-table__actions">
                  <div>
                    <button
                      type="button"
                      className="button notifications-table__test"
                      disabled={busyId === channel.id}
                      onClick={() => void test(channel)}
                    >
                      {t(busyId === channel.id ? 'notify.testing' : 'notify.test')}
                    </button>
                    <button
                      type="button"
                      className="button button--quiet notifications-table__edit"
                      disabled={busyId === channel.id}
                      onClick={() => setEditing({ mode: 'edit', channel })}
                    >
                      {t('notify.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button--quiet notifications-table__toggle"
                      disabled={busyId === channel.id}
                      onClick={() => void toggle(channel)}
                    >
                      {t(channel.enabled ? 'notify.disable' : 'notify.enable')}
                    </button>
                    <button
                      type="button"
                      className="button button--quiet notifications-table__remove"
                      disabled={busyId === channel.id}
                      onClick={() => remove(channel)}
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

      <section className="notifications__deliveries" aria-labelledby="deliveries-heading">
        <div className="notifications__deliveries-header">
          <h2 id="deliveries-heading" className="devices__section-title">
            {t('notify.deliveries.heading')}
          </h2>
          <label className="field notifications__delivery-filter">
            <span className="field__label">{t('notify.deliveries.channel')}</span>
            <select
              className="input"
              value={deliveryChannel}
              onChange={(e) => {
                setDeliveryChannel(e.target.value);
                setDeliveryPage(1);
              }}
            >
              <option value="">{t('notify.deliveries.allChannels')}</option>
              {channels.state === 'ready' &&
                channels.data.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
          </label>
          <button type="button" className="button button--quiet" onClick={reloadDeliveries}>
            {t('notify.deliveries.refresh')}
          </button>
        </div>
        <LoadStates
          load={deliveries}
          loadingText={t('notify.deliveries.loading')}
          errorText={(error) => t('notify.loadError', { message: errorText(error) })}
          retryLabel={t('notify.retry')}
          onRetry={reloadDeliveries}
        />
        {deliveries.state === 'ready' && deliveries.data.items.length === 0 && (
          <p className="state state--empty">{t('notify.deliveries.empty')}</p>
        )}
        {deliveries.state === 'ready' && deliveries.data.items.length > 0 && (
          <>
            <table className="devices-table notifications-deliveries">
              <thead>
                <tr>
                  <th>{t('notify.deliveries.col.time')}</th>
                  <th>{t('notify.deliveries.col.channel')}</th>
                  <th>{t('notify.deliveries.col.event')}</th>
                  <th>{t('notify.deliveries.col.recipient')}</th>
                  <th>{t('notify.deliveries.col.status')}</th>
                  <th>{t('notify.deliveries.col.attempts')}</th>
                  <th>{t('notify.deliveries.col.answer')}</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.data.items.map((d) => (
                  <DeliveryRow key={d.id} delivery={d} />
                ))}
              </tbody>
            </table>
            <div className="devices__pager">
              <button
                type="button"
                className="button button--quiet"
                disabled={deliveryPage <= 1}
                onClick={() => setDeliveryPage((p) => p - 1)}
              >
                {t('notify.deliveries.previous')}
              </button>
              <span>
                {t('notify.deliveries.pageOf', {
                  page: deliveries.data.page,
                  pages: Math.max(1, Math.ceil(deliveries.data.total / deliveries.data.pageSize)),
                })}
              </span>
              <button
                type="button"
                className="button button--quiet"
                disabled={deliveryPage * DELIVERIES_PAGE_SIZE >= deliveries.data.total}
                onClick={() => setDeliveryPage((p) => p + 1)}
              >
                {t('notify.deliveries.next')}
              </button>
            </div>
          </>
        )}
      </section>
    </div>
  );
}

function DeliveryRow({ delivery: d }: { delivery: NotificationDeliveryView }) {
  const { t } = useI18n();
  const verdict =
    d.lastAttemptAt === null
      ? null
      : answerVerdict({ ok: d.status === 'delivered', status: d.lastStatus, answer: d.lastAnswer ?? '' });
  return (
    <tr data-delivery={d.id} data-status={d.status}>
      <td>{formatDateTime(d.lastAttemptAt ?? d.createdAt)}</td>
      <td>{d.channelName}</td>
      <td>{labelOf(EVENT_KEYS, d.eventType, t)}</td>
      <td>{d.recipient ? `${d.recipient.name}（${d.recipient.address}）` : t('notify.recipients.group')}</td>
      <td>
        <span className={`notifications-status notifications-status--${d.status}`}>
          {t(DELIVERY_STATUS_KEYS[d.status] ?? 'notify.status.pending')}
        </span>
        {d.status === 'pending' && d.attempts > 0 && (
          <span className="notifications-deliveries__retry">
            {t('notify.deliveries.retryAt', { time: formatDateTime(d.nextAttemptAt) })}
          </span>
        )}
      </td>
      <td>{t('notify.deliveries.attempts', { count: d.attempts })}</td>
      <td className="notifications-deliveries__answer">
        {verdict && <span>{t(verdict)}</span>}
        {d.lastAnswer && (
          <details>
            <summary>{t('notify.answer.raw')}</summary>
            <code>{d.lastAnswer}</code>
          </details>
        )}
      </td>
    </tr>
  );
}

/** The provider's answer to 发送测试消息: a sentence first, the provider's own words under it. */
function TestAnswer(props: { name: string; result: NotificationTestResult; onClose: () => void }) {
  const { t } = useI18n();
  const { result } = props;
  return (
    <div
      className={`notice ${result.ok ? 'notice--info' : 'notice--error'} notifications__test-answer`}
      role="status"
      data-ok={result.ok ? 'true' : 'false'}
    >
      <p>
        <strong>{t('notify.testResult', { name: props.name })}</strong>
        {t(answerVerdict(result))}
      </p>
      {result.answer && (
        <details open={!result.ok}>
          <summary>{t('notify.answer.raw')}</summary>
          <code className="notifications__answer-text">{result.answer}</code>
        </details>
      )}
      <button type="button" className="button button--quiet" onClick={props.onClose}>
        {t('notify.close')}
      </button>
    </div>
  );
}

function ChannelForm(props: {
  api: NotificationsApi;
  editing: Editing;
  enterprises: readonly EnterpriseOption[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const errorText = useApiErrorText('notify.apiError', REFUSALS);
  const stored = props.editing.mode === 'edit' ? props.editing.channel : null;
  const [draft, setDraft] = useState<ChannelDraft>(() => (stored ? draftOf(stored) : emptyDraft()));
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  // A stored secret stays when its field is left empty — unless the kind changed (nothing carries over).
  const storedSecrets = stored && stored.kind === draft.kind ? stored.secretFields : [];

  const set = (patch: Partial<ChannelDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setConfig = (key: string, value: string | boolean) =>
    setDraft((d) => ({ ...d, config: { ...d.config, [key]: value } }));
  const toggleIn = (list: readonly string[], value: string, on: boolean) =>
    on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
  const problemOf = (field: string) => problems.find((p) => p.field === field);

  function changeKind(kind: ChannelKind) {
    setDraft((d) => ({
      ...d,
      kind,
      config: {},
      recipients: PERSON_KINDS.has(kind)
        ? d.recipients.length
          ? d.recipients
          : [{ name: '', address: '' }]
        : [],
    }));
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = draftProblems(draft, storedSecrets);
    setProblems(found);
    setSaveError(null);
    if (found.length > 0) return;
    setSaving(true);
    try {
      const body = bodyOf(draft);
      if (stored) await props.api.update(stored.id, body);
      else await props.api.create(body);
      props.onDone();
    } catch (error) {
      setSaveError(errorText(error));
    } finally {
      setSaving(false);
    }
  }

  const recipientLabel: MessageKey =
    draft.kind === 'email' ? 'notify.recipient.email' : 'notify.recipient.phone';

  return (
    <section
      className="devices__provision notifications__form-section"
      aria-labelledby="channel-form-heading"
    >
      <h2 id="channel-form-heading" className="devices__section-title">
        {stored ? t('notify.form.editHeading', { name: stored.name }) : t('notify.form.newHeading')}
      </h2>
      <form className="form notifications__form" onSubmit={(e) => void save(e)} noValidate>
        <div className="notifications__row">
          <label className="field">
            <span className="field__label">{t('notify.form.name')}</span>
            <input
              className="input"
              name="channelName"
              value={draft.name}
              placeholder={t('notify.form.namePlaceholder')}
              onChange={(e) => set({ name: e.target.value })}
              aria-invalid={problemOf('name') ? true : undefined}
            />
            {problemOf('name') && <span className="field__error">{t(problemOf('name')!.message)}</span>}
          </label>
          <label className="field">
            <span className="field__label">{t('notify.form.kind')}</span>
            <select
              className="input"
              name="channelKind"
              value={draft.kind}
              onChange={(e) => changeKind(e.target.value as ChannelKind)}
            >
              {CHANNEL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(KIND_KEYS[k])}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="notifications__kind-help">{t(KIND_HELP_KEYS[draft.kind])}</p>

        <fieldset className="notifications__fieldset">
          <legend className="field__label">{t('notify.form.settings')}</legend>
          <div className="notifications__row">
            {KIND_FIELDS[draft.kind].map((field) => {
              const value = draft.config[field.key];
              const problem = problemOf(`config.${field.key}`);
              if (field.kind === 'flag')
                return (
                  <label key={field.key} className="field field--check">
                    <input
                      type="checkbox"
                      name={`config.${field.key}`}
                      checked={value === true}
                      onChange={(e) => setConfig(field.key, e.target.checked)}
                    />
                    <span className="field__label">{t(field.label)}</span>
                  </label>
                );
              const masked =
                field.secret && storedSecrets.includes(field.key) ? stored?.config[field.key] : undefined;
              return (
                <label key={field.key} className="field">
                  <span className="field__label">{t(field.label)}</span>
                  <input
                    className="input"
                    name={`config.${field.key}`}
                    type={field.secret ? 'password' : field.kind === 'number' ? 'number' : 'text'}
                    autoComplete="off"
                    value={typeof value === 'string' ? value : ''}
                    placeholder={
                      typeof masked === 'string' ? t('notify.form.keepSecret', { masked }) : field.placeholder
                    }
                    onChange={(e) => setConfig(field.key, e.target.value)}
                    aria-invalid={problem ? true : undefined}
                  />
                  {problem && <span className="field__error">{t(problem.message)}</span>}
                </label>
              );
            })}
          </div>
        </fieldset>

        <fieldset className="notifications__fieldset">
          <legend className="field__label">{t('notify.form.severities')}</legend>
          <div className="notifications__checks">
            {SEVERITIES.map((s) => (
              <label key={s} className="field field--check">
                <input
                  type="checkbox"
                  name={`severity.${s}`}
                  checked={draft.severities.includes(s)}
                  onChange={(e) => set({ severities: toggleIn(draft.severities, s, e.target.checked) })}
                />
                {t(SEVERITY_KEYS[s])}
              </label>
            ))}
          </div>
          {problemOf('severities') && (
            <span className="field__error">{t(problemOf('severities')!.message)}</span>
          )}
        </fieldset>

        <fieldset className="notifications__fieldset">
          <legend className="field__label">{t('notify.form.eventTypes')}</legend>
          <div className="notifications__checks">
            {eventTypesFor(draft.kind).map((e) => (
              <label key={e} className="field field--check">
                <input
                  type="checkbox"
                  name={`event.${e}`}
                  checked={draft.eventTypes.includes(e)}
                  onChange={(ev) => set({ eventTypes: toggleIn(draft.eventTypes, e, ev.target.checked) })}
                />
                {t(EVENT_KEYS[e])}
              </label>
            ))}
          </div>
          {problemOf('eventTypes') && (
            <span className="field__error">{t(problemOf('eventTypes')!.message)}</span>
          )}
        </fieldset>

        <label className="field">
          <span className="field__label">{t('notify.form.scope')}</span>
          <select
            className="input"
            name="enterpriseId"
            value={draft.enterpriseId}
            onChange={(e) => set({ enterpriseId: e.target.value })}
          >
            <option value="">{t('notify.scope.park')}</option>
            {props.enterprises.map((e) => (
              <option key={e.id} value={e.id}>
                {t('notify.scope.enterprise', { name: e.name })}
              </option>
            ))}
          </select>
          <span className="field__hint">{t('notify.form.scopeHint')}</span>
        </label>

        {PERSON_KINDS.has(draft.kind) && (
          <fieldset className="notifications__fieldset">
            <legend className="field__label">{t('notify.form.recipients')}</legend>
            {draft.recipients.map((r, i) => (
              <div key={i} className="notifications__recipient">
                <input
                  className="input"
                  name={`recipient.${i}.name`}
                  value={r.name}
                  placeholder={t('notify.recipient.name')}
                  aria-label={t('notify.recipient.name')}
                  onChange={(e) =>
                    set({
                      recipients: draft.recipients.map((x, j) =>
                        j === i ? { ...x, name: e.target.value } : x,
                      ),
                    })
                  }
                />
                <input
                  className="input"
                  name={`recipient.${i}.address`}
                  value={r.address}
                  placeholder={t(recipientLabel)}
                  aria-label={t(recipientLabel)}
                  inputMode={draft.kind === 'email' ? 'email' : 'tel'}
                  onChange={(e) =>
                    set({
                      recipients: draft.recipients.map((x, j) =>
                        j === i ? { ...x, address: e.target.value } : x,
                      ),
                    })
                  }
                />
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => set({ recipients: draft.recipients.filter((_, j) => j !== i) })}
                >
                  {t('notify.recipient.remove')}
                </button>
              </div>
            ))}
            <button
              type="button"
              className="button button--quiet"
              onClick={() => set({ recipients: [...draft.recipients, { name: '', address: '' }] })}
            >
              {t('notify.recipient.add')}
            </button>
            {problemOf('recipients') && (
              <span className="field__error">{t(problemOf('recipients')!.message)}</span>
            )}
            <span className="field__hint">{t('notify.form.testGoesToFirst')}</span>
          </fieldset>
        )}

        <label className="field field--check">
          <input
            type="checkbox"
            name="enabled"
            checked={draft.enabled}
            onChange={(e) => set({ enabled: e.target.checked })}
          />
          <span className="field__label">{t('notify.form.enabled')}</span>
        </label>

        {saveError && (
          <p className="notice notice--error notifications__save-error" role="alert">
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
