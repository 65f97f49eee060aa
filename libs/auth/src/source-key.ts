import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The API keys of the data exchange's source systems (供电公司, 税务局…; docs/data-exchange.md). A key is
 * `pk_<12 characters>_<43 characters>`: the first part is its public prefix, stored in the clear (a request's key
 * is looked up by it, and the exchange page shows it), the rest is 256 random bits. Only a SHA-256 of the whole key
 * is stored (hex): the key is machine-generated and unguessable, so a slow hash would only cost every
 * upload time. The demo seed issues the demo sources' keys through these same functions.
 */
export interface IssuedKey {
  /** Shown once, never stored. */
  readonly key: string;
  readonly keyPrefix: string;
  readonly keyHash: string;
}

const KEY = /^(pk_[A-Za-z0-9_-]{12})_[A-Za-z0-9_-]{43}$/;

export function issueSourceKey(): IssuedKey {
  const keyPrefix = `pk_${randomBytes(9).toString('base64url')}`;
  const key = `${keyPrefix}_${randomBytes(32).toString('base64url')}`;
  return { key, keyPrefix, keyHash: hashSourceKey(key) };
}

/** The public prefix of a key as sent (`pk_…`), or null when it is not shaped like a source key. */
export function sourceKeyPrefix(key: string): string | null {
  return KEY.exec(key)?.[1] ?? null;
}

export function hashSourceKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function verifySourceKey(key: string, stored: string): boolean {
  const expected = Buffer.from(stored, 'utf8');
  const actual = Buffer.from(hashSourceKey(key), 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
