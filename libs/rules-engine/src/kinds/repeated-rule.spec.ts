import { MINUTE, clears, opened, reading, ruleOf, run, triggers } from '../testing/harness';

// Three excursions to 10 %LEL or more within 30 minutes; re-armed below 8 %LEL.
const RULE = ruleOf('repeated', { limit: 10, count: 3, windowMs: 30 * MINUTE, hysteresis: 2 });
const at = (minute: number, value: number) => reading(minute * MINUTE, 'lel', value);

describe('repeated rule', () => {
  it('raises on the third excursion within the window, counting each excursion once', () => {
    const r = run(RULE, [at(0, 12), at(1, 14), at(2, 3), at(10, 11), at(11, 2), at(20, 10)]);
    expect(r.perStep.slice(0, 5).flat()).toEqual([]);
    const [v] = r.perStep[5];
    expect(v).toMatchObject({ action: 'trigger', change: 'opened', value: 10, limit: 10, ts: 20 * MINUTE });
    expect(v.explanation.zh).toBe(
      '可燃气体浓度 在 30 分钟内已 3 次达到或超过 10 %LEL（本次 10 %LEL），达到设定次数 3 次（依据 TEST-STD §1）',
    );
    expect(v.explanation.en).toContain('3 times within 30 min');
  });

  it('does not count a dip inside the hysteresis band as a new excursion', () => {
    const r = run(RULE, [at(0, 12), at(1, 9), at(2, 12), at(3, 9), at(4, 12)]);
    expect(triggers(r.verdicts)).toEqual([]);
  });

  it('forgets excursions older than the window', () => {
    const r = run(RULE, [at(0, 12), at(1, 0), at(20, 12), at(21, 0), at(31, 12)]);
    expect(triggers(r.verdicts)).toEqual([]);
  });

  it('confirms each further excursion while open, and clears after a quiet window on the clear side', () => {
    const r = run(RULE, [
      at(0, 12),
      at(1, 0),
      at(2, 12),
      at(3, 0),
      at(4, 12),
      at(5, 0),
      at(6, 12),
      at(7, 0),
      at(36, 1),
    ]);
    expect(opened(r.verdicts)).toHaveLength(1);
    expect(r.perStep[6][0]).toMatchObject({ action: 'trigger', change: 'continuing' });
    expect(r.perStep[7]).toEqual([]);
    expect(r.perStep[8][0]).toMatchObject({ action: 'clear', value: 1 });
    expect(r.perStep[8][0].explanation.zh).toBe('可燃气体浓度 已 30 分钟未再超过 10 %LEL，当前 1 %LEL');
    expect(clears(r.verdicts)).toHaveLength(1);
  });

  it('takes its own quiet time to clear', () => {
    const rule = ruleOf('repeated', { limit: 10, count: 2, windowMs: 10 * MINUTE, quietMs: 60 * MINUTE });
    const r = run(rule, [at(0, 12), at(1, 0), at(2, 12), at(3, 0), at(40, 0), at(62, 0)]);
    expect(r.perStep[4]).toEqual([]);
    expect(r.perStep[5][0]).toMatchObject({ action: 'clear' });
  });
});
