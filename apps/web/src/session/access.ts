/**
 * What each role may do in the web app. It mirrors the API's @Roles() on each route, so that the UI hides what the
 * server would refuse; the server stays the authority. Pure module (no DOM).
 */
import type { Role, UserRole } from '@park/auth';
import { canEdit, type Department, type EditArea } from '@park/contracts';
import type { MessageKey } from '../i18n/messages';

/** Acknowledge and resolve: POST /api/alerts/:id/{acknowledge,resolve} allow admin and officer. */
export function canActOnAlerts(role: Role): boolean {
  return role === 'admin' || role === 'officer';
}

/** The roles a user account can hold (a wall display's `display` session is no account). */
export const ROLE_LABELS: Readonly<Record<UserRole, MessageKey>> = {
  admin: 'role.admin',
  officer: 'role.officer',
  'energy-manager': 'role.energy-manager',
  operator: 'role.operator',
  staff: 'role.staff',
};

/** The committee's departments (a staff member's), in the order the menus list them. */
export const DEPARTMENT_LABELS: Readonly<Record<Department, MessageKey>> = {
  economy: 'department.economy',
  investment: 'department.investment',
  planning: 'department.planning',
  safety: 'department.safety',
  environment: 'department.environment',
  tax: 'department.tax',
};

/**
 * May the signed-in user edit records of this area? The same table the API's @Edits(area) checks (@park/auth
 * DEPARTMENT_EDITS): admin always, staff of a department that edits the area, and `alsoRoles` the route admits.
 */
export function mayEdit(
  user: { readonly role: Role; readonly department?: Department | null },
  area: EditArea,
  alsoRoles: readonly Role[] = [],
): boolean {
  return canEdit(user, area, alsoRoles);
}
