import type { Department } from './departments';

/**
 * DESIGN.md "Roles": the roles a user account can hold. `staff` (园区工作人员) is committee staff of one department
 * (./departments.ts): they read what operators read and edit the areas their department may.
 */
export const USER_ROLES = ['admin', 'officer', 'energy-manager', 'operator', 'staff'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * Every role a session can carry: a user's, or `display` — a wall display (数据大屏) opened with a display token,
 * which may read the wall's endpoints and its socket events and nothing else (docs/security-auth.md). No user
 * account holds `display`, so no login can produce it.
 */
export const ROLES = [...USER_ROLES, 'display'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === 'string' && (USER_ROLES as readonly string[]).includes(value);
}

/** Who is calling: carried from the JWT into every service call that needs it. */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  /** Set for energy managers: they see only this enterprise. */
  readonly enterpriseId: string | null;
  /** Set for staff: their department (what they may edit). Absent or null for every other role. */
  readonly department?: Department | null;
}

/** The enterprise scope a principal is confined to, or null for park-wide roles (display: the park-wide wall). */
export function enterpriseScope(principal: Principal): string | null {
  return principal.role === 'energy-manager' ? principal.enterpriseId : null;
}
