/**
 * The app's screens: one entry per screen, with the roles that may open it. The top bar's navigation and the
 * path matching both come from this table, so a later screen is one entry here and one case in app.tsx.
 * Pure module (no DOM).
 */
import type { Role } from '@park/auth';
import { canEdit, type Department, type EditArea } from '@park/contracts';
import type { MessageKey } from '../i18n/messages';

export const ROUTE_IDS = [
  'alerts',
  'alert-statistics',
  'plan',
  'plan-tasks',
  'energy',
  'energy-reconciliation',
  'enterprises',
  'parcels',
  'carriers',
  'projects',
  'policies',
  'devices',
  'reports',
  'duty',
  'admin-devices',
  'admin-users',
  'admin-display-tokens',
  'admin-rules',
  'admin-imports',
  'admin-notifications',
  'admin-webhooks',
  'exchange',
  'audit',
] as const;
export type RouteId = (typeof ROUTE_IDS)[number];

/** The top bar's menus, in the order they stand after the links. */
export const NAV_GROUPS = ['records', 'admin'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export interface AppRoute {
  readonly id: RouteId;
  readonly path: string;
  readonly label: MessageKey;
  readonly roles: readonly Role[];
  /**
   * Screens of a group sit together in one menu of the top bar: the park's records (一企一档、一地一档、载体) and
   * the administration's screens, so the bar fits a 1366-px screen. An `energy` screen is a tab of the energy page,
   * reached from that page's tabs, not from the top bar.
   */
  readonly group?: NavGroup | 'energy';
  /**
   * A screen for editing one area's records: staff whose department edits the area (DEPARTMENT_EDITS, the table
   * the API's @Edits(area) checks) open it too, as the API would accept their writes.
   */
  readonly edits?: EditArea;
}

export const ROUTES: readonly AppRoute[] = [
  {
    id: 'alerts',
    path: '/alerts',
    label: 'nav.alerts',
    roles: ['admin', 'officer', 'energy-manager', 'operator', 'staff'],
  },
  {
    // GET /api/alerts/statistics, /history, /export.xlsx (alert-stats.controller.ts): an energy manager sees their own.
    // Not under /alerts: matchRoute would take /alerts/statistics for the console with an alert id.
    id: 'alert-statistics',
    path: '/alert-statistics',
    label: 'nav.alertStatistics',
    roles: ['admin', 'officer', 'operator', 'staff', 'energy-manager'],
  },
  {
    // GET /api/analytics/* allow PARK_READERS (analytics.controller.ts): not energy managers.
    id: 'plan',
    path: '/plan',
    label: 'nav.plan',
    roles: ['admin', 'officer', 'operator', 'staff'],
  },
  {
    // GET /api/plan-tasks… (plan-tasks/plan-tasks.controller.ts READERS): park staff, not energy managers (the
    // tasks are the committee's own); the admin and 经发 staff write. Under /plan: matchRoute takes the longest path
    // that matches.
    id: 'plan-tasks',
    path: '/plan/tasks',
    label: 'nav.planTasks',
    roles: ['admin', 'officer', 'operator', 'staff'],
  },
  {
    // GET /api/energy/* (energy.controller.ts): park roles pick any enterprise, an energy manager sees their own.
    id: 'energy',
    path: '/energy',
    label: 'nav.energy',
    roles: ['admin', 'officer', 'operator', 'staff', 'energy-manager'],
  },
  {
    // GET /api/energy/reconciliation (indicators.controller.ts): park roles every enterprise, an energy manager
    // their own. Under /energy: matchRoute takes the longest path that matches (an enterprise id is a uuid).
    id: 'energy-reconciliation',
    path: '/energy/reconciliation',
    label: 'nav.energyReconciliation',
    roles: ['admin', 'officer', 'operator', 'staff', 'energy-manager'],
    group: 'energy',
  },
  {
    // GET /api/enterprises/* (enterprises.controller.ts READERS): an energy manager sees only their own record.
    id: 'enterprises',
    path: '/enterprises',
    label: 'nav.enterprises',
    roles: ['admin', 'officer', 'operator', 'staff', 'energy-manager'],
    group: 'records',
  },
  {
    // GET /api/parcels… (parcels.controller.ts READERS): an energy manager sees the parcels their enterprise uses.
    id: 'parcels',
    path: '/parcels',
    label: 'nav.parcels',
    roles: ['admin', 'officer', 'operator', 'staff', 'energy-manager'],
    group: 'records',
  },
  {
    // GET /api/carriers… (carriers.controller.ts PARK_READERS): not energy managers.
    id: 'carriers',
    path: '/carriers',
    label: 'nav.carriers',
    roles: ['admin', 'officer', 'operator', 'staff'],
    group: 'records',
  },
  {
    // GET /api/projects… (projects/projects.controller.ts READERS): an energy manager sees their own enterprise's;
    // admins and officers write.
    id: 'projects',
    path: '/projects',
    label: 'nav.projects',
    roles: ['admin', 'officer', 'operator', 'staff', 'energy-manager'],
  },
  {
    // GET /api/policies… (policies/policies.controller.ts READERS): every role reads the library, an energy manager
    // without who else qualifies; the admin and the staff whose department edits `policies` write and notify.
    id: 'policies',
    path: '/policies',
    label: 'nav.policies',
    roles: ['admin', 'officer', 'operator', 'staff', 'energy-manager'],
  },
  {
    // GET /api/device-states… (device-states.controller.ts READERS): an energy manager sees their own devices.
    id: 'devices',
    path: '/devices',
    label: 'nav.devices',
    roles: ['admin', 'officer', 'operator', 'staff', 'energy-manager'],
  },
  {
    // GET/POST /api/reports and the files (reports.controller.ts): park roles every report, an energy manager only
    // their own enterprise's energy reports.
    id: 'reports',
    path: '/reports',
    label: 'nav.reports',
    roles: ['admin', 'officer', 'operator', 'staff', 'energy-manager'],
  },
  {
    // /api/on-duty, /api/duty-shifts, /api/escalation-steps, /api/safety-contacts (duty/duty.controller.ts): park
    // staff read, admins write; never an energy manager (the roster holds staff's phone numbers).
    id: 'duty',
    path: '/duty',
    label: 'nav.duty',
    roles: ['admin', 'officer', 'operator', 'staff'],
  },
  {
    // POST/PATCH /api/devices… (devices.controller.ts): provisioning, changing, disabling @Edits('devices') (admin,
    // 安监/环保 staff); issuing a new credential is admin only (the page hides it from staff).
    id: 'admin-devices',
    path: '/admin/devices',
    label: 'nav.adminDevices',
    roles: ['admin'],
    group: 'admin',
    edits: 'devices',
  },
  {
    // GET/POST/PATCH /api/users (users.controller.ts): admin only.
    id: 'admin-users',
    path: '/admin/users',
    label: 'nav.adminUsers',
    roles: ['admin'],
    group: 'admin',
  },
  {
    // GET/POST/DELETE /api/display-tokens (wall/display-tokens.controller.ts): admin only.
    id: 'admin-display-tokens',
    path: '/admin/display-tokens',
    label: 'nav.adminDisplayTokens',
    roles: ['admin'],
    group: 'admin',
  },
  {
    // POST/PUT/DELETE /api/rules (rules.controller.ts): @Edits('rules') — admin and 安监/环保 staff (officers may read
    // and dry-run, on the alert pages).
    id: 'admin-rules',
    path: '/admin/rules',
    label: 'nav.adminRules',
    roles: ['admin'],
    group: 'admin',
    edits: 'rules',
  },
  {
    // POST /api/imports/:kind (imports.controller.ts): admin only.
    id: 'admin-imports',
    path: '/admin/imports',
    label: 'nav.adminImports',
    roles: ['admin'],
    group: 'admin',
  },
  {
    // /api/notification-channels (notifications/notification-channels.controller.ts): admin only.
    id: 'admin-notifications',
    path: '/admin/notifications',
    label: 'nav.adminNotifications',
    roles: ['admin'],
    group: 'admin',
  },
  {
    // /api/webhooks (webhooks/webhooks.controller.ts): admin only.
    id: 'admin-webhooks',
    path: '/admin/webhooks',
    label: 'nav.adminWebhooks',
    roles: ['admin'],
    group: 'admin',
  },
  {
    // GET /api/exchange/sources and /batches (exchange/exchange.controller.ts): admin and staff read; adding,
    // issuing keys and revoking are @Edits('exchange') (the page shows those buttons by mayEdit).
    id: 'exchange',
    path: '/admin/exchange',
    label: 'nav.exchange',
    roles: ['admin', 'staff'],
    group: 'admin',
  },
  {
    // GET /api/audit (enterprises.controller.ts AuditController): admin only.
    id: 'audit',
    path: '/audit',
    label: 'nav.audit',
    roles: ['admin'],
    group: 'admin',
  },
];

/** The screens a user may open: by role, and an area's editing screens for staff whose department edits it. */
export function routesFor(
  user: Role | { readonly role: Role; readonly department?: Department | null },
): AppRoute[] {
  const who = typeof user === 'string' ? { role: user } : user;
  return ROUTES.filter(
    (r) =>
      r.roles.includes(who.role) || (r.edits !== undefined && who.role === 'staff' && canEdit(who, r.edits)),
  );
}

/** The top bar's links (the screens of no group) and its menus' screens, by group. */
export function navigationOf(
  routes: readonly AppRoute[],
): { readonly links: readonly AppRoute[] } & Record<NavGroup, readonly AppRoute[]> {
  return {
    links: routes.filter((r) => r.group === undefined),
    records: routes.filter((r) => r.group === 'records'),
    admin: routes.filter((r) => r.group === 'admin'),
  };
}

export interface RouteMatch {
  readonly route: AppRoute;
  /** The decoded path segments after the route's own path, e.g. an alert id. */
  readonly params: readonly string[];
}

export function matchRoute(pathname: string, routes: readonly AppRoute[]): RouteMatch | null {
  // The longest path first: /plan/tasks before /plan.
  for (const route of [...routes].sort((a, b) => b.path.length - a.path.length)) {
    if (pathname === route.path || pathname.startsWith(`${route.path}/`)) {
      const rest = pathname.slice(route.path.length).split('/').filter(Boolean);
      try {
        return { route, params: rest.map((s) => decodeURIComponent(s)) };
      } catch {
        return { route, params: [] };
      }
    }
  }
  return null;
}
