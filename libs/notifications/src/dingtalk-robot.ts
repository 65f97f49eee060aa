/**
 * 钉钉 custom robot (自定义机器人) with the 加签 security setting: a markdown message POSTed to the webhook address
 * with `&timestamp=…&sign=…` appended. Documentation (自定义机器人安全设置, 加签):
 * https://open.dingtalk.com/document/robots/customize-robot-security-settings —
 *
 *   "把 timestamp+"\n"+密钥 当做签名字符串，使用 HmacSHA256 算法计算签名，然后进行 Base64 encode，最后再把签名参数
 *    再进行 urlEncode，得到最终的签名（需要使用 UTF-8 字符集）。" timestamp is in milliseconds and may differ from
 *    the robot's clock by at most one hour; the secret is the `SEC…` string of the robot's 加签 setting.
 *
 * Body `{"msgtype":"markdown","markdown":{"title":…,"text":…}}`; `{"errcode":0,"errmsg":"ok"}` means sent, 310000
 * is a refused signature or timestamp, 300005 an unknown access_token.
 */
import { createHmac } from 'node:crypto';
import { SystemClock, type Clock } from '@park/clock';
import type { ChannelAdapter, NotificationMessage, ProviderAnswer, Recipient } from './channel';
import { ConfigReader, checked, type Checked } from './config-reader';
import { httpAnswer, invalidConfigAnswer, jsonOf, postJson } from './provider-http';
import { robotMarkdown } from './robot-markdown';

/** Our own bound on the markdown text (钉钉 documents none for markdown; 企业微信's 4096 bytes fits both). */
export const DINGTALK_MARKDOWN_MAX_BYTES = 4_096;

export interface DingtalkRobotConfig {
  /** https://oapi.dingtalk.com/robot/send?access_token=… */
  readonly webhookUrl: string;
  /** The 加签 secret, `SEC…`. */
  readonly secret: string;
}

/** base64(HMAC-SHA256(key, message)), both UTF-8: the step 钉钉 and 飞书 share (飞书 with an empty message). */
export function hmacSha256Base64(key: string, message: string): string {
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(Buffer.from(message, 'utf8')).digest('base64');
}

/** The `sign` query value for `timestamp` (ms): urlEncode(base64(HmacSHA256(secret, timestamp + "\n" + secret))). */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return encodeURIComponent(hmacSha256Base64(secret, `${timestampMs}\n${secret}`));
}

/** The webhook address with the signature appended, as 钉钉 documents it. */
export function dingtalkSignedUrl(webhookUrl: string, secret: string, timestampMs: number): string {
  return `${webhookUrl}&timestamp=${timestampMs}&sign=${dingtalkSign(secret, timestampMs)}`;
}

export function readDingtalkConfig(config: unknown): Checked<DingtalkRobotConfig> {
  const reader = new ConfigReader(config);
  const url = reader.url('webhookUrl', 'Webhook 地址', { query: 'access_token' });
  const secret = reader.text('secret', '加签密钥', {
    max: 200,
    pattern: /^SEC[0-9a-zA-Z]+$/,
    hint: '应为机器人安全设置“加签”一栏中以 SEC 开头的字符串',
  });
  return checked(reader, { webhookUrl: url?.toString() ?? '', secret });
}

export function dingtalkBody(message: NotificationMessage): {
  msgtype: 'markdown';
  markdown: { title: string; text: string };
} {
  return {
    msgtype: 'markdown',
    // The title is what the chat list and the phone's notification show.
    markdown: { title: message.title, text: robotMarkdown(message, DINGTALK_MARKDOWN_MAX_BYTES, '\n\n') },
  };
}

export class DingtalkRobotAdapter implements ChannelAdapter<DingtalkRobotConfig> {
  readonly kind = 'dingtalk' as const;

  constructor(private readonly clock: Clock = new SystemClock()) {}

  validate(config: unknown): string[] {
    return readDingtalkConfig(config).problems;
  }

  async send(
    config: DingtalkRobotConfig,
    message: NotificationMessage,
    _recipient: Recipient | null,
    signal: AbortSignal,
  ): Promise<ProviderAnswer> {
    const valid = readDingtalkConfig(config);
    if (!('config' in valid)) return invalidConfigAnswer(valid.problems);
    const url = dingtalkSignedUrl(valid.config.webhookUrl, valid.config.secret, this.clock.now());
    const reply = await postJson(url, dingtalkBody(message), signal);
    return httpAnswer(reply, jsonOf(reply)?.errcode === 0);
  }
}
