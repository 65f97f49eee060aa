import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { AlertsConsole } from './alerts/alerts-console';
import { logout } from './api/auth-api';
import { I18nProvider, useI18n } from './i18n/i18n-context';
import { CarriersPage } from './land/carriers-page';
import { ParcelsPage } from './land/parcels-page';
import { PlanDashboard } from './plan/plan-dashboard-page';
import { EnterpriseRecords } from './records/enterprise-records-page';
import { clearSession, loadSession, saveSession, type Session } from './session/session';
import { AppShell } from './shell/app-shell';
import { LoginPage } from './shell/login-page';
import { matchRoute, routesFor } from './shell/routes';
import { useLocationPath } from './shell/use-location';
import { WALL_PATH, WallDisplay } from './wall/wall-display';
import { ALERT_LINK_PAGE_PATH } from './mobile/alert-link-model';

// The signed alert link's phone page stands alone (no shell, no session): loaded only by those who open a link.
const AlertLinkPage = lazy(() =>
  import('./mobile/alert-link-page').then((m) => ({ default: m.AlertLinkPage })),
);

// ECharts is large: the energy page (and with it the chart library) loads when first opened, not with the app.
const ReconciliationPage = lazy(() =>
  import('./indicators/reconciliation-page').then((m) => ({ default: m.ReconciliationPage })),
);
const EnergyPage = lazy(() => import('./energy/energy-page').then((m) => ({ default: m.EnergyPage })));
// So does the alarm statistics page, which draws with it too.
const AlertStatsPage = lazy(() =>
  import('./alert-stats/alert-stats-page').then((m) => ({ default: m.AlertStatsPage })),
);
// The admin pages (the rules page brings the rules engine's parser) load for the admins who open them.
const AdminDevicesPage = lazy(() =>
  import('./admin/admin-devices-page').then((m) => ({ default: m.AdminDevicesPage })),
);
const DevicesPage = lazy(() => import('./devices/devices-page').then((m) => ({ default: m.DevicesPage })));
const DutyPage = lazy(() => import('./duty/duty-page').then((m) => ({ default: m.DutyPage })));
const DevicePage = lazy(() => import('./devices/device-page').then((m) => ({ default: m.DevicePage })));
const PoliciesPage = lazy(() =>
  import('./policies/policies-page').then((m) => ({ default: m.PoliciesPage })),
);
const ProjectsPage = lazy(() =>
  import('./projects/projects-page').then((m) => ({ default: m.ProjectsPage })),
);
const PlanTasksPage = lazy(() =>
  import('./plan-tasks/plan-tasks-page').then((m) => ({ default: m.PlanTasksPage })),
);
const ReportsPage = lazy(() => import('./reports/reports-page').then((m) => ({ default: m.ReportsPage })));
const UsersPage = lazy(() => import('./admin/users-page').then((m) => ({ default: m.UsersPage })));
const RulesPage = lazy(() => import('./admin/rules-page').then((m) => ({ default: m.RulesPage })));
const ImportsPage = lazy(() => import('./imports/imports-page').then((m) => ({ default: m.ImportsPage })));
const NotificationsPage = lazy(() =>
  import('./admin/notifications-page').then((m) => ({ default: m.NotificationsPage })),
);
const WebhooksPage = lazy(() => import('./admin/webhooks-page').then((m) => ({ default: m.WebhooksPage })));
const AuditPage = lazy(() => import('./audit/audit-page').then((m) => ({ default: m.AuditPage })));
const ExchangePage = lazy(() =>
  import('./exchange/exchange-page').then((m) => ({ default: m.ExchangePage })),
);
const DisplayTokensPage = lazy(() =>
  import('./admin/display-tokens-page').then((m) => ({ default: m.DisplayTokensPage })),
);

function PageLoading({ text }: { text: string }) {
  return (
    <p className="state state--loading" role="status">
      {text}
    </p>
  );
}

export function App() {
  // The wall display runs without the shell (no top bar, no login page): it opens with a display token. So does
  // the phone page of a notification message's signed alert link.
  const path = window.location.pathname;
  return (
    <I18nProvider>
      {path === WALL_PATH ? (
        <WallDisplay />
      ) : path === ALERT_LINK_PAGE_PATH ? (
        <Suspense fallback={null}>
          <AlertLinkPage />
        </Suspense>
      ) : (
        <SessionGate />
      )}
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

  const signOut = useCallback(
    (why: 'user' | 'expired') => {
      if (why === 'user' && session) logout(session.token);
      clearSession(window.sessionStorage);
      setExpired(why === 'expired');
      setSession(null);
    },
    [session],
  );

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
  const routes = useMemo(() => routesFor(session.user), [session.user]);
  const match = matchRoute(path, routes);

  useEffect(() => {
    if (!match && routes.length > 0) navigate(routes[0].path, { replace: true });
  }, [match, routes, navigate]);

  const expire = useCallback(() => onSignOut('expired'), [onSignOut]);
  const { t } = useI18n();

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
      {match?.route.id === 'alert-statistics' && (
        <Suspense fallback={<PageLoading text={t('alertStats.loading')} />}>
          <AlertStatsPage session={session} onNavigate={navigate} onUnauthorized={expire} />
        </Suspense>
      )}
      {match?.route.id === 'plan' && (
        <PlanDashboard session={session} onNavigate={navigate} onUnauthorized={expire} />
      )}
      {match?.route.id === 'plan-tasks' && (
        <Suspense fallback={<PageLoading text={t('planTasks.loading')} />}>
          <PlanTasksPage
            session={session}
            params={match.params}
            onNavigate={navigate}
            onUnauthorized={expire}
          />
        </Suspense>
      )}
      {match?.route.id === 'energy' && (
        <Suspense fallback={<PageLoading text={t('energy.loading')} />}>
          <EnergyPage
            session={session}
            enterpriseId={match.params[0] ?? null}
            onSelectEnterprise={(id) => navigate(id ? `/energy/${encodeURIComponent(id)}` : '/energy')}
            onNavigate={navigate}
            onUnauthorized={expire}
          />
        </Suspense>
      )}
      {match?.route.id === 'energy-reconciliation' && (
        <Suspense fallback={<PageLoading text={t('indicators.reconciliation.loading')} />}>
          <ReconciliationPage session={session} onNavigate={navigate} onUnauthorized={expire} />
        </Suspense>
      )}
      {match?.route.id === 'reports' && (
        <Suspense fallback={<PageLoading text={t('reports.loading')} />}>
          <ReportsPage session={session} onUnauthorized={expire} />
        </Suspense>
      )}
      {match?.route.id === 'enterprises' && (
        <EnterpriseRecords
          session={session}
          enterpriseId={match.params[0] ?? null}
          onNavigate={navigate}
          onUnauthorized={expire}
        />
      )}
      {match?.route.id === 'parcels' && (
        <ParcelsPage
          session={session}
          parcelId={match.params[0] ?? null}
          onNavigate={navigate}
          onUnauthorized={expire}
        />
      )}
      {match?.route.id === 'projects' && (
        <Suspense fallback={<PageLoading text={t('projects.loading')} />}>
          <ProjectsPage
            session={session}
            view={match.params[0] ?? null}
            onNavigate={navigate}
            onUnauthorized={expire}
          />
        </Suspense>
      )}
      {match?.route.id === 'policies' && (
        <Suspense fallback={<PageLoading text={t('policies.loading')} />}>
          <PoliciesPage
            session={session}
            view={match.params[0] ?? null}
            onNavigate={navigate}
            onUnauthorized={expire}
          />
        </Suspense>
      )}
      {match?.route.id === 'carriers' && (
        <CarriersPage
          session={session}
          carrierId={match.params[0] ?? null}
          onNavigate={navigate}
          onUnauthorized={expire}
        />
      )}
      {match?.route.id === 'devices' && (
        <Suspense fallback={<PageLoading text={t('deviceStates.loading')} />}>
          {match.params[0] ? (
            <DevicePage
              session={session}
              deviceId={match.params[0]}
              onNavigate={navigate}
              onUnauthorized={expire}
            />
          ) : (
            <DevicesPage
              session={session}
              onOpen={(id) => navigate(`/devices/${encodeURIComponent(id)}`)}
              onUnauthorized={expire}
            />
          )}
        </Suspense>
      )}
      {match?.route.id === 'duty' && (
        <Suspense fallback={<PageLoading text={t('duty.loading')} />}>
          <DutyPage session={session} onUnauthorized={expire} />
        </Suspense>
      )}
      <Suspense fallback={<PageLoading text={t('admin.loading')} />}>
        {match?.route.id === 'admin-devices' && (
          <AdminDevicesPage session={session} onUnauthorized={expire} />
        )}
        {match?.route.id === 'admin-users' && <UsersPage session={session} onUnauthorized={expire} />}
        {match?.route.id === 'admin-rules' && <RulesPage session={session} onUnauthorized={expire} />}
        {match?.route.id === 'admin-imports' && <ImportsPage session={session} onUnauthorized={expire} />}
        {match?.route.id === 'admin-notifications' && (
          <NotificationsPage session={session} onUnauthorized={expire} />
        )}
        {match?.route.id === 'admin-webhooks' && <WebhooksPage session={session} onUnauthorized={expire} />}
        {match?.route.id === 'admin-display-tokens' && (
          <DisplayTokensPage session={session} onUnauthorized={expire} />
        )}
        {match?.route.id === 'exchange' && <ExchangePage session={session} onUnauthorized={expire} />}
        {match?.route.id === 'audit' && (
          <AuditPage session={session} onNavigate={navigate} onUnauthorized={expire} />
        )}
      </Suspense>
    </AppShell>
  );
}
