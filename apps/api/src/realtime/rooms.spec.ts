import type { Principal } from '@park/auth';
import { audienceOf, roomsFor } from './rooms';

const principal = (role: Principal['role'], enterpriseId: string | null = null): Principal => ({
  userId: `u-${role}`,
  username: role,
  role,
  enterpriseId,
});

/** Whether a connection of `who` receives an event about `enterpriseId`. */
const receives = (who: Principal, enterpriseId: string | null) =>
  roomsFor(who).some((room) => audienceOf(enterpriseId).includes(room));

describe('realtime rooms', () => {
  it("gives an energy manager their own enterprise's events and no other's", () => {
    const manager = principal('energy-manager', 'ent-a');
    expect(receives(manager, 'ent-a')).toBe(true);
    expect(receives(manager, 'ent-b')).toBe(false);
    expect(receives(manager, null)).toBe(false);
  });

  it('gives admins, officers and operators (wall displays) every enterprise, and devices of none', () => {
    for (const role of ['admin', 'officer', 'operator'] as const) {
      expect([receives(principal(role), 'ent-a'), receives(principal(role), 'ent-b')]).toEqual([true, true]);
      expect(receives(principal(role), null)).toBe(true);
    }
  });

  it('gives an energy manager bound to no enterprise nothing', () => {
    expect(roomsFor(principal('energy-manager'))).toEqual([]);
  });
});
