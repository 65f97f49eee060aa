import { hashSecret } from '@park/auth';
import type { Hj212Device } from './device-directory';
import { PasswordCheck } from './password-check';

const device: Hj212Device = { mn: 'MN1', deviceId: 'dev-1', kind: 'stack-gas', passwordHash: 'scrypt$h1' };

/** A verifier that knows one password per hash and counts how often it is asked. */
function countingVerifier(passwords: Record<string, string>) {
  const calls: string[] = [];
  const verify = (secret: string, stored: string) => {
    calls.push(secret);
    return Promise.resolve(passwords[stored] === secret);
  };
  return { verify, calls };
}

describe('PasswordCheck', () => {
  it('verifies against the real scrypt hash', async () => {
    const hashed = { ...device, passwordHash: await hashSecret('123456', { N: 1024, r: 1, p: 1 }) };
    const check = new PasswordCheck();
    await expect(check.check(hashed, '123456')).resolves.toBe(true);
    await expect(check.check(hashed, '654321')).resolves.toBe(false);
  });

  it('runs scrypt once per password, not once per packet', async () => {
    const { verify, calls } = countingVerifier({ scrypt$h1: 'right' });
    const check = new PasswordCheck(verify);
    for (let i = 0; i < 5; i++) await expect(check.check(device, 'right')).resolves.toBe(true);
    for (let i = 0; i < 5; i++) await expect(check.check(device, 'wrong')).resolves.toBe(false);
    expect(calls).toEqual(['right', 'wrong']);
  });

  it('shares one verification between concurrent packets', async () => {
    const { verify, calls } = countingVerifier({ scrypt$h1: 'right' });
    const check = new PasswordCheck(verify);
    const results = await Promise.all([1, 2, 3].map(() => check.check(device, 'right')));
    expect(results).toEqual([true, true, true]);
    expect(calls).toEqual(['right']);
  });

  it('forgets what it knew when the stored hash changes (password rotated)', async () => {
    const { verify } = countingVerifier({ scrypt$h1: 'old', scrypt$h2: 'new' });
    const check = new PasswordCheck(verify);
    await expect(check.check(device, 'old')).resolves.toBe(true);
    const rotated = { ...device, passwordHash: 'scrypt$h2' };
    await expect(check.check(rotated, 'old')).resolves.toBe(false);
    await expect(check.check(rotated, 'new')).resolves.toBe(true);
  });

  it('does not let one device’s password open another', async () => {
    const { verify } = countingVerifier({ scrypt$h1: 'same', scrypt$h3: 'other' });
    const check = new PasswordCheck(verify);
    await expect(check.check(device, 'same')).resolves.toBe(true);
    await expect(check.check({ ...device, mn: 'MN2', passwordHash: 'scrypt$h3' }, 'same')).resolves.toBe(
      false,
    );
  });
});
