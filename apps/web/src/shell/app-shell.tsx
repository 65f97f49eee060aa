import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { ROLE_LABELS } from '../session/access';
import type { Session } from '../session/session';
import { LanguageSwitch } from './language-switch';
import type { AppRoute } from './routes';

/** The frame of every screen: brand, navigation, who is signed in, language, sign-out. */
export function AppShell(props: {
  session: Session;
  routes: readonly AppRoute[];
  current: AppRoute | null;
  onNavigate: (path: string) => void;
  onSignOut: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { user } = props.session;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">{t('app.title')}</span>
        </div>
        <nav className="topbar__nav" aria-label={t('shell.nav')}>
          {props.routes.map((route) => (
            <a
              key={route.id}
              href={route.path}
              className="topbar__link"
              aria-current={props.current?.id === route.id ? 'page' : undefined}
              onClick={(e) => {
                if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                props.onNavigate(route.path);
              }}
            >
              {t(route.label)}
            </a>
          ))}
        </nav>
        <div className="topbar__end">
          <span className="topbar__user" title={user.username}>
            <span className="topbar__user-name">{user.displayName}</span>
            <span className="topbar__user-role">{t(ROLE_LABELS[user.role])}</span>
          </span>
          <LanguageSwitch />
          <button type="button" className="button button--ghost-dark" onClick={props.onSignOut}>
            {t('shell.logout')}
          </button>
        </div>
      </header>
      <main id="main" className="shell__main" tabIndex={-1}>
        {props.children}
      </main>
      <footer className="shell__footer">{t('app.timeZoneNote')}</footer>
    </div>
  );
}
