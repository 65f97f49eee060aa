import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/**
 * Device MQTT credentials are stored as PBKDF2-HMAC-SHA512 in Mosquitto's own password-file format
 * (`$7$<iterations>$<salt b64>$<hash b64>`, 12-byte salt, 64-byte key — what `mosquitto_passwd` writes since 2.0),
 * so the broker's password file can be generated from the records without anyone knowing a device's secret,
 * and the embedded broker verifies the very same string.
 *
 * The secrets themselves are machine-generated, 192 random bits (`generateSecret`), so they are not guessable
 * whatever the work factor; 10,000 iterations keeps a reconnect storm of thousands of devices cheap for the broker.
 */
export const DEVICE_HASH_ITERATIONS = 10_000;

export async function hashDeviceSecret(secret: string, iterations = DEVICE_HASH_ITERATIONS): Promise<string> {
  const salt = randomBytes(12);
  const key = await pbkdf2Async(secret, salt, iterations, 64, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyDeviceSecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  // ['', '7', iterations, salt, hash]
  if (parts.length !== 5 || parts[0] !== '' || parts[1] !== '7') return false;
  const iterations = Number(parts[2]);
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > 10_000_000) return false;
  const expected = Buffer.from(parts[4], 'base64');
  if (expected.length !== 64) return false;
  const key = await pbkdf2Async(secret, Buffer.from(parts[3], 'base64'), iterations, 64, 'sha512');
  return timingSafeEqual(key, expected);
}
