import { MINUTE, clears, opened, reading, ruleOf, run, triggers } from '../testing/harness';

// LEL at or above 10 %LEL for 5 minutes; readings every minute.
const RULE = ruleOf('sustained', { limit: 10, durationMs: 5 * MINUTE, maxGapMs: 2 * MINUTE, hysteresis: 1 });
const series = (values: number[], start = 0, every = MINUTE) =>
  values.map((v, i) => reading(start + i * every, 'lel', v));

describe('sustained rule', () => {
  it('raises once the value has held for the duration, saying for how long, the limit and the source', () => {
    const r = run(RULE, series([12, 12, 13, 12, 11, 12]));
    expect(r.perStep.slice(0, 5).flat()).toEqual([]);
    const [v] = r.perStep[5];
    expect(v).toMatchObject({
      action: 'trigger',
      change: 'opened',
      level: 1,
      severity: 'warning',
      value: 12,
      limit: 10,
    });
    expect(v.ts).toBe(5 * MINUTE);
    expect(v.explanation.zh).toBe(
      '可燃气体浓度 已连续 5 分钟高于或等于 10 %LEL（当前 12 %LEL），达到持续时间设定 5 分钟（依据 TEST-STD §1）',
    );
    expect(v.explanation.en).toContain('for 5 min');
  });

  it('starts over after a reading below the limit', () => {
    const r = run(RULE, series([12, 12, 12, 12, 9, 12, 12, 12, 12]));
    expect(triggers(r.verdicts)).toEqual([]);
  });

  it('starts over after a gap longer than maxGapMs: missing data is not evidence the condition held', () => {
    const steps = [...series([12, 12, 12]), ...series([12, 12, 12], 2 * MINUTE + 3 * MINUTE)];
    expect(triggers(run(RULE, steps).verdicts)).toEqual([]);
  });

  it('keeps confirming while the condition holds and clears only past the hysteresis band', () => {
    const r = run(RULE, series([12, 12, 12, 12, 12, 12, 13, 9.5, 9]));
    expect(r.perStep[6][0]).toMatchObject({ action: 'trigger', change: 'continuing' });
    expect(r.perStep[7]).toEqual([]); // 9.5 is inside the 1 %LEL band: still open, nothing said
    expect(r.perStep[8][0]).toMatchObject({ action: 'clear', value: 9 });
    expect(r.perStep[8][0].explanation.zh).toBe(
      '可燃气体浓度 恢复至 9 %LEL，回到 9 %LEL 以下（设定值 10 %LEL，回差 1 %LEL）',
    );
  });

  it('with a clear duration, clears only after the value stayed on the clear side that long', () => {
    const rule = ruleOf('sustained', { limit: 10, durationMs: 2 * MINUTE, clearDurationMs: 2 * MINUTE });
    const r = run(rule, series([11, 11, 11, 5, 5, 12, 5, 5, 5]));
    expect(opened(r.verdicts)).toHaveLength(1);
    expect(clears(r.verdicts)).toHaveLength(1);
    expect(r.perStep[8][0]).toMatchObject({ action: 'clear', ts: 8 * MINUTE });
    expect(r.perStep[8][0].explanation.en).toContain('stayed there for 2 min');
  });

  it('words a "below" rule the other way round', () => {
    const rule = ruleOf('sustained', { direction: 'below', limit: 19.5, durationMs: MINUTE, level: 2 });
    const [v] = run(rule, series([19, 19])).verdicts;
    expect(v).toMatchObject({ action: 'trigger', level: 2, severity: 'critical' });
    expect(v.explanation.zh).toContain('低于或等于 19.5 %LEL');
  });

  it('ignores a replayed reading and readings without its metric', () => {
    const steps = series([12, 12, 12, 12, 12, 12]);
    const once = run(RULE, steps);
    const again = run(
      RULE,
      [...steps, { input: { kind: 'reading', ts: 9 * MINUTE, values: { o2: 20 } } }],
      once.state,
    );
    expect(again.verdicts).toEqual([]);
    expect(again.state).toEqual(once.state);
  });
});
