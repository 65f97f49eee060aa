/**
 * What each role may do in the web app. It mirrors the API's @Roles() on each route, so that the UI hides what the
 * server would refuse; the server stays the authority. Pure module (no DOM).
 */
import type { Role, UserRole } from '@park/auth';
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
};
