/**
 * 飞书 custom bot (自定义机器人) with 签名校验: a rich-text (`post`) message POSTed to the webhook address, the
 * timestamp and signature in the body. Documentation (自定义机器人使用指南, 签名校验):
 * https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot —
 *
 *   "把 timestamp + "\n" + 密钥 当做签名字符串，使用 HmacSHA256 算法计算签名，再进行 Base64 编码"; timestamp in
 *   seconds, within one hour of the current time. Its sample code (Java, Go, Python) uses the string to sign as the
 *   HMAC *key* over an empty message — that is what the bot checks, unlike 钉钉, which uses the secret as the key.
 *
 * The answer `{"code":0,"msg":"success","data":{}}` means sent (older bots answered `{"StatusCode":0,…}`);
 * 19021 is a refused signature or timestamp, 19001 an unknown hook.
 */
import { SystemClock, type Clock } from '@park/clock';
import type { ChannelAdapter, NotificationMessage, ProviderAnswer, Recipient } from './channel';
import { ConfigReader, checked, type Checked } from './config-reader';
import { hmacSha256Base64 } from './dingtalk-robot';
import { httpAnswer, invalidConfigAnswer, jsonOf, postJson } from './provider-http';
import { LINK_TEXT } from './robot-markdown';

export interface FeishuBotConfig {
  /** https://open.feishu.cn/open-apis/bot/v2/hook/… */
  readonly webhookUrl: string;
  /** The 签名校验 secret. */
  readonly secret: string;
}

/** base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = empty)). */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return hmacSha256Base64(`${timestampSeconds}\n${secret}`, '');
}

export function readFeishuConfig(config: unknown): Checked<FeishuBotConfig> {
  const reader = new ConfigReader(config);
  const url = reader.url('webhookUrl', 'Webhook 地址');
  const secret = reader.text('secret', '签名校验密钥', { max: 200 });
  return checked(reader, { webhookUrl: url?.toString() ?? '', secret });
}

type PostElement = { tag: 'text'; text: string } | { tag: 'a'; text: string; href: string };

/** The rich-text message: the title, one paragraph per fact, the link last. No markup to escape: text is text. */
export function feishuBody(message: NotificationMessage, secret: string, timestampSeconds: number) {
  const content: PostElement[][] = message.lines.map(([label, value]) => [
    { tag: 'text', text: `${label}：${value}` },
  ]);
  if (message.link) content.push([{ tag: 'a', text: LINK_TEXT, href: message.link }]);
  return {
    timestamp: String(timestampSeconds),
    sign: feishuSign(secret, timestampSeconds),
    msg_type: 'post' as const,
    content: { post: { zh_cn: { title: message.title, content } } },
  };
}

export class FeishuBotAdapter implements ChannelAdapter<FeishuBotConfig> {
  readonly kind = 'feishu' as const;

  constructor(private readonly clock: Clock = new SystemClock()) {}

  validate(config: unknown): string[] {
    return readFeishuConfig(config).problems;
  }

  async send(
    config: FeishuBotConfig,
    message: NotificationMessage,
    _recipient: Recipient | null,
    signal: AbortSignal,
  ): Promise<ProviderAnswer> {
    const valid = readFeishuConfig(config);
    if (!('config' in valid)) return invalidConfigAnswer(valid.problems);
    const timestamp = Math.floor(this.clock.now() / 1000);
    const reply = await postJson(
      valid.config.webhookUrl,
      feishuBody(message, valid.config.secret, timestamp),
      signal,
    );
    const json = jsonOf(reply);
    const accepted = json !== null && (json.code === 0 || (json.code === undefined && json.StatusCode === 0));
    return httpAnswer(reply, accepted);
  }
}
