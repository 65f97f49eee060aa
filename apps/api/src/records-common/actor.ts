import type { Principal } from '@park/auth';
import { enterpriseScope } from '@park/auth';
import { notFound } from '@park/records';

/**
 * Tenant scope in one place: an energy manager sees only their own enterprise. A record of another enterprise is
 * answered exactly like one that does not exist (404), so its existence is not disclosed either.
 */
export function assertInScope(
  principal: Principal,
  what: string,
  id: string,
  enterpriseId: string | null,
): void {
  const scope = enterpriseScope(principal);
  if (scope !== null && enterpriseId !== scope) throw notFound(what, id);
}
