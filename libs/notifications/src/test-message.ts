import type { AlertEvent } from '@park/contracts';
import type { NotificationMessage } from './channel';

/**
 * The message of 发送测试消息: worded like an alert's (the same title and lines an adapter formats), but saying
 * plainly that it is a test and needs nothing done. Its `event` is a made-up info alert of no enterprise, for the
 * adapters that fill provider template parameters from the event (SMS); it is never stored as an alert.
 */
export function testMessage(channelName: string, now: number): NotificationMessage {
  const event: AlertEvent = {
    v: 1,
    seq: 0,
    type: 'opened',
    at: now,
    actor: null,
    alert: {
      id: '00000000-0000-0000-0000-000000000000',
      ruleId: 'notification-test',
      ruleName: { zh: '通知渠道测试', en: 'Notification channel test' },
      deviceId: '',
      deviceName: '测试消息',
      location: null,
      enterpriseId: '',
      enterpriseName: '（测试，无企业）',
      metric: '',
      unit: '',
      value: 0,
      limit: 0,
      level: 1,
      severity: 'info',
      status: 'open',
      count: 1,
      openedAt: now,
      lastSeenAt: now,
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      resolvedBy: null,
      resolutionNote: null,
      explanation: { zh: '这是一条测试消息，无需处理。', en: 'A test message; nothing to do.' },
    },
  };
  return {
    title: '【测试消息】通知渠道测试',
    lines: [
      ['渠道', channelName],
      ['时间', shanghaiTime(now)],
      ['说明', '收到这条消息，说明渠道设置正确；这不是报警，无需处理。'],
    ],
    link: null,
    event,
  };
}

/** `2026-12-07 16:52` in the park's time (Asia/Shanghai, UTC+8, no daylight saving). */
function shanghaiTime(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
