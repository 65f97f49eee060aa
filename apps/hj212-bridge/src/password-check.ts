import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { verifySecret } from '@park/auth';
import type { Hj212Device } from './device-directory';

export type SecretVerifier = (secret: string, stored: string) => Promise<boolean>;

/** Wrong passwords remembered per device, so a logger retrying a bad PW costs one scrypt, not one per packet. */
const MAX_REMEMBERED_FAILURES = 8;

interface Remembered {
  readonly passwordHash: string;
  good: Buffer | null;
  readonly bad: Buffer[];
}

/**
 * Checks a packet's PW against the device's stored hash. Every HJ 212 packet carries PW, and a logger sends one
 * every few seconds; scrypt costs tens of milliseconds and 32 MiB by design, so a verified password is remembered
 * as an HMAC under a key that lives only in this process (never the password itself), and compared in constant
 * time. The memory follows the stored hash: a changed hash in the directory forgets it.
 */
export class PasswordCheck {
  private readonly key = randomBytes(32);
  private readonly remembered = new Map<string, Remembered>();
  private readonly inFlight = new Map<string, Promise<boolean>>();

  constructor(private readonly verify: SecretVerifier = verifySecret) {}

  async check(device: Hj212Device, password: string): Promise<boolean> {
    const digest = createHmac('sha256', this.key).update(device.mn).update('\0').update(password).digest();
    let memory = this.remembered.get(device.mn);
    if (!memory || memory.passwordHash !== device.passwordHash) {
      memory = { passwordHash: device.passwordHash, good: null, bad: [] };
      this.remembered.set(device.mn, memory);
    }
    if (memory.good && timingSafeEqual(memory.good, digest)) return true;
    if (memory.bad.some((b) => timingSafeEqual(b, digest))) return false;

    const flightKey = `${device.passwordHash}\0${digest.toString('base64')}`;
    let pending = this.inFlight.get(flightKey);
    if (!pending) {
      pending = this.verify(password, device.passwordHash).finally(() => this.inFlight.delete(flightKey));
      this.inFlight.set(flightKey, pending);
    }
    const ok = await pending;
    if (ok) {
      memory.good = digest;
    } else if (!memory.bad.some((b) => timingSafeEqual(b, digest))) {
      memory.bad.push(digest);
      if (memory.bad.length > MAX_REMEMBERED_FAILURES) memory.bad.shift();
    }
    return ok;
  }
}
