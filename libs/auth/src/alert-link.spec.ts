import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import {
  ALERT_LINK_CHANNELS,
  alertLinkActor,
  alertLinkFor,
  alertLinkUrl,
  signAlertLink,
  verifyAlertLink,
  type AlertLinkRecipient,
  type SignAlertLinkInput,
} from './alert-link';

const SECRET = 'alert-link-unit-secret-long-enough-0123456789';
const OTHER_SECRET = 'another-alert-link-secret-long-enough-987654';
const NOW = Date.parse('2026-12-07T09:00:00Z');
const ALERT = '0b6f3c1e-4d2a-4f7e-9a51-2c3d4e5f6a7b';
const OFFICER = { userId: '7d1c9a70-3a4b-4c5d-8e9f-0a1b2c3d4e5f' } as const;
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const link = (input: Partial<SignAlertLinkInput> = {}) =>
  signAlertLink(SECRET, { alertId: ALERT, recipient: OFFICER, expiresAt: NOW + 3_600_000, ...input });

const recipients: fc.Arbitrary<AlertLinkRecipient> = fc.oneof(
  fc.uuid().map((userId) => ({ userId })),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
    .filter((s) => s.trim() === s && s.length > 0)
    .map((label) => ({ label })),
);

describe('signed alert links', () => {
  it('gives back what it signed while the link is current', () => {
    const verdict = verifyAlertLink(SECRET, link({ channel: 'sms', nonce: 'n-1' }), { now: NOW });
    expect(verdict).toEqual({
      ok: true,
      claims: {
        alertId: ALERT,
        recipient: OFFICER,
        channel: 'sms',
        expiresAt: NOW + 3_600_000,
        nonce: 'n-1',
      },
    });
  });

  it('round-trips any alert id, recipient, channel and expiry (property)', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        recipients,
        fc.option(fc.constantFrom(...ALERT_LINK_CHANNELS), { nil: null }),
        fc.integer({ min: 1, max: 30 * 86_400 }),
        (alertId, recipient, channel, ttlSeconds) => {
          const expiresAt = NOW + ttlSeconds * 1000;
          const verdict = verifyAlertLink(
            SECRET,
            signAlertLink(SECRET, { alertId, recipient, channel, expiresAt }),
            { now: NOW, alertId },
          );
          expect(verdict).toMatchObject({ ok: true, claims: { alertId, recipient, channel, expiresAt } });
        },
      ),
    );
  });

  it('makes a different link each time for the same alert and person (the nonce)', () => {
    expect(link()).not.toBe(link());
  });

  it('refuses a link at and after its expiry, and says so', () => {
    const token = link({ expiresAt: NOW + 60_000 });
    expect(verifyAlertLink(SECRET, token, { now: NOW + 59_999 }).ok).toBe(true);
    expect(verifyAlertLink(SECRET, token, { now: NOW + 60_000 })).toEqual({ ok: false, reason: 'expired' });
    expect(verifyAlertLink(SECRET, token, { now: NOW + 86_400_000 })).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses an authentic link for another alert than the one expected', () => {
    expect(verifyAlertLink(SECRET, link(), { now: NOW, alertId: 'another-alert' })).toEqual({
      ok: false,
      reason: 'wrong-alert',
    });
  });

  it('refuses a link signed with another secret as tampered', () => {
    const foreign = signAlertLink(OTHER_SECRET, {
      alertId: ALERT,
      recipient: OFFICER,
      expiresAt: NOW + 60_000,
    });
    expect(verifyAlertLink(SECRET, foreign, { now: NOW })).toEqual({ ok: false, reason: 'tampered' });
  });

  it('refuses a payload edited to another alert or a later expiry as tampered (property)', () => {
    const token = link();
    const [body, mac] = token.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    fc.assert(
      fc.property(fc.uuid(), fc.integer({ min: 1, max: 10 ** 7 }), (alertId, extraSeconds) => {
        for (const edited of [
          { ...payload, a: alertId },
          { ...payload, e: (payload.e as number) + extraSeconds },
          { ...payload, l: 'someone else', u: undefined },
        ]) {
          const forged = `${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${mac}`;
          expect(verifyAlertLink(SECRET, forged, { now: NOW })).toEqual({ ok: false, reason: 'tampered' });
        }
      }),
    );
  });

  it('never accepts a link with any one character changed (property)', () => {
    const token = link();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: token.length - 1 }),
        fc.constantFrom(...B64URL),
        (at, replacement) => {
          fc.pre(token[at] !== '.' && token[at] !== replacement);
          const changed = `${token.slice(0, at)}${replacement}${token.slice(at + 1)}`;
          const verdict = verifyAlertLink(SECRET, changed, { now: NOW });
          expect(verdict.ok).toBe(false);
          // A changed payload or MAC is tampering; only a MAC character whose spare bits change is not base64url
          // in canonical form, refused before any MAC is computed.
          expect(['tampered', 'malformed']).toContain(!verdict.ok && verdict.reason);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses cut, padded and foreign strings as malformed', () => {
    const token = link();
    for (const bad of [
      '',
      token.slice(0, -1),
      token.split('.')[0],
      `${token}.x`,
      `${token}=`,
      `x${token.slice(token.indexOf('.'))}x`,
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
      'a'.repeat(2000),
    ])
      expect(verifyAlertLink(SECRET, bad, { now: NOW })).toMatchObject({ ok: false });
    expect(verifyAlertLink(SECRET, token.slice(0, -1), { now: NOW })).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('refuses a correctly signed payload that is not a link (e.g. no recipient) as malformed', () => {
    const body = Buffer.from(JSON.stringify({ a: ALERT, e: NOW / 1000 + 60, n: 'x' })).toString('base64url');
    const mac = createHmac('sha256', SECRET).update('park-alert-link.v1.').update(body).digest('base64url');
    expect(verifyAlertLink(SECRET, `${body}.${mac}`, { now: NOW })).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('refuses to sign what no link may carry, and a short secret', () => {
    expect(() => link({ alertId: '' })).toThrow('alert id');
    expect(() => link({ recipient: { label: '  ' } })).toThrow('label');
    expect(() => link({ recipient: { userId: 'u', label: 'x' } as unknown as AlertLinkRecipient })).toThrow(
      'not both',
    );
    expect(() => signAlertLink('short', { alertId: ALERT, recipient: OFFICER, expiresAt: NOW })).toThrow(
      'secret',
    );
  });

  it('puts the token in the phone page’s address, under a base path if there is one', () => {
    expect(alertLinkUrl('https://park.example', 'abc.def')).toBe('https://park.example/m/alert?t=abc.def');
    expect(alertLinkUrl('https://gov.example/park/', 'abc.def')).toBe(
      'https://gov.example/park/m/alert?t=abc.def',
    );
  });

  it('gives the dispatcher an absolute URL valid for the TTL, or null without a public address or secret', () => {
    const settings = { secret: SECRET, publicBaseUrl: 'https://park.example', ttlMinutes: 30 };
    const url = alertLinkFor(
      settings,
      { alertId: ALERT, recipient: { label: '安环值班群' }, channel: 'wecom' },
      NOW,
    );
    expect(url).toMatch(/^https:\/\/park\.example\/m\/alert\?t=[\w-]+\.[\w-]{43}$/);
    const token = new URL(url!).searchParams.get('t')!;
    expect(verifyAlertLink(SECRET, token, { now: NOW + 30 * 60_000 - 1000 })).toMatchObject({
      ok: true,
      claims: { alertId: ALERT, recipient: { label: '安环值班群' }, channel: 'wecom' },
    });
    expect(verifyAlertLink(SECRET, token, { now: NOW + 30 * 60_000 })).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(alertLinkFor(null, { alertId: ALERT, recipient: OFFICER }, NOW)).toBeNull();
    expect(
      alertLinkFor({ ...settings, publicBaseUrl: '' }, { alertId: ALERT, recipient: OFFICER }, NOW),
    ).toBeNull();
  });

  it('names the person and the channel in the audit trail', () => {
    expect(alertLinkActor('王工', 'sms')).toBe('王工（短信链接）');
    expect(alertLinkActor('值班员', null)).toBe('值班员（手机链接）');
  });
});
