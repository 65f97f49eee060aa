import type { AlertEvent, AlertView } from '@park/contracts';
import { DIGEST_MAX_LINES, digestMessage } from './digest-message';

/** 2026-12-07 07:30 Beijing time. */
const T = Date.UTC(2026, 11, 6, 23, 30);

function opened(id: string, openedAt: number, overrides: Partial<AlertView> = {}): AlertEvent {
  const alert = {
    id,
    ruleId: 'r',
    ruleName: { zh: '设备离线', en: 'Device offline' },
    deviceId: 'd',
    deviceName: '1 号水表',
    location: null,
    enterpriseId: 'e',
    enterpriseName: '华源化工',
    metric: 'offline',
    unit: 'min',
    value: 35,
    limit: 30,
    level: 1,
    severity: 'info',
    status: 'open',
    count: 1,
    openedAt,
    lastSeenAt: openedAt,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    resolutionNote: null,
    explanation: { zh: '', en: '' },
    ...overrides,
  } satisfies AlertView;
  return { v: 1, seq: openedAt, type: 'opened', at: openedAt, actor: null, alert };
}

describe('the daily digest message', () => {
  it('says how many info alerts, then one line each, newest first', () => {
    const message = digestMessage(
      '2026-12-07',
      [opened('a', T - 3_600_000), opened('b', T, { enterpriseName: '恒力纺织', deviceName: '2 号电表' })],
      'https://park.example/alerts',
    );
    expect(message?.title).toBe('【每日摘要】12月7日 提示 2 条');
    expect(message?.lines).toEqual([
      ['2026-12-07 07:30', '恒力纺织 · 设备离线 · 2 号电表'],
      ['2026-12-07 06:30', '华源化工 · 设备离线 · 1 号水表'],
    ]);
    expect(message?.link).toBe('https://park.example/alerts');
    expect(message?.event?.alert.id).toBe('b');
  });

  it('counts what it does not list', () => {
    const many = Array.from({ length: DIGEST_MAX_LINES + 5 }, (_, i) => opened(`a${i}`, T - i * 60_000));
    const message = digestMessage('2026-12-07', many, null);
    expect(message?.lines).toHaveLength(DIGEST_MAX_LINES + 1);
    expect(message?.lines.at(-1)).toEqual(['其余', '另有 5 条，见报警历史']);
  });

  it('is nothing for a quiet day', () => {
    expect(digestMessage('2026-12-07', [], null)).toBeNull();
  });
});
