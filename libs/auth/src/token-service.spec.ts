import jwt from 'jsonwebtoken';
import { enterpriseScope, type Principal } from './roles';
import { InvalidTokenError, TokenService } from './token-service';

const SECRET = 'unit-test-secret-that-is-long-enough-0123';
const tokens = new TokenService({ secret: SECRET, ttlSeconds: 3600 });

const OFFICER: Principal = {
  userId: 'u-1',
  username: 'zhang.wei',
  role: 'officer',
  enterpriseId: null,
  department: null,
};
const STAFF: Principal = {
  userId: 'u-3',
  username: 'zhao.min',
  role: 'staff',
  enterpriseId: null,
  department: 'planning',
};
const ENERGY_MANAGER: Principal = {
  userId: 'u-2',
  username: 'li.na',
  role: 'energy-manager',
  enterpriseId: 'ent-7',
  department: null,
};

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodePart(token: string, i: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[i], 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

function invalidReason(token: string, service = tokens): string {
  try {
    service.verify(token);
  } catch (error) {
    if (error instanceof InvalidTokenError) return error.message;
    throw error;
  }
  throw new Error('expected an InvalidTokenError');
}

describe('TokenService', () => {
  it('gives back the principal and session it signed, and when the token expires', () => {
    const before = Date.now();
    const officer = tokens.verify(tokens.sign(OFFICER, 's-1'));
    expect(officer).toMatchObject({ principal: OFFICER, sessionId: 's-1' });
    expect(officer.expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 3600_000);
    expect(officer.expiresAt).toBeLessThanOrEqual(Date.now() + 3600_000);
    expect(tokens.verify(tokens.sign(ENERGY_MANAGER, 's-2')).principal).toEqual(ENERGY_MANAGER);
  });

  it('keeps an energy manager confined to the enterprise in the token', () => {
    expect(enterpriseScope(tokens.verify(tokens.sign(ENERGY_MANAGER, 's-1')).principal)).toBe('ent-7');
    expect(enterpriseScope(tokens.verify(tokens.sign(OFFICER, 's-1')).principal)).toBeNull();
  });

  it('refuses a correctly signed token without a session id (one that could not be revoked)', () => {
    const legacy = jwt.sign({ role: 'admin', username: 'admin', ent: null }, SECRET, {
      algorithm: 'HS256',
      issuer: 'smart-park',
      subject: 'u-1',
      expiresIn: 60,
    });
    expect(invalidReason(legacy)).toBe('token lacks a session or an expiry');
  });

  it('signs HS256 with subject, issuer and the configured lifetime', () => {
    const token = tokens.sign(OFFICER, 's-1');
    expect(decodePart(token, 0)).toMatchObject({ alg: 'HS256' });
    const payload = decodePart(token, 1);
    expect(payload).toMatchObject({
      sub: 'u-1',
      iss: 'smart-park',
      role: 'officer',
      username: 'zhang.wei',
      sid: 's-1',
    });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(3600);
  });

  it('honours a per-token lifetime', () => {
    const payload = decodePart(tokens.sign(OFFICER, 's-1', 60), 1);
    expect(Number(payload.exp) - Number(payload.iat)).toBe(60);
  });

  it('refuses an expired token', () => {
    expect(invalidReason(tokens.sign(OFFICER, 's-1', -1))).toMatch(/expired/);
  });

  it('refuses a token signed with another secret', () => {
    const other = new TokenService({ secret: 'another-secret-that-is-long-enough-xyz', ttlSeconds: 3600 });
    expect(invalidReason(other.sign(OFFICER, 's-1'))).toMatch(/signature/);
  });

  it('refuses a token whose payload was edited to claim admin', () => {
    const [header, , signature] = tokens.sign(OFFICER, 's-1').split('.');
    const payload = { ...decodePart(tokens.sign(OFFICER, 's-1'), 1), role: 'admin' };
    expect(invalidReason(`${header}.${b64url(payload)}.${signature}`)).toMatch(/signature/);
  });

  it('refuses a token with its signature stripped or set to alg "none"', () => {
    const [, payload] = tokens.sign(OFFICER, 's-1').split('.');
    expect(() => tokens.verify(`${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.`)).toThrow(
      InvalidTokenError,
    );
    const [header] = tokens.sign(OFFICER, 's-1').split('.');
    expect(() => tokens.verify(`${header}.${payload}.`)).toThrow(InvalidTokenError);
  });

  it('refuses a token from another issuer, even with the same secret', () => {
    const foreign = new TokenService({ secret: SECRET, ttlSeconds: 3600, issuer: 'other-park' });
    expect(invalidReason(foreign.sign(OFFICER, 's-1'))).toMatch(/issuer/);
  });

  it('refuses an energy-manager token without an enterprise', () => {
    const token = tokens.sign({ ...ENERGY_MANAGER, enterpriseId: null }, 's-2');
    expect(invalidReason(token)).toBe('energy-manager token without an enterprise');
  });

  it('refuses a correctly signed token with an unknown role or no subject', () => {
    const options = { algorithm: 'HS256' as const, issuer: 'smart-park', expiresIn: 60 };
    expect(invalidReason(jwt.sign({ role: 'superuser' }, SECRET, { ...options, subject: 'u-9' }))).toBe(
      'token lacks subject or role',
    );
    expect(invalidReason(jwt.sign({ role: 'admin' }, SECRET, options))).toBe('token lacks subject or role');
  });

  it('falls back to the subject as the username when the claim is absent', () => {
    const token = jwt.sign({ role: 'operator', ent: null, sid: 's-5' }, SECRET, {
      algorithm: 'HS256',
      issuer: 'smart-park',
      subject: 'u-5',
      expiresIn: 60,
    });
    expect(tokens.verify(token).principal).toEqual({
      userId: 'u-5',
      username: 'u-5',
      role: 'operator',
      enterpriseId: null,
      department: null,
    });
  });

  it("carries a staff member's department, and refuses a staff token without one", () => {
    expect(tokens.verify(tokens.sign(STAFF, 's-6')).principal).toEqual(STAFF);
    const token = jwt.sign({ role: 'staff', ent: null, sid: 's-7' }, SECRET, {
      algorithm: 'HS256',
      issuer: 'smart-park',
      subject: 'u-7',
      expiresIn: 60,
    });
    expect(() => tokens.verify(token)).toThrow('staff token without a department');
  });

  it.each(['', 'not-a-token', 'a.b.c', `${'x'.repeat(20)}.${'y'.repeat(20)}`])(
    'refuses garbage %j',
    (garbage) => {
      expect(() => tokens.verify(garbage)).toThrow(InvalidTokenError);
    },
  );
});
