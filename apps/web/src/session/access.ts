/**
 * What each role may do in the web app. It mirrors the API's @Roles() on each route, so that the UI hides what the
 * server would refuse; the server stays the authority. Pure module (no DOM).
 */
import type { Role } from '@park/auth';
import type { MessageKey } from '../i18n/messages';

/** Acknowledge and resolve: POST /api/alerts/:id/{acknowledge,resolve} allow admin and officer. */
export function canActOnAlerts(role: Role): boolean {
  return role === 'admin' || role === 'officer';
}

export const ROLE_LABELS: Readonly<Record<Role, MessageKey>> = {
  admin: 'role.admin',
  officer: 'role.officer',
  'energy-manager': 'role.energy-manager',
  operator: 'role.operator',
};
