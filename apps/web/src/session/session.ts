/**
 * The signed-in user and their token, kept in sessionStorage: it survives a reload but not closing the tab,
 * and is never shared between tabs (each tab signs in on its own, as a shared control-room PC needs).
 */
import { isDepartment, type Department } from '@park/contracts';
import type { UserRole } from '@park/auth';

export interface SessionUser {
  readonly userId: string;
  readonly username: string;
  readonly role: UserRole;
  readonly enterpriseId: string | null;
  /** A staff member's department (what they may edit); null for every other role. */
  readonly department: Department | null;
  readonly displayName: string;
}

export interface Session {
  readonly token: string;
  readonly user: SessionUser;
}

const STORAGE_KEY = 'park.session';

/**
 * Every role a user signs in with; `satisfies` makes the compiler fail here when one is added to @park/auth. A
 * wall display's `display` session is never kept here (the wall holds it in memory), so it is refused.
 */
const KNOWN_ROLES = {
  admin: true,
  officer: true,
  'energy-manager': true,
  operator: true,
  staff: true,
} satisfies Record<UserRole, true>;

function isKnownRole(value: unknown): value is UserRole {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(KNOWN_ROLES, value);
}

/** A session from untrusted input (storage, a login response), or null when it is not one. */
export function parseSession(raw: unknown): Session | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { token, user } = raw as { token?: unknown; user?: unknown };
  if (typeof token !== 'string' || token.length === 0) return null;
  if (typeof user !== 'object' || user === null) return null;
  const u = user as Record<string, unknown>;
  if (typeof u.userId !== 'string' || typeof u.username !== 'string' || !isKnownRole(u.role)) return null;
  const enterpriseId = typeof u.enterpriseId === 'string' ? u.enterpriseId : null;
  const department = isDepartment(u.department) ? u.department : null;
  if (u.role === 'staff' && !department) return null;
  const displayName = typeof u.displayName === 'string' && u.displayName ? u.displayName : u.username;
  return {
    token,
    user: { userId: u.userId, username: u.username, role: u.role, enterpriseId, department, displayName },
  };
}

export function loadSession(storage: Storage): Session | null {
  const text = storage.getItem(STORAGE_KEY);
  if (!text) return null;
  try {
    return parseSession(JSON.parse(text));
  } catch {
    return null;
  }
}

export function saveSession(storage: Storage, session: Session): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage): void {
  storage.removeItem(STORAGE_KEY);
}
