import { canActOnAlerts } from './access';
import { parseSession } from './session';

describe('session parsing (sessionStorage and the login response are untrusted input)', () => {
  const user = {
    userId: 'u1',
    username: 'officer',
    role: 'officer',
    enterpriseId: null,
    department: null,
    displayName: '安环值班员',
  };

  it('accepts what POST /api/auth/login returns', () => {
    expect(parseSession({ token: 'jwt', user })).toEqual({ token: 'jwt', user });
  });

  it("keeps a staff member's department, and refuses a staff session without one", () => {
    const staff = { ...user, role: 'staff', department: 'planning' };
    expect(parseSession({ token: 'jwt', user: staff })).toEqual({ token: 'jwt', user: staff });
    expect(parseSession({ token: 'jwt', user: { ...staff, department: 'nonsense' } })).toBeNull();
    expect(parseSession({ token: 'jwt', user: { ...user, department: 'planning' } })?.user.department).toBe(
      'planning',
    );
  });

  it('falls back to the username when there is no display name', () => {
    expect(parseSession({ token: 'jwt', user: { ...user, displayName: '' } })?.user.displayName).toBe(
      'officer',
    );
  });

  it('refuses anything that is not a whole session', () => {
    expect(parseSession(null)).toBeNull();
    expect(parseSession('jwt')).toBeNull();
    expect(parseSession({ token: '', user })).toBeNull();
    expect(parseSession({ token: 'jwt' })).toBeNull();
    expect(parseSession({ token: 'jwt', user: { ...user, role: 'root' } })).toBeNull();
    expect(parseSession({ token: 'jwt', user: { ...user, role: 'display' } })).toBeNull();
    expect(parseSession({ token: 'jwt', user: { ...user, userId: 7 } })).toBeNull();
  });
});

describe('who may act on alerts (mirrors the API routes’ @Roles)', () => {
  it('lets officers and admins acknowledge and resolve, and nobody else', () => {
    expect(canActOnAlerts('officer')).toBe(true);
    expect(canActOnAlerts('admin')).toBe(true);
    expect(canActOnAlerts('operator')).toBe(false);
    expect(canActOnAlerts('energy-manager')).toBe(false);
  });
});
