import { useState, type FormEvent } from 'react';
import { login } from '../api/auth-api';
import { ApiError } from '../api/http';
import { useI18n } from '../i18n/i18n-context';
import type { Session } from '../session/session';
import { LanguageSwitch } from './language-switch';

export function LoginPage({ expired, onSignedIn }: { expired: boolean; onSignedIn: (s: Session) => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(t('login.error.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await login(username.trim(), password));
    } catch (e) {
      setBusy(false);
      if (!(e instanceof ApiError)) setError(String(e));
      else if (e.status === 0) setError(t('login.error.network'));
      else if (e.status === 401) setError(t('login.error.credentials'));
      else if (e.status === 429) setError(t('login.error.tooMany'));
      else if (e.status === 400) setError(t('login.error.missing'));
      else setError(t('login.error.other', { status: e.status }));
    }
  }

  return (
    <div className="login">
      <div className="login__lang">
        <LanguageSwitch tone="light" />
      </div>
      <main className="login__card">
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">{t('app.title')}</span>
        </div>
        <p className="login__subtitle">{t('login.subtitle')}</p>
        <h1 className="login__heading">{t('login.heading')}</h1>
        {expired && !error && (
          <p className="notice notice--warning" role="status">
            {t('login.sessionExpired')}
          </p>
        )}
        <form className="form" onSubmit={(e) => void submit(e)} noValidate>
          <label className="field">
            <span className="field__label">{t('login.username')}</span>
            <input
              className="input"
              name="username"
              autoComplete="username"
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </label>
          <label className="field">
            <span className="field__label">{t('login.password')}</span>
            <input
              className="input"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {error && (
            <p className="notice notice--error" role="alert">
              {error}
            </p>
          )}
          <button className="button button--primary button--block" type="submit" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
