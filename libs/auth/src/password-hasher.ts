import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords and device credentials are stored as scrypt hashes (memory-hard; RFC 7914), in a self-describing
 * string: `scrypt$N$r$p$salt$hash` (base64url). N=2^15, r=8 uses 32 MiB per hash — OWASP's minimum for scrypt
 * is N=2^17 with r=8 p=1 for interactive logins, so ours is configurable and the cost travels with the hash.
 */
const DEFAULTS = { N: 1 << 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashSecret(
  secret: string,
  cost: { N: number; r: number; p: number } = DEFAULTS,
): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return false;
  const expected = Buffer.from(parts[5], 'base64url');
  let key: Buffer;
  try {
    key = await scryptAsync(secret, Buffer.from(parts[4], 'base64url'), { N, r, p });
  } catch {
    return false; // cost parameters scrypt refuses (N not a power of two, over the memory cap): not a usable hash
  }
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A random secret for a device credential or a display token (shown once, stored hashed). */
export function generateSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
