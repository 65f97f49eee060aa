import { useCallback, useEffect, useMemo, useState } from 'react';
import { AlertsConsole } from './alerts/alerts-console';
import { I18nProvider } from './i18n/i18n-context';
import { clearSession, loadSession, saveSession, type Session } from './session/session';
import { AppShell } from './shell/app-shell';
import { LoginPage } from './shell/login-page';
import { matchRoute, routesFor } from './shell/routes';
import { useLocationPath } from './shell/use-location';

export function App() {
  return (
    <I18nProvider>
      <SessionGate />
    </I18nProvider>
  );
}

/** The login page until there is a session; the shell and the current screen after. */
function SessionGate() {
  const [session, setSession] = useState<Session | null>(() => loadSession(window.sessionStorage));
  const [expired, setExpired] = useState(false);

  const signIn = useCallback((next: Session) => {
    saveSession(window.sessionStorage, next);
    setExpired(false);
    setSession(next);
  }, []);

  const signOut = useCallback((why: 'user' | 'expired') => {
    clearSession(window.sessionStorage);
    setExpired(why === 'expired');
    setSession(null);
  }, []);

  if (!session) return <LoginPage expired={expired} onSignedIn={signIn} />;
  return <SignedInApp key={session.token} session={session} onSignOut={signOut} />;
}

function SignedInApp({
  session,
  onSignOut,
}: {
  session: Session;
  onSignOut: (why: 'user' | 'expired') => void;
}) {
  const [path, navigate] = useLocationPath();
  const routes = useMemo(() => routesFor(session.user.role), [session.user.role]);
  const match = matchRoute(path, routes);

  useEffect(() => {
    if (!match && routes.length > 0) navigate(routes[0].path, { replace: true });
  }, [match, routes, navigate]);

  const expire = useCallback(() => onSignOut('expired'), [onSignOut]);

  return (
    <AppShell
      session={session}
      routes={routes}
      current={match?.route ?? null}
      onNavigate={navigate}
      onSignOut={() => onSignOut('user')}
    >
      {match?.route.id === 'alerts' && (
        <AlertsConsole
          session={session}
          selectedId={match.params[0] ?? null}
          onSelect={(id) => navigate(id ? `/alerts/${encodeURIComponent(id)}` : '/alerts')}
          onUnauthorized={expire}
        />
      )}
    </AppShell>
  );
}
