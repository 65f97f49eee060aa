import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { ROLE_LABELS } from '../session/access';
import type { Session } from '../session/session';
import { LanguageSwitch } from './language-switch';
import type { MessageKey } from '../i18n/messages';
import { NAV_GROUPS, navigationOf, type AppRoute, type NavGroup } from './routes';

const GROUP_LABELS: Readonly<Record<NavGroup, MessageKey>> = { records: 'nav.records', admin: 'nav.admin' };

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
  const navigation = navigationOf(props.routes);
  const link = (route: AppRoute, className: string, after?: () => void) => (
    <a
      key={route.id}
      href={route.path}
      className={className}
      aria-current={props.current?.id === route.id ? 'page' : undefined}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        props.onNavigate(route.path);
        after?.();
      }}
    >
      {t(route.label)}
    </a>
  );
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
          <div className="topbar__links">{navigation.links.map((route) => link(route, 'topbar__link'))}</div>
          {NAV_GROUPS.map(
            (group) =>
              navigation[group].length > 0 && (
                <NavMenu
                  key={group}
                  id={`${group}-menu`}
                  label={t(GROUP_LABELS[group])}
                  active={navigation[group].some((r) => r.id === props.current?.id)}
                  render={(close) =>
                    navigation[group].map((route) => link(route, 'topbar__menu-link', close))
                  }
                />
              ),
          )}
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

/**
 * A group's screens behind one button of the top bar: opens on click, closes on a choice, Escape, or a click
 * elsewhere. Marked like a current link while one of its screens is open.
 */
function NavMenu(props: {
  id: string;
  label: string;
  active: boolean;
  render: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className="topbar__menu" ref={root}>
      <button
        type="button"
        className="topbar__link topbar__menu-button"
        aria-expanded={open}
        aria-controls={props.id}
        data-active={props.active || undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {props.label}
        <span className="topbar__menu-caret" aria-hidden="true" />
      </button>
      {open && (
        <div id={props.id} className="topbar__menu-list">
          {props.render(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
