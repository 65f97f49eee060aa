import type { Principal } from '@park/auth';
import { audienceOf, roomsFor } from './rooms';

const principal = (role: Principal['role'], enterpriseId: string | null = null): Principal => ({
  userId: `u-${role}`,
  username: role,
  role,
  enterpriseId,
});

/** Whether a connection of `who` receives an event about `enterpriseId` (a wall event or not). */
const receives = (who: Principal, enterpriseId: string | null, wall = true) =>
  roomsFor(who).some((room) => audienceOf(enterpriseId, { wall }).includes(room));

describe('realtime rooms', () => {
  it("gives an energy manager their own enterprise's events and no other's", () => {
    const manager = principal('energy-manager', 'ent-a');
    expect(receives(manager, 'ent-a')).toBe(true);
    expect(receives(manager, 'ent-b')).toBe(false);
    expect(receives(manager, null)).toBe(false);
  });

  it('gives admins, officers and operators every enterprise, and devices of none', () => {
    for (const role of ['admin', 'officer', 'operator'] as const) {
      expect([receives(principal(role), 'ent-a'), receives(principal(role), 'ent-b')]).toEqual([true, true]);
      expect(receives(principal(role), null)).toBe(true);
      expect(receives(principal(role), 'ent-a', false)).toBe(true);
    }
  });

  it('gives a wall display the events a wall shows, for every enterprise, and nothing else', () => {
    const wall = principal('display');
    expect([receives(wall, 'ent-a'), receives(wall, null)]).toEqual([true, true]);
    expect([receives(wall, 'ent-a', false), receives(wall, null, false)]).toEqual([false, false]);
  });

  it('gives an energy manager bound to no enterprise nothing', () => {
    expect(roomsFor(principal('energy-manager'))).toEqual([]);
  });
});
