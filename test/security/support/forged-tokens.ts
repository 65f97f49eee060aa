import { createHmac, generateKeyPairSync, randomUUID, sign as rsaSign } from 'node:crypto';

/** The claims of a token, as its payload carries them. */
export type Claims = Record<string, unknown>;

/** One forgery: a bearer token that differs from a real session in one defect, and its tally category. */
export interface ForgedToken {
  readonly name: string;
  readonly category: 'forged-token' | 'expired-token';
  readonly token: string;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function claimsOf(token: string): Claims {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Claims;
}

/** A JWT signed by hand, so that a forgery is exactly the one the test names (a library would refuse some). */
function hs256(header: Claims, claims: Claims, key: string | Buffer): string {
  const body = `${b64(header)}.${b64(claims)}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

/**
 * Every kind of forged, stale or garbage token the API must refuse with 401, built from real sessions so that
 * each differs from a valid one in one defect only: `admin` is an admin session (a forgery of it would open
 * every route), `officer` one to promote, `manager` an energy manager's to widen; `secret` is the API's own
 * JWT secret, so "expired", "wrong issuer" and the rest are correctly signed.
 */
export function forgedTokens(
  sessions: { readonly admin: string; readonly officer: string; readonly manager: string },
  secret: string,
  otherEnterpriseId: string,
): ForgedToken[] {
  const admin = claimsOf(sessions.admin);
  const now = Math.floor(Date.now() / 1000);
  const HS = { alg: 'HS256', typ: 'JWT' };
  const signed = (claims: Claims) => hs256(HS, claims, secret);
  const without = (claims: Claims, key: string) =>
    Object.fromEntries(Object.entries(claims).filter(([k]) => k !== key));
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rs256 = (header: Claims, claims: Claims) => {
    const body = `${b64(header)}.${b64(claims)}`;
    return `${body}.${rsaSign('sha256', Buffer.from(body), attacker.privateKey).toString('base64url')}`;
  };
  const publicPem = attacker.publicKey.export({ type: 'spki', format: 'pem' });
  const [officerHeader, , officerSignature] = sessions.officer.split('.');
  const [managerHeader, , managerSignature] = sessions.manager.split('.');
  const [adminHeader, adminPayload] = sessions.admin.split('.');
  const forged = (name: string, token: string): ForgedToken => ({ name, category: 'forged-token', token });
  const stale = (name: string, token: string): ForgedToken => ({ name, category: 'expired-token', token });

  return [
    forged('signed with another secret', hs256(HS, admin, 'another-secret-that-is-long-enough-0123456789')),
    forged('alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(admin)}.`),
    forged('alg None', `${b64({ alg: 'None', typ: 'JWT' })}.${b64(admin)}.`),
    forged(
      'alg NONE with a signature',
      `${b64({ alg: 'NONE' })}.${b64(admin)}.${sessions.admin.split('.')[2]}`,
    ),
    forged('signature stripped', `${adminHeader}.${adminPayload}.`),
    forged('signature of another token', `${adminHeader}.${adminPayload}.${officerSignature}`),
    forged('RS256 with an attacker key', rs256({ alg: 'RS256', typ: 'JWT' }, admin)),
    forged(
      'RS256 with the attacker key embedded (jwk header)',
      rs256({ alg: 'RS256', typ: 'JWT', jwk: attacker.publicKey.export({ format: 'jwk' }) }, admin),
    ),
    forged('HS256 keyed with an RSA public key (alg confusion)', hs256(HS, admin, publicPem)),
    forged(
      'HS512 with the real secret',
      (() => {
        const body = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(admin)}`;
        return `${body}.${createHmac('sha512', secret).update(body).digest('base64url')}`;
      })(),
    ),
    forged(
      'officer token with its role edited to admin',
      `${officerHeader}.${b64({ ...claimsOf(sessions.officer), role: 'admin' })}.${officerSignature}`,
    ),
    forged(
      "energy manager's token with its enterprise edited to another's",
      `${managerHeader}.${b64({ ...claimsOf(sessions.manager), ent: otherEnterpriseId })}.${managerSignature}`,
    ),
    forged('energy manager without an enterprise', signed({ ...claimsOf(sessions.manager), ent: null })),
    forged('energy manager with no ent claim', signed(without(claimsOf(sessions.manager), 'ent'))),
    forged('unknown role', signed({ ...admin, role: 'superadmin' })),
    forged('no subject', signed(without(admin, 'sub'))),
    forged('wrong issuer', signed({ ...admin, iss: 'other-park' })),
    forged('no issuer', signed(without(admin, 'iss'))),
    forged(
      'a session that was never opened (unknown user and session id)',
      signed({ ...admin, sub: randomUUID(), sid: randomUUID(), username: 'ghost' }),
    ),
    stale('expired a minute ago', signed({ ...admin, iat: now - 3600, exp: now - 60 })),
    stale('expired long ago', signed({ ...admin, iat: 1_600_000_000, exp: 1_600_003_600 })),
    stale('not valid before an hour from now', signed({ ...admin, nbf: now + 3600 })),
    stale('no expiry', signed(without(admin, 'exp'))),
    forged('empty', ''),
    forged('not a JWT', 'not-a-token'),
    forged('three empty parts', '..'),
    forged('a.b.c', 'a.b.c'),
    forged('header only', adminHeader),
    forged('JSON instead of a JWT', JSON.stringify(admin)),
    forged('8 KiB of base64', `${'A'.repeat(4096)}.${'B'.repeat(4096)}.${'C'.repeat(64)}`),
    forged(
      'payload that is not JSON',
      `${adminHeader}.${Buffer.from('{role:admin').toString('base64url')}.x`,
    ),
    forged('payload that is a JSON string', signed('admin' as unknown as Claims)),
  ];
}
