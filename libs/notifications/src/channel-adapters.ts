/**
 * One adapter per channel kind. The dispatcher looks an admin's channel up by its kind here; the adapters share the
 * clock they sign with (a test passes a ManualClock).
 */
import { SystemClock, type Clock } from '@park/clock';
import { AliyunSmsAdapter } from './aliyun-sms';
import type { ChannelAdapter, ChannelKind } from './channel';
import { DingtalkRobotAdapter } from './dingtalk-robot';
import { FeishuBotAdapter } from './feishu-bot';
import { SmtpEmailAdapter } from './smtp-email';
import { TencentSmsAdapter } from './tencent-sms';
import { WecomRobotAdapter } from './wecom-robot';

export type ChannelAdapters = Readonly<Record<ChannelKind, ChannelAdapter>>;

export function createChannelAdapters(clock: Clock = new SystemClock()): ChannelAdapters {
  return {
    wecom: new WecomRobotAdapter(),
    dingtalk: new DingtalkRobotAdapter(clock),
    feishu: new FeishuBotAdapter(clock),
    email: new SmtpEmailAdapter(),
    'aliyun-sms': new AliyunSmsAdapter(clock),
    'tencent-sms': new TencentSmsAdapter(clock),
  };
}

/** The adapters on the system clock. */
export const CHANNEL_ADAPTERS: ChannelAdapters = createChannelAdapters();
