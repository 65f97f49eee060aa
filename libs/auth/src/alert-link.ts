import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The signed alert link (docs/security-auth.md, "The signed alert link"): what a notification message links to, so
 * that the person it was sent to can open that one alert on a phone, acknowledge it and resolve it with a note —
 * without a login, and without the link opening anything else.
 *
 * A token is `<payload>.<mac>`, both base64url: the payload a small JSON object (alert id, recipient, channel,
 * expiry in epoch seconds, a random nonce), the MAC HMAC-SHA256 over a fixed label and the payload with a server
 * secret (ALERT_LINK_SECRET). No JWT: one algorithm and no header to negotiate it, and a token about 40 characters
 * shorter, which counts in an SMS. The MAC is checked, in constant time, before anything in the payload is read.
 */

/** Where the web app shows an alert link (apps/web/src/mobile): `/m/alert?t=<token>`. */
export const ALERT_LINK_PATH = '/m/alert';

/** The channels a link can be sent through; each names the link in the alert's audit trail. */
export const ALERT_LINK_CHANNELS = ['sms', 'email', 'wecom', 'dingtalk', 'feishu'] as const;
export type AlertLinkChannel = (typeof ALERT_LINK_CHANNELS)[number];

const CHANNEL_MARKERS: Readonly<Record<AlertLinkChannel | 'link', string>> = {
  sms: '短信链接',
  email: '邮件链接',
  wecom: '企业微信链接',
  dingtalk: '钉钉链接',
  feishu: '飞书链接',
  link: '手机链接',
};

/** Whom a link was sent to: a user account (its name is looked up when the link is used), or a label. */
export type AlertLinkRecipient =
  | { readonly userId: string; readonly label?: undefined }
  /** Someone without an account, or a group: e.g. `企业安全员 王工`, `安环值班群`. */
  | { readonly label: string; readonly userId?: undefined };

/** What a valid token says. */
export interface AlertLinkClaims {
  readonly alertId: string;
  readonly recipient: AlertLinkRecipient;
  /** The channel the link went out on; null when the sender did not say. */
  readonly channel: AlertLinkChannel | null;
  /** When the link stops working, epoch ms (whole seconds). */
  readonly expiresAt: number;
  /** Random, so that two messages about one alert to one person carry different links. */
  readonly nonce: string;
}

export interface SignAlertLinkInput {
  readonly alertId: string;
  readonly recipient: AlertLinkRecipient;
  readonly channel?: AlertLinkChannel | null;
  /** Epoch ms; kept to the second. */
  readonly expiresAt: number;
  /** Defaults to 72 random bits. */
  readonly nonce?: string;
}

/**
 * Why a token is refused, each with its own message on the phone page:
 * - `malformed`: not a link token at all (cut short by a mail client, a typing error);
 * - `tampered`: the MAC does not match — changed, or signed with another secret;
 * - `expired`: authentic, but past its expiry;
 * - `wrong-alert`: authentic and current, but for another alert than the caller expected.
 */
export const ALERT_LINK_REFUSALS = ['malformed', 'tampered', 'expired', 'wrong-alert'] as const;
export type AlertLinkRefusal = (typeof ALERT_LINK_REFUSALS)[number];

export type AlertLinkVerdict =
  | { readonly ok: true; readonly claims: AlertLinkClaims }
  | { readonly ok: false; readonly reason: AlertLinkRefusal };

/** The shortest secret accepted, as for the other HMAC secrets (libs/config `secret`). */
export const ALERT_LINK_SECRET_MIN_LENGTH = 32;
const MAX_ID_LENGTH = 64;
const MAX_LABEL_LENGTH = 64;
/** Domain separation: a MAC made for anything else with the same secret never verifies as a link. */
const MAC_LABEL = 'park-alert-link.v1.';
const MAC_BYTES = 32;
const MAX_TOKEN_LENGTH = 1024;

interface Payload {
  /** alert id */
  a: string;
  /** recipient user id */
  u?: string;
  /** recipient label */
  l?: string;
  /** channel */
  c?: AlertLinkChannel;
  /** expiry, epoch seconds */
  e: number;
  /** nonce */
  n: string;
}

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(MAC_LABEL).update(payload).digest();
}

function checkSecret(secret: string): void {
  if (secret.length < ALERT_LINK_SECRET_MIN_LENGTH)
    throw new Error(`alert link secret shorter than ${ALERT_LINK_SECRET_MIN_LENGTH} characters`);
}

/** Signs a link token. Throws for input no link may carry (an empty or overlong id or label, both or neither). */
export function signAlertLink(secret: string, input: SignAlertLinkInput): string {
  checkSecret(secret);
  const { alertId, recipient } = input;
  if (!alertId || alertId.length > MAX_ID_LENGTH) throw new Error('alert link: alert id empty or too long');
  const hasUser = recipient.userId !== undefined;
  if (hasUser === (recipient.label !== undefined))
    throw new Error('alert link: the recipient is a user id or a label, not both or neither');
  if (hasUser && (!recipient.userId || recipient.userId.length > MAX_ID_LENGTH))
    throw new Error('alert link: recipient user id empty or too long');
  if (!hasUser && (!recipient.label?.trim() || recipient.label.length > MAX_LABEL_LENGTH))
    throw new Error(`alert link: recipient label empty or over ${MAX_LABEL_LENGTH} characters`);
  if (!Number.isFinite(input.expiresAt)) throw new Error('alert link: expiry is not a time');
  const payload: Payload = {
    a: alertId,
    ...(hasUser ? { u: recipient.userId } : { l: recipient.label.trim() }),
    ...(input.channel ? { c: input.channel } : {}),
    e: Math.floor(input.expiresAt / 1000),
    n: input.nonce ?? randomBytes(9).toString('base64url'),
  };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

export interface VerifyAlertLinkOptions {
  /** Epoch ms. */
  readonly now: number;
  /** When given, a link for any other alert is refused as `wrong-alert`. */
  readonly alertId?: string;
}

/** Checks a token: its MAC (constant time), then its payload, then its expiry, then (if asked) its alert. */
export function verifyAlertLink(
  secret: string,
  token: string,
  options: VerifyAlertLinkOptions,
): AlertLinkVerdict {
  checkSecret(secret);
  const refuse = (reason: AlertLinkRefusal): AlertLinkVerdict => ({ ok: false, reason });
  if (token.length > MAX_TOKEN_LENGTH) return refuse('malformed');
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return refuse('malformed');
  const [, body, sent] = match;
  const given = Buffer.from(sent, 'base64url');
  if (given.length !== MAC_BYTES || given.toString('base64url') !== sent) return refuse('malformed');
  if (!timingSafeEqual(given, mac(secret, body))) return refuse('tampered');
  // Authentic from here on: the server wrote this payload, so a bad shape is a server bug, still refused.
  const claims = claimsOf(body);
  if (!claims) return refuse('malformed');
  if (options.now >= claims.expiresAt) return refuse('expired');
  if (options.alertId !== undefined && options.alertId !== claims.alertId) return refuse('wrong-alert');
  return { ok: true, claims };
}

function claimsOf(body: string): AlertLinkClaims | null {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const p = raw as Partial<Record<keyof Payload, unknown>>;
  const text = (v: unknown, max: number): v is string =>
    typeof v === 'string' && v.length > 0 && v.length <= max;
  if (!text(p.a, MAX_ID_LENGTH) || !text(p.n, 64) || typeof p.e !== 'number' || !Number.isSafeInteger(p.e))
    return null;
  const recipient: AlertLinkRecipient | null = text(p.u, MAX_ID_LENGTH)
    ? { userId: p.u }
    : text(p.l, MAX_LABEL_LENGTH)
      ? { label: p.l }
      : null;
  if (!recipient) return null;
  const channel = ALERT_LINK_CHANNELS.find((c) => c === p.c) ?? null;
  if (p.c !== undefined && channel === null) return null;
  return { alertId: p.a, recipient, channel, expiresAt: p.e * 1000, nonce: p.n };
}

/** The page's absolute address for a token: `<baseUrl>/m/alert?t=<token>`, keeping a path baseUrl may have. */
export function alertLinkUrl(baseUrl: string, token: string): string {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${ALERT_LINK_PATH}`;
  url.search = new URLSearchParams({ t: token }).toString();
  url.hash = '';
  return url.toString();
}

/** How the alert's audit trail names someone who acted through a link: `王工（短信链接）`. */
export function alertLinkActor(name: string, channel: AlertLinkChannel | null): string {
  return `${name}（${CHANNEL_MARKERS[channel ?? 'link']}）`;
}

/** The signing side's settings: ALERT_LINK_SECRET, PUBLIC_BASE_URL and ALERT_LINK_TTL_MINUTES (libs/config). */
export interface AlertLinkSettings {
  readonly secret: string;
  /** Where people open the web platform, e.g. `https://park.example`. */
  readonly publicBaseUrl: string;
  readonly ttlMinutes: number;
}

/** The settings from an app's configuration (libs/config `alertLinkSpec`); null when it has no link secret. */
export function alertLinkSettingsOf(config: {
  readonly PUBLIC_BASE_URL: string;
  readonly ALERT_LINK_SECRET: string;
  readonly ALERT_LINK_TTL_MINUTES: number;
}): AlertLinkSettings | null {
  if (!config.ALERT_LINK_SECRET) return null;
  return {
    secret: config.ALERT_LINK_SECRET,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    ttlMinutes: config.ALERT_LINK_TTL_MINUTES,
  };
}

/** What the notification dispatcher knows when it words a message for one recipient. */
export interface AlertLinkRequest {
  readonly alertId: string;
  readonly recipient: AlertLinkRecipient;
  readonly channel?: AlertLinkChannel | null;
}

/**
 * The dispatcher's one call: the absolute, signed address of the alert's phone page for this recipient, valid for
 * ALERT_LINK_TTL_MINUTES from `now` (epoch ms) — or null when the platform has no public address or no link secret
 * (the message then goes out without a link; docs/notifications.md, "手机处置链接 / The signed alert link").
 */
export function alertLinkFor(
  settings: AlertLinkSettings | null,
  request: AlertLinkRequest,
  now: number,
): string | null {
  if (!settings || !settings.secret || !settings.publicBaseUrl) return null;
  const token = signAlertLink(settings.secret, {
    alertId: request.alertId,
    recipient: request.recipient,
    channel: request.channel ?? null,
    expiresAt: now + settings.ttlMinutes * 60_000,
  });
  return alertLinkUrl(settings.publicBaseUrl, token);
}
