/**
 * E-mail over SMTP with nodemailer: the title as the subject, the facts as plain text and as a small HTML table,
 * sent to the recipient's address. Subject and body are UTF-8; nodemailer encodes the Chinese subject as RFC 2047
 * encoded words and the bodies as quoted-printable or base64.
 *
 * The answer is the server's: status = the SMTP reply code (250 when queued), answer = its reply line. A server that
 * refuses the message (5xx, a bad login) answers `{ ok: false }`; one that cannot be reached throws. nodemailer takes
 * no AbortSignal: an abort ends the wait at once, and the connection is bounded by its own timeouts.
 */
import { createTransport } from 'nodemailer';
import type { ChannelAdapter, NotificationMessage, ProviderAnswer, Recipient } from './channel';
import { ConfigReader, checked, type Checked } from './config-reader';
import { invalidConfigAnswer, trimAnswer } from './provider-http';
import { LINK_TEXT } from './robot-markdown';

export interface SmtpEmailConfig {
  readonly host: string;
  /** 465 with `secure` (TLS from the start), 587 or 25 without (STARTTLS when the server offers it). */
  readonly port: number;
  readonly secure: boolean;
  /** Login, or null for a relay that takes mail without one. */
  readonly user: string | null;
  readonly password: string | null;
  /** `园区安全监测 <alerts@park.example.cn>` or a bare address. */
  readonly from: string;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const FROM = /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;
const HOST = /^[a-zA-Z0-9.-]+$|^\[[0-9a-fA-F:]+\]$/;

/** Connection bounds (ms): a server that hangs fails the attempt instead of holding it. */
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

export function readSmtpConfig(config: unknown): Checked<SmtpEmailConfig> {
  const reader = new ConfigReader(config);
  const host = reader.text('host', 'SMTP 服务器', {
    max: 253,
    pattern: HOST,
    hint: '填写主机名，如 smtp.exmail.qq.com',
  });
  const secure = reader.flag('secure', '使用 SSL/TLS 加密连接', true);
  const port = reader.integer('port', '端口', 1, 65_535, secure ? 465 : 587);
  const user = reader.optionalText('user', '登录账号', { max: 320 });
  const password = reader.optionalText('password', '登录密码（授权码）', { max: 500 });
  if ((user === null) !== (password === null))
    reader.problems.push('登录账号和密码（授权码）应同时填写或同时留空');
  const from = reader.text('from', '发件人', {
    max: 320,
    pattern: FROM,
    hint: '填写邮箱地址，或“名称 <地址>”',
  });
  return checked(reader, { host, port, secure, user, password, from });
}

export function isEmailAddress(address: string): boolean {
  return EMAIL.test(address);
}

export function emailText(message: NotificationMessage): string {
  const lines = [message.title, '', ...message.lines.map(([label, value]) => `${label}：${value}`)];
  if (message.link) lines.push('', `${LINK_TEXT}：${message.link}`);
  return `${lines.join('\n')}\n`;
}

export function emailHtml(message: NotificationMessage): string {
  const rows = message.lines
    .map(([label, value]) => `<tr><th align="left">${html(label)}</th><td>${html(value)}</td></tr>`)
    .join('');
  const link = message.link ? `<p><a href="${html(message.link)}">${LINK_TEXT}</a></p>` : '';
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${html(message.title)}</title></head>` +
    `<body><h3>${html(message.title)}</h3><table cellpadding="4">${rows}</table>${link}</body></html>`
  );
}

function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The reply code at the start of an SMTP reply line ("250 2.0.0 Ok: queued as …"). */
export function smtpReplyCode(response: string | undefined): number | null {
  const match = /^(\d{3})[\s-]/.exec(response ?? '');
  return match ? Number(match[1]) : null;
}

interface SmtpFailure {
  readonly responseCode?: number;
  readonly response?: string;
  readonly message?: string;
}

export class SmtpEmailAdapter implements ChannelAdapter<SmtpEmailConfig> {
  readonly kind = 'email' as const;

  validate(config: unknown): string[] {
    return readSmtpConfig(config).problems;
  }

  async send(
    config: SmtpEmailConfig,
    message: NotificationMessage,
    recipient: Recipient | null,
    signal: AbortSignal,
  ): Promise<ProviderAnswer> {
    const valid = readSmtpConfig(config);
    if (!('config' in valid)) return invalidConfigAnswer(valid.problems);
    if (!recipient || !isEmailAddress(recipient.address)) {
      return { ok: false, status: null, answer: '收件人没有有效的邮箱地址，未发送' };
    }
    const { host, port, secure, user, password, from } = valid.config;
    const transport = createTransport({
      host,
      port,
      secure,
      auth: user !== null && password !== null ? { user, pass: password } : undefined,
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      greetingTimeout: GREETING_TIMEOUT_MS,
      socketTimeout: SOCKET_TIMEOUT_MS,
    });
    try {
      const sent = transport.sendMail({
        from,
        to: { name: recipient.name, address: recipient.address },
        subject: message.title,
        text: emailText(message),
        html: emailHtml(message),
        attachments: message.attachments?.map(({ filename, contentType, content }) => ({
          filename,
          contentType,
          content,
        })),
      });
      const info = await untilAborted(sent, signal);
      const code = smtpReplyCode(info.response);
      return { ok: code !== null && code < 400, status: code, answer: trimAnswer(info.response) };
    } catch (error) {
      const failure = error as SmtpFailure;
      // The server answered (a refused recipient, a failed login): its refusal, recorded as it came.
      if (typeof failure.responseCode === 'number') {
        return {
          ok: false,
          status: failure.responseCode,
          answer: trimAnswer(failure.response ?? failure.message ?? ''),
        };
      }
      throw error;
    } finally {
      transport.close();
    }
  }
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    // Settled either way, so a send that fails after the abort is never an unhandled rejection.
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
