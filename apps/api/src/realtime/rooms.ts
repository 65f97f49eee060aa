import type { Principal } from '@park/auth';

/**
 * Park-wide roles (admin, officer, operator) share one room; an energy manager is only ever in their
 * enterprise's room; a wall display (`display` role) is only in the wall room, which gets what the wall shows —
 * alerts and device status — and not the telemetry stream.
 */
export const PARK_ROOM = 'park';
export const WALL_ROOM = 'wall';
export const enterpriseRoom = (enterpriseId: string) => `enterprise:${enterpriseId}`;

export function roomsFor(principal: Principal): string[] {
  if (principal.role === 'energy-manager')
    return principal.enterpriseId ? [enterpriseRoom(principal.enterpriseId)] : [];
  if (principal.role === 'display') return [WALL_ROOM];
  return [PARK_ROOM];
}

/**
 * Who receives an event about an enterprise: the park room and that enterprise's room (park only when none),
 * and the wall room for the events a wall shows.
 */
export function audienceOf(
  enterpriseId: string | null,
  options: { wall: boolean } = { wall: false },
): string[] {
  const rooms = enterpriseId ? [PARK_ROOM, enterpriseRoom(enterpriseId)] : [PARK_ROOM];
  return options.wall ? [...rooms, WALL_ROOM] : rooms;
}
