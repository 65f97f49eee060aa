import type { Step } from '../testing/harness';
import { MINUTE, clears, opened, ruleOf, run } from '../testing/harness';

const RULE = ruleOf(
  'device-offline',
  { expectedIntervalMs: MINUTE },
  { metric: 'status', source: 'docs/rules.md' },
);
// 2025-06-01 09:00 Beijing time.
const T0 = Date.UTC(2025, 5, 1, 1, 0);
const seen = (minute: number, now = minute): Step => ({
  input: { kind: 'reading', ts: T0 + minute * MINUTE, values: { lel: 1 } },
  now: T0 + now * MINUTE,
});
const tick = (minute: number): Step => ({ input: { kind: 'tick' }, now: T0 + minute * MINUTE });
const status = (minute: number, s: 'online' | 'offline', cause?: string): Step => ({
  input: { kind: 'status', ts: T0 + minute * MINUTE, status: s, cause },
  now: T0 + minute * MINUTE,
});

describe('device-offline rule', () => {
  it('raises when nothing was heard for more than 3 intervals, once however often time ticks', () => {
    const r = run(RULE, [seen(0), tick(2), tick(3), tick(3.5), tick(4), tick(10)]);
    expect(r.perStep.slice(0, 3).flat()).toEqual([]); // 3 minutes silent is not yet more than 3 × 1 minute
    const [v] = r.perStep[3];
    expect(v).toMatchObject({
      action: 'trigger',
      change: 'opened',
      value: 3.5,
      limit: 3,
      unit: 'min',
      ts: T0 + 3.5 * MINUTE,
    });
    expect(v.explanation.zh).toBe(
      '设备已 3 分钟 30 秒未上报数据（最后一次 2025-06-01 09:00），超过 3 个上报周期（周期 1 分钟，合计 3 分钟）（依据 docs/rules.md）',
    );
    expect(opened(r.verdicts)).toHaveLength(1);
  });

  it('raises at once on a last-will "offline" status, and ignores a will older than the last reading', () => {
    const r = run(RULE, [seen(0), status(1, 'offline', 'last-will')]);
    expect(r.verdicts[0]).toMatchObject({ action: 'trigger', ts: T0 + MINUTE, value: 1 });
    expect(r.verdicts[0].explanation.zh).toBe(
      '设备已离线：2025-06-01 09:01 收到离线遗嘱消息，最后一次数据为 2025-06-01 09:00（依据 docs/rules.md）',
    );
    const stale = run(RULE, [seen(5), status(4, 'offline', 'last-will')]);
    expect(stale.verdicts).toEqual([]);
  });

  it('clears on the next fresh reading, saying how long the device was silent', () => {
    const r = run(RULE, [seen(0), tick(5), seen(12)]);
    const [v] = r.perStep[2];
    expect(v).toMatchObject({ action: 'clear', value: 12, unit: 'min', ts: T0 + 12 * MINUTE });
    expect(v.explanation.zh).toBe('设备于 2025-06-01 09:12 恢复上报数据（此前中断 12 分钟）');
  });

  it('does not clear on a back-filled old reading: only a fresh one proves the device is back', () => {
    const r = run(RULE, [seen(0), tick(5), seen(2, 30), seen(29, 30)]);
    expect(r.perStep[2]).toEqual([]);
    expect(r.perStep[3][0]).toMatchObject({ action: 'clear' });
    expect(clears(r.verdicts)).toHaveLength(1);
  });

  it('does not judge a device never heard from, nor an "online" status', () => {
    expect(run(RULE, [tick(100), status(101, 'online')]).verdicts).toEqual([]);
  });

  it('honours the factor and a per-device interval', () => {
    const slow = ruleOf('device-offline', { expectedIntervalMs: 15 * MINUTE, factor: 2 });
    const r = run(slow, [seen(0), tick(30), tick(31)]);
    expect(r.perStep[1]).toEqual([]);
    expect(r.perStep[2][0]).toMatchObject({ action: 'trigger', limit: 30 });
  });
});
