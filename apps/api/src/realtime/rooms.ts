import type { Principal } from '@park/auth';

/** Park-wide roles share one room; an energy manager is only ever in their enterprise's room. */
export const PARK_ROOM = 'park';
export const enterpriseRoom = (enterpriseId: string) => `enterprise:${enterpriseId}`;

export function roomsFor(principal: Principal): string[] {
  if (principal.role === 'energy-manager')
    return principal.enterpriseId ? [enterpriseRoom(principal.enterpriseId)] : [];
  return [PARK_ROOM];
}
