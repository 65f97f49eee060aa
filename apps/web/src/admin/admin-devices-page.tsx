/**
 * 管理 · 设备 — device administration for park admins: a searchable, paged device table, provisioning (the MQTT
 * password is shown once, in a dialog), credential rotation, disabling and enabling. The API checks every change
 * (apps/api/src/devices); the form checks the same rules first (device-form.ts) and otherwise shows the API's
 * message, which names the field.
 */
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../plan/use-load';
import type { Session } from '../session/session';
import { LoadStates, ShownOnceDialog, useApiErrorText } from './admin-ui';
import {
  checkForm,
  credentialsText,
  DEVICE_KIND_NAMES,
  deviceRow,
  EMPTY_FORM,
  fieldsFor,
  kindLabel,
  METER_ROLES,
  metricLabel,
  PROCESS_LIMIT_FIELDS,
  PROCESS_LIMIT_LABELS,
  pageCount,
  ROLE_LABELS,
  type DeviceForm,
  type FieldErrors,
} from './device-form';
import { DevicesApi, type DeviceCredentials, type DeviceQuery, type EnterpriseOption } from './devices-api';
import './admin-devices.css';

const PAGE_SIZE = 20;

/** The API's words for a refused change (they name the field); the interface's for the rest. */
export function AdminDevicesPage(props: { session: Session; onUnauthorized: () => void }) {
  const { session, onUnauthorized } = props;
  const { t, language } = useI18n();
  const errorText = useApiErrorText('devices.apiError');
  const api = useMemo(() => new DevicesApi(session.token, onUnauthorized), [session.token, onUnauthorized]);

  // `?q=` from a link (the device page's 在设备管理中查看) opens the table searched for that device.
  const [initialSearch] = useState(() => new URLSearchParams(window.location.search).get('q') ?? '');
  const [query, setQuery] = useState<DeviceQuery>({
    q: initialSearch,
    kind: '',
    enabled: '',
    page: 1,
    pageSize: PAGE_SIZE,
  });
  const [search, setSearch] = useState(initialSearch);
  const loadDevices = useCallback((signal: AbortSignal) => api.list(query, signal), [api, query]);
  const [devices, reloadDevices] = useLoad(loadDevices);
  const loadEnterprises = useCallback((signal: AbortSignal) => api.enterprises(signal), [api]);
  const [enterprises, reloadEnterprises] = useLoad(loadEnterprises);
  const enterpriseList = enterprises.state === 'ready' ? enterprises.data : [];

  // POST /api/devices/:id/credentials is admin only; 安监/环保 staff provision, change and disable devices.
  const mayIssueCredentials = session.user.role === 'admin';
  const [showForm, setShowForm] = useState(false);
  const [credentials, setCredentials] = useState<DeviceCredentials | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  async function act(id: string, call: () => Promise<unknown>) {
    setBusyId(id);
    setActionError(null);
    try {
      await call();
      reloadDevices();
    } catch (error) {
      setActionError(t('devices.actionFailed', { id, message: errorText(error) }));
    } finally {
      setBusyId(null);
    }
  }

  function rotate(id: string) {
    if (!window.confirm(t('devices.rotateConfirm', { id }))) return;
    void act(id, async () => setCredentials((await api.rotate(id)).credentials));
  }

  const total = devices.state === 'ready' ? devices.data.total : 0;
  const pages = pageCount(total, query.pageSize);

  return (
    <div className="devices">
      <div className="devices__header">
        <div>
          <h1 className="devices__title">{t('devices.heading')}</h1>
          <p className="devices__subtitle">{t('devices.subtitle')}</p>
        </div>
        <button
          type="button"
          className="button button--primary devices__new"
          aria-expanded={showForm}
          onClick={() => setShowForm((v) => !v)}
        >
          {t('devices.new')}
        </button>
      </div>

      {showForm && (
        <ProvisionForm
          api={api}
          enterprises={enterpriseList}
          enterprisesFailed={enterprises.state === 'error'}
          onRetryEnterprises={reloadEnterprises}
          onProvisioned={(c) => {
            setCredentials(c);
            setShowForm(false);
            reloadDevices();
          }}
          onCancel={() => setShowForm(false)}
        />
      )}

      <form
        className="devices__filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery((q) => ({ ...q, q: search, page: 1 }));
        }}
      >
        <input
          className="input devices__search"
          type="search"
          name="q"
          aria-label={t('devices.search')}
          placeholder={t('devices.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select
          className="input"
          name="kind"
          aria-label={t('devices.col.kind')}
          value={query.kind}
          onChange={(e) => setQuery((q) => ({ ...q, kind: e.target.value, page: 1 }))}
        >
          <option value="">{t('devices.filter.allKinds')}</option>
          {DEVICE_KIND_NAMES.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k, language)}
            </option>
          ))}
        </select>
        <select
          className="input"
          name="enabled"
          aria-label={t('devices.col.enabled')}
          value={query.enabled}
          onChange={(e) => setQuery((q) => ({ ...q, enabled: e.target.value, page: 1 }))}
        >
          <option value="">{t('devices.filter.allStates')}</option>
          <option value="true">{t('devices.enabled')}</option>
          <option value="false">{t('devices.disabled')}</option>
        </select>
        <button type="submit" className="button">
          {t('devices.searchButton')}
        </button>
      </form>

      {actionError && (
        <p className="notice notice--error" role="alert">
          {actionError}
        </p>
      )}

      <LoadStates
        load={devices}
        loadingText={t('devices.loading')}
        errorText={(error) => t('devices.loadError', { message: errorText(error) })}
        retryLabel={t('devices.retry')}
        onRetry={reloadDevices}
      />
      {devices.state === 'ready' && devices.data.items.length === 0 && (
        <p className="state state--empty">{t('devices.empty')}</p>
      )}
      {devices.state === 'ready' && devices.data.items.length > 0 && (
        <>
          <table className="devices-table">
            <thead>
              <tr>
                <th>{t('devices.col.id')}</th>
                <th>{t('devices.col.name')}</th>
                <th>{t('devices.col.kind')}</th>
                <th>{t('devices.col.enterprise')}</th>
                <th>{t('devices.col.line')}</th>
                <th>{t('devices.col.enabled')}</th>
                <th>{t('devices.col.credential')}</th>
                <th>{t('devices.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {devices.data.items.map((device) => {
                const row = deviceRow(device, enterpriseList, language);
                return (
                  <tr key={row.id} data-device={row.id}>
                    <td className="devices-table__id">{row.id}</td>
                    <td>{row.name}</td>
                    <td>{row.kind}</td>
                    <td>{row.enterprise}</td>
                    <td title={row.lineCode ?? undefined}>{row.line}</td>
                    <td className="devices-table__enabled">
                      <span
                        className={`device-state ${row.enabled ? 'device-state--on' : 'device-state--off'}`}
                      >
                        {t(row.enabled ? 'devices.enabled' : 'devices.disabled')}
                      </span>
                    </td>
                    <td className="devices-table__credential">
                      {t(row.hasCredential ? 'devices.credential.yes' : 'devices.credential.no')}
                    </td>
                    <td className="devices-table__actions">
                      <div>
                        {mayIssueCredentials && (
                          <button
                            type="button"
                            className="button button--quiet"
                            disabled={busyId === row.id}
                            onClick={() => rotate(row.id)}
                          >
                            {t('devices.rotate')}
                          </button>
                        )}
                        <button
                          type="button"
                          className="button button--quiet devices-table__toggle"
                          disabled={busyId === row.id}
                          onClick={() => void act(row.id, () => api.setEnabled(row.id, !row.enabled))}
                        >
                          {t(row.enabled ? 'devices.disable' : 'devices.enable')}
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="devices__pager">
            <button
              type="button"
              className="button"
              disabled={query.page <= 1}
              onClick={() => setQuery((q) => ({ ...q, page: q.page - 1 }))}
            >
              {t('devices.prev')}
            </button>
            <span className="devices__page">{t('devices.page', { page: query.page, pages, total })}</span>
            <button
              type="button"
              className="button"
              disabled={query.page >= pages}
              onClick={() => setQuery((q) => ({ ...q, page: q.page + 1 }))}
            >
              {t('devices.next')}
            </button>
          </div>
        </>
      )}

      {credentials && (
        <DeviceCredentialsDialog credentials={credentials} onClose={() => setCredentials(null)} />
      )}
    </div>
  );
}

function ProvisionForm(props: {
  api: DevicesApi;
  enterprises: readonly EnterpriseOption[];
  enterprisesFailed: boolean;
  onRetryEnterprises: () => void;
  onProvisioned: (credentials: DeviceCredentials) => void;
  onCancel: () => void;
}) {
  const { api, enterprises, onProvisioned } = props;
  const { t, language } = useI18n();
  const errorText = useApiErrorText('devices.apiError');
  const [form, setForm] = useState<DeviceForm>(EMPTY_FORM);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [apiError, setApiError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldsFor(form.kind, form.role);

  const set = (changes: Partial<DeviceForm>) => setForm((f) => ({ ...f, ...changes }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const check = checkForm(form);
    setApiError(null);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { credentials } = await api.provision(check.body);
      onProvisioned(credentials);
    } catch (error) {
      setApiError(errorText(error));
      setBusy(false);
    }
  }

  const fieldError = (name: string) =>
    errors[name] ? (
      <span className="field__error" id={`device-${name}-error`}>
        {t(errors[name])}
      </span>
    ) : null;
  const invalid = (name: string) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `device-${name}-error` : undefined,
  });
  const text = (name: 'id' | 'name' | 'line' | 'location' | 'expectedIntervalS', label: MessageKey) => (
    <label className="field">
      <span className="field__label">{t(label)}</span>
      <input
        className="input"
        name={name}
        value={form[name]}
        inputMode={name === 'expectedIntervalS' ? 'numeric' : undefined}
        onChange={(e) => set({ [name]: e.target.value })}
        {...invalid(name)}
      />
      {fieldError(name)}
    </label>
  );

  return (
    <section className="devices__provision" aria-labelledby="device-provision-heading">
      <h2 id="device-provision-heading" className="devices__section-title">
        {t('devices.form.heading')}
      </h2>
      <form className="form devices-form" onSubmit={(e) => void submit(e)} noValidate>
        {text('id', 'devices.form.id')}
        {text('name', 'devices.form.name')}
        <label className="field">
          <span className="field__label">{t('devices.form.enterprise')}</span>
          <select
            className="input"
            name="enterpriseId"
            value={form.enterpriseId}
            onChange={(e) => set({ enterpriseId: e.target.value })}
            {...invalid('enterpriseId')}
          >
            <option value="">{t('devices.form.choose')}</option>
            {enterprises.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
          {fieldError('enterpriseId')}
          {props.enterprisesFailed && (
            <button type="button" className="button button--quiet" onClick={props.onRetryEnterprises}>
              {t('devices.form.enterprisesRetry')}
            </button>
          )}
        </label>
        <label className="field">
          <span className="field__label">{t('devices.form.kind')}</span>
          <select
            className="input"
            name="kind"
            value={form.kind}
            onChange={(e) =>
              set({
                kind: e.target.value,
                role: '',
                permitLimits: {},
                normalKw: '',
                permitO2Reference: '',
                processLimits: {},
              })
            }
            {...invalid('kind')}
          >
            <option value="">{t('devices.form.choose')}</option>
            {DEVICE_KIND_NAMES.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k, language)}
              </option>
            ))}
          </select>
          {fieldError('kind')}
        </label>
        {fields.role && (
          <label className="field">
            <span className="field__label">{t('devices.form.role')}</span>
            <select
              className="input"
              name="role"
              value={form.role}
              onChange={(e) => set({ role: e.target.value })}
              {...invalid('role')}
            >
              <option value="">{t('devices.form.choose')}</option>
              {METER_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(ROLE_LABELS[r])}
                </option>
              ))}
            </select>
            {fieldError('role')}
          </label>
        )}
        {text('line', 'devices.form.line')}
        {text('location', 'devices.form.location')}
        {text('expectedIntervalS', 'devices.form.interval')}
        {fields.normalKw && (
          <label className="field">
            <span className="field__label">{t('devices.form.normalKw')}</span>
            <input
              className="input"
              name="normalKw"
              inputMode="decimal"
              value={form.normalKw}
              onChange={(e) => set({ normalKw: e.target.value })}
              {...invalid('normalKw')}
            />
            {fieldError('normalKw')}
          </label>
        )}
        {fields.permitO2Reference && (
          <label className="field">
            <span className="field__label">{t('devices.form.o2')}</span>
            <input
              className="input"
              name="permitO2Reference"
              inputMode="decimal"
              value={form.permitO2Reference}
              onChange={(e) => set({ permitO2Reference: e.target.value })}
              {...invalid('permitO2Reference')}
            />
            {fieldError('permitO2Reference')}
          </label>
        )}
        {fields.permitLimits.length > 0 && (
          <fieldset className="devices-form__limits">
            <legend className="field__label">{t('devices.form.limits')}</legend>
            {fields.permitLimits.map((metric) => (
              <label key={metric} className="field">
                <span className="field__label">{metricLabel(form.kind, metric, language)}</span>
                <input
                  className="input"
                  name={`permitLimits.${metric}`}
                  inputMode="decimal"
                  value={form.permitLimits[metric] ?? ''}
                  onChange={(e) => set({ permitLimits: { ...form.permitLimits, [metric]: e.target.value } })}
                  {...invalid(`permitLimits.${metric}`)}
                />
                {fieldError(`permitLimits.${metric}`)}
              </label>
            ))}
          </fieldset>
        )}
        {fields.processLimits.map((metric) => (
          <fieldset key={metric} className="devices-form__limits">
            <legend className="field__label">
              {t('devices.form.processLimits')} · {metricLabel(form.kind, metric, language)}
            </legend>
            {PROCESS_LIMIT_FIELDS.map((key) => (
              <label key={key} className="field">
                <span className="field__label">{t(PROCESS_LIMIT_LABELS[key])}</span>
                <input
                  className="input"
                  name={`processLimits.${metric}.${key}`}
                  inputMode="decimal"
                  value={form.processLimits[`${metric}.${key}`] ?? ''}
                  onChange={(e) =>
                    set({ processLimits: { ...form.processLimits, [`${metric}.${key}`]: e.target.value } })
                  }
                  {...invalid(`processLimits.${metric}.${key}`)}
                />
                {fieldError(`processLimits.${metric}.${key}`)}
              </label>
            ))}
            {fieldError(`processLimits.${metric}`)}
          </fieldset>
        ))}
        {apiError && (
          <p className="notice notice--error devices-form__error" role="alert">
            {apiError}
          </p>
        )}
        <div className="devices-form__actions">
          <button type="button" className="button" onClick={props.onCancel} disabled={busy}>
            {t('devices.form.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t(busy ? 'devices.form.submitting' : 'devices.form.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The credentials, once: the API keeps only a hash, so closing this dialog loses the password for good. */

function DeviceCredentialsDialog({
  credentials,
  onClose,
}: {
  credentials: DeviceCredentials;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const rows: [MessageKey, string, string][] = [
    ['devices.cred.username', 'username', credentials.username],
    ['devices.cred.password', 'password', credentials.password],
    ['devices.cred.telemetryTopic', 'telemetry-topic', credentials.telemetryTopic],
    ['devices.cred.statusTopic', 'status-topic', credentials.statusTopic],
  ];
  return (
    <ShownOnceDialog
      className="device-credentials-dialog"
      headingId="credentials-heading"
      heading={t('devices.cred.heading')}
      warning={t('devices.cred.warning')}
      rows={rows.map(([label, key, value]) => ({ label: t(label), className: `credentials__${key}`, value }))}
      copyText={credentialsText(credentials)}
      labels={{
        copy: t('devices.cred.copy'),
        copied: t('devices.cred.copied'),
        copyFailed: t('devices.cred.copyFailed'),
        close: t('devices.cred.close'),
      }}
      onClose={onClose}
    />
  );
}
