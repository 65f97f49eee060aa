import type { Principal } from '@park/auth';

/**
 * Park-wide roles (admin, officer, operator — wall-display sessions are operators) share one room; an energy
 * manager is only ever in their enterprise's room.
 */
export const PARK_ROOM = 'park';
export const enterpriseRoom = (enterpriseId: string) => `enterprise:${enterpriseId}`;

export function roomsFor(principal: Principal): string[] {
  if (principal.role === 'energy-manager')
    return principal.enterpriseId ? [enterpriseRoom(principal.enterpriseId)] : [];
  return [PARK_ROOM];
}

/** Who receives an event about an enterprise: the park room and that enterprise's room; park only when none. */
export function audienceOf(enterpriseId: string | null): string[] {
  return enterpriseId ? [PARK_ROOM, enterpriseRoom(enterpriseId)] : [PARK_ROOM];
}
