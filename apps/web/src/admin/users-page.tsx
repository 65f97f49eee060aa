/**
 * 管理 · 用户 — user administration for park admins: a searchable, paged user table (role in words, the energy
 * manager's enterprise, enabled or disabled), creating a user (the initial password generated and shown once, or
 * typed), changing display name, role and enterprise, resetting the password (a new one, shown once), disabling and
 * enabling. The API checks every change (apps/api/src/users); the forms check the same rules first (users-form.ts)
 * and otherwise show the API's message — e.g. that an admin cannot disable or demote themselves.
 */
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../plan/use-load';
import { DEPARTMENT_LABELS, ROLE_LABELS } from '../session/access';
import type { Session } from '../session/session';
import { LoadStates, ShownOnceDialog, useApiErrorText } from './admin-ui';
import type { EnterpriseOption } from './devices-api';
import { pageCount } from './device-form';
import { UsersApi, type UserQuery, type UserView } from './users-api';
import {
  checkUserEdit,
  checkUserForm,
  editOf,
  EMPTY_USER_FORM,
  generatePassword,
  DEPARTMENT_NAMES,
  needsDepartment,
  needsEnterprise,
  PASSWORD_MIN,
  USER_ROLES,
  userCredentialsText,
  userRow,
  type UserEdit,
  type UserFieldErrors,
  type UserForm,
} from './users-form';
import './admin-devices.css';
import './users-page.css';

const PAGE_SIZE = 20;

const newPassword = () => generatePassword((n) => crypto.getRandomValues(new Uint8Array(n)));

/** The API's words for a refused change (they name the field); the interface's for the rest. */
interface Credentials {
  readonly username: string;
  readonly password: string;
  readonly reason: 'created' | 'reset';
}

export function UsersPage(props: { session: Session; onUnauthorized: () => void }) {
  const { session, onUnauthorized } = props;
  const { t } = useI18n();
  const errorText = useApiErrorText('users.apiError');
  const api = useMemo(() => new UsersApi(session.token, onUnauthorized), [session.token, onUnauthorized]);

  const [query, setQuery] = useState<UserQuery>({ q: '', role: '', page: 1, pageSize: PAGE_SIZE });
  const [search, setSearch] = useState('');
  const loadUsers = useCallback((signal: AbortSignal) => api.list(query, signal), [api, query]);
  const [users, reloadUsers] = useLoad(loadUsers);
  const loadEnterprises = useCallback((signal: AbortSignal) => api.enterprises(signal), [api]);
  const [enterprises, reloadEnterprises] = useLoad(loadEnterprises);
  const enterpriseList = enterprises.state === 'ready' ? enterprises.data : [];

  const [showForm, setShowForm] = useState(false);
  const [editing, setEditing] = useState<UserView | null>(null);
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function act(user: UserView, call: () => Promise<unknown>) {
    setBusyId(user.id);
    setActionError(null);
    setNotice(null);
    try {
      await call();
      reloadUsers();
    } catch (error) {
      setActionError(t('users.actionFailed', { username: user.username, message: errorText(error) }));
    } finally {
      setBusyId(null);
    }
  }

  function resetPassword(user: UserView) {
    if (!window.confirm(t('users.resetConfirm', { username: user.username }))) return;
    const password = newPassword();
    void act(user, async () => {
      await api.update(user.id, { password });
      setCredentials({ username: user.username, password, reason: 'reset' });
    });
  }

  function signOut(user: UserView) {
    if (!window.confirm(t('users.signOutConfirm', { username: user.username }))) return;
    void act(user, async () => {
      const { endedSessions } = await api.signOut(user.id);
      setNotice(t('users.signedOut', { username: user.username, count: endedSessions }));
    });
  }

  function toggle(user: UserView) {
    if (!user.disabled && !window.confirm(t('users.disableConfirm', { username: user.username }))) return;
    void act(user, () => api.update(user.id, { disabled: !user.disabled }));
  }

  const total = users.state === 'ready' ? users.data.total : 0;
  const pages = pageCount(total, query.pageSize);
  const enterpriseProps = {
    enterprises: enterpriseList,
    enterprisesFailed: enterprises.state === 'error',
    onRetryEnterprises: reloadEnterprises,
  };

  return (
    <div className="devices users">
      <div className="devices__header">
        <div>
          <h1 className="devices__title users__title">{t('users.heading')}</h1>
          <p className="devices__subtitle">{t('users.subtitle')}</p>
        </div>
        <button
          type="button"
          className="button button--primary"
          aria-expanded={showForm}
          onClick={() => {
            setEditing(null);
            setShowForm((v) => !v);
          }}
        >
          {t('users.new')}
        </button>
      </div>

      {showForm && (
        <CreateUserForm
          api={api}
          {...enterpriseProps}
          onCreated={(c) => {
            setCredentials(c);
            setShowForm(false);
            reloadUsers();
          }}
          onCancel={() => setShowForm(false)}
        />
      )}
      {editing && (
        <EditUserForm
          key={editing.id}
          api={api}
          user={editing}
          {...enterpriseProps}
          onSaved={() => {
            setEditing(null);
            reloadUsers();
          }}
          onCancel={() => setEditing(null)}
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
          aria-label={t('users.search')}
          placeholder={t('users.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select
          className="input"
          name="roleFilter"
          aria-label={t('users.col.role')}
          value={query.role}
          onChange={(e) => setQuery((q) => ({ ...q, role: e.target.value, page: 1 }))}
        >
          <option value="">{t('users.filter.allRoles')}</option>
          {USER_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(ROLE_LABELS[r])}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          {t('users.searchButton')}
        </button>
      </form>

      {actionError && (
        <p className="notice notice--error users__action-error" role="alert">
          {actionError}
        </p>
      )}
      {notice && (
        <p className="notice users__notice" role="status">
          {notice}
        </p>
      )}

      <LoadStates
        load={users}
        loadingText={t('users.loading')}
        errorText={(error) => t('users.loadError', { message: errorText(error) })}
        retryLabel={t('users.retry')}
        onRetry={reloadUsers}
      />
      {users.state === 'ready' && users.data.items.length === 0 && (
        <p className="state state--empty">{t('users.empty')}</p>
      )}
      {users.state === 'ready' && users.data.items.length > 0 && (
        <>
          <table className="devices-table users-table">
            <thead>
              <tr>
                <th>{t('users.col.username')}</th>
                <th>{t('users.col.displayName')}</th>
                <th>{t('users.col.role')}</th>
                <th>{t('users.col.enterprise')}</th>
                <th>{t('users.col.department')}</th>
                <th>{t('users.col.state')}</th>
                <th>{t('users.col.created')}</th>
                <th>{t('users.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((user) => {
                const row = userRow(user, enterpriseList, session.user.userId);
                return (
                  <tr key={row.id} data-user={row.username}>
                    <td className="devices-table__id">
                      {row.username}
                      {row.self && <span className="users-table__self"> {t('users.self')}</span>}
                    </td>
                    <td>{row.displayName}</td>
                    <td className="users-table__role">{row.role ? t(row.role) : row.roleText}</td>
                    <td className="users-table__enterprise">{row.enterprise}</td>
                    <td className="users-table__department">{row.department ? t(row.department) : '—'}</td>
                    <td className="users-table__state">
                      <span
                        className={`device-state ${row.disabled ? 'device-state--off' : 'device-state--on'}`}
                      >
                        {t(row.disabled ? 'users.disabled' : 'users.enabled')}
                      </span>
                    </td>
                    <td>{formatDateTime(row.createdAt)}</td>
                    <td className="devices-table__actions">
                      <div>
                        <button
                          type="button"
                          className="button button--quiet users-table__edit"
                          disabled={busyId === row.id}
                          onClick={() => {
                            setShowForm(false);
                            setEditing(user);
                          }}
                        >
                          {t('users.edit')}
                        </button>
                        <button
                          type="button"
                          className="button button--quiet users-table__reset"
                          disabled={busyId === row.id}
                          onClick={() => resetPassword(user)}
                        >
                          {t('users.resetPassword')}
                        </button>
                        <button
                          type="button"
                          className="button button--quiet users-table__sign-out"
                          disabled={busyId === row.id}
                          onClick={() => signOut(user)}
                        >
                          {t('users.signOut')}
                        </button>
                        <button
                          type="button"
                          className="button button--quiet users-table__toggle"
                          disabled={busyId === row.id}
                          onClick={() => toggle(user)}
                        >
                          {t(row.disabled ? 'users.enable' : 'users.disable')}
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
              {t('users.prev')}
            </button>
            <span className="devices__page users__page">
              {t('users.page', { page: query.page, pages, total })}
            </span>
            <button
              type="button"
              className="button"
              disabled={query.page >= pages}
              onClick={() => setQuery((q) => ({ ...q, page: q.page + 1 }))}
            >
              {t('users.next')}
            </button>
          </div>
        </>
      )}

      {credentials && <PasswordDialog credentials={credentials} onClose={() => setCredentials(null)} />}
    </div>
  );
}

interface EnterpriseFieldProps {
  readonly enterprises: readonly EnterpriseOption[];
  readonly enterprisesFailed: boolean;
  readonly onRetryEnterprises: () => void;
}

function fieldHelpers(prefix: string, errors: UserFieldErrors, t: (key: MessageKey) => string) {
  return {
    fieldError: (name: string) =>
      errors[name] ? (
        <span className="field__error" id={`${prefix}-${name}-error`}>
          {t(errors[name])}
        </span>
      ) : null,
    invalid: (name: string) => ({
      'aria-invalid': errors[name] ? true : undefined,
      'aria-describedby': errors[name] ? `${prefix}-${name}-error` : undefined,
    }),
  };
}

/**
 * Display name, role, (for an energy manager only) the enterprise and (for committee staff only) the department:
 * shared by the create and edit forms.
 */
function ProfileFields(
  props: EnterpriseFieldProps & {
    prefix: string;
    value: { displayName: string; role: string; enterpriseId: string; department: string };
    errors: UserFieldErrors;
    onChange: (
      changes: Partial<{ displayName: string; role: string; enterpriseId: string; department: string }>,
    ) => void;
  },
) {
  const { t } = useI18n();
  const { fieldError, invalid } = fieldHelpers(props.prefix, props.errors, t);
  return (
    <>
      <label className="field">
        <span className="field__label">{t('users.form.displayName')}</span>
        <input
          className="input"
          name="displayName"
          value={props.value.displayName}
          onChange={(e) => props.onChange({ displayName: e.target.value })}
          {...invalid('displayName')}
        />
        {fieldError('displayName')}
      </label>
      <label className="field">
        <span className="field__label">{t('users.form.role')}</span>
        <select
          className="input"
          name="role"
          value={props.value.role}
          onChange={(e) =>
            props.onChange({
              role: e.target.value,
              ...(needsEnterprise(e.target.value) ? {} : { enterpriseId: '' }),
              ...(needsDepartment(e.target.value) ? {} : { department: '' }),
            })
          }
          {...invalid('role')}
        >
          <option value="">{t('users.form.choose')}</option>
          {USER_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(ROLE_LABELS[r])}
            </option>
          ))}
        </select>
        {fieldError('role')}
      </label>
      {needsEnterprise(props.value.role) && (
        <label className="field">
          <span className="field__label">{t('users.form.enterprise')}</span>
          <select
            className="input"
            name="enterpriseId"
            value={props.value.enterpriseId}
            onChange={(e) => props.onChange({ enterpriseId: e.target.value })}
            {...invalid('enterpriseId')}
          >
            <option value="">{t('users.form.choose')}</option>
            {props.enterprises.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
          {fieldError('enterpriseId')}
          {props.enterprisesFailed && (
            <button type="button" className="button button--quiet" onClick={props.onRetryEnterprises}>
              {t('users.form.enterprisesRetry')}
            </button>
          )}
        </label>
      )}
      {needsDepartment(props.value.role) && (
        <label className="field">
          <span className="field__label">{t('users.form.department')}</span>
          <select
            className="input"
            name="department"
            value={props.value.department}
            onChange={(e) => props.onChange({ department: e.target.value })}
            {...invalid('department')}
          >
            <option value="">{t('users.form.departmentChoose')}</option>
            {DEPARTMENT_NAMES.map((d) => (
              <option key={d} value={d}>
                {t(DEPARTMENT_LABELS[d])}
              </option>
            ))}
          </select>
          {fieldError('department')}
        </label>
      )}
    </>
  );
}

function CreateUserForm(
  props: EnterpriseFieldProps & {
    api: UsersApi;
    onCreated: (credentials: Credentials) => void;
    onCancel: () => void;
  },
) {
  const { api, onCreated } = props;
  const { t } = useI18n();
  const errorText = useApiErrorText('users.apiError');
  const [form, setForm] = useState<UserForm>(EMPTY_USER_FORM);
  const [errors, setErrors] = useState<UserFieldErrors>({});
  const [apiError, setApiError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { fieldError, invalid } = fieldHelpers('user', errors, t);
  const set = (changes: Partial<UserForm>) => setForm((f) => ({ ...f, ...changes }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const check = checkUserForm(form, newPassword);
    setApiError(null);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const user = await api.create(check.body);
      onCreated({ username: user.username, password: check.body.password, reason: 'created' });
    } catch (error) {
      setApiError(errorText(error));
      setBusy(false);
    }
  }

  return (
    <section className="devices__provision" aria-labelledby="user-create-heading">
      <h2 id="user-create-heading" className="devices__section-title">
        {t('users.form.heading')}
      </h2>
      <form className="form devices-form users-form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span className="field__label">{t('users.form.username')}</span>
          <input
            className="input"
            name="username"
            autoComplete="off"
            value={form.username}
            onChange={(e) => set({ username: e.target.value })}
            {...invalid('username')}
          />
          {fieldError('username')}
        </label>
        <ProfileFields
          {...props}
          prefix="user"
          value={form}
          errors={errors}
          onChange={(changes) => set(changes)}
        />
        <fieldset className="users-form__password">
          <legend className="field__label">{t('users.form.password')}</legend>
          <label className="users-form__choice">
            <input
              type="radio"
              name="passwordMode"
              value="generate"
              checked={form.passwordMode === 'generate'}
              onChange={() => set({ passwordMode: 'generate', password: '' })}
            />
            {t('users.form.passwordGenerate')}
          </label>
          <label className="users-form__choice">
            <input
              type="radio"
              name="passwordMode"
              value="type"
              checked={form.passwordMode === 'type'}
              onChange={() => set({ passwordMode: 'type' })}
            />
            {t('users.form.passwordType')}
          </label>
          {form.passwordMode === 'type' && (
            <label className="field">
              <span className="field__label">{t('users.form.passwordHint', { min: PASSWORD_MIN })}</span>
              <input
                className="input"
                type="password"
                name="password"
                autoComplete="new-password"
                value={form.password}
                onChange={(e) => set({ password: e.target.value })}
                {...invalid('password')}
              />
              {fieldError('password')}
            </label>
          )}
        </fieldset>
        {apiError && (
          <p className="notice notice--error devices-form__error users-form__error" role="alert">
            {apiError}
          </p>
        )}
        <div className="devices-form__actions">
          <button type="button" className="button" onClick={props.onCancel} disabled={busy}>
            {t('users.form.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t(busy ? 'users.form.submitting' : 'users.form.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function EditUserForm(
  props: EnterpriseFieldProps & {
    api: UsersApi;
    user: UserView;
    onSaved: () => void;
    onCancel: () => void;
  },
) {
  const { api, user, onSaved } = props;
  const { t } = useI18n();
  const errorText = useApiErrorText('users.apiError');
  const [edit, setEdit] = useState<UserEdit>(() => editOf(user));
  const [errors, setErrors] = useState<UserFieldErrors>({});
  const [apiError, setApiError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const check = checkUserEdit(user, edit);
    setApiError(null);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors({});
    if (Object.keys(check.body).length === 0) {
      onSaved();
      return;
    }
    setBusy(true);
    try {
      await api.update(user.id, check.body);
      onSaved();
    } catch (error) {
      setApiError(errorText(error));
      setBusy(false);
    }
  }

  return (
    <section className="devices__provision" aria-labelledby="user-edit-heading">
      <h2 id="user-edit-heading" className="devices__section-title">
        {t('users.edit.heading', { username: user.username })}
      </h2>
      <form className="form devices-form users-edit" onSubmit={(e) => void submit(e)} noValidate>
        <ProfileFields
          {...props}
          prefix="user-edit"
          value={edit}
          errors={errors}
          onChange={(changes) => setEdit((v) => ({ ...v, ...changes }))}
        />
        {apiError && (
          <p className="notice notice--error devices-form__error users-form__error" role="alert">
            {apiError}
          </p>
        )}
        <div className="devices-form__actions">
          <button type="button" className="button" onClick={props.onCancel} disabled={busy}>
            {t('users.form.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t(busy ? 'users.form.submitting' : 'users.edit.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The password, once: the API keeps only a hash, so closing this dialog loses it for good. */

function PasswordDialog({ credentials, onClose }: { credentials: Credentials; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <ShownOnceDialog
      className="user-password-dialog"
      headingId="user-password-heading"
      heading={t(credentials.reason === 'created' ? 'users.cred.heading' : 'users.cred.resetHeading')}
      warning={t('users.cred.warning')}
      rows={[
        { label: t('users.cred.username'), className: 'credentials__username', value: credentials.username },
        { label: t('users.cred.password'), className: 'credentials__password', value: credentials.password },
      ]}
      copyText={userCredentialsText(credentials)}
      labels={{
        copy: t('users.cred.copy'),
        copied: t('users.cred.copied'),
        copyFailed: t('users.cred.copyFailed'),
        close: t('users.cred.close'),
      }}
      onClose={onClose}
    />
  );
}
