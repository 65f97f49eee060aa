import fc from 'fast-check';
import type { Enrolment } from '../inputs';
import type { Step } from '../testing/harness';
import { MINUTE, clears, opened, ruleOf, run, triggers } from '../testing/harness';
import type { DeviceOfflineState } from './device-offline-rule';

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
/** A tick of the rules service, which knows since when it has watched the device (or that it was disabled). */
const watched = (minute: number, sinceMinute: number): Step => ({
  input: { kind: 'tick', enrolment: { enabled: true, since: T0 + sinceMinute * MINUTE } },
  now: T0 + minute * MINUTE,
});
const disabledTick = (minute: number): Step => ({
  input: { kind: 'tick', enrolment: { enabled: false } },
  now: T0 + minute * MINUTE,
});
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

describe('device-offline rule: devices never heard from, restarts and disabling', () => {
  it('judges a device never heard from from the moment it is watched, once', () => {
    // Enabled (or the service started) at minute 10; nothing ever arrives.
    const r = run(RULE, [
      watched(10, 10),
      watched(12, 10),
      watched(13, 10),
      watched(13.5, 10),
      watched(20, 10),
    ]);
    expect(r.perStep.slice(0, 3).flat()).toEqual([]); // 3 minutes of watch is not yet more than 3 × 1 minute
    const [v] = r.perStep[3];
    expect(v).toMatchObject({
      action: 'trigger',
      change: 'opened',
      value: 3.5,
      limit: 3,
      unit: 'min',
      ts: T0 + 13.5 * MINUTE,
    });
    expect(v.explanation.zh).toBe(
      '设备自 2025-06-01 09:10（设备启用或规则服务启动）起从未上报数据，已 3 分钟 30 秒，超过 3 个上报周期（周期 1 分钟，合计 3 分钟）（依据 docs/rules.md）',
    );
    expect(v.explanation.en).toContain('No data from the device ever');
    expect(opened(r.verdicts)).toHaveLength(1);
  });

  it('clears a never-heard device on its first fresh reading, saying since when it was watched', () => {
    const r = run(RULE, [watched(4, 0), seen(6)]);
    expect(r.perStep[0][0]).toMatchObject({ action: 'trigger', change: 'opened' });
    const [v] = r.perStep[1];
    expect(v).toMatchObject({ action: 'clear', value: 6, ts: T0 + 6 * MINUTE });
    expect(v.explanation.zh).toBe(
      '设备于 2025-06-01 09:06 首次上报数据（此前自 2025-06-01 09:00 起 6 分钟未收到数据）',
    );
  });

  it('after a restart counts silence from the restart, not from the last reading before it', () => {
    // Last reading at 0; the service was down and starts again at 30: the device is judged from 30, not from 0.
    const r = run(RULE, [seen(0), watched(30, 30), watched(32, 30), watched(33.5, 30)]);
    expect(r.perStep[0]).toEqual([]);
    expect(r.perStep[1]).toEqual([]);
    expect(r.perStep[2]).toEqual([]);
    const [v] = r.perStep[3];
    expect(v).toMatchObject({ action: 'trigger', change: 'opened', value: 33.5, limit: 3 });
    expect(v.explanation.zh).toBe(
      '设备已 33 分钟 30 秒未上报数据（最后一次 2025-06-01 09:00；自 2025-06-01 09:30（规则服务启动或设备启用）起计已 3 分钟 30 秒），超过 3 个上报周期（周期 1 分钟，合计 3 分钟）（依据 docs/rules.md）',
    );
  });

  it('a reading after the restart moves the count on, as before', () => {
    const r = run(RULE, [seen(0), watched(30, 30), seen(31), watched(34, 30), watched(34.5, 30)]);
    expect(r.perStep.slice(0, 4).flat()).toEqual([]);
    expect(r.perStep[4][0]).toMatchObject({ action: 'trigger', value: 3.5 });
    expect(r.perStep[4][0].explanation.zh).toContain('最后一次 2025-06-01 09:31）');
  });

  it('a device offline before the restart keeps its one open condition: no second trigger', () => {
    // Offline at minute 4; the stored state (through JSON, as the service keeps it) survives a restart at 60.
    const before = run(RULE, [seen(0), watched(4, 0)], null, true);
    expect(opened(before.verdicts)).toHaveLength(1);
    const after = run(RULE, [watched(60, 60), watched(64, 60), watched(200, 60)], before.state, true);
    expect(after.verdicts).toEqual([]);
    expect((after.state as DeviceOfflineState).offline).toBe(true);
  });

  it('clears an open offline condition when the device is disabled, and judges it afresh once enabled again', () => {
    const r = run(RULE, [watched(4, 0), disabledTick(5), disabledTick(6), watched(7, 7), watched(10.5, 7)]);
    expect(r.perStep[0][0]).toMatchObject({ action: 'trigger', change: 'opened' });
    const [cleared] = r.perStep[1];
    expect(cleared).toMatchObject({ action: 'clear', ts: T0 + 5 * MINUTE, value: 5 });
    expect(cleared.explanation.zh).toBe(
      '设备已停用，2025-06-01 09:05 起不再判定离线（停用前已 5 分钟未收到数据）',
    );
    expect(r.perStep[2]).toEqual([]); // a disabled device that is not offline: nothing to say
    expect(r.perStep[3]).toEqual([]); // enabled again at 7: watched from 7
    expect(r.perStep[4][0]).toMatchObject({ action: 'trigger', change: 'opened', value: 3.5 });
  });

  it('a disabled device that is not offline says nothing', () => {
    expect(run(RULE, [seen(0), disabledTick(100)]).verdicts).toEqual([]);
  });

  it('a last will of a device never heard from is remembered for the clear', () => {
    const r = run(RULE, [status(2, 'offline'), watched(10, 0), seen(11)]);
    expect(opened(r.verdicts)).toHaveLength(1);
    expect(r.perStep[2][0]).toMatchObject({ action: 'clear', value: 9 });
  });
});

/** A history of readings and ticks as the rules service produces them, with restarts of the service among them. */
const history = fc.array(
  fc.record({
    kind: fc.constantFrom('reading', 'reading', 'tick', 'tick', 'tick', 'restart'),
    gapS: fc.integer({ min: 1, max: 600 }),
  }),
  { maxLength: 60 },
);

interface Played {
  readonly kind: 'reading' | 'tick';
  readonly now: number;
  /** When the silence may count from: the later of the last reading and the latest (re)start. */
  readonly from: number;
  readonly offlineBefore: boolean;
  readonly verdicts: ReturnType<typeof run>['verdicts'];
}

/**
 * Plays a history through the rule, the state kept through JSON as the service stores it: readings at their time,
 * ticks carrying the enrolment since the latest restart (the first watch starts at T0).
 */
function play(
  events: readonly { kind: string; gapS: number }[],
  factor: number,
): { steps: Played[]; state: DeviceOfflineState | null } {
  const rule = ruleOf('device-offline', { expectedIntervalMs: MINUTE, factor });
  let t = T0;
  let since = T0;
  let lastSeen = -Infinity;
  let state: DeviceOfflineState | null = null;
  const out: Played[] = [];
  for (const e of events) {
    t += e.gapS * 1000;
    if (e.kind === 'restart') {
      since = t;
      continue;
    }
    const enrolment: Enrolment = { enabled: true, since };
    const step: Step =
      e.kind === 'reading'
        ? { input: { kind: 'reading', ts: t, values: { lel: 1 } }, now: t }
        : { input: { kind: 'tick', enrolment }, now: t };
    const r = run(rule, [step], state, true);
    out.push({
      kind: e.kind === 'reading' ? 'reading' : 'tick',
      now: t,
      from: Math.max(lastSeen, since),
      offlineBefore: state?.offline ?? false,
      verdicts: r.verdicts,
    });
    state = r.state as DeviceOfflineState;
    if (e.kind === 'reading') lastSeen = t;
  }
  return { steps: out, state };
}

describe('device-offline rule: properties of watching from enrolment', () => {
  it('a tick opens exactly when the device is not offline and k × interval has passed since the later of its last reading and the (re)start', () => {
    fc.assert(
      fc.property(history, fc.constantFrom(2, 3), (events, factor) => {
        for (const step of play(events, factor).steps) {
          if (step.kind === 'reading') {
            expect(triggers(step.verdicts)).toEqual([]);
            continue;
          }
          const due = !step.offlineBefore && step.now - step.from > factor * MINUTE;
          expect({ at: step.now, opened: opened(step.verdicts).length }).toEqual({
            at: step.now,
            opened: due ? 1 : 0,
          });
          expect(step.verdicts.filter((v) => v.action === 'clear')).toEqual([]);
        }
      }),
    );
  });

  it('after a restart, nothing opens within k × interval for a device that was not offline, however long the service was down', () => {
    fc.assert(
      fc.property(
        history,
        fc.constantFrom(2, 3),
        fc.integer({ min: 0, max: 24 * 3600 }),
        (events, factor, downS) => {
          const { steps, state } = play(events, factor);
          fc.pre(state !== null && !state.offline);
          const rule = ruleOf('device-offline', { expectedIntervalMs: MINUTE, factor });
          const restart = (steps[steps.length - 1]?.now ?? T0) + downS * 1000;
          const ticks: Step[] = [];
          for (let t = restart; t <= restart + factor * MINUTE; t += 5_000)
            ticks.push({ input: { kind: 'tick', enrolment: { enabled: true, since: restart } }, now: t });
          const after = run(rule, ticks, state, true);
          expect(after.verdicts).toEqual([]);
          // … and the first tick past it opens, once.
          const late = run(
            rule,
            [
              {
                input: { kind: 'tick', enrolment: { enabled: true, since: restart } },
                now: restart + factor * MINUTE + 1,
              },
              {
                input: { kind: 'tick', enrolment: { enabled: true, since: restart } },
                now: restart + 10 * factor * MINUTE,
              },
            ],
            after.state,
            true,
          );
          expect(opened(late.verdicts)).toHaveLength(1);
        },
      ),
    );
  });
});
