/** DESIGN.md "Roles". */
export const ROLES = ['admin', 'officer', 'energy-manager', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is calling: carried from the JWT into every service call that needs it. */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  /** Set for energy managers: they see only this enterprise. */
  readonly enterpriseId: string | null;
}

/** The enterprise scope a principal is confined to, or null for park-wide roles. */
export function enterpriseScope(principal: Principal): string | null {
  return principal.role === 'energy-manager' ? principal.enterpriseId : null;
}
