/**
 * 企业微信 group robot (群机器人): a markdown message POSTed to the robot's webhook address, whose `key` parameter is
 * the robot's only credential. Documentation: https://developer.work.weixin.qq.com/document/path/91770 — body
 * `{"msgtype":"markdown","markdown":{"content":…}}`, content at most 4096 bytes of UTF-8; the answer
 * `{"errcode":0,"errmsg":"ok"}` means sent (HTTP 200 with another errcode is a refusal, e.g. 93000 for a wrong key).
 */
import type { ChannelAdapter, NotificationMessage, ProviderAnswer, Recipient } from './channel';
import { ConfigReader, checked, type Checked } from './config-reader';
import { httpAnswer, invalidConfigAnswer, jsonOf, postJson } from './provider-http';
import { robotMarkdown } from './robot-markdown';

export const WECOM_MARKDOWN_MAX_BYTES = 4_096;

export interface WecomRobotConfig {
  /** https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… as the group's robot settings show it. */
  readonly webhookUrl: string;
}

export function readWecomConfig(config: unknown): Checked<WecomRobotConfig> {
  const reader = new ConfigReader(config);
  const url = reader.url('webhookUrl', 'Webhook 地址', { query: 'key' });
  return checked(reader, { webhookUrl: url?.toString() ?? '' });
}

export function wecomBody(message: NotificationMessage): {
  msgtype: 'markdown';
  markdown: { content: string };
} {
  return {
    msgtype: 'markdown',
    markdown: { content: robotMarkdown(message, WECOM_MARKDOWN_MAX_BYTES, '\n') },
  };
}

export class WecomRobotAdapter implements ChannelAdapter<WecomRobotConfig> {
  readonly kind = 'wecom' as const;

  validate(config: unknown): string[] {
    return readWecomConfig(config).problems;
  }

  async send(
    config: WecomRobotConfig,
    message: NotificationMessage,
    _recipient: Recipient | null,
    signal: AbortSignal,
  ): Promise<ProviderAnswer> {
    const valid = readWecomConfig(config);
    if (!('config' in valid)) return invalidConfigAnswer(valid.problems);
    const reply = await postJson(valid.config.webhookUrl, wecomBody(message), signal);
    return httpAnswer(reply, jsonOf(reply)?.errcode === 0);
  }
}
